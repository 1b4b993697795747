// SPDX-License-Identifier: GPL-3.0-or-later
// Proves that the fake Ollama behaves as the gateway tests rely on: NDJSON
// and SSE framing, usage chunks, the Host check, request records, aborts and
// held streams.
#include "FakeOllama.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int replyTimeoutMs = 10 * 1000;

const QByteArray chatBody = R"({"model":"llama3.2","messages":[{"role":"user","content":"hi"}]})"_ba;

QList<QByteArray> nonEmptyLines(const QByteArray &body)
{
    QList<QByteArray> lines = body.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// The JSON payloads of an SSE body, "[DONE]" included as an empty object.
QList<QByteArray> eventPayloads(const QByteArray &body)
{
    QList<QByteArray> payloads;
    for (const QByteArray &event : body.split('\n')) {
        if (event.startsWith("data: "))
            payloads.append(event.mid(6));
    }
    return payloads;
}

// Splits a chunked HTTP/1.1 body into its chunks (RFC 9112 section 7.1).
// Returns false when the framing is broken.
bool decodeChunks(QByteArray body, QList<QByteArray> *chunks)
{
    while (true) {
        const qsizetype lineEnd = body.indexOf("\r\n");
        if (lineEnd < 0)
            return false;
        bool ok = false;
        const qsizetype size = body.left(lineEnd).toLongLong(&ok, 16);
        if (!ok || body.size() < lineEnd + 2 + size + 2)
            return false;
        if (size == 0)
            return true;
        chunks->append(body.mid(lineEnd + 2, size));
        body.remove(0, lineEnd + 2 + size + 2);
    }
}

} // namespace

class TestFakeOllama final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void chatStreamsNdjsonLines();
    void firstLineArrivesBeforeDone();
    void nonStreamingChatIsOneObject();
    void equivalentModelNamesAreAccepted_data();
    void equivalentModelNamesAreAccepted();
    void unknownModelReturns404();
    void missingBodyReturns400();
    void streamWithoutIncludeUsageHasNoUsage();
    void streamWithIncludeUsageEndsWithUsageChunk();
    void foreignHostGets403WithEmptyBody();
    void loopbackHostIsAccepted();
    void requestsAreRecorded();
    void resetForgetsRequests();
    void clientDisconnectIsRecordedAsAbort();
    void heldStreamContinuesAfterRelease();
    void byteSplitCutsInsideCharacters();

private:
    QNetworkReply *post(const QString &path, const QByteArray &body,
                        const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    QByteArray rawExchange(const QByteArray &request);

    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestFakeOllama::init()
{
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY2(m_fake->start(), qPrintable(m_fake->errorString()));
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
}

void TestFakeOllama::cleanup()
{
    m_network.reset();
    m_fake.reset();
}

QNetworkReply *TestFakeOllama::post(const QString &path, const QByteArray &body,
                                    const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QUrl target = m_fake->url();
    target.setPath(path);
    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return m_network->post(request, body);
}

// Sends one raw HTTP/1.1 request on its own connection ("Connection: close")
// and returns everything the fake sent back.
QByteArray TestFakeOllama::rawExchange(const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_fake->port());
    if (!socket.waitForConnected(replyTimeoutMs))
        return {};
    socket.write(request);

    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(replyTimeoutMs))
        response += socket.readAll();
    return response + socket.readAll();
}

void TestFakeOllama::chatStreamsNdjsonLines()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, chatBody));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->rawHeader("Content-Type"), "application/x-ndjson"_ba);
    QCOMPARE(reply->rawHeader("Transfer-Encoding"), "chunked"_ba);
    const QByteArray body = reply->readAll();
    QVERIFY(body.endsWith('\n'));
    QVERIFY2(!body.contains("\n\n"), "NDJSON must not contain blank lines");

    const QList<QByteArray> lines = nonEmptyLines(body);
    QCOMPARE(lines.size(), 4); // three content chunks and the final chunk
    QString text;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QJsonParseError error;
        const QJsonObject chunk = QJsonDocument::fromJson(lines.at(i), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(chunk.value("model"_L1).toString(), u"llama3.2"_s);
        QCOMPARE(chunk.value("done"_L1).toBool(), i == lines.size() - 1);
        text += chunk.value("message"_L1).toObject().value("content"_L1).toString();
    }
    QCOMPARE(text, u"Hello from the"_s);

    const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(last.value("done_reason"_L1).toString(), u"stop"_s);
    QCOMPARE(last.value("prompt_eval_count"_L1).toInt(), 10);
    QCOMPARE(last.value("eval_count"_L1).toInt(), 3);
}

void TestFakeOllama::firstLineArrivesBeforeDone()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, chatBody, {{"X-Fake-Delay-Ms"_ba, "300"_ba}}));
    QSignalSpy readyRead(reply.get(), &QNetworkReply::readyRead);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);

    QVERIFY(readyRead.wait(replyTimeoutMs));
    QVERIFY(!reply->isFinished());
    const QByteArray first = reply->readAll();
    QCOMPARE(nonEmptyLines(first).size(), 1);
    QVERIFY(!first.contains("\"done\":true"));

    QVERIFY(finished.wait(replyTimeoutMs));
    QVERIFY(reply->readAll().contains("\"done\":true"));
}

void TestFakeOllama::nonStreamingChatIsOneObject()
{
    const QByteArray body = R"({"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"hi"}]})"_ba;
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, body, {{"X-Fake-Tokens"_ba, "7,12"_ba}}));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->rawHeader("Content-Type"), "application/json; charset=utf-8"_ba);
    const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(object.value("message"_L1).toObject().value("content"_L1).toString(), u"Hello from the"_s);
    QCOMPARE(object.value("done"_L1).toBool(), true);
    QCOMPARE(object.value("prompt_eval_count"_L1).toInt(), 7);
    QCOMPARE(object.value("eval_count"_L1).toInt(), 12);
}

void TestFakeOllama::equivalentModelNamesAreAccepted_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("bare") << u"llama3.2"_s;
    QTest::newRow("tagged") << u"llama3.2:latest"_s;
    QTest::newRow("upper case") << u"LLAMA3.2:LATEST"_s;
    QTest::newRow("namespace") << u"library/llama3.2"_s;
    QTest::newRow("fully qualified") << u"registry.ollama.ai/library/llama3.2:latest"_s;
}

void TestFakeOllama::equivalentModelNamesAreAccepted()
{
    QFETCH(QString, model);
    const QJsonObject request{{"model"_L1, model}, {"prompt"_L1, u"hi"_s}, {"stream"_L1, false}};

    std::unique_ptr<QNetworkReply> reply(post(u"/api/generate"_s, QJsonDocument(request).toJson()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(object.value("model"_L1).toString(), model); // echoed unchanged
}

void TestFakeOllama::unknownModelReturns404()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, R"({"model":"nope","messages":[]})"_ba));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(reply->readAll(), R"({"error":"model 'nope' not found"})"_ba);
}

void TestFakeOllama::missingBodyReturns400()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/generate"_s, QByteArray()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
    QCOMPARE(reply->readAll(), R"({"error":"missing request body"})"_ba);
}

void TestFakeOllama::streamWithoutIncludeUsageHasNoUsage()
{
    const QByteArray body = R"({"model":"llama3.2","stream":true,"messages":[{"role":"user","content":"hi"}]})"_ba;
    std::unique_ptr<QNetworkReply> reply(post(u"/v1/chat/completions"_s, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    QCOMPARE(reply->rawHeader("Content-Type"), "text/event-stream"_ba);
    const QList<QByteArray> payloads = eventPayloads(reply->readAll());
    QVERIFY(payloads.size() >= 3);
    QCOMPARE(payloads.last(), "[DONE]"_ba);
    for (const QByteArray &payload : payloads)
        QVERIFY2(!payload.contains("\"usage\""), payload.constData());

    const QJsonObject finish = QJsonDocument::fromJson(payloads.at(payloads.size() - 2)).object();
    const QJsonObject choice = finish.value("choices"_L1).toArray().first().toObject();
    QCOMPARE(choice.value("finish_reason"_L1).toString(), u"stop"_s);
}

void TestFakeOllama::streamWithIncludeUsageEndsWithUsageChunk()
{
    const QByteArray body = R"({"model":"llama3.2","stream":true,"stream_options":{"include_usage":true},)"
                            R"("messages":[{"role":"user","content":"hi"}]})"_ba;
    std::unique_ptr<QNetworkReply> reply(post(u"/v1/chat/completions"_s, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    const QList<QByteArray> payloads = eventPayloads(reply->readAll());
    QVERIFY(payloads.size() >= 4);
    QCOMPARE(payloads.last(), "[DONE]"_ba);
    for (qsizetype i = 0; i < payloads.size() - 2; ++i)
        QVERIFY2(!payloads.at(i).contains("\"usage\""), payloads.at(i).constData());

    const QJsonObject usageChunk = QJsonDocument::fromJson(payloads.at(payloads.size() - 2)).object();
    QVERIFY(usageChunk.value("choices"_L1).isArray());
    QCOMPARE(usageChunk.value("choices"_L1).toArray().size(), 0);
    const QJsonObject usage = usageChunk.value("usage"_L1).toObject();
    QCOMPARE(usage.value("prompt_tokens"_L1).toInt(), 10);
    QCOMPARE(usage.value("completion_tokens"_L1).toInt(), 3);
    QCOMPARE(usage.value("total_tokens"_L1).toInt(), 13);
}

void TestFakeOllama::foreignHostGets403WithEmptyBody()
{
    const QByteArray response = rawExchange("GET /api/tags HTTP/1.1\r\n"
                                            "Host: gw.example.test:11434\r\n"
                                            "Connection: close\r\n\r\n"_ba);

    QVERIFY2(response.startsWith("HTTP/1.1 403 "), response.constData());
    QVERIFY(response.contains("Content-Length: 0\r\n"));
    QVERIFY(response.endsWith("\r\n\r\n"));
}

void TestFakeOllama::loopbackHostIsAccepted()
{
    const QByteArray response = rawExchange("GET /api/tags HTTP/1.1\r\n"
                                            "Host: localhost:11434\r\n"
                                            "Connection: close\r\n\r\n"_ba);

    QVERIFY2(response.startsWith("HTTP/1.1 200 "), response.constData());
    QVERIFY(response.contains("\"llama3.2:latest\""));
}

void TestFakeOllama::requestsAreRecorded()
{
    const QByteArray body = R"({"model":"llama3.2","prompt":"recorded","stream":false})"_ba;
    std::unique_ptr<QNetworkReply> reply(post(u"/api/generate"_s, body, {{"X-Test-Marker"_ba, "seen"_ba}}));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));

    const QJsonArray requests = m_fake->requests();
    QCOMPARE(requests.size(), 1);
    const QJsonObject record = requests.first().toObject();
    QCOMPARE(record.value("method"_L1).toString(), u"POST"_s);
    QCOMPARE(record.value("path"_L1).toString(), u"/api/generate"_s);
    QCOMPARE(record.value("headers"_L1).toObject().value("x-test-marker"_L1).toString(), u"seen"_s);
    QCOMPARE(record.value("body"_L1).toString().toUtf8(), body);
    QCOMPARE(record.value("bodyBytes"_L1).toInt(), body.size());
    QCOMPARE(record.value("status"_L1).toInt(), 200);
    QCOMPARE(record.value("finished"_L1).toBool(), true);
    QCOMPARE(record.value("aborted"_L1).toBool(), false);
}

void TestFakeOllama::resetForgetsRequests()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, chatBody));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(replyTimeoutMs));
    QCOMPARE(m_fake->requests().size(), 1);

    m_fake->reset();

    QCOMPARE(m_fake->requests().size(), 0);
}

void TestFakeOllama::clientDisconnectIsRecordedAsAbort()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_fake->port());
    QVERIFY(socket.waitForConnected(replyTimeoutMs));
    socket.write("POST /api/chat HTTP/1.1\r\n"
                 "Host: 127.0.0.1\r\n"
                 "X-Fake-Chunks: 50\r\n"
                 "X-Fake-Delay-Ms: 100\r\n"
                 "Content-Length: " + QByteArray::number(chatBody.size()) + "\r\n\r\n" + chatBody);

    QByteArray received;
    while (!received.contains("\"done\":false")) {
        QVERIFY(socket.waitForReadyRead(replyTimeoutMs));
        received += socket.readAll();
    }
    QCOMPARE(m_fake->stats().value("streamsInProgress"_L1).toInt(), 1);

    socket.abort();

    QTRY_COMPARE(m_fake->stats().value("streamsInProgress"_L1).toInt(), 0);
    const QJsonObject record = m_fake->requests().first().toObject();
    QCOMPARE(record.value("aborted"_L1).toBool(), true);
    QCOMPARE(record.value("finished"_L1).toBool(), false);
}

void TestFakeOllama::heldStreamContinuesAfterRelease()
{
    std::unique_ptr<QNetworkReply> reply(post(u"/api/chat"_s, chatBody, {{"X-Fake-Hold"_ba, "1"_ba}}));
    QSignalSpy readyRead(reply.get(), &QNetworkReply::readyRead);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(readyRead.wait(replyTimeoutMs));
    QTRY_COMPARE(m_fake->stats().value("heldStreams"_L1).toInt(), 1);

    QVERIFY(!finished.wait(300)); // held: nothing more arrives on its own
    QCOMPARE(nonEmptyLines(reply->readAll()).size(), 1);

    m_fake->release();

    // The reply may finish inside release(), which spins an event loop itself.
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), replyTimeoutMs);
    const QList<QByteArray> rest = nonEmptyLines(reply->readAll());
    QCOMPARE(rest.size(), 3);
    QVERIFY(rest.last().contains("\"done\":true"));
    QCOMPARE(m_fake->stats().value("heldStreams"_L1).toInt(), 0);
}

void TestFakeOllama::byteSplitCutsInsideCharacters()
{
    const QByteArray body = R"({"model":"llama3.2","prompt":"hi"})"_ba;
    const QByteArray response = rawExchange("POST /api/generate HTTP/1.1\r\n"
                                            "Host: 127.0.0.1\r\n"
                                            "X-Fake-Split: bytes\r\n"
                                            "Connection: close\r\n"
                                            "Content-Length: "_ba
                                            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    QVERIFY2(headerEnd > 0, response.constData());

    QList<QByteArray> chunks;
    QVERIFY(decodeChunks(response.mid(headerEnd + 4), &chunks));
    bool cutInsideCharacter = false;
    bool chunkSpansLines = false;
    for (const QByteArray &chunk : std::as_const(chunks)) {
        cutInsideCharacter |= quint8(chunk.back()) >= 0xc0;
        const qsizetype newline = chunk.indexOf('\n');
        chunkSpansLines |= newline >= 0 && newline < chunk.size() - 1;
    }
    QVERIFY(cutInsideCharacter);
    QVERIFY(chunkSpansLines);

    const QList<QByteArray> lines = nonEmptyLines(chunks.join());
    QCOMPARE(lines.size(), 4);
    QString text;
    for (const QByteArray &line : lines)
        text += QJsonDocument::fromJson(line).object().value("response"_L1).toString();
    QCOMPARE(text, u"Café crème 🙂"_s);
}

QTEST_GUILESS_MAIN(TestFakeOllama)

#include "tst_fakeollama.moc"
