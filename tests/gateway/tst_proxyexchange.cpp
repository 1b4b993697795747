// SPDX-License-Identifier: GPL-3.0-or-later
// Requests through the gateway to the fake Ollama: authentication, header
// rewriting, streaming, metering, failures of the upstream and the client.
#include "FakeOllama.h"
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using Gateway::RequestLogEntry;

class TestProxyExchange final : public QObject
{
    Q_OBJECT

private:
    static QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &key,
                           const QByteArray &extra = {})
    {
        return RawHttpClient::postRequest(path, body, key, extra);
    }

    static QByteArray get(const QByteArray &path, const QByteArray &key = {}, const QByteArray &extra = {})
    {
        return RawHttpClient::getRequest(path, key, extra);
    }

    static RawHttpClient::Response roundTrip(quint16 port, const QByteArray &request, int timeoutMs = 10000)
    {
        RawHttpClient client;
        if (!client.connectTo(port))
            return {};
        client.send(request);
        return client.readResponse(timeoutMs);
    }

    static QJsonObject json(const QByteArray &body)
    {
        return QJsonDocument::fromJson(body).object();
    }

    static QList<QJsonObject> ndjsonLines(const QByteArray &body)
    {
        QList<QJsonObject> lines;
        for (const QByteArray &line : body.split('\n')) {
            if (!line.isEmpty())
                lines.append(json(line));
        }
        return lines;
    }

    static QList<QByteArray> sseEvents(const QByteArray &body)
    {
        QList<QByteArray> events;
        for (const QByteArray &event : body.split('\n')) {
            if (event.startsWith("data: "))
                events.append(event.mid(6));
        }
        return events;
    }

    // Streams compare equal once the timestamps the fake stamps per reply
    // are removed.
    static QByteArray withoutTimestamps(QByteArray body)
    {
        static const QRegularExpression createdAt(QStringLiteral("\"created(_at)?\":(\"[^\"]*\"|[0-9]+)"));
        static const QRegularExpression durations(QStringLiteral("\"[a-z_]*duration\":[0-9]+"));
        QString text = QString::fromUtf8(body);
        text.replace(createdAt, QStringLiteral("\"created\":0"));
        text.replace(durations, QStringLiteral("\"duration\":0"));
        return text.toUtf8();
    }

    static RequestLogEntry onlyRow(GatewayFixture &gateway)
    {
        if (!gateway.waitForLogRows(1))
            return {};
        const QList<RequestLogEntry> rows = gateway.logRows();
        return rows.isEmpty() ? RequestLogEntry() : rows.first();
    }

private Q_SLOTS:
    void streamsFirstLineBeforeUpstreamFinishes()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"count to 50\"}]}",
                         gateway.key(), "X-Fake-Hold: 1\r\n"));

        // The fake holds the stream after its first line until released, so
        // this line can only have come through unbuffered.
        const RawHttpClient::Response first = client.readPartial(1);
        QVERIFY(!first.complete);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.headers.value("Content-Type"), QByteArray("application/x-ndjson"));
        QCOMPARE(first.headers.value("Transfer-Encoding"), QByteArray("chunked"));
        QCOMPARE(first.headers.value("X-Accel-Buffering"), QByteArray("no"));
        QCOMPARE(first.headers.value("Cache-Control"), QByteArray("no-cache"));
        QVERIFY(!first.body.contains("\"done\":true"));

        // Lines arrive whole: the gateway writes on line boundaries.
        QTRY_VERIFY(client.readPartial(1, 100).body.endsWith('\n'));

        gateway.fake().release();
        const RawHttpClient::Response rest = client.readResponse();
        QVERIFY(rest.complete);

        const QList<QJsonObject> lines = ndjsonLines(rest.body);
        QVERIFY(lines.size() >= 2);
        QCOMPARE(lines.last().value(QStringLiteral("done")).toBool(), true);
        QVERIFY(!rest.body.contains("\n\n"));
    }

    void relaysStreamBytesUnchanged_data()
    {
        QTest::addColumn<QByteArray>("split");
        QTest::newRow("one write") << QByteArray("one-write");
        QTest::newRow("split inside characters") << QByteArray("bytes");
        QTest::newRow("line by line") << QByteArray();
    }

    void relaysStreamBytesUnchanged()
    {
        QFETCH(QByteArray, split);
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray body = "{\"model\":\"llama3.2\",\"prompt\":\"why is the sky blue?\"}";
        const QByteArray controls = split.isEmpty() ? QByteArray() : "X-Fake-Split: " + split + "\r\n";

        const RawHttpClient::Response viaGateway = roundTrip(gateway.port(), post("/api/generate", body, gateway.key(), controls));
        const RawHttpClient::Response direct = roundTrip(gateway.fake().port(), post("/api/generate", body, {}, controls + "Host: 127.0.0.1\r\n").replace("Host: gw.example.test:11434\r\n", ""));

        QCOMPARE(viaGateway.status, 200);
        QCOMPARE(direct.status, 200);
        QCOMPARE(withoutTimestamps(viaGateway.body), withoutTimestamps(direct.body));

        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.promptTokens, std::optional<qint64>(10));
        QCOMPARE(row.completionTokens, std::optional<qint64>(3));
        QVERIFY(!row.responseText.isEmpty());
    }

    void rewritesAndStripsHeadersUpstream()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(),
            post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}", gateway.key(),
                 "Origin: https://evil.example.test\r\nCookie: session=1\r\nX-Api-Key: other\r\n"
                 "Proxy-Authorization: Basic eDp5\r\nUser-Agent: ollama-js/0.6.3 (x64 linux Node.js/v20)\r\n"
                 "Connection: keep-alive, X-Hop\r\nX-Hop: secret\r\nX-Custom: kept\r\n"));
        QCOMPARE(response.status, 200);
        QVERIFY(response.headers.contains("X-Request-ID"));

        const QJsonArray received = gateway.fake().requests();
        QCOMPARE(received.size(), 1);
        const QJsonObject headers = received.first().toObject().value(QStringLiteral("headers")).toObject();

        QCOMPARE(headers.value(QStringLiteral("host")).toString(), gateway.fake().url().authority());
        QVERIFY(!headers.contains(QStringLiteral("authorization")));
        QVERIFY(!headers.contains(QStringLiteral("origin")));
        QVERIFY(!headers.contains(QStringLiteral("cookie")));
        QVERIFY(!headers.contains(QStringLiteral("x-api-key")));
        QVERIFY(!headers.contains(QStringLiteral("proxy-authorization")));
        QVERIFY(!headers.contains(QStringLiteral("x-hop")));
        QCOMPARE(headers.value(QStringLiteral("user-agent")).toString(), QStringLiteral("ollama-js/0.6.3 (x64 linux Node.js/v20)"));
        QCOMPARE(headers.value(QStringLiteral("x-custom")).toString(), QStringLiteral("kept"));
        QCOMPARE(headers.value(QStringLiteral("x-request-id")).toString(), QString::fromLatin1(response.headers.value("X-Request-ID")));
    }

    void keepsClientRequestId()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response =
            roundTrip(gateway.port(), get("/api/tags", gateway.key(), "X-Request-ID: trace-42\r\n"));
        QCOMPARE(response.headers.value("X-Request-ID"), QByteArray("trace-42"));

        const QJsonObject headers = gateway.fake().requests().first().toObject().value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("x-request-id")).toString(), QStringLiteral("trace-42"));
        QCOMPARE(onlyRow(gateway).requestId, QStringLiteral("trace-42"));
    }

    void keyNeverReachesUpstreamOrLog()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        roundTrip(gateway.port(), post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", gateway.key()));
        roundTrip(gateway.port(), post("/v1/chat/completions", "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", gateway.key()));
        roundTrip(gateway.port(), get("/api/tags", {}, "X-Api-Key: " + gateway.key() + "\r\n"));
        QVERIFY(gateway.waitForLogRows(3));

        const QByteArray everything = QJsonDocument(gateway.fake().requests()).toJson();
        QVERIFY(!everything.contains(gateway.key()));

        for (const RequestLogEntry &row : gateway.logRows()) {
            QVERIFY(!row.keyId.isEmpty());
            QVERIFY(!row.keyId.contains(QString::fromLatin1(gateway.key())));
            QVERIFY(!row.path.contains(QString::fromLatin1(gateway.key())));
        }
    }

    void rejectsBadKeys_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("message");

        QTest::newRow("missing") << QByteArray() << QStringLiteral("missing API key");
        QTest::newRow("not bearer") << QByteArray("Authorization: Basic dXNlcjpwYXNz\r\n")
                                    << QStringLiteral("invalid Authorization header: expected 'Bearer <key>'");
        QTest::newRow("empty bearer") << QByteArray("Authorization: Bearer \r\n")
                                      << QStringLiteral("invalid Authorization header: expected 'Bearer <key>'");
        QTest::newRow("wrong key") << QByteArray("Authorization: Bearer sk-bad\r\n") << QStringLiteral("invalid API key");
        QTest::newRow("invented key")
            << QByteArray("Authorization: Bearer sk_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n")
            << QStringLiteral("invalid API key");
    }

    void rejectsBadKeys()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QString, message);

        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response native = roundTrip(gateway.port(), get("/api/tags", {}, authorization));
        QCOMPARE(native.status, 401);
        QCOMPARE(native.headers.value("Content-Type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(json(native.body), QJsonObject({{QStringLiteral("error"), message}}));

        const RawHttpClient::Response openAi = roundTrip(
            gateway.port(), post("/v1/chat/completions", "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", {}, authorization));
        QCOMPARE(openAi.status, 401);
        const QJsonObject expected{{QStringLiteral("error"),
                                    QJsonObject{{QStringLiteral("message"), message},
                                                {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                                                {QStringLiteral("param"), QJsonValue::Null},
                                                {QStringLiteral("code"), QStringLiteral("invalid_api_key")}}}};
        QCOMPARE(json(openAi.body), expected);

        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void rejectsTwoCredentials()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), get("/api/tags", gateway.key(), "Authorization: Bearer sk-bad\r\n"));
        QCOMPARE(response.status, 400);
        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void redactsKeyInLoggedUrl()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        roundTrip(gateway.port(), get("/api/tags?key=" + gateway.key() + "&x=1"));
        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.status, 401);
        QCOMPARE(row.path, QStringLiteral("/api/tags?key=sk_[redacted]&x=1"));
    }

    void rejectsKeyWithOneCharacterChanged()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        QByteArray altered = gateway.key();
        altered[altered.size() / 2] = altered.at(altered.size() / 2) == 'a' ? 'b' : 'a';
        const RawHttpClient::Response response = roundTrip(gateway.port(), get("/api/tags", altered));
        QCOMPARE(response.status, 401);
        QCOMPARE(json(response.body).value(QStringLiteral("error")).toString(), QStringLiteral("invalid API key"));
    }

    void rejectsRevokedKeyWithinSeconds()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 200);

        QSignalSpy listed(&gateway.controller(), &Gateway::GatewayController::keysListed);
        gateway.controller().requestKeys();
        QVERIFY(listed.wait());
        const auto keys = listed.first().first().value<QList<Gateway::KeyRecord>>();
        QString aliceKey;
        for (const Gateway::KeyRecord &record : keys) {
            if (record.userName == QLatin1String("alice"))
                aliceKey = record.id;
        }
        QVERIFY(!aliceKey.isEmpty());

        QSignalSpy revoked(&gateway.controller(), &Gateway::GatewayController::keyRevoked);
        gateway.controller().revokeKey(aliceKey);
        QVERIFY(revoked.wait());

        QTRY_COMPARE_WITH_TIMEOUT(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 401, 3000);
    }

    void rotatedKeysOverlapForGracePeriod()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 200);

        QSignalSpy listed(&gateway.controller(), &Gateway::GatewayController::keysListed);
        gateway.controller().requestKeys();
        QVERIFY(listed.wait());
        QString aliceKey;
        for (const Gateway::KeyRecord &record : listed.first().first().value<QList<Gateway::KeyRecord>>()) {
            if (record.userName == QLatin1String("alice"))
                aliceKey = record.id;
        }
        QVERIFY(!aliceKey.isEmpty());

        QSignalSpy issued(&gateway.controller(), &Gateway::GatewayController::keyIssued);
        gateway.controller().rotateKey(aliceKey, 2);
        QVERIFY(issued.wait());
        const auto successor = issued.first().first().value<Gateway::IssuedKey>();
        QCOMPARE(successor.record.replacesKeyId, aliceKey);
        QCOMPARE(successor.record.userName, QStringLiteral("alice"));

        // During the grace period both keys work; afterwards only the new one.
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", successor.secret)).status, 200);
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 401, 5000);
        const RawHttpClient::Response expired = roundTrip(gateway.port(), get("/api/tags", gateway.key()));
        QCOMPARE(json(expired.body).value(QStringLiteral("error")).toString(), QStringLiteral("API key expired"));
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", successor.secret)).status, 200);
    }

    void recordsLastUseTimeAndAddress()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        QCOMPARE(roundTrip(gateway.port(), get("/api/tags", gateway.key())).status, 200);

        // Key use is written in batches about once a second.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QSignalSpy listed(&gateway.controller(), &Gateway::GatewayController::keysListed);
                gateway.controller().requestKeys();
                if (!listed.wait())
                    return false;
                for (const Gateway::KeyRecord &record : listed.first().first().value<QList<Gateway::KeyRecord>>()) {
                    if (record.userName == QLatin1String("alice"))
                        return record.lastUsedAt.isValid() && record.lastUsedAddress == QLatin1String("127.0.0.1");
                }
                return false;
            }(),
            5000);
    }

    void picksUpKeyIssuedByAnotherProcess()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray fresh = gateway.issueKey(QStringLiteral("bob"), QStringLiteral("free"));
        QVERIFY(fresh.startsWith("sk_free_"));
        QTRY_COMPARE_WITH_TIMEOUT(roundTrip(gateway.port(), get("/api/tags", fresh)).status, 200, 3000);
    }

    void servesHealthChecksWithoutKey()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response root = roundTrip(gateway.port(), get("/"));
        QCOMPARE(root.status, 200);
        QCOMPARE(root.headers.value("Content-Type"), QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(root.body, QByteArray("Ollama is running"));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("HEAD / HTTP/1.1\r\nHost: a\r\nUser-Agent: ollama/0.12.3 (amd64 linux) Go/go1.24\r\n\r\n");
        const RawHttpClient::Response head = client.readResponse(10000, true);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());

        const RawHttpClient::Response version = roundTrip(gateway.port(), get("/api/version"));
        QCOMPARE(version.status, 200);
        QVERIFY(json(version.body).contains(QStringLiteral("version")));

        const RawHttpClient::Response health = roundTrip(gateway.port(), get("/gateway/health"));
        QCOMPARE(health.status, 200);

        QCOMPARE(roundTrip(gateway.port(), get("/api/tags")).status, 401);
    }

    void relaysLoadReplyAsPlainJson()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        // An empty prompt loads the model; Ollama answers with one JSON
        // object even though the request streams by default.
        const RawHttpClient::Response response =
            roundTrip(gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\"}", gateway.key()));
        QCOMPARE(response.status, 200);
        QVERIFY(response.headers.value("Content-Type").startsWith("application/json"));
        QVERIFY(!response.headers.contains("X-Accel-Buffering"));
        QCOMPARE(json(response.body).value(QStringLiteral("done_reason")).toString(), QStringLiteral("load"));

        const RawHttpClient::Response unload = roundTrip(
            gateway.port(), post("/api/chat", "{\"model\":\"llama3.2\",\"messages\":[],\"keep_alive\":0}", gateway.key()));
        QCOMPARE(json(unload.body).value(QStringLiteral("done_reason")).toString(), QStringLiteral("unload"));
    }

    void answersHeadOnVersionWithoutBody()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("HEAD /api/version HTTP/1.1\r\nHost: a\r\n\r\n");
        const RawHttpClient::Response head = client.readResponse(10000, true);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());

        // The connection stays usable: no stray body bytes were sent.
        client.send(get("/api/version"));
        const RawHttpClient::Response after = client.readResponse();
        QCOMPARE(after.status, 200);
        QVERIFY(json(after.body).contains(QStringLiteral("version")));
    }

    void requiresOperatorKeyForModelStore_data()
    {
        QTest::addColumn<QByteArray>("request");

        const auto withBody = [](const QByteArray &requestLine, const QByteArray &body) -> QByteArray {
            return requestLine + "\r\nHost: gw.example.test\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n%AUTH%\r\n" + body;
        };
        QTest::newRow("pull") << withBody("POST /api/pull HTTP/1.1", "{\"model\":\"llama3.2\",\"stream\":false}");
        QTest::newRow("delete") << withBody("DELETE /api/delete HTTP/1.1", "{\"model\":\"llava:latest\"}");
        QTest::newRow("copy") << withBody("POST /api/copy HTTP/1.1", "{\"source\":\"llama3.2\",\"destination\":\"mine:1\"}");
        QTest::newRow("blob") << QByteArray("HEAD /api/blobs/sha256:" + QByteArray(64, 'a') + " HTTP/1.1\r\nHost: gw.example.test\r\n%AUTH%\r\n");
    }

    void requiresOperatorKeyForModelStore()
    {
        QFETCH(QByteArray, request);
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray withUserKey = QByteArray(request).replace("%AUTH%", QByteArray("Authorization: Bearer " + gateway.key() + "\r\n"));
        const RawHttpClient::Response denied = roundTrip(gateway.port(), withUserKey);
        QCOMPARE(denied.status, 403);
        QCOMPARE(gateway.fake().requests().size(), 0);

        const QByteArray withOperatorKey = QByteArray(request).replace("%AUTH%", QByteArray("Authorization: Bearer " + gateway.operatorKey() + "\r\n"));
        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(withOperatorKey);
        const RawHttpClient::Response allowed = client.readResponse(10000, request.startsWith("HEAD"));
        QVERIFY(allowed.status != 401 && allowed.status != 403);
        QCOMPARE(gateway.fake().requests().size(), 1);
    }

    void addsUsageUpstreamAndHidesItFromClient_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("chat") << QByteArray("/v1/chat/completions")
                              << QByteArray("{\"model\":\"llama3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QTest::newRow("completions") << QByteArray("/v1/completions")
                                     << QByteArray("{\"model\":\"llama3.2\",\"stream\":true,\"prompt\":\"hi\"}");
    }

    void addsUsageUpstreamAndHidesItFromClient()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(gateway.port(), post(path, body, gateway.key()));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers.value("Content-Type"), QByteArray("text/event-stream"));

        const QList<QByteArray> events = sseEvents(response.body);
        QVERIFY(events.size() >= 3);
        QCOMPARE(events.last(), QByteArray("[DONE]"));
        for (const QByteArray &event : events)
            QVERIFY2(!event.contains("\"usage\""), event.constData());

        const QJsonObject upstreamBody = json(gateway.fake().requests().first().toObject().value(QStringLiteral("body")).toString().toUtf8());
        QCOMPARE(upstreamBody.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool(), true);

        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.promptTokens, std::optional<qint64>(10));
        QCOMPARE(row.completionTokens, std::optional<qint64>(3));
    }

    void passesUsageToClientThatAsked()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray body = "{\"model\":\"llama3.2\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        const RawHttpClient::Response response = roundTrip(gateway.port(), post("/v1/chat/completions", body, gateway.key()));
        const QList<QByteArray> events = sseEvents(response.body);
        QVERIFY(events.size() >= 3);
        QCOMPARE(events.last(), QByteArray("[DONE]"));

        const QJsonObject usageChunk = json(events.at(events.size() - 2));
        QCOMPARE(usageChunk.value(QStringLiteral("choices")).toArray().size(), 0);
        QCOMPARE(usageChunk.value(QStringLiteral("usage")).toObject().value(QStringLiteral("completion_tokens")).toInt(), 3);

        // The client asked for usage itself, so its body went up unchanged.
        QCOMPARE(gateway.fake().requests().first().toObject().value(QStringLiteral("body")).toString().toUtf8(), body);
        QCOMPARE(onlyRow(gateway).completionTokens, std::optional<qint64>(3));
    }

    void recordsUnknownPromptTokensAsUnknown()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}", gateway.key(),
                                 "X-Fake-Omit: prompt_eval_count\r\nX-Fake-Tokens: 5,12\r\n"));
        QCOMPARE(response.status, 200);
        QVERIFY(!json(response.body).contains(QStringLiteral("prompt_eval_count")));

        const RequestLogEntry row = onlyRow(gateway);
        QVERIFY(!row.promptTokens.has_value());
        QCOMPARE(row.completionTokens, std::optional<qint64>(12));
    }

    void writesCompleteLogRow()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        roundTrip(gateway.port(),
                  post("/api/chat",
                       "{\"model\":\"LLAMA3.2:LATEST\",\"messages\":[{\"role\":\"user\",\"content\":\"write a haiku\"}],\"context\":{\"brand\":\"acme\",\"language\":\"python\",\"framework\":\"django\"}}",
                       gateway.key(), "User-Agent: test-agent/1.0\r\n"));

        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.userName, QStringLiteral("alice"));
        QVERIFY(row.keyId.startsWith(QStringLiteral("key_")));
        QCOMPARE(row.clientAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(row.userAgent, QStringLiteral("test-agent/1.0"));
        QCOMPARE(row.method, QStringLiteral("POST"));
        QCOMPARE(row.path, QStringLiteral("/api/chat"));
        QCOMPARE(row.model, QStringLiteral("llama3.2:latest"));
        QCOMPARE(row.brand, QStringLiteral("acme"));
        QCOMPARE(row.contextLanguage, QStringLiteral("python"));
        QCOMPARE(row.contextFramework, QStringLiteral("django"));
        QCOMPARE(row.promptText, QStringLiteral("write a haiku"));
        QCOMPARE(row.responseText, QStringLiteral("Hello from the"));
        QCOMPARE(row.status, 200);
        QCOMPARE(row.outcome, QStringLiteral("ok"));
        QCOMPARE(row.promptTokens, std::optional<qint64>(10));
        QCOMPARE(row.completionTokens, std::optional<qint64>(3));
        QVERIFY(row.latencyMs > 0);
        QVERIFY(row.timeToFirstTokenMs.has_value());
        QVERIFY(*row.timeToFirstTokenMs <= row.latencyMs);
        QCOMPARE(row.upstream, gateway.fake().url().toString());
    }

    void metersAllModelNameSpellingsAsOne_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("bare") << QStringLiteral("llama3.2");
        QTest::newRow("latest") << QStringLiteral("llama3.2:latest");
        QTest::newRow("upper case") << QStringLiteral("LLAMA3.2:LATEST");
        QTest::newRow("namespace") << QStringLiteral("library/llama3.2");
        QTest::newRow("registry") << QStringLiteral("registry.ollama.ai/library/llama3.2:latest");
    }

    void metersAllModelNameSpellingsAsOne()
    {
        QFETCH(QString, model);
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray body = "{\"model\":\"" + model.toUtf8() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}";
        const RawHttpClient::Response response = roundTrip(gateway.port(), post("/api/chat", body, gateway.key()));
        QCOMPARE(response.status, 200);
        // Ollama echoes the caller's spelling; so must everything in between.
        QCOMPARE(json(response.body).value(QStringLiteral("model")).toString(), model);
        QCOMPARE(onlyRow(gateway).model, QStringLiteral("llama3.2:latest"));
    }

    void rejectsInvalidJsonBody()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response broken = roundTrip(gateway.port(), post("/api/chat", "{\"model\":\"llama3.2\",", gateway.key()));
        QCOMPARE(broken.status, 400);
        QVERIFY(!json(broken.body).value(QStringLiteral("error")).toString().isEmpty());

        const RawHttpClient::Response empty = roundTrip(gateway.port(), post("/api/chat", "", gateway.key()));
        QCOMPARE(empty.status, 400);
        QCOMPARE(json(empty.body).value(QStringLiteral("error")).toString(), QStringLiteral("missing request body"));

        const RawHttpClient::Response openAi = roundTrip(gateway.port(), post("/v1/chat/completions", "[1,2]", gateway.key()));
        QCOMPARE(openAi.status, 400);
        QVERIFY(json(openAi.body).value(QStringLiteral("error")).isObject());

        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void acceptsLargeImageBodies()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const QByteArray image = QByteArray(8 * 1024 * 1024, 'A');
        const QByteArray body = "{\"model\":\"llava\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"describe\",\"images\":[\"" + image + "\"]}]}";
        const RawHttpClient::Response response = roundTrip(gateway.port(), post("/api/chat", body, gateway.key()), 30000);
        QCOMPARE(response.status, 200);

        const QJsonObject received = gateway.fake().requests().first().toObject();
        QCOMPARE(received.value(QStringLiteral("bodyBytes")).toInteger(), body.size());
        QCOMPARE(received.value(QStringLiteral("bodySha256")).toString(),
                 QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));

        // The log keeps the prompt text, never the image data.
        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.promptText, QStringLiteral("describe"));
        QCOMPARE(row.requestBytes, body.size());
    }

    void answers502WhenUpstreamDown()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start({}, false));

        const RawHttpClient::Response native = roundTrip(gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key()));
        QCOMPARE(native.status, 502);
        QVERIFY(json(native.body).value(QStringLiteral("error")).toString().startsWith(QStringLiteral("upstream unreachable")));

        const RawHttpClient::Response openAi = roundTrip(gateway.port(), post("/v1/chat/completions", "{\"model\":\"llama3.2\",\"messages\":[]}", gateway.key()));
        QCOMPARE(openAi.status, 502);
        QVERIFY(json(openAi.body).value(QStringLiteral("error")).isObject());

        QCOMPARE(onlyRow(gateway).outcome, QStringLiteral("upstream unreachable"));
    }

    void answers504WhenUpstreamStalls()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.upstreamFirstByteTimeoutMs = 500; }));

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-Stall: 1\r\n"));
        QCOMPARE(response.status, 504);
        QVERIFY(json(response.body).value(QStringLiteral("error")).toString().contains(QStringLiteral("did not respond")));
        QCOMPARE(onlyRow(gateway).outcome, QStringLiteral("upstream timeout"));

        // The stalled upstream request is abandoned, not left open.
        QTRY_VERIFY(gateway.fake().requests().first().toObject().value(QStringLiteral("aborted")).toBool());
    }

    void waitsForSlowFirstByteWithinTimeout()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.upstreamFirstByteTimeoutMs = 5000; }));

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-First-Byte-Delay-Ms: 1500\r\n"));
        QCOMPARE(response.status, 200);
        QVERIFY(!response.body.contains("\n\n"));
    }

    void clientDisconnectAbortsUpstream_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("controls");
        QTest::addColumn<qsizetype>("readFirst");
        QTest::newRow("streaming") << QByteArray("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"write 3000 words\"}]}")
                                   << QByteArray("X-Fake-Hold: 1\r\n") << qsizetype(1);
        QTest::newRow("non-streaming") << QByteArray("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"write\"}],\"stream\":false}")
                                       << QByteArray("X-Fake-First-Byte-Delay-Ms: 20000\r\n") << qsizetype(-1);
    }

    void clientDisconnectAbortsUpstream()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, controls);
        QFETCH(qsizetype, readFirst);

        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(post("/api/chat", body, gateway.key(), controls));
        if (readFirst > 0)
            QVERIFY(client.readPartial(readFirst).body.size() >= readFirst);
        else
            QTRY_COMPARE(gateway.fake().requests().size(), 1);
        client.close();

        QTRY_VERIFY_WITH_TIMEOUT(gateway.fake().requests().first().toObject().value(QStringLiteral("aborted")).toBool(), 3000);

        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.outcome, QStringLiteral("client cancelled"));
        gateway.fake().release();
    }

    void slowClientSlowsUpstreamDown()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        // About 28 MB of NDJSON that the client never reads. Buffers on the
        // way (kernel, Qt, the gateway's high-water mark) hold a few MB, so
        // an upstream that finishes anyway was read without backpressure.
        constexpr int pieces = 300000;
        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.socket().setReadBufferSize(4096);
        client.send(post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"go\"}", gateway.key(),
                         "X-Fake-Chunks: " + QByteArray::number(pieces) + "\r\n"));

        const auto written = [&gateway] {
            const QJsonArray requests = gateway.fake().requests();
            return requests.isEmpty() ? 0 : requests.first().toObject().value(QStringLiteral("piecesWritten")).toInt();
        };

        // Wait until the upstream's progress stops moving.
        int previous = -1;
        int current = written();
        for (int round = 0; round < 100 && current != previous; ++round) {
            QTest::qWait(300);
            previous = current;
            current = written();
        }

        QVERIFY2(current > 0, "the stream never started");
        QVERIFY2(current < pieces / 2, qPrintable(QStringLiteral("upstream wrote %1 of %2 pieces").arg(current).arg(pieces)));
        QVERIFY(!gateway.fake().requests().first().toObject().value(QStringLiteral("finished")).toBool());

        client.close();
        QTRY_VERIFY(gateway.fake().requests().first().toObject().value(QStringLiteral("aborted")).toBool());
    }

    void turnsEmptyForbiddenIntoJson()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-Error: empty-403\r\n"));
        QCOMPARE(response.status, 403);
        QCOMPARE(json(response.body).value(QStringLiteral("error")).toString(),
                 QStringLiteral("upstream rejected request (host/origin check)"));
    }

    void passesUpstreamBusyThrough()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-Error: busy\r\n"));
        QCOMPARE(response.status, 503);
        QCOMPARE(json(response.body).value(QStringLiteral("error")).toString(),
                 QStringLiteral("server busy, please try again.  maximum pending requests exceeded"));
        QCOMPARE(gateway.fake().requests().size(), 1);
        QCOMPARE(onlyRow(gateway).outcome, QStringLiteral("upstream error"));
    }

    void relaysUpstreamErrorMidStream()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-Error: during\r\n"));
        QCOMPARE(response.status, 200);
        const QList<QJsonObject> lines = ndjsonLines(response.body);
        QCOMPARE(lines.last().value(QStringLiteral("error")).toString(),
                 QStringLiteral("an error was encountered while running the model"));
        QCOMPARE(onlyRow(gateway).outcome, QStringLiteral("upstream error"));
    }

    void reportsUpstreamResetMidStream()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        const RawHttpClient::Response response = roundTrip(
            gateway.port(), post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}", gateway.key(), "X-Fake-Error: reset\r\n"));
        QCOMPARE(response.status, 200);
        QVERIFY(response.complete);
        const QList<QJsonObject> lines = ndjsonLines(response.body);
        QVERIFY(lines.size() >= 2);
        QVERIFY(lines.last().value(QStringLiteral("error")).toString().startsWith(QStringLiteral("upstream connection lost")));

        const RequestLogEntry row = onlyRow(gateway);
        QCOMPARE(row.outcome, QStringLiteral("upstream error"));
        QVERIFY(row.errorMessage.startsWith(QStringLiteral("upstream connection lost")));
    }

    void reusesUpstreamConnections()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.workerThreads = 1; }));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        for (int i = 0; i < 5; ++i) {
            client.send(get("/api/tags", gateway.key()));
            QCOMPARE(client.readResponse().status, 200);
        }

        QSet<int> connections;
        for (const QJsonValue &request : gateway.fake().requests())
            connections.insert(request.toObject().value(QStringLiteral("connectionId")).toInt());
        QCOMPARE(gateway.fake().requests().size(), 5);
        QCOMPARE(connections.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProxyExchange)
#include "tst_proxyexchange.moc"
