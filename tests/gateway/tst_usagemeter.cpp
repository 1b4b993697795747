// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageMeter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::UsageMeter;
using Format = UsageMeter::Format;

namespace QTest {

template<>
char *toString(const std::optional<qint64> &value)
{
    return value ? QTest::toString(*value) : qstrdup("unknown");
}

} // namespace QTest

namespace {

constexpr int kNoCap = 1 << 20;

// How a test cuts the upstream body into feeds: 0 is one feed, 1 is one
// byte per feed, larger values seed random cuts of 1 to 40 bytes.
enum Split { Whole = 0, ByteByByte = 1 };

struct Relayed
{
    QByteArray output;          // everything the client received, finish() included
    QList<QByteArray> pieces;   // non-empty results of feed(), in order
    QByteArray finishBytes;
};

Relayed relay(UsageMeter &meter, QByteArrayView input, int split)
{
    Relayed relayed;
    QRandomGenerator random{quint32(split)};

    qsizetype pos = 0;
    while (pos < input.size()) {
        qsizetype length = input.size() - pos;
        if (split == ByteByByte)
            length = 1;
        else if (split > ByteByByte)
            length = qMin(length, qsizetype(random.bounded(1, 41)));

        const QByteArray piece = meter.feed(input.sliced(pos, length));
        if (!piece.isEmpty())
            relayed.pieces.append(piece);
        relayed.output += piece;
        pos += length;
    }

    relayed.finishBytes = meter.finish();
    relayed.output += relayed.finishBytes;
    return relayed;
}

void addSplitRows()
{
    QTest::addColumn<int>("split");
    QTest::newRow("one feed") << int(Whole);
    QTest::newRow("byte by byte") << int(ByteByByte);
    for (int seed = 2; seed < 7; ++seed)
        QTest::newRow(qPrintable(u"random cuts, seed %1"_s.arg(seed))) << seed;
}

// The three lines of a generate stream, with a two-byte and a four-byte
// UTF-8 character in the text.
const QByteArray kGenerateStream =
    R"({"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"He","done":false})"
    "\n"
    "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\",\"response\":\"ll\xC3\xB6 \xF0\x9F\x98\x80\",\"done\":false}"
    "\n"
    R"({"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":"","done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":2})"
    "\n"_ba;

const QString kGenerateText = u"Hellö 😀"_s;

QByteArray chatChunk(const QByteArray &content, const QByteArray &finishReason)
{
    return R"(data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":")"
        + content + R"("},"finish_reason":)" + finishReason + "}]}\n\n";
}

const QByteArray kChatUsageChunk =
    R"(data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[],"usage":{"prompt_tokens":26,"completion_tokens":3,"total_tokens":29}})"
    "\n\n"_ba;

const QByteArray kDone = "data: [DONE]\n\n"_ba;

// A /v1/chat/completions stream as Ollama's ChatWriter writes it.
QByteArray chatStream(bool withUsage)
{
    QByteArray stream = chatChunk("Hi", "null") + chatChunk(" th\xC3\xA9re", "null") + chatChunk("", R"("stop")");
    if (withUsage)
        stream += kChatUsageChunk;
    return stream + kDone;
}

QByteArray completionChunk(const QByteArray &text, const QByteArray &finishReason, bool zeroedUsage)
{
    QByteArray chunk = R"(data: {"id":"cmpl-3","object":"text_completion","created":1700000000,"choices":[{"text":")" + text
        + R"(","index":0,"finish_reason":)" + finishReason
        + R"(}],"model":"llama3.2","system_fingerprint":"fp_ollama")";
    if (zeroedUsage)
        chunk += R"(,"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0})";
    return chunk + "}\n\n";
}

// A /v1/completions stream as Ollama's CompleteWriter writes it.
QByteArray completionStream(bool withUsage)
{
    QByteArray stream = completionChunk("Once", "null", withUsage) + completionChunk(" upon", "null", withUsage)
        + completionChunk("", R"("length")", withUsage);
    if (withUsage) {
        stream += R"(data: {"id":"cmpl-3","object":"text_completion","created":1700000000,"choices":[],"model":"llama3.2","system_fingerprint":"fp_ollama","usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})"
                  "\n\n";
    }
    return stream + kDone;
}

QByteArray repeated(char c, qsizetype count)
{
    return QByteArray(count, c);
}

} // namespace

class TestUsageMeter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatForContentType_data();
    void formatForContentType();

    void ndjsonRelaysBytesUnchanged_data();
    void ndjsonRelaysBytesUnchanged();
    void ndjsonRelaysOnlyCompleteLines_data();
    void ndjsonRelaysOnlyCompleteLines();
    void ndjsonSeveralLinesInOneFeed();
    void ndjsonMissingPromptCountIsUnknown_data();
    void ndjsonMissingPromptCountIsUnknown();
    void ndjsonFinalChunkWithoutCounts();
    void ndjsonChatMessages();
    void ndjsonErrorLineMidStream_data();
    void ndjsonErrorLineMidStream();
    void ndjsonStreamWithoutDone();
    void ndjsonBlankLinesPassUnchanged();
    void ndjsonTailWithoutNewline();
    void ndjsonLongContextArray_data();
    void ndjsonLongContextArray();
    void ndjsonHugeLineIsReleased();
    void ndjsonLineOverMeterLimit();
    void ndjsonPullProgress();
    void ndjsonTextCapKeepsCounting_data();
    void ndjsonTextCapKeepsCounting();

    void sseChatWithUsage_data();
    void sseChatWithUsage();
    void sseChatWithoutUsage_data();
    void sseChatWithoutUsage();
    void sseChatStripsAddedUsage_data();
    void sseChatStripsAddedUsage();
    void sseCompletionsIgnoreZeroedUsage_data();
    void sseCompletionsIgnoreZeroedUsage();
    void sseCompletionsStripAddedUsage_data();
    void sseCompletionsStripAddedUsage();
    void sseStripReserialisesUnusualChunk();
    void sseRelaysOnlyCompleteEvents_data();
    void sseRelaysOnlyCompleteEvents();
    void sseWithoutDoneIsIncomplete();
    void sseCrLfLineEnds_data();
    void sseCrLfLineEnds();
    void sseErrorEvent();
    void sseCommentsAndMultiLineData();
    void sseHugeEventIsReleased();
    void sseUnterminatedEventAtEnd();
    void sseResponsesStream();
    void sseAnthropicStream();

    void jsonPassesThroughImmediately();
    void jsonBodies_data();
    void jsonBodies();
    void jsonErrorBody();
    void jsonBodyOverLimitIsNotMetered();
    void otherFormatPassesThrough();
    void finishIsIdempotent();
    void emptyBody();
};

void TestUsageMeter::formatForContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("format");

    QTest::newRow("ndjson") << "application/x-ndjson"_ba << int(Format::NdJson);
    QTest::newRow("ndjson, upper case") << "Application/X-NDJSON"_ba << int(Format::NdJson);
    QTest::newRow("ndjson without x-") << "application/ndjson"_ba << int(Format::NdJson);
    QTest::newRow("sse") << "text/event-stream"_ba << int(Format::Sse);
    QTest::newRow("sse with charset") << "text/event-stream; charset=utf-8"_ba << int(Format::Sse);
    QTest::newRow("json with charset") << "application/json; charset=utf-8"_ba << int(Format::Json);
    QTest::newRow("json, spaces") << "  application/json  "_ba << int(Format::Json);
    QTest::newRow("problem json") << "application/problem+json"_ba << int(Format::Json);
    QTest::newRow("plain text") << "text/plain; charset=utf-8"_ba << int(Format::Other);
    QTest::newRow("octet stream") << "application/octet-stream"_ba << int(Format::Other);
    QTest::newRow("empty") << QByteArray() << int(Format::Other);
    QTest::newRow("json prefix only") << "application/jsonx"_ba << int(Format::Other);
}

void TestUsageMeter::formatForContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, format);

    QCOMPARE(int(UsageMeter::formatFor(contentType)), format);
}

void TestUsageMeter::ndjsonRelaysBytesUnchanged_data()
{
    addSplitRows();
}

void TestUsageMeter::ndjsonRelaysBytesUnchanged()
{
    QFETCH(int, split);

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, kGenerateStream, split);

    QCOMPARE(relayed.output, kGenerateStream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(5));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QCOMPARE(meter.responseText(), kGenerateText);
    QVERIFY(meter.sawCompletion());
    QCOMPARE(meter.doneReason(), u"stop"_s);
    QVERIFY(meter.streamError().isEmpty());
    QCOMPARE(meter.linesSeen(), 3);
}

void TestUsageMeter::ndjsonRelaysOnlyCompleteLines_data()
{
    addSplitRows();
}

void TestUsageMeter::ndjsonRelaysOnlyCompleteLines()
{
    QFETCH(int, split);

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, kGenerateStream, split);

    QVERIFY(relayed.finishBytes.isEmpty());
    for (const QByteArray &piece : relayed.pieces) {
        QVERIFY(piece.endsWith('\n'));
        const QList<QByteArray> lines = piece.chopped(1).split('\n');
        for (const QByteArray &line : lines)
            QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
    }
    if (split == ByteByByte)
        QCOMPARE(relayed.pieces.size(), 3);
}

void TestUsageMeter::ndjsonSeveralLinesInOneFeed()
{
    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);

    // The first line and a half in one read, the rest in the next.
    const qsizetype cut = kGenerateStream.indexOf('\n') + 30;
    const QByteArray first = meter.feed(QByteArrayView(kGenerateStream).first(cut));
    QCOMPARE(first, kGenerateStream.left(kGenerateStream.indexOf('\n') + 1));

    const QByteArray second = meter.feed(QByteArrayView(kGenerateStream).sliced(cut));
    QCOMPARE(QByteArray(first + second), kGenerateStream);
    QCOMPARE(meter.finish(), QByteArray());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
}

void TestUsageMeter::ndjsonMissingPromptCountIsUnknown_data()
{
    addSplitRows();
}

void TestUsageMeter::ndjsonMissingPromptCountIsUnknown()
{
    QFETCH(int, split);

    const QByteArray stream =
        R"({"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"Hi","done":false})"
        "\n"
        R"({"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"","done":true,"done_reason":"stop","total_duration":1000,"eval_count":12,"eval_duration":900})"
        "\n"_ba;

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(12));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::ndjsonFinalChunkWithoutCounts()
{
    // Ollama omits zero counts, and a load reply has none.
    const QByteArray stream =
        R"({"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"","done":true,"done_reason":"load"})"
        "\n"_ba;

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    QCOMPARE(relay(meter, stream, Whole).output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());
    QCOMPARE(meter.doneReason(), u"load"_s);
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::ndjsonChatMessages()
{
    const QByteArray stream =
        R"({"model":"llama3.2","created_at":"x","message":{"role":"assistant","content":"Bon"},"done":false})"
        "\n"
        R"({"model":"llama3.2","created_at":"x","message":{"role":"assistant","content":"jour"},"done":false})"
        "\n"
        R"({"model":"llama3.2","created_at":"x","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","prompt_eval_count":9,"eval_count":4})"
        "\n"_ba;

    UsageMeter meter(Format::NdJson, "/api/chat", false, kNoCap);
    QCOMPARE(relay(meter, stream, 3).output, stream);
    QCOMPARE(meter.responseText(), u"Bonjour"_s);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(9));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(4));
    QCOMPARE(meter.doneReason(), u"length"_s);
}

void TestUsageMeter::ndjsonErrorLineMidStream_data()
{
    addSplitRows();
}

void TestUsageMeter::ndjsonErrorLineMidStream()
{
    QFETCH(int, split);

    const QByteArray stream =
        R"({"model":"llama3.2","created_at":"x","response":"Once","done":false})"
        "\n"
        R"({"error":"an error was encountered while running the model"})"
        "\n"_ba;

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.streamError(), u"an error was encountered while running the model"_s);
    QVERIFY(!meter.sawCompletion());
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());
    QCOMPARE(meter.responseText(), u"Once"_s);
    QCOMPARE(meter.linesSeen(), 2);
}

void TestUsageMeter::ndjsonStreamWithoutDone()
{
    const QByteArray stream = kGenerateStream.left(kGenerateStream.indexOf("\n{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:01Z\"") + 1);

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    QCOMPARE(relay(meter, stream, 5).output, stream);
    QVERIFY(!meter.sawCompletion());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());
    QCOMPARE(meter.linesSeen(), 2);
}

void TestUsageMeter::ndjsonBlankLinesPassUnchanged()
{
    const QByteArray stream = "\n" + kGenerateStream.left(kGenerateStream.indexOf('\n') + 1) + "\n\r\n"_ba;

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    QCOMPARE(relay(meter, stream, ByteByByte).output, stream);
    QCOMPARE(meter.linesSeen(), 1);
    QCOMPARE(meter.responseText(), u"He"_s);
}

void TestUsageMeter::ndjsonTailWithoutNewline()
{
    const QByteArray stream = kGenerateStream.chopped(1);

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, stream, Whole);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(relayed.finishBytes, stream.mid(stream.lastIndexOf('\n') + 1));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::ndjsonLongContextArray_data()
{
    addSplitRows();
}

void TestUsageMeter::ndjsonLongContextArray()
{
    QFETCH(int, split);

    // A final generate chunk carries one token id per token of the whole
    // conversation: here 64 KiB of them.
    QByteArray context;
    for (int token = 0; context.size() < 64 * 1024; ++token) {
        if (!context.isEmpty())
            context += ',';
        context += QByteArray::number(128000 + token);
    }
    const QByteArray stream = kGenerateStream.left(kGenerateStream.lastIndexOf("{\"model\""))
        + R"({"model":"llama3.2","created_at":"x","response":"","done":true,"done_reason":"stop","context":[)"
        + context + R"(],"prompt_eval_count":4096,"eval_count":31})" + "\n";

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(4096));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(31));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::ndjsonHugeLineIsReleased()
{
    const QByteArray text = repeated('a', UsageMeter::maxHeldBytes + 512 * 1024);
    const QByteArray hugeLine = R"({"model":"m","created_at":"x","response":")" + text + R"(","done":false})" + "\n";
    const QByteArray finalLine =
        R"({"model":"m","created_at":"x","response":"","done":true,"prompt_eval_count":3,"eval_count":70000})"
        "\n"_ba;
    const QByteArray stream = hugeLine + finalLine;

    UsageMeter meter(Format::NdJson, "/api/generate", false, 100);

    QByteArray output;
    qsizetype fed = 0;
    qsizetype maxHeld = 0;
    const qsizetype chunk = 64 * 1024;
    while (fed < stream.size()) {
        const qsizetype length = qMin(chunk, stream.size() - fed);
        output += meter.feed(QByteArrayView(stream).sliced(fed, length));
        fed += length;
        maxHeld = qMax(maxHeld, fed - output.size());
    }
    output += meter.finish();

    QCOMPARE(output, stream);
    QVERIFY2(maxHeld <= UsageMeter::maxHeldBytes + chunk, qPrintable(QString::number(maxHeld)));
    QCOMPARE(meter.responseText(), QString(100, u'a'));
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(3));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(70000));
    QCOMPARE(meter.linesSeen(), 2);
}

void TestUsageMeter::ndjsonLineOverMeterLimit()
{
    const QByteArray hugeLine = R"({"model":"m","response":")" + repeated('b', UsageMeter::maxMeteredBytes)
        + R"(","done":false})" + "\n";
    const QByteArray finalLine = R"({"model":"m","response":"!","done":true,"eval_count":5})" "\n"_ba;
    const QByteArray stream = hugeLine + finalLine;

    UsageMeter meter(Format::NdJson, "/api/generate", false, kNoCap);
    QByteArray output;
    for (qsizetype pos = 0; pos < stream.size(); pos += 1024 * 1024)
        output += meter.feed(QByteArrayView(stream).sliced(pos, qMin<qsizetype>(1024 * 1024, stream.size() - pos)));
    output += meter.finish();

    QCOMPARE(output.size(), stream.size());
    QVERIFY(output == stream);
    // The oversized line is relayed but not metered; the next one is.
    QCOMPARE(meter.responseText(), u"!"_s);
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(5));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::ndjsonPullProgress()
{
    QByteArray stream = R"({"status":"pulling manifest"})" "\n"_ba;
    for (int i = 0; i < 50; ++i)
        stream += R"({"status":"pulling 6a0746a1ec1a","digest":"sha256:6a07","total":2019377376,"completed":)"
            + QByteArray::number(i * 1000) + "}\n";
    stream += R"({"status":"success"})" "\n";

    UsageMeter meter(Format::NdJson, "/api/pull", false, kNoCap);
    QCOMPARE(relay(meter, stream, 4).output, stream);
    QVERIFY(meter.sawCompletion());
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.linesSeen(), 52);

    UsageMeter failed(Format::NdJson, "/api/pull", false, kNoCap);
    const QByteArray failure = R"({"status":"pulling manifest"})" "\n" R"({"error":"pull model manifest: file does not exist"})" "\n"_ba;
    QCOMPARE(relay(failed, failure, Whole).output, failure);
    QVERIFY(!failed.sawCompletion());
    QCOMPARE(failed.streamError(), u"pull model manifest: file does not exist"_s);
}

void TestUsageMeter::ndjsonTextCapKeepsCounting_data()
{
    QTest::addColumn<int>("maxTextChars");
    QTest::addColumn<QString>("text");

    QTest::newRow("no text") << 0 << QString();
    QTest::newRow("three") << 3 << u"Hel"_s;
    QTest::newRow("surrogate pair not split") << 7 << u"Hellö "_s;
    QTest::newRow("whole") << 8 << kGenerateText;
}

void TestUsageMeter::ndjsonTextCapKeepsCounting()
{
    QFETCH(int, maxTextChars);
    QFETCH(QString, text);

    // Tool-call arguments may hold a nested "done":false; the final chunk
    // must still be metered once the text cap makes the meter skip chunks.
    const QByteArray stream = kGenerateStream.left(kGenerateStream.lastIndexOf("{\"model\""))
        + R"({"model":"m","created_at":"x","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"done":false}}}]},"response":"","done":true,"prompt_eval_count":8,"eval_count":2})"
        + "\n";

    UsageMeter meter(Format::NdJson, "/api/generate", false, maxTextChars);
    QCOMPARE(relay(meter, stream, ByteByByte).output, stream);
    QCOMPARE(meter.responseText(), text);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(8));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseChatWithUsage_data()
{
    addSplitRows();
}

void TestUsageMeter::sseChatWithUsage()
{
    QFETCH(int, split);

    const QByteArray stream = chatStream(true);
    UsageMeter meter(Format::Sse, "/v1/chat/completions", false, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(26));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(3));
    QCOMPARE(meter.responseText(), u"Hi thére"_s);
    QCOMPARE(meter.doneReason(), u"stop"_s);
    QVERIFY(meter.sawCompletion());
    QCOMPARE(meter.linesSeen(), 5);
}

void TestUsageMeter::sseChatWithoutUsage_data()
{
    addSplitRows();
}

void TestUsageMeter::sseChatWithoutUsage()
{
    QFETCH(int, split);

    const QByteArray stream = chatStream(false);
    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseChatStripsAddedUsage_data()
{
    addSplitRows();
}

void TestUsageMeter::sseChatStripsAddedUsage()
{
    QFETCH(int, split);

    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, kNoCap);
    const Relayed relayed = relay(meter, chatStream(true), split);

    QCOMPARE(relayed.output, chatStream(false));
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(26));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(3));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseCompletionsIgnoreZeroedUsage_data()
{
    addSplitRows();
}

void TestUsageMeter::sseCompletionsIgnoreZeroedUsage()
{
    QFETCH(int, split);

    const QByteArray stream = completionStream(true);
    UsageMeter meter(Format::Sse, "/v1/completions", false, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(5));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QCOMPARE(meter.responseText(), u"Once upon"_s);
    QCOMPARE(meter.doneReason(), u"length"_s);
    QVERIFY(meter.sawCompletion());

    // Cut off before the usage chunk, the zeroed per-chunk usage must not
    // pass for a count.
    const QByteArray truncated = stream.left(stream.indexOf(R"("choices":[],)"));
    UsageMeter cut(Format::Sse, "/v1/completions", false, kNoCap);
    relay(cut, truncated.left(truncated.lastIndexOf("\n\n") + 2), split);
    QCOMPARE(cut.promptTokens(), std::optional<qint64>());
    QCOMPARE(cut.completionTokens(), std::optional<qint64>());
    QVERIFY(!cut.sawCompletion());
}

void TestUsageMeter::sseCompletionsStripAddedUsage_data()
{
    addSplitRows();
}

void TestUsageMeter::sseCompletionsStripAddedUsage()
{
    QFETCH(int, split);

    UsageMeter meter(Format::Sse, "/v1/completions", true, kNoCap);
    const Relayed relayed = relay(meter, completionStream(true), split);

    QCOMPARE(relayed.output, completionStream(false));
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(5));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseStripReserialisesUnusualChunk()
{
    // usage not last, and a U+2028 in the text: the chunk is re-serialised.
    const QByteArray chunk =
        "data: {\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0},\"object\":\"text_completion\","
        "\"choices\":[{\"text\":\"a\xE2\x80\xA8" "b\",\"index\":0,\"finish_reason\":null}]}\n\n"_ba;

    UsageMeter meter(Format::Sse, "/v1/completions", true, kNoCap);
    const QByteArray output = meter.feed(chunk) + meter.finish();

    QVERIFY(output.startsWith("data: {"));
    QVERIFY(output.endsWith("}\n\n"));
    QVERIFY(!output.contains("usage"));
    QVERIFY(!output.contains("\xE2\x80\xA8"));
    QVERIFY(output.contains("\\u2028"));

    const QJsonObject relayed = QJsonDocument::fromJson(output.sliced(6).chopped(2)).object();
    QCOMPARE(relayed.value("object"_L1).toString(), u"text_completion"_s);
    QCOMPARE(relayed.value("choices"_L1).toArray().first().toObject().value("text"_L1).toString(),
             u"a\u2028b"_s);
}

void TestUsageMeter::sseRelaysOnlyCompleteEvents_data()
{
    addSplitRows();
}

void TestUsageMeter::sseRelaysOnlyCompleteEvents()
{
    QFETCH(int, split);

    UsageMeter meter(Format::Sse, "/v1/chat/completions", false, kNoCap);
    const Relayed relayed = relay(meter, chatStream(true), split);

    QVERIFY(relayed.finishBytes.isEmpty());
    for (const QByteArray &piece : relayed.pieces) {
        QVERIFY(piece.startsWith("data: "));
        QVERIFY(piece.endsWith("\n\n"));
    }
    if (split == ByteByByte)
        QCOMPARE(relayed.pieces.size(), 5);
}

void TestUsageMeter::sseWithoutDoneIsIncomplete()
{
    // An upstream error after streaming started reaches a /v1 client as an
    // empty chunk and a closed connection, without finish chunk or [DONE].
    const QByteArray stream = chatChunk("Hi", "null") + chatChunk("", "null");

    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, kNoCap);
    QCOMPARE(relay(meter, stream, 3).output, stream);
    QVERIFY(!meter.sawCompletion());
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
    QCOMPARE(meter.responseText(), u"Hi"_s);
}

void TestUsageMeter::sseCrLfLineEnds_data()
{
    addSplitRows();
}

void TestUsageMeter::sseCrLfLineEnds()
{
    QFETCH(int, split);

    QByteArray stream = chatStream(true);
    stream.replace("\n", "\r\n");

    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, kNoCap);
    const Relayed relayed = relay(meter, stream, split);

    QByteArray expected = chatStream(false);
    expected.replace("\n", "\r\n");
    QCOMPARE(relayed.output, expected);
    for (const QByteArray &piece : relayed.pieces)
        QVERIFY(piece.endsWith("\r\n\r\n"));
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(26));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseErrorEvent()
{
    const QByteArray stream = chatChunk("Hi", "null")
        + R"(data: {"error":{"message":"model runner has unexpectedly stopped","type":"api_error","param":null,"code":null}})"
          "\n\n";

    UsageMeter meter(Format::Sse, "/v1/chat/completions", false, kNoCap);
    QCOMPARE(relay(meter, stream, ByteByByte).output, stream);
    QCOMPARE(meter.streamError(), u"model runner has unexpectedly stopped"_s);
    QVERIFY(!meter.sawCompletion());
}

void TestUsageMeter::sseCommentsAndMultiLineData()
{
    const QByteArray stream = ": keep-alive\n\n"
                              "event: message\ndata: {\"choices\":[{\"delta\":{\"content\":\"a\"},\n"
                              "data: \"finish_reason\":null}]}\n\n"
                              "data:[DONE]\n\n"_ba;

    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, kNoCap);
    QCOMPARE(relay(meter, stream, ByteByByte).output, stream);
    QCOMPARE(meter.responseText(), u"a"_s);
    QVERIFY(meter.sawCompletion());
    QCOMPARE(meter.linesSeen(), 2);
}

void TestUsageMeter::sseHugeEventIsReleased()
{
    const QByteArray content = repeated('z', UsageMeter::maxHeldBytes + 300 * 1024);
    const QByteArray stream = chatChunk(content, "null") + chatChunk("", R"("stop")") + kChatUsageChunk + kDone;

    UsageMeter meter(Format::Sse, "/v1/chat/completions", true, 10);
    QByteArray output;
    qsizetype maxHeld = 0;
    const qsizetype chunk = 100 * 1000;
    for (qsizetype pos = 0; pos < stream.size(); pos += chunk) {
        output += meter.feed(QByteArrayView(stream).sliced(pos, qMin(chunk, stream.size() - pos)));
        maxHeld = qMax(maxHeld, qMin(pos + chunk, stream.size()) - output.size());
    }
    output += meter.finish();

    QVERIFY(output == QByteArray(chatChunk(content, "null") + chatChunk("", R"("stop")") + kDone));
    QVERIFY(maxHeld <= UsageMeter::maxHeldBytes + chunk);
    QCOMPARE(meter.responseText(), u"zzzzzzzzzz"_s);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(26));
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseUnterminatedEventAtEnd()
{
    const QByteArray stream = chatChunk("Hi", R"("stop")") + "data: [DONE]\n"_ba;

    UsageMeter meter(Format::Sse, "/v1/chat/completions", false, kNoCap);
    const Relayed relayed = relay(meter, stream, ByteByByte);

    QCOMPARE(relayed.output, stream);
    QCOMPARE(relayed.finishBytes, "data: [DONE]\n"_ba);
    QVERIFY(!meter.sawCompletion());
}

void TestUsageMeter::sseResponsesStream()
{
    const QByteArray stream =
        "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"status\":\"in_progress\",\"usage\":null,\"error\":null}}\n\n"
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}\n\n"
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}\n\n"
        "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"error\":null,"
        "\"usage\":{\"input_tokens\":11,\"output_tokens\":2,\"total_tokens\":13}}}\n\n"_ba;

    UsageMeter meter(Format::Sse, "/v1/responses", false, kNoCap);
    QCOMPARE(relay(meter, stream, 6).output, stream);
    QCOMPARE(meter.responseText(), u"Hello"_s);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(11));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(2));
    QCOMPARE(meter.doneReason(), u"completed"_s);
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::sseAnthropicStream()
{
    const QByteArray stream =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"content\":[],"
        "\"usage\":{\"input_tokens\":14,\"output_tokens\":0}}}\n\n"
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Yo\"}}\n\n"
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}\n\n"
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"_ba;

    UsageMeter meter(Format::Sse, "/v1/messages", false, kNoCap);
    QCOMPARE(relay(meter, stream, 2).output, stream);
    QCOMPARE(meter.responseText(), u"Yo"_s);
    QCOMPARE(meter.promptTokens(), std::optional<qint64>(14));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(6));
    QCOMPARE(meter.doneReason(), u"end_turn"_s);
    QVERIFY(meter.sawCompletion());

    UsageMeter unfinished(Format::Sse, "/v1/messages", false, kNoCap);
    relay(unfinished, stream.left(stream.indexOf("event: message_stop")), Whole);
    QVERIFY(!unfinished.sawCompletion());
}

void TestUsageMeter::jsonPassesThroughImmediately()
{
    const QByteArray body =
        R"({"model":"llama3.2","created_at":"x","response":"Hello","done":true,"done_reason":"stop","prompt_eval_count":7,"eval_count":1})"_ba;

    UsageMeter meter(Format::Json, "/api/generate", false, kNoCap);
    const QByteArray first = meter.feed(QByteArrayView(body).first(10));
    QCOMPARE(first, body.left(10));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());

    const QByteArray rest = meter.feed(QByteArrayView(body).sliced(10));
    QCOMPARE(rest, body.mid(10));
    QCOMPARE(meter.finish(), QByteArray());

    QCOMPARE(meter.promptTokens(), std::optional<qint64>(7));
    QCOMPARE(meter.completionTokens(), std::optional<qint64>(1));
    QCOMPARE(meter.responseText(), u"Hello"_s);
    QVERIFY(meter.sawCompletion());
}

void TestUsageMeter::jsonBodies_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("prompt");     // -1: unknown
    QTest::addColumn<qint64>("completion"); // -1: unknown
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("doneReason");

    QTest::newRow("chat") << "/api/chat"_ba
                          << R"({"model":"m","message":{"role":"assistant","content":"Hey"},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":2})"_ba
                          << qint64(3) << qint64(2) << u"Hey"_s << u"stop"_s;
    QTest::newRow("unload") << "/api/generate"_ba
                            << R"({"model":"m","created_at":"x","response":"","done":true,"done_reason":"unload"})"_ba
                            << qint64(-1) << qint64(-1) << QString() << u"unload"_s;
    QTest::newRow("embed") << "/api/embed"_ba
                           << R"({"model":"m","embeddings":[[0.1,0.2]],"total_duration":5,"load_duration":1,"prompt_eval_count":8})"_ba
                           << qint64(8) << qint64(-1) << QString() << QString();
    QTest::newRow("legacy embeddings") << "/api/embeddings"_ba << R"({"embedding":[0.5,0.25]})"_ba
                                       << qint64(-1) << qint64(-1) << QString() << QString();
    QTest::newRow("v1 chat") << "/v1/chat/completions"_ba
                             << R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","system_fingerprint":"fp_ollama","choices":[{"index":0,"message":{"role":"assistant","content":"Yes"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}})"_ba
                             << qint64(12) << qint64(1) << u"Yes"_s << u"stop"_s;
    QTest::newRow("v1 chat, cached prompt") << "/v1/chat/completions"_ba
                                            << R"({"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":0,"completion_tokens":4,"total_tokens":4}})"_ba
                                            << qint64(0) << qint64(4) << QString() << u"stop"_s;
    QTest::newRow("v1 completions") << "/v1/completions"_ba
                                    << R"({"id":"cmpl-1","object":"text_completion","choices":[{"text":"abc","index":0,"finish_reason":"length"}],"usage":{"prompt_tokens":2,"completion_tokens":3,"total_tokens":5}})"_ba
                                    << qint64(2) << qint64(3) << u"abc"_s << u"length"_s;
    QTest::newRow("v1 embeddings") << "/v1/embeddings"_ba
                                   << R"({"object":"list","data":[{"object":"embedding","embedding":[0.1],"index":0}],"model":"m","usage":{"prompt_tokens":6,"total_tokens":6}})"_ba
                                   << qint64(6) << qint64(-1) << QString() << QString();
    QTest::newRow("responses") << "/v1/responses"_ba
                               << R"({"id":"resp_1","object":"response","status":"completed","error":null,"output":[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Sure"}]}],"usage":{"input_tokens":9,"output_tokens":1,"total_tokens":10}})"_ba
                               << qint64(9) << qint64(1) << u"Sure"_s << u"completed"_s;
    QTest::newRow("anthropic") << "/v1/messages"_ba
                               << R"({"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Ok"}],"stop_reason":"end_turn","usage":{"input_tokens":4,"output_tokens":1}})"_ba
                               << qint64(4) << qint64(1) << u"Ok"_s << u"end_turn"_s;
    QTest::newRow("pretty printed, negative count ignored")
        << "/api/generate"_ba
        << "{\n  \"response\": \"x\",\n  \"done\": true,\n  \"prompt_eval_count\": -1,\n  \"eval_count\": 2.5\n}\n"_ba
        << qint64(-1) << qint64(-1) << u"x"_s << QString();
}

void TestUsageMeter::jsonBodies()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(qint64, prompt);
    QFETCH(qint64, completion);
    QFETCH(QString, text);
    QFETCH(QString, doneReason);

    const auto expectedCount = [](qint64 value) {
        return value < 0 ? std::optional<qint64>() : std::optional<qint64>(value);
    };

    UsageMeter meter(Format::Json, path, false, kNoCap);
    QCOMPARE(relay(meter, body, 3).output, body);
    QCOMPARE(meter.promptTokens(), expectedCount(prompt));
    QCOMPARE(meter.completionTokens(), expectedCount(completion));
    QCOMPARE(meter.responseText(), text);
    QCOMPARE(meter.doneReason(), doneReason);
    QVERIFY(meter.sawCompletion());
    QVERIFY(meter.streamError().isEmpty());
    QCOMPARE(meter.linesSeen(), 1);
}

void TestUsageMeter::jsonErrorBody()
{
    UsageMeter native(Format::Json, "/api/chat", false, kNoCap);
    const QByteArray nativeBody = R"({"error":"model 'nope' not found"})"_ba;
    QCOMPARE(relay(native, nativeBody, Whole).output, nativeBody);
    QCOMPARE(native.streamError(), u"model 'nope' not found"_s);
    QVERIFY(!native.sawCompletion());

    UsageMeter openAi(Format::Json, "/v1/chat/completions", false, kNoCap);
    const QByteArray openAiBody =
        R"({"error":{"message":"model \"nope\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}})"_ba;
    relay(openAi, openAiBody, Whole);
    QCOMPARE(openAi.streamError(), u"model \"nope\" not found, try pulling it first"_s);
    QVERIFY(!openAi.sawCompletion());

    // Error bodies of routes without counts are read as well.
    UsageMeter show(Format::Json, "/api/show", false, kNoCap);
    relay(show, nativeBody, Whole);
    QCOMPARE(show.streamError(), u"model 'nope' not found"_s);
}

void TestUsageMeter::jsonBodyOverLimitIsNotMetered()
{
    const QByteArray body = R"({"model":"m","response":")" + repeated('x', UsageMeter::maxMeteredBytes)
        + R"(","done":true,"eval_count":3})";

    UsageMeter meter(Format::Json, "/api/generate", false, kNoCap);
    QByteArray output;
    for (qsizetype pos = 0; pos < body.size(); pos += 1024 * 1024)
        output += meter.feed(QByteArrayView(body).sliced(pos, qMin<qsizetype>(1024 * 1024, body.size() - pos)));
    output += meter.finish();

    QVERIFY(output == body);
    QCOMPARE(meter.completionTokens(), std::optional<qint64>());
    QVERIFY(!meter.sawCompletion());

    // Unmetered routes keep far less: a verbose /api/show is not retained.
    UsageMeter show(Format::Json, "/api/show", false, kNoCap);
    const QByteArray showBody = R"({"model_info":")" + repeated('v', 100 * 1024) + R"("})";
    QCOMPARE(relay(show, showBody, Whole).output, showBody);
    QVERIFY(!show.sawCompletion());
}

void TestUsageMeter::otherFormatPassesThrough()
{
    const QByteArray body = "Ollama is running"_ba;

    UsageMeter meter(Format::Other, "/", false, kNoCap);
    QCOMPARE(meter.feed(body), body);
    QCOMPARE(meter.finish(), QByteArray());
    QVERIFY(!meter.sawCompletion());
    QVERIFY(meter.streamError().isEmpty());
    QCOMPARE(meter.promptTokens(), std::optional<qint64>());
}

void TestUsageMeter::finishIsIdempotent()
{
    UsageMeter json(Format::Json, "/api/generate", false, kNoCap);
    json.feed(R"({"response":"ab","done":true,"eval_count":1})");
    json.finish();
    QCOMPARE(json.finish(), QByteArray());
    QCOMPARE(json.responseText(), u"ab"_s);
    QCOMPARE(json.linesSeen(), 1);

    UsageMeter ndjson(Format::NdJson, "/api/generate", false, kNoCap);
    QCOMPARE(ndjson.feed(R"({"response":"ab","done":true})"), QByteArray());
    QCOMPARE(ndjson.finish(), R"({"response":"ab","done":true})"_ba);
    QCOMPARE(ndjson.finish(), QByteArray());
    QCOMPARE(ndjson.responseText(), u"ab"_s);
}

void TestUsageMeter::emptyBody()
{
    for (Format format : {Format::Json, Format::NdJson, Format::Sse, Format::Other}) {
        UsageMeter meter(format, "/api/generate", false, kNoCap);
        QCOMPARE(meter.feed(QByteArrayView()), QByteArray());
        QCOMPARE(meter.finish(), QByteArray());
        QVERIFY(!meter.sawCompletion());
        QCOMPARE(meter.linesSeen(), 0);
    }
}

QTEST_APPLESS_MAIN(TestUsageMeter)

#include "tst_usagemeter.moc"
