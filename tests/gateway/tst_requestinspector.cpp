// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestInspector.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::ErrorCode;
using Gateway::InspectedRequest;
using Gateway::RequestInspector;
using Gateway::Result;

namespace {

constexpr int kNoCap = 1 << 20;

InspectedRequest inspectOk(QByteArrayView path, QByteArrayView body, int maxTextChars = kNoCap)
{
    const Result<InspectedRequest> result = RequestInspector::inspect(path, body, maxTextChars);
    if (!result) {
        qWarning("unexpected error: %s", qPrintable(result.error().message()));
        return InspectedRequest();
    }
    return result.value();
}

} // namespace

class TestRequestInspector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathWithoutJsonBodyIsEmpty_data();
    void pathWithoutJsonBodyIsEmpty();
    void rejectsMissingBody_data();
    void rejectsMissingBody();
    void rejectsInvalidJson_data();
    void rejectsInvalidJson();
    void rejectsNonObject_data();
    void rejectsNonObject();
    void normalisesModelSpellings_data();
    void normalisesModelSpellings();
    void flagsInvalidModel_data();
    void flagsInvalidModel();
    void withoutModelNothingIsFlagged();
    void nameAliasOnlyWhereOllamaReadsIt_data();
    void nameAliasOnlyWhereOllamaReadsIt();
    void rejectsWrongFieldTypes_data();
    void rejectsWrongFieldTypes();
    void ignoresFieldsRouteDoesNotBind();
    void matchesFieldNamesLikeGo_data();
    void matchesFieldNamesLikeGo();
    void rejectsConflictingSpellings_data();
    void rejectsConflictingSpellings();
    void acceptsRepeatedSpellingWithSameValue();
    void lastDuplicateKeyWins();
    void streamDefaultsPerEndpoint_data();
    void streamDefaultsPerEndpoint();
    void clientAskedUsage_data();
    void clientAskedUsage();
    void readsContext();
    void ignoresDeprecatedContextArray();
    void promptText_data();
    void promptText();
    void countsImageBytes_data();
    void countsImageBytes();
    void capsPromptText_data();
    void capsPromptText();
    void ignoresQueryInPath();

    void usageInsertedAfterOpeningBrace_data();
    void usageInsertedAfterOpeningBrace();
    void usageAppendedToExistingOptions_data();
    void usageAppendedToExistingOptions();
    void usageRequestLeavesOtherBytesAlone();
    void usageRequestReadsBackAsAsked_data();
    void usageRequestReadsBackAsAsked();
    void usageRequestKeepsNonObjectBodies_data();
    void usageRequestKeepsNonObjectBodies();
};

void TestRequestInspector::pathWithoutJsonBodyIsEmpty_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("tags") << "/api/tags"_ba << QByteArray();
    QTest::newRow("root") << "/"_ba << QByteArray();
    QTest::newRow("version") << "/api/version"_ba << QByteArray();
    QTest::newRow("v1 models") << "/v1/models"_ba << QByteArray();
    QTest::newRow("blob upload") << "/api/blobs/sha256:00"_ba << "\x00\x01 not json"_ba;
    QTest::newRow("unknown path with garbage") << "/api/unknown"_ba << "{nope"_ba;
}

void TestRequestInspector::pathWithoutJsonBodyIsEmpty()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);

    const Result<InspectedRequest> result = RequestInspector::inspect(path, body, kNoCap);
    QVERIFY(result.ok());
    QVERIFY(result.value().model.isEmpty());
    QVERIFY(result.value().canonicalModel.isEmpty());
    QVERIFY(!result.value().modelInvalid);
    QVERIFY(!result.value().streamRequested);
    QVERIFY(result.value().promptText.isEmpty());
}

void TestRequestInspector::rejectsMissingBody_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("generate, empty") << "/api/generate"_ba << QByteArray();
    QTest::newRow("chat, blank") << "/api/chat"_ba << " \r\n\t "_ba;
    QTest::newRow("embed, empty") << "/api/embed"_ba << QByteArray();
    QTest::newRow("show, empty") << "/api/show"_ba << QByteArray();
    QTest::newRow("v1 chat, empty") << "/v1/chat/completions"_ba << QByteArray();
    QTest::newRow("v1 completions, newline") << "/v1/completions"_ba << "\n"_ba;
}

void TestRequestInspector::rejectsMissingBody()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);

    const Result<InspectedRequest> result = RequestInspector::inspect(path, body, kNoCap);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::BadRequest);
    QCOMPARE(result.error().message(), u"missing request body"_s);
}

void TestRequestInspector::rejectsInvalidJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("truncated") << R"({"model":"llama3.2")"_ba
                               << u"invalid JSON in request body at offset 19: unterminated string"_s;
    QTest::newRow("trailing comma") << R"({"model":"llama3.2",})"_ba
                                    << u"invalid JSON in request body at offset 21: object is missing after a comma"_s;
    QTest::newRow("garbage after object") << R"({"model":"llama3.2"} {"model":"x"})"_ba
                                          << u"invalid JSON in request body at offset 21: garbage at the end of the document"_s;
    QTest::newRow("invalid utf-8") << "{\"prompt\":\"\xff\"}"_ba
                                   << u"invalid JSON in request body at offset 11: invalid UTF8 string"_s;
    QTest::newRow("form encoded") << "model=llama3.2&prompt=hi"_ba
                                  << u"invalid JSON in request body at offset 1: illegal value"_s;
}

void TestRequestInspector::rejectsInvalidJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedMessage);

    const Result<InspectedRequest> result = RequestInspector::inspect("/api/generate", body, kNoCap);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::BadRequest);
    QCOMPARE(result.error().message(), expectedMessage);
}

void TestRequestInspector::rejectsNonObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("kind");

    QTest::newRow("array") << "[1,2]"_ba << u"an array"_s;
    QTest::newRow("array of objects") << R"([{"model":"llama3.2"}])"_ba << u"an array"_s;
    QTest::newRow("string") << R"("llama3.2")"_ba << u"a string"_s;
    QTest::newRow("number") << "42"_ba << u"a number"_s;
    QTest::newRow("boolean") << " true "_ba << u"a boolean"_s;
    QTest::newRow("null") << "null"_ba << u"null"_s;
}

void TestRequestInspector::rejectsNonObject()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, kind);

    const Result<InspectedRequest> result = RequestInspector::inspect("/api/chat", body, kNoCap);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::BadRequest);
    QCOMPARE(result.error().message(), u"invalid request body: expected a JSON object, got "_s + kind);
}

void TestRequestInspector::normalisesModelSpellings_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("model");

    QTest::newRow("bare") << "/api/chat"_ba << u"llama3.2"_s;
    QTest::newRow("latest") << "/api/chat"_ba << u"llama3.2:latest"_s;
    QTest::newRow("upper case") << "/api/chat"_ba << u"LLAMA3.2:LATEST"_s;
    QTest::newRow("namespace") << "/api/chat"_ba << u"library/llama3.2"_s;
    QTest::newRow("fully qualified") << "/api/chat"_ba << u"registry.ollama.ai/library/llama3.2:latest"_s;
    QTest::newRow("generate") << "/api/generate"_ba << u"llama3.2"_s;
    QTest::newRow("v1 chat") << "/v1/chat/completions"_ba << u"LLAMA3.2"_s;
    QTest::newRow("v1 embeddings") << "/v1/embeddings"_ba << u"llama3.2:latest"_s;
    QTest::newRow("embed") << "/api/embed"_ba << u"llama3.2"_s;
}

void TestRequestInspector::normalisesModelSpellings()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, model);

    const QByteArray body = R"({"model":")" + model.toUtf8() + R"(","messages":[{"role":"user","content":"hi"}]})";
    const InspectedRequest request = inspectOk(path, body);
    QCOMPARE(request.model, model);
    QCOMPARE(request.canonicalModel, u"registry.ollama.ai/library/llama3.2:latest"_s);
    QVERIFY(!request.modelInvalid);
}

void TestRequestInspector::flagsInvalidModel_data()
{
    QTest::addColumn<QString>("model");

    QTest::newRow("space") << u"llama 3.2"_s;
    QTest::newRow("namespace with dot") << u"registry.ollama.ai/llama3.2"_s;
    QTest::newRow("empty tag") << u"llama3.2:"_s;
    QTest::newRow("only spaces") << u"   "_s;
    QTest::newRow("two sources") << u"gpt-oss:120b-cloud:local"_s;
}

void TestRequestInspector::flagsInvalidModel()
{
    QFETCH(QString, model);

    const QByteArray body = R"({"model":")" + model.toUtf8() + R"(","prompt":"hi"})";
    const InspectedRequest request = inspectOk("/api/generate", body);
    QCOMPARE(request.model, model);
    QVERIFY(request.modelInvalid);
    QVERIFY(request.canonicalModel.isEmpty());
}

void TestRequestInspector::withoutModelNothingIsFlagged()
{
    const InspectedRequest absent = inspectOk("/api/generate", R"({"prompt":"hi"})");
    QVERIFY(absent.model.isEmpty());
    QVERIFY(absent.canonicalModel.isEmpty());
    QVERIFY(!absent.modelInvalid);

    const InspectedRequest empty = inspectOk("/api/generate", R"({"model":"","prompt":"hi"})");
    QVERIFY(!empty.modelInvalid);

    const InspectedRequest null = inspectOk("/api/generate", R"({"model":null,"prompt":"hi"})");
    QVERIFY(!null.modelInvalid);
    QVERIFY(null.model.isEmpty());
}

void TestRequestInspector::nameAliasOnlyWhereOllamaReadsIt_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");

    QTest::newRow("show by name") << "/api/show"_ba << R"({"name":"llama3.2"})"_ba << u"llama3.2"_s;
    QTest::newRow("pull by name") << "/api/pull"_ba << R"({"name":"user/m:1"})"_ba << u"user/m:1"_s;
    QTest::newRow("delete by name") << "/api/delete"_ba << R"({"name":"llama3.2"})"_ba << u"llama3.2"_s;
    QTest::newRow("push, model wins") << "/api/push"_ba << R"({"model":"a","name":"b"})"_ba << u"a"_s;
    QTest::newRow("create, empty model") << "/api/create"_ba << R"({"model":"","name":"b"})"_ba << u"b"_s;
    QTest::newRow("generate ignores name") << "/api/generate"_ba << R"({"name":"llama3.2"})"_ba << QString();
    QTest::newRow("chat ignores name") << "/api/chat"_ba << R"({"name":"llama3.2"})"_ba << QString();
    QTest::newRow("v1 chat ignores name") << "/v1/chat/completions"_ba << R"({"name":"x"})"_ba << QString();
    QTest::newRow("copy has no model") << "/api/copy"_ba << R"({"source":"a","destination":"b"})"_ba
                                       << QString();
}

void TestRequestInspector::nameAliasOnlyWhereOllamaReadsIt()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, model);

    const InspectedRequest request = inspectOk(path, body);
    QCOMPARE(request.model, model);
}

void TestRequestInspector::rejectsWrongFieldTypes_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("model number") << "/api/chat"_ba << R"({"model":42})"_ba
                                  << u"invalid request body: \"model\" must be a string"_s;
    QTest::newRow("model object") << "/v1/chat/completions"_ba << R"({"model":{"a":1}})"_ba
                                  << u"invalid request body: \"model\" must be a string"_s;
    QTest::newRow("name array on show") << "/api/show"_ba << R"({"name":["a"]})"_ba
                                        << u"invalid request body: \"name\" must be a string"_s;
    QTest::newRow("stream string") << "/api/generate"_ba << R"({"model":"m","stream":"false"})"_ba
                                   << u"invalid request body: \"stream\" must be true or false"_s;
    QTest::newRow("stream number") << "/v1/chat/completions"_ba << R"({"model":"m","stream":1})"_ba
                                   << u"invalid request body: \"stream\" must be true or false"_s;
    QTest::newRow("stream_options string") << "/v1/chat/completions"_ba
                                           << R"({"model":"m","stream_options":"yes"})"_ba
                                           << u"invalid request body: \"stream_options\" must be an object"_s;
    QTest::newRow("include_usage string") << "/v1/completions"_ba
                                          << R"({"model":"m","stream_options":{"include_usage":"true"}})"_ba
                                          << u"invalid request body: \"stream_options.include_usage\" must be true or false"_s;
}

void TestRequestInspector::rejectsWrongFieldTypes()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);

    const Result<InspectedRequest> result = RequestInspector::inspect(path, body, kNoCap);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::BadRequest);
    QCOMPARE(result.error().message(), message);
}

void TestRequestInspector::ignoresFieldsRouteDoesNotBind()
{
    // Ollama's EmbedRequest has no stream field and GenerateRequest no
    // stream_options, so their values cannot make Ollama reject the body.
    const InspectedRequest embed = inspectOk("/api/embed", R"({"model":"m","stream":"yes","input":"x"})");
    QVERIFY(!embed.streamRequested);

    const InspectedRequest generate =
        inspectOk("/api/generate", R"({"model":"m","stream_options":"x","name":5})");
    QVERIFY(generate.streamRequested);
    QVERIFY(!generate.clientAskedUsage);
}

void TestRequestInspector::matchesFieldNamesLikeGo_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");

    QTest::newRow("exact") << R"({"model":"m","stream":false})"_ba << u"m"_s << false;
    QTest::newRow("capitalised") << R"({"Model":"m","Stream":false})"_ba << u"m"_s << false;
    QTest::newRow("upper case") << R"({"MODEL":"m","STREAM":false})"_ba << u"m"_s << false;
    // Go folds U+017F (long s) onto 's' when it matches field names.
    QTest::newRow("long s") << "{\"model\":\"m\",\"\xC5\xBFtream\":false}"_ba << u"m"_s << false;
    QTest::newRow("dotless i is not i") << "{\"model\":\"m\",\"stre\xC4\xB1m\":false}"_ba << u"m"_s
                                         << true;
    QTest::newRow("other key") << R"({"model":"m","streams":false})"_ba << u"m"_s << true;
}

void TestRequestInspector::matchesFieldNamesLikeGo()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(bool, stream);

    const InspectedRequest request = inspectOk("/api/chat", body);
    QCOMPARE(request.model, model);
    QCOMPARE(request.streamRequested, stream);
}

void TestRequestInspector::rejectsConflictingSpellings_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    QTest::newRow("model") << "/api/chat"_ba << R"({"model":"allowed","Model":"other"})"_ba << u"model"_s;
    QTest::newRow("stream") << "/api/chat"_ba << R"({"model":"m","stream":false,"STREAM":true})"_ba
                            << u"stream"_s;
    QTest::newRow("stream with long s") << "/api/generate"_ba
                                        << "{\"model\":\"m\",\"stream\":false,\"\xC5\xBFtream\":true}"_ba
                                        << u"stream"_s;
    QTest::newRow("name on show") << "/api/show"_ba << R"({"name":"a","NAME":"b"})"_ba << u"name"_s;
    QTest::newRow("include_usage") << "/v1/chat/completions"_ba
                                   << R"({"model":"m","stream_options":{"include_usage":true,"Include_Usage":false}})"_ba
                                   << u"include_usage"_s;
}

void TestRequestInspector::rejectsConflictingSpellings()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);

    const Result<InspectedRequest> result = RequestInspector::inspect(path, body, kNoCap);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), ErrorCode::BadRequest);
    QVERIFY2(result.error().message().contains(u"same field \"%1\""_s.arg(field)),
             qPrintable(result.error().message()));
}

void TestRequestInspector::acceptsRepeatedSpellingWithSameValue()
{
    const InspectedRequest request = inspectOk("/api/chat", R"({"model":"llama3.2","MODEL":"llama3.2"})");
    QCOMPARE(request.model, u"llama3.2"_s);
}

void TestRequestInspector::lastDuplicateKeyWins()
{
    // Go's decoder and QJsonDocument both keep the last of two equal keys.
    const InspectedRequest request =
        inspectOk("/api/chat", R"({"model":"first","model":"second","stream":true,"stream":false})");
    QCOMPARE(request.model, u"second"_s);
    QVERIFY(!request.streamRequested);
}

void TestRequestInspector::streamDefaultsPerEndpoint_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("streamMember");
    QTest::addColumn<bool>("expected");

    const QByteArray absent;
    const QByteArray yes = R"(,"stream":true)"_ba;
    const QByteArray no = R"(,"stream":false)"_ba;
    const QByteArray null = R"(,"stream":null)"_ba;

    QTest::newRow("generate, absent") << "/api/generate"_ba << absent << true;
    QTest::newRow("generate, true") << "/api/generate"_ba << yes << true;
    QTest::newRow("generate, false") << "/api/generate"_ba << no << false;
    QTest::newRow("generate, null") << "/api/generate"_ba << null << true;
    QTest::newRow("chat, absent") << "/api/chat"_ba << absent << true;
    QTest::newRow("chat, false") << "/api/chat"_ba << no << false;
    QTest::newRow("pull, absent") << "/api/pull"_ba << absent << true;
    QTest::newRow("pull, false") << "/api/pull"_ba << no << false;
    QTest::newRow("create, absent") << "/api/create"_ba << absent << true;
    QTest::newRow("embed, true") << "/api/embed"_ba << yes << false;
    QTest::newRow("show, true") << "/api/show"_ba << yes << false;
    QTest::newRow("v1 chat, absent") << "/v1/chat/completions"_ba << absent << false;
    QTest::newRow("v1 chat, true") << "/v1/chat/completions"_ba << yes << true;
    QTest::newRow("v1 chat, false") << "/v1/chat/completions"_ba << no << false;
    QTest::newRow("v1 chat, null") << "/v1/chat/completions"_ba << null << false;
    QTest::newRow("v1 completions, absent") << "/v1/completions"_ba << absent << false;
    QTest::newRow("v1 completions, true") << "/v1/completions"_ba << yes << true;
    QTest::newRow("v1 embeddings, true") << "/v1/embeddings"_ba << yes << false;
    QTest::newRow("v1 responses, absent") << "/v1/responses"_ba << absent << false;
    QTest::newRow("v1 responses, true") << "/v1/responses"_ba << yes << true;
    QTest::newRow("v1 messages, true") << "/v1/messages"_ba << yes << true;
}

void TestRequestInspector::streamDefaultsPerEndpoint()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, streamMember);
    QFETCH(bool, expected);

    const InspectedRequest request = inspectOk(path, QByteArray(R"({"model":"llama3.2")" + streamMember + "}"));
    QCOMPARE(request.streamRequested, expected);
}

void TestRequestInspector::clientAskedUsage_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<bool>("expected");

    QTest::newRow("absent") << "/v1/chat/completions"_ba << QByteArray() << false;
    QTest::newRow("null") << "/v1/chat/completions"_ba << R"(,"stream_options":null)"_ba << false;
    QTest::newRow("empty object") << "/v1/chat/completions"_ba << R"(,"stream_options":{})"_ba << false;
    QTest::newRow("false") << "/v1/chat/completions"_ba
                           << R"(,"stream_options":{"include_usage":false})"_ba << false;
    QTest::newRow("true") << "/v1/chat/completions"_ba << R"(,"stream_options":{"include_usage":true})"_ba
                          << true;
    QTest::newRow("true, other case") << "/v1/chat/completions"_ba
                                      << R"(,"Stream_Options":{"INCLUDE_USAGE":true})"_ba << true;
    QTest::newRow("completions true") << "/v1/completions"_ba
                                      << R"(,"stream_options":{"include_usage":true})"_ba << true;
    QTest::newRow("native route ignores it") << "/api/chat"_ba
                                             << R"(,"stream_options":{"include_usage":true})"_ba << false;
}

void TestRequestInspector::clientAskedUsage()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, options);
    QFETCH(bool, expected);

    const InspectedRequest request = inspectOk(path, QByteArray(R"({"model":"m","stream":true)" + options + "}"));
    QCOMPARE(request.clientAskedUsage, expected);
}

void TestRequestInspector::readsContext()
{
    const InspectedRequest request = inspectOk(
        "/api/chat",
        R"({"model":"m","context":{"brand":"Soulfra","language":"cpp","framework":"qt","extra":1}})");
    QCOMPARE(request.brand, u"Soulfra"_s);
    QCOMPARE(request.contextLanguage, u"cpp"_s);
    QCOMPARE(request.contextFramework, u"qt"_s);

    const InspectedRequest partial = inspectOk("/v1/chat/completions", R"({"model":"m","context":{"brand":7}})");
    QVERIFY(partial.brand.isEmpty());
    QVERIFY(partial.contextLanguage.isEmpty());
}

void TestRequestInspector::ignoresDeprecatedContextArray()
{
    const InspectedRequest request =
        inspectOk("/api/generate", R"({"model":"m","prompt":"hi","context":[1,2,3]})");
    QVERIFY(request.brand.isEmpty());
    QCOMPARE(request.promptText, u"hi"_s);
}

void TestRequestInspector::promptText_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");

    QTest::newRow("generate") << "/api/generate"_ba << R"({"model":"m","prompt":"why is the sky blue?"})"_ba
                              << u"why is the sky blue?"_s;
    QTest::newRow("generate, unicode escapes") << "/api/generate"_ba
                                               << R"({"model":"m","prompt":"caf\u00e9 \ud83d\ude00"})"_ba
                                               << u"café 😀"_s;
    QTest::newRow("chat, last user message")
        << "/api/chat"_ba
        << R"({"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"first"},{"role":"assistant","content":"answer"},{"role":"user","content":"second","images":["aGVsbG8="]},{"role":"assistant","content":"partial"}]})"_ba
        << u"second"_s;
    QTest::newRow("chat, role in upper case") << "/api/chat"_ba
                                              << R"({"model":"m","messages":[{"role":"USER","content":"hi"}]})"_ba
                                              << u"hi"_s;
    QTest::newRow("chat, no user message") << "/api/chat"_ba
                                           << R"({"model":"m","messages":[{"role":"system","content":"x"}]})"_ba
                                           << QString();
    QTest::newRow("chat, empty messages") << "/api/chat"_ba << R"({"model":"m","messages":[]})"_ba << QString();
    QTest::newRow("v1 chat, string content")
        << "/v1/chat/completions"_ba << R"({"model":"m","messages":[{"role":"user","content":"hello"}]})"_ba
        << u"hello"_s;
    QTest::newRow("v1 chat, text parts joined")
        << "/v1/chat/completions"_ba
        << R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"describe"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},{"type":"text","text":"briefly"}]}]})"_ba
        << u"describe\nbriefly"_s;
    QTest::newRow("v1 completions") << "/v1/completions"_ba << R"({"model":"m","prompt":"once upon"})"_ba
                                    << u"once upon"_s;
    QTest::newRow("embed, string") << "/api/embed"_ba << R"({"model":"m","input":"one"})"_ba << u"one"_s;
    QTest::newRow("embed, strings") << "/api/embed"_ba << R"({"model":"m","input":["one","two"]})"_ba
                                    << u"one\ntwo"_s;
    QTest::newRow("legacy embeddings") << "/api/embeddings"_ba << R"({"model":"m","prompt":"p"})"_ba << u"p"_s;
    QTest::newRow("v1 embeddings") << "/v1/embeddings"_ba << R"({"model":"m","input":["a","b"]})"_ba
                                   << u"a\nb"_s;
    QTest::newRow("responses, string") << "/v1/responses"_ba << R"({"model":"m","input":"hi there"})"_ba
                                       << u"hi there"_s;
    QTest::newRow("responses, items")
        << "/v1/responses"_ba
        << R"({"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":"look"},{"type":"input_image","image_url":"data:image/png;base64,AAAA"}]}]})"_ba
        << u"look"_s;
    QTest::newRow("anthropic messages")
        << "/v1/messages"_ba
        << R"({"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hey"}]}]})"_ba
        << u"hey"_s;
    QTest::newRow("pull has none") << "/api/pull"_ba << R"({"model":"m"})"_ba << QString();
}

void TestRequestInspector::promptText()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);

    const InspectedRequest request = inspectOk(path, body);
    QCOMPARE(request.promptText, text);
}

void TestRequestInspector::countsImageBytes_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("bytes");

    const QByteArray image(4096, 'A');

    QTest::newRow("generate images") << "/api/generate"_ba
                                     << R"({"model":"m","prompt":"x","images":[")" + image + R"(","AAAA"]})"
                                     << qint64(4096 + 4);
    QTest::newRow("chat images in every message")
        << "/api/chat"_ba
        << R"({"model":"m","messages":[{"role":"user","content":"a","images":[")" + image
               + R"("]},{"role":"assistant","content":"b"},{"role":"user","content":"c","images":["AAAAAAAA"]}]})"
        << qint64(4096 + 8);
    QTest::newRow("v1 data url object") << "/v1/chat/completions"_ba
                                        << R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,)"
                                               + image + R"("}}]}]})"
                                        << qint64(4096);
    QTest::newRow("v1 data url string") << "/v1/chat/completions"_ba
                                        << R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":"data:;base64,AAAA"}]}]})"_ba
                                        << qint64(4);
    QTest::newRow("v1 remote url") << "/v1/chat/completions"_ba
                                   << R"({"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]})"_ba
                                   << qint64(0);
    QTest::newRow("anthropic image") << "/v1/messages"_ba
                                     << R"({"model":"m","messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","data":"AAAAAAAA"}}]}]})"_ba
                                     << qint64(8);
    QTest::newRow("no images") << "/api/chat"_ba << R"({"model":"m","messages":[{"role":"user","content":"a"}]})"_ba
                               << qint64(0);
}

void TestRequestInspector::countsImageBytes()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(qint64, bytes);

    const InspectedRequest request = inspectOk(path, body);
    QCOMPARE(request.imageBytes, bytes);
    QVERIFY(!request.promptText.contains(u"AAAA"_s));
}

void TestRequestInspector::capsPromptText_data()
{
    QTest::addColumn<int>("maxTextChars");
    QTest::addColumn<QString>("text");

    QTest::newRow("no text kept") << 0 << QString();
    QTest::newRow("negative") << -5 << QString();
    QTest::newRow("cut") << 5 << u"hello"_s;
    // The emoji is a surrogate pair at indexes 12 and 13: never split it.
    QTest::newRow("surrogate pair kept whole") << 14 << u"hello world 😀"_s;
    QTest::newRow("surrogate pair not split") << 13 << u"hello world "_s;
}

void TestRequestInspector::capsPromptText()
{
    QFETCH(int, maxTextChars);
    QFETCH(QString, text);

    const InspectedRequest request =
        RequestInspector::inspect("/api/generate", u"{\"model\":\"m\",\"prompt\":\"hello world 😀\"}"_s.toUtf8(),
                                  maxTextChars)
            .value();
    QCOMPARE(request.promptText, text);
    QVERIFY(request.promptText.size() <= qMax(0, maxTextChars));
}

void TestRequestInspector::ignoresQueryInPath()
{
    const InspectedRequest request = inspectOk("/api/chat?x=1", R"({"model":"llama3.2"})");
    QCOMPARE(request.canonicalModel, u"registry.ollama.ai/library/llama3.2:latest"_s);
    QVERIFY(request.streamRequested);
}

void TestRequestInspector::usageInsertedAfterOpeningBrace_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("compact") << R"({"model":"m","stream":true})"_ba
                             << R"({"stream_options":{"include_usage":true},"model":"m","stream":true})"_ba;
    QTest::newRow("empty object") << "{}"_ba << R"({"stream_options":{"include_usage":true}})"_ba;
    QTest::newRow("empty object with space") << "{ }"_ba << R"({"stream_options":{"include_usage":true} })"_ba;
    QTest::newRow("leading whitespace") << " \n\t{ \"model\" : \"m\" }\n"_ba
                                        << " \n\t{\"stream_options\":{\"include_usage\":true}, \"model\" : \"m\" }\n"_ba;
    QTest::newRow("stream_options only nested") << R"({"messages":[{"stream_options":1}]})"_ba
                                                << R"({"stream_options":{"include_usage":true},"messages":[{"stream_options":1}]})"_ba;
}

void TestRequestInspector::usageInsertedAfterOpeningBrace()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);

    QCOMPARE(RequestInspector::withUsageRequested(body), expected);
}

void TestRequestInspector::usageAppendedToExistingOptions_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("include_usage false")
        << R"({"model":"m","stream_options":{"include_usage":false},"stream":true})"_ba
        << R"({"model":"m","stream_options":{"include_usage":false},"stream":true,"stream_options":{"include_usage":true}})"_ba;
    QTest::newRow("other member kept")
        << R"({"stream_options":{"foo":"bar"},"stream":true})"_ba
        << R"({"stream_options":{"foo":"bar"},"stream":true,"stream_options":{"foo":"bar","include_usage":true}})"_ba;
    QTest::newRow("null options") << R"({"stream_options":null})"_ba
                                  << R"({"stream_options":null,"stream_options":{"include_usage":true}})"_ba;
    QTest::newRow("other spelling") << R"({"Stream_Options":{"Include_Usage":false}})"_ba
                                    << R"({"Stream_Options":{"Include_Usage":false},"stream_options":{"include_usage":true}})"_ba;
    QTest::newRow("trailing whitespace kept") << "{\"stream_options\":{} }\r\n"_ba
                                              << "{\"stream_options\":{} ,\"stream_options\":{\"include_usage\":true}}\r\n"_ba;
}

void TestRequestInspector::usageAppendedToExistingOptions()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);

    QCOMPARE(RequestInspector::withUsageRequested(body), expected);
}

void TestRequestInspector::usageRequestLeavesOtherBytesAlone()
{
    // Pretty-printed, with raw UTF-8, escapes the client chose, a raw U+2028
    // and numbers that a re-serialiser would rewrite.
    const QByteArray body = "\n{\n    \"model\": \"llama3.2\",\n    \"stream\" : true,\n"
                            "    \"messages\": [ {\"role\": \"user\", \"content\": \"h\xC3\xA9llo \\u00e9 \xF0\x9F\x98\x80 "
                            "\xE2\x80\xA8 \\\"q\\\" \\/\"} ],\n    \"temperature\": 0.10,\n    \"seed\": 1e3\n}\n"_ba;

    const QByteArray result = RequestInspector::withUsageRequested(body);
    const QByteArray inserted = R"("stream_options":{"include_usage":true},)"_ba;

    const qsizetype brace = body.indexOf('{');
    QCOMPARE(result.size(), body.size() + inserted.size());
    QCOMPARE(result.left(brace + 1), body.left(brace + 1));
    QCOMPARE(result.mid(brace + 1, inserted.size()), inserted);
    QCOMPARE(result.mid(brace + 1 + inserted.size()), body.mid(brace + 1));
}

void TestRequestInspector::usageRequestReadsBackAsAsked_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("absent") << R"({"model":"llama3.2","stream":true})"_ba;
    QTest::newRow("false") << R"({"model":"llama3.2","stream":true,"stream_options":{"include_usage":false}})"_ba;
    QTest::newRow("empty object") << "{}"_ba;
}

void TestRequestInspector::usageRequestReadsBackAsAsked()
{
    QFETCH(QByteArray, body);

    const InspectedRequest before = inspectOk("/v1/chat/completions", body);
    const QByteArray changed = RequestInspector::withUsageRequested(body);
    const InspectedRequest after = inspectOk("/v1/chat/completions", changed);

    QVERIFY(!before.clientAskedUsage);
    QVERIFY(after.clientAskedUsage);
    QCOMPARE(after.model, before.model);
    QCOMPARE(after.streamRequested, before.streamRequested);
}

void TestRequestInspector::usageRequestKeepsNonObjectBodies_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("invalid") << R"({"model":)"_ba;
    QTest::newRow("array") << "[1]"_ba;
    QTest::newRow("string") << R"("x")"_ba;
}

void TestRequestInspector::usageRequestKeepsNonObjectBodies()
{
    QFETCH(QByteArray, body);

    QCOMPARE(RequestInspector::withUsageRequested(body), body);
}

QTEST_APPLESS_MAIN(TestRequestInspector)

#include "tst_requestinspector.moc"
