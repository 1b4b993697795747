// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageMeter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>

#include <cmath>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcMeter, "soulfra.gateway.usagemeter")

// Bodies of routes that carry no counts are kept only to read an error
// message; Ollama's error bodies are a few hundred bytes, and /api/show with
// verbose:true can be megabytes that are never needed.
constexpr qsizetype kMaxUnmeteredBody = 64 * 1024;

// Ollama's CompleteWriter (middleware/openai.go) gives every /v1/completions
// chunk this zeroed usage when include_usage is set, and Usage is the last
// field of CompletionChunk (openai/openai.go), so Go writes it last.
constexpr QByteArrayView kZeroedUsageTail = R"(,"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}})";

bool parseObject(QByteArrayView json, QJsonObject &object)
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    object = document.object();
    return true;
}

// Token counts are non-negative integers; anything else counts as missing.
std::optional<qint64> countOf(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740992.0 || std::floor(number) != number)
        return std::nullopt;
    return qint64(number);
}

std::optional<qint64> firstCountOf(const QJsonObject &object, QLatin1StringView name,
                                   QLatin1StringView alternative)
{
    const std::optional<qint64> count = countOf(object.value(name));
    return count ? count : countOf(object.value(alternative));
}

// Go's encoder escapes U+2028 and U+2029 and some clients split lines on
// them (httpx does), so a re-serialised chunk must not contain them raw.
// Their UTF-8 bytes can only occur inside JSON strings.
QByteArray escapeLineSeparators(QByteArray json)
{
    json.replace("\xE2\x80\xA8", "\\u2028");
    json.replace("\xE2\x80\xA9", "\\u2029");
    return json;
}

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    return line;
}

} // namespace

// One SSE event, split into its fields (HTML Living Standard, "Parsing an
// event stream"). Views point into the event's bytes.
struct UsageMeter::SseEvent
{
    QByteArrayView type;      // the "event:" field
    QByteArrayView firstData; // the value of the first "data:" line
    qsizetype firstDataStart = 0;
    qsizetype firstDataEnd = 0;
    QByteArray joinedData;    // all data lines joined with '\n', only when there are several
    int dataLines = 0;

    QByteArrayView data() const { return dataLines > 1 ? QByteArrayView(joinedData) : firstData; }

    static SseEvent parse(QByteArrayView unit)
    {
        SseEvent event;
        qsizetype pos = 0;
        while (pos < unit.size()) {
            const qsizetype newline = unit.indexOf('\n', pos);
            const qsizetype next = newline < 0 ? unit.size() : newline + 1;
            const qsizetype end = pos + withoutLineEnd(unit.sliced(pos, next - pos)).size();
            event.addLine(unit, pos, end);
            pos = next;
        }
        return event;
    }

private:
    void addLine(QByteArrayView unit, qsizetype start, qsizetype end)
    {
        const QByteArrayView line = unit.sliced(start, end - start);
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView field = colon < 0 ? line : line.first(colon);

        // One space after the colon is part of the syntax, not of the value.
        qsizetype valueStart = colon < 0 ? end : start + colon + 1;
        if (valueStart < end && unit.at(valueStart) == ' ')
            ++valueStart;
        const QByteArrayView value = unit.sliced(valueStart, end - valueStart);

        if (field == "event") {
            type = value;
        } else if (field == "data") {
            ++dataLines;
            if (dataLines == 1) {
                firstData = value;
                firstDataStart = valueStart;
                firstDataEnd = end;
            } else {
                if (dataLines == 2)
                    joinedData = firstData.toByteArray();
                joinedData += '\n';
                joinedData += value;
            }
        }
    }
};

UsageMeter::Format UsageMeter::formatFor(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    if (semicolon >= 0)
        contentType = contentType.first(semicolon);
    const QByteArray mediaType = contentType.trimmed().toByteArray().toLower();

    if (mediaType == "application/x-ndjson" || mediaType == "application/ndjson")
        return Format::NdJson;
    if (mediaType == "text/event-stream")
        return Format::Sse;
    if (mediaType == "application/json" || mediaType.endsWith("+json"))
        return Format::Json;
    return Format::Other;
}

UsageMeter::Route UsageMeter::routeFor(QByteArrayView path)
{
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path = path.first(query);

    if (path == "/api/generate")
        return Route::NativeGenerate;
    if (path == "/api/chat")
        return Route::NativeChat;
    if (path == "/api/embed")
        return Route::NativeEmbed;
    if (path == "/api/pull" || path == "/api/push" || path == "/api/create")
        return Route::NativeProgress;
    if (path == "/v1/chat/completions")
        return Route::OpenAiChat;
    if (path == "/v1/completions")
        return Route::OpenAiCompletions;
    if (path == "/v1/embeddings")
        return Route::OpenAiEmbeddings;
    if (path == "/v1/responses")
        return Route::OpenAiResponses;
    if (path == "/v1/messages")
        return Route::AnthropicMessages;
    return Route::Unmetered;
}

UsageMeter::UsageMeter(Format format, QByteArrayView path, bool stripUsageChunks, int maxTextChars)
    : m_format(format)
    , m_route(routeFor(path))
    , m_stripUsageChunks(stripUsageChunks)
    , m_maxTextChars(qMax(0, maxTextChars))
{
    // Only OpenAI chat and completion streams get a usage chunk to drop.
    if (m_route != Route::OpenAiChat && m_route != Route::OpenAiCompletions)
        m_stripUsageChunks = false;
}

UsageMeter::~UsageMeter() = default;

QByteArray UsageMeter::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QByteArray();

    if (m_format == Format::Json || m_format == Format::Other) {
        keepBody(bytes);
        return bytes.toByteArray();
    }

    QByteArray out;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype end = findUnitEnd(bytes, pos);
        if (end < 0) {
            holdTail(bytes.sliced(pos), out);
            break;
        }
        completeUnit(bytes.sliced(pos, end - pos), out);
        pos = end;
    }
    return out;
}

QByteArray UsageMeter::finish()
{
    if (m_finished)
        return QByteArray();
    m_finished = true;

    if (m_format == Format::Json || m_format == Format::Other) {
        meterBody();
        return QByteArray();
    }

    QByteArray out;
    if (!m_unitReleased)
        out = m_unit;

    // Clients of NDJSON parse a last line without '\n' (ollama-js keeps its
    // buffer, httpx yields it); SSE clients drop an unterminated event.
    if (m_format == Format::NdJson && !m_unitTruncated)
        meterNdJsonLine(m_unit);

    resetUnit();
    m_sseLineBytes = 0;
    return out;
}

// Returns the index just past the line or event that starts at from, or -1
// when it is not complete yet. Every byte is scanned once, across feeds.
qsizetype UsageMeter::findUnitEnd(QByteArrayView bytes, qsizetype from)
{
    if (m_format == Format::NdJson) {
        const qsizetype newline = bytes.indexOf('\n', from);
        return newline < 0 ? -1 : newline + 1;
    }

    // SSE: an event ends with an empty line. Lines end with "\n" or "\r\n".
    // NOTE: a bare "\r" line end, which the SSE grammar also allows, is not
    // recognised; Ollama never sends one. Such events are released unframed
    // once they exceed maxHeldBytes, or at the end of the body.
    const char *data = bytes.data();
    qsizetype pos = from;
    while (pos < bytes.size()) {
        const void *found = std::memchr(data + pos, '\n', size_t(bytes.size() - pos));
        if (!found) {
            m_sseLineBytes += bytes.size() - pos;
            m_sseLastByte = data[bytes.size() - 1];
            return -1;
        }

        const qsizetype newline = static_cast<const char *>(found) - data;
        const qsizetype lineBytes = m_sseLineBytes + (newline - pos);
        const char lastByte = newline > pos ? data[newline - 1] : m_sseLastByte;
        const bool blank = lineBytes == 0 || (lineBytes == 1 && lastByte == '\r');

        m_sseLineBytes = 0;
        m_sseLastByte = '\0';
        pos = newline + 1;
        if (blank)
            return pos;
    }
    return -1;
}

void UsageMeter::holdTail(QByteArrayView tail, QByteArray &out)
{
    if (m_unitReleased) {
        out += tail;
        appendMeteringCopy(tail);
        return;
    }

    m_unit += tail;
    if (m_unit.size() <= maxHeldBytes)
        return;

    // Holding more would delay the client and grow without bound, so the
    // rest of this line or event is relayed as it arrives.
    qCDebug(lcMeter) << "releasing an incomplete line or event of" << m_unit.size() << "bytes";
    out += m_unit;
    m_unitReleased = true;
    if (m_unit.size() > maxMeteredBytes) {
        m_unit = QByteArray();
        m_unitTruncated = true;
    }
}

void UsageMeter::completeUnit(QByteArrayView rest, QByteArray &out)
{
    if (m_unitReleased) {
        out += rest;
        appendMeteringCopy(rest);
        if (!m_unitTruncated) {
            if (m_format == Format::NdJson)
                meterNdJsonLine(m_unit);
            else
                handleSseEvent(m_unit, nullptr);
        }
    } else if (m_unit.isEmpty()) {
        relayUnit(rest, out);
    } else {
        m_unit += rest;
        relayUnit(m_unit, out);
    }
    resetUnit();
}

void UsageMeter::relayUnit(QByteArrayView unit, QByteArray &out)
{
    if (m_format == Format::NdJson) {
        meterNdJsonLine(unit);
        out += unit;
        return;
    }
    handleSseEvent(unit, &out);
}

void UsageMeter::appendMeteringCopy(QByteArrayView bytes)
{
    if (m_unitTruncated)
        return;
    if (m_unit.size() + bytes.size() > maxMeteredBytes) {
        qCDebug(lcMeter) << "a line or event exceeds" << maxMeteredBytes << "bytes and is not metered";
        m_unit = QByteArray();
        m_unitTruncated = true;
        return;
    }
    m_unit += bytes;
}

void UsageMeter::resetUnit()
{
    m_unit.clear();
    m_unitReleased = false;
    m_unitTruncated = false;
}

void UsageMeter::meterNdJsonLine(QByteArrayView line)
{
    line = line.trimmed();
    if (line.isEmpty())
        return;
    ++m_linesSeen;

    if (!ndJsonLineMayMatter(line))
        return;

    QJsonObject object;
    if (parseObject(line, object))
        meterNativeObject(object);
}

// Cheap byte tests that rule out a parse. They rely on Go's compact
// encoding: a quote inside a JSON string is escaped, so `"done":false` can
// only be a member of some object in the line, never string content.
bool UsageMeter::ndJsonLineMayMatter(QByteArrayView line) const
{
    const bool mayCarryText = m_route == Route::NativeGenerate || m_route == Route::NativeChat;
    if (mayCarryText && !textIsFull())
        return true;

    if (line.contains(R"("error")"))
        return true;

    switch (m_route) {
    case Route::NativeGenerate:
    case Route::NativeChat:
        return !line.contains(R"("done":false)") || line.contains(R"("done":true)");
    case Route::NativeProgress:
        return line.contains("success");
    default:
        return true;
    }
}

void UsageMeter::handleSseEvent(QByteArrayView unit, QByteArray *out)
{
    const SseEvent event = SseEvent::parse(unit);
    const QByteArrayView data = event.data();

    QJsonObject object;
    bool parsed = false;
    if (event.dataLines > 0) {
        ++m_linesSeen;
        if (data.trimmed() == "[DONE]")
            m_sawCompletion = true;
        else if (sseDataMayMatter(data))
            parsed = parseObject(data, object);
    }

    if (parsed) {
        switch (m_route) {
        case Route::OpenAiResponses:
            meterResponsesObject(object, true);
            break;
        case Route::AnthropicMessages:
            meterAnthropicObject(object, true);
            break;
        default:
            meterOpenAiObject(object, true);
            break;
        }
    }

    if (!out)
        return;

    if (!parsed || !m_stripUsageChunks || !object.value("usage"_L1).isObject()) {
        *out += unit;
        return;
    }

    // The chunk include_usage added: dropped whole, blank line included.
    const QJsonValue choices = object.value("choices"_L1);
    if (choices.isArray() && choices.toArray().isEmpty())
        return;

    *out += withoutUsageMember(unit, event, object);
}

bool UsageMeter::sseDataMayMatter(QByteArrayView data) const
{
    if (!textIsFull() || data.contains(R"("error")") || data.contains(R"("usage")"))
        return true;

    switch (m_route) {
    case Route::OpenAiChat:
    case Route::OpenAiCompletions:
        return !data.contains(R"("finish_reason":null)");
    case Route::OpenAiResponses:
        return !data.contains(R"("type":"response.output_text.delta")");
    case Route::AnthropicMessages:
        return !data.contains(R"("type":"content_block_delta")");
    default:
        return true;
    }
}

QByteArray UsageMeter::withoutUsageMember(QByteArrayView unit, const SseEvent &event, QJsonObject object) const
{
    // NOTE: an event with several data lines is relayed unchanged; Ollama
    // writes every chunk as one "data:" line.
    if (event.dataLines != 1)
        return unit.toByteArray();

    const QByteArrayView payload = event.firstData;
    QByteArray replacement;
    if (payload.endsWith(kZeroedUsageTail)) {
        replacement = payload.chopped(kZeroedUsageTail.size()).toByteArray();
        replacement += '}';
    } else {
        object.remove("usage"_L1);
        replacement = escapeLineSeparators(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    QByteArray result;
    result.reserve(unit.size());
    result += unit.first(event.firstDataStart);
    result += replacement;
    result += unit.sliced(event.firstDataEnd);
    return result;
}

void UsageMeter::keepBody(QByteArrayView bytes)
{
    if (m_bodyTruncated)
        return;

    const qsizetype limit = m_route == Route::Unmetered ? kMaxUnmeteredBody : maxMeteredBytes;
    if (m_body.size() + bytes.size() > limit) {
        qCDebug(lcMeter) << "a response body exceeds" << limit << "bytes and is not metered";
        m_body = QByteArray();
        m_bodyTruncated = true;
        return;
    }
    m_body += bytes;
}

void UsageMeter::meterBody()
{
    if (m_bodyTruncated || m_body.trimmed().isEmpty())
        return;
    ++m_linesSeen;

    QJsonObject object;
    if (!parseObject(m_body, object))
        return;
    m_body = QByteArray();

    switch (m_route) {
    case Route::OpenAiChat:
    case Route::OpenAiCompletions:
    case Route::OpenAiEmbeddings:
        meterOpenAiObject(object, false);
        break;
    case Route::OpenAiResponses:
        meterResponsesObject(object, false);
        break;
    case Route::AnthropicMessages:
        meterAnthropicObject(object, false);
        break;
    default:
        meterNativeObject(object);
        break;
    }

    if (m_streamError.isEmpty())
        m_sawCompletion = true;
}

void UsageMeter::meterNativeObject(const QJsonObject &object)
{
    recordError(object);

    if (m_route == Route::NativeGenerate)
        appendText(object.value("response"_L1).toString());
    else if (m_route == Route::NativeChat)
        appendText(object.value("message"_L1).toObject().value("content"_L1).toString());

    if (object.value("done"_L1).toBool()) {
        m_sawCompletion = true;
        m_doneReason = object.value("done_reason"_L1).toString();
        m_promptTokens = countOf(object.value("prompt_eval_count"_L1));
        m_completionTokens = countOf(object.value("eval_count"_L1));
    }

    if (m_route == Route::NativeEmbed)
        m_promptTokens = countOf(object.value("prompt_eval_count"_L1));

    if (object.value("status"_L1).toString() == "success"_L1)
        m_sawCompletion = true;
}

void UsageMeter::meterOpenAiObject(const QJsonObject &object, bool fromStream)
{
    recordError(object);

    const QJsonValue choicesValue = object.value("choices"_L1);
    const QJsonArray choices = choicesValue.toArray();
    for (const QJsonValue &choiceValue : choices) {
        const QJsonObject choice = choiceValue.toObject();
        if (m_route == Route::OpenAiCompletions)
            appendText(choice.value("text"_L1).toString());
        else
            appendText(choice.value(fromStream ? "delta"_L1 : "message"_L1).toObject().value("content"_L1).toString());

        const QString finishReason = choice.value("finish_reason"_L1).toString();
        if (!finishReason.isEmpty())
            m_doneReason = finishReason;
    }

    // In a stream only the choice-less last chunk has real numbers; with
    // include_usage, /v1/completions also puts a zeroed usage on every chunk.
    const QJsonValue usageValue = object.value("usage"_L1);
    if (!usageValue.isObject() || (fromStream && !choices.isEmpty()))
        return;

    const QJsonObject usage = usageValue.toObject();
    m_promptTokens = firstCountOf(usage, "prompt_tokens"_L1, "input_tokens"_L1);
    m_completionTokens = firstCountOf(usage, "completion_tokens"_L1, "output_tokens"_L1);
}

// OpenAI Responses API: a stream of typed events ending with
// response.completed, or one response object.
// NOTE: the event and field names follow OpenAI's public API; Ollama's
// Responses stream converter was not read, so only the tests' shapes are known
// to meter.
void UsageMeter::meterResponsesObject(const QJsonObject &object, bool fromStream)
{
    const QString type = object.value("type"_L1).toString();
    QJsonObject response = object;

    if (fromStream) {
        if (type == "response.output_text.delta"_L1) {
            appendText(object.value("delta"_L1).toString());
            return;
        }
        if (type == "error"_L1) {
            m_streamError = object.value("message"_L1).toString();
            return;
        }
        if (!type.startsWith("response."_L1) || !object.value("response"_L1).isObject())
            return;
        response = object.value("response"_L1).toObject();
    } else {
        const QJsonArray output = object.value("output"_L1).toArray();
        for (const QJsonValue &item : output) {
            const QJsonArray content = item.toObject().value("content"_L1).toArray();
            for (const QJsonValue &part : content) {
                if (part.toObject().value("type"_L1).toString() == "output_text"_L1)
                    appendText(part.toObject().value("text"_L1).toString());
            }
        }
    }

    recordError(response);
    if (type == "response.completed"_L1 || type == "response.incomplete"_L1)
        m_sawCompletion = true;
    if (response.contains("status"_L1))
        m_doneReason = response.value("status"_L1).toString();

    const QJsonValue usage = response.value("usage"_L1);
    if (usage.isObject()) {
        m_promptTokens = countOf(usage.toObject().value("input_tokens"_L1));
        m_completionTokens = countOf(usage.toObject().value("output_tokens"_L1));
    }
}

// Anthropic Messages API: message_start carries the input tokens,
// message_delta the output tokens and stop reason, message_stop ends it.
// NOTE: shapes from Anthropic's public API, not from Ollama's converter.
void UsageMeter::meterAnthropicObject(const QJsonObject &object, bool fromStream)
{
    recordError(object);
    const QString type = object.value("type"_L1).toString();

    if (!fromStream || type == "message_start"_L1) {
        const QJsonObject message = fromStream ? object.value("message"_L1).toObject() : object;
        const QJsonArray content = message.value("content"_L1).toArray();
        for (const QJsonValue &block : content)
            appendText(block.toObject().value("text"_L1).toString());

        const QJsonObject usage = message.value("usage"_L1).toObject();
        m_promptTokens = countOf(usage.value("input_tokens"_L1));
        if (!fromStream) {
            m_completionTokens = countOf(usage.value("output_tokens"_L1));
            m_doneReason = message.value("stop_reason"_L1).toString();
        }
        return;
    }

    if (type == "content_block_delta"_L1) {
        appendText(object.value("delta"_L1).toObject().value("text"_L1).toString());
    } else if (type == "message_delta"_L1) {
        const QJsonObject usage = object.value("usage"_L1).toObject();
        if (const std::optional<qint64> output = countOf(usage.value("output_tokens"_L1)))
            m_completionTokens = output;
        if (const std::optional<qint64> input = countOf(usage.value("input_tokens"_L1)))
            m_promptTokens = input;
        const QString stopReason = object.value("delta"_L1).toObject().value("stop_reason"_L1).toString();
        if (!stopReason.isEmpty())
            m_doneReason = stopReason;
    } else if (type == "message_stop"_L1) {
        m_sawCompletion = true;
    }
}

void UsageMeter::recordError(const QJsonObject &object)
{
    const QJsonValue error = object.value("error"_L1);
    if (error.isUndefined() || error.isNull())
        return;

    if (error.isString()) {
        m_streamError = error.toString();
    } else if (error.isObject() && error.toObject().value("message"_L1).isString()) {
        m_streamError = error.toObject().value("message"_L1).toString();
    } else {
        const QJsonDocument document = error.isObject() ? QJsonDocument(error.toObject())
                                                        : QJsonDocument(QJsonArray{error});
        m_streamError = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    }
}

void UsageMeter::appendText(const QString &piece)
{
    qsizetype room = m_maxTextChars - m_responseText.size();
    if (piece.isEmpty() || room <= 0)
        return;

    if (piece.size() <= room) {
        m_responseText += piece;
        return;
    }

    // Never keep half of a surrogate pair.
    if (piece.at(room - 1).isHighSurrogate())
        --room;
    m_responseText += QStringView(piece).first(room);
}

} // namespace Gateway
