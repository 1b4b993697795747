// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <optional>

class QJsonObject;

namespace Gateway {

// Meters an upstream response body while it streams to the client, and
// decides which bytes the client gets when.
//
// NDJSON is relayed in complete lines and SSE in complete events (up to and
// including the blank line), so naive clients that parse one read at a time
// still work. The bytes are relayed unchanged: none is added or dropped and
// no blank line is inserted. The one exception is stripUsageChunks (below).
// An incomplete line or event is held back until it completes, but never
// more than maxHeldBytes of it: a longer one is released as it arrives and
// metered from a copy of up to maxMeteredBytes.
//
// Counts come from where Ollama puts them. Native streams carry them in the
// final `done:true` chunk (prompt_eval_count, eval_count) and /api/embed in
// its body (prompt_eval_count). OpenAI routes carry `usage` (prompt_tokens and
// completion_tokens, or input_tokens and output_tokens on /v1/responses and
// /v1/messages). A count the upstream did not send stays unknown, because
// Ollama omits zero counts and older versions omitted prompt_eval_count on a
// prompt-cache hit.
//
// Each line or event is parsed with QJsonDocument at most once. Lines that
// cannot change a result (token chunks once the text cap is reached, pull
// progress) are not parsed at all.
class UsageMeter final
{
public:
    enum class Format {
        Json,   // application/json: one body, metered when it ends
        NdJson, // application/x-ndjson: native streaming
        Sse,    // text/event-stream: /v1 streaming
        Other,
    };

    // Incomplete lines or events longer than this are released unframed.
    static constexpr qsizetype maxHeldBytes = 1024 * 1024;
    // Maximum size of a line, event or JSON body that is still metered.
    // Ollama's Go client accepts lines of up to 8 MB.
    static constexpr qsizetype maxMeteredBytes = 8 * 1024 * 1024;

    static Format formatFor(QByteArrayView contentType);

    // path is the request path without the query. stripUsageChunks is for a
    // /v1 stream where the gateway set stream_options.include_usage and the
    // client did not: the client then gets the stream it asked for. The
    // choice-less usage chunk is dropped, and on /v1/completions the zeroed
    // "usage" member of every other chunk is removed. Ollama writes that
    // member last, so it is cut out of the bytes. A chunk in any other shape
    // is re-serialised with QJsonDocument: the same JSON value, but key order
    // and number formatting may differ from the upstream bytes.
    // maxTextChars caps responseText; 0 or less keeps no text.
    UsageMeter(Format format, QByteArrayView path, bool stripUsageChunks, int maxTextChars);
    ~UsageMeter();

    Format format() const { return m_format; }

    // Takes the next upstream bytes; returns the bytes to send to the
    // client now, possibly empty.
    QByteArray feed(QByteArrayView bytes);

    // Ends the body: returns what is still held back, unchanged, and meters a
    // JSON body. NDJSON meters a final line without '\n'; an SSE event
    // without its blank line is not metered, because SSE clients discard it.
    QByteArray finish();

    std::optional<qint64> promptTokens() const { return m_promptTokens; }
    std::optional<qint64> completionTokens() const { return m_completionTokens; }

    // Generated text (response, message.content, delta.content,
    // choices[].text), capped at maxTextChars.
    const QString &responseText() const { return m_responseText; }

    // A regular end was seen: done:true, status "success", data: [DONE], a
    // Responses or Anthropic completion event, or a complete JSON body
    // without an "error" member.
    bool sawCompletion() const { return m_sawCompletion; }

    // done_reason or finish_reason, e.g. "stop", "length", "load".
    const QString &doneReason() const { return m_doneReason; }

    // The message of an {"error": ...} line, event or JSON body; empty when
    // there was none.
    const QString &streamError() const { return m_streamError; }

    // Non-empty NDJSON lines and SSE events with data seen so far; a
    // non-empty JSON body counts as one.
    qint64 linesSeen() const { return m_linesSeen; }

private:
    enum class Route {
        NativeGenerate,    // /api/generate
        NativeChat,        // /api/chat
        NativeEmbed,       // /api/embed
        NativeProgress,    // /api/pull, /api/push, /api/create
        OpenAiChat,        // /v1/chat/completions
        OpenAiCompletions, // /v1/completions
        OpenAiEmbeddings,  // /v1/embeddings
        OpenAiResponses,   // /v1/responses
        AnthropicMessages, // /v1/messages
        Unmetered,         // everything else, including /api/embeddings (no counts)
    };

    struct SseEvent;

    static Route routeFor(QByteArrayView path);

    qsizetype findUnitEnd(QByteArrayView bytes, qsizetype from);
    void holdTail(QByteArrayView tail, QByteArray &out);
    void completeUnit(QByteArrayView rest, QByteArray &out);
    void relayUnit(QByteArrayView unit, QByteArray &out);
    void appendMeteringCopy(QByteArrayView bytes);
    void resetUnit();

    void meterNdJsonLine(QByteArrayView line);
    bool ndJsonLineMayMatter(QByteArrayView line) const;
    void handleSseEvent(QByteArrayView unit, QByteArray *out);
    bool sseDataMayMatter(QByteArrayView data) const;
    QByteArray withoutUsageMember(QByteArrayView unit, const SseEvent &event, QJsonObject object) const;

    void keepBody(QByteArrayView bytes);
    void meterBody();

    void meterNativeObject(const QJsonObject &object);
    void meterOpenAiObject(const QJsonObject &object, bool fromStream);
    void meterResponsesObject(const QJsonObject &object, bool fromStream);
    void meterAnthropicObject(const QJsonObject &object, bool fromStream);
    void recordError(const QJsonObject &object);
    void appendText(const QString &piece);
    bool textIsFull() const { return m_responseText.size() >= m_maxTextChars; }

    Format m_format;
    Route m_route;
    bool m_stripUsageChunks;
    qsizetype m_maxTextChars;

    // The line or event in progress: the held bytes, or once it outgrew
    // maxHeldBytes, the metering copy of the bytes already released.
    QByteArray m_unit;
    bool m_unitReleased = false;
    bool m_unitTruncated = false; // longer than maxMeteredBytes: not metered

    // SSE scanner state across feeds: bytes of the current line so far and
    // its last byte, to recognise "\n" and "\r\n" blank lines.
    qsizetype m_sseLineBytes = 0;
    char m_sseLastByte = '\0';

    QByteArray m_body; // Json and Other
    bool m_bodyTruncated = false;
    bool m_finished = false;

    std::optional<qint64> m_promptTokens;
    std::optional<qint64> m_completionTokens;
    QString m_responseText;
    bool m_sawCompletion = false;
    QString m_doneReason;
    QString m_streamError;
    qint64 m_linesSeen = 0;

    Q_DISABLE_COPY_MOVE(UsageMeter)
};

} // namespace Gateway
