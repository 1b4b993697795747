// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestInspector.h"

#include "ModelName.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

// Source of the text for the request log.
enum class TextSource {
    None,
    Prompt,            // "prompt": /api/generate, /api/embeddings, /v1/completions
    NativeMessages,    // /api/chat: messages[].content, images in messages[].images
    OpenAiMessages,    // /v1/chat/completions: content is a string or typed parts
    EmbedInput,        // "input": a string or an array of strings
    ResponsesInput,    // /v1/responses: "input" is a string or an array of items
    AnthropicMessages, // /v1/messages: content is a string or typed blocks
};

// The request fields each Ollama route binds, from server/routes.go,
// openai/openai.go and openai/responses.go in ollama/ollama. A field a route
// does not bind is ignored by Ollama, so it is neither read nor type-checked
// here. /v1/messages follows Anthropic's public Messages API.
struct Endpoint
{
    QByteArrayView path;
    bool hasModel = true;
    bool acceptsNameAlias = false;  // cmp.Or(req.Model, req.Name) in the handler
    bool hasStreamField = false;
    bool streamsByDefault = false;  // native routes use *bool: absent means stream
    bool hasStreamOptions = false;
    bool hasTopLevelImages = false; // /api/generate "images"
    TextSource text = TextSource::None;
};

constexpr Endpoint kEndpoints[] = {
    {.path = "/api/generate", .hasStreamField = true, .streamsByDefault = true,
     .hasTopLevelImages = true, .text = TextSource::Prompt},
    {.path = "/api/chat", .hasStreamField = true, .streamsByDefault = true,
     .text = TextSource::NativeMessages},
    {.path = "/api/embed", .text = TextSource::EmbedInput},
    {.path = "/api/embeddings", .text = TextSource::Prompt},
    {.path = "/api/show", .acceptsNameAlias = true},
    {.path = "/api/delete", .acceptsNameAlias = true},
    {.path = "/api/pull", .acceptsNameAlias = true, .hasStreamField = true, .streamsByDefault = true},
    {.path = "/api/push", .acceptsNameAlias = true, .hasStreamField = true, .streamsByDefault = true},
    {.path = "/api/create", .acceptsNameAlias = true, .hasStreamField = true, .streamsByDefault = true},
    {.path = "/api/copy", .hasModel = false},
    {.path = "/v1/chat/completions", .hasStreamField = true, .hasStreamOptions = true,
     .text = TextSource::OpenAiMessages},
    {.path = "/v1/completions", .hasStreamField = true, .hasStreamOptions = true,
     .text = TextSource::Prompt},
    {.path = "/v1/embeddings", .text = TextSource::EmbedInput},
    {.path = "/v1/responses", .hasStreamField = true, .text = TextSource::ResponsesInput},
    {.path = "/v1/messages", .hasStreamField = true, .text = TextSource::AnthropicMessages},
};

const Endpoint *findEndpoint(QByteArrayView path)
{
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path = path.first(query);

    for (const Endpoint &endpoint : kEndpoints) {
        if (endpoint.path == path)
            return &endpoint;
    }
    return nullptr;
}

Error badRequest(const QString &message)
{
    return Error(ErrorCode::BadRequest, message);
}

// Go's encoding/json (fold.go) matches a JSON key to a struct field by exact
// name, else by case folding. Folding maps ASCII letters to upper case and
// each other rune to the smallest rune of its Unicode fold set. Of those,
// only U+017F (long s) and U+212A (Kelvin sign) fold onto ASCII letters.
char16_t goFold(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'a' && u <= u'z')
        return char16_t(u - u'a' + u'A');
    if (u == 0x017F)
        return u'S';
    if (u == 0x212A)
        return u'K';
    return u;
}

bool goFieldNameMatches(QStringView key, QLatin1StringView name)
{
    if (key.size() != name.size())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (goFold(key.at(i)) != goFold(QChar(name.at(i))))
            return false;
    }
    return true;
}

struct Field
{
    QJsonValue value = QJsonValue::Undefined;
    QStringList keys;         // every key that names the field
    bool valuesDiffer = false; // two of those keys have different values
};

Field findField(const QJsonObject &object, QLatin1StringView name)
{
    Field field;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        if (!goFieldNameMatches(key, name))
            continue;
        if (field.keys.isEmpty())
            field.value = it.value();
        else if (it.value() != field.value)
            field.valuesDiffer = true;
        field.keys.append(key);
    }
    return field;
}

// The value of a field that decides policy. QJsonObject does not keep key
// order, so when two spellings carry different values the gateway cannot
// tell which one Ollama's decoder keeps (the later one), and rejects the body.
Result<QJsonValue> policyField(const QJsonObject &object, QLatin1StringView name)
{
    const Field field = findField(object, name);
    if (field.valuesDiffer) {
        return badRequest(u"invalid request body: the keys \"%1\" name the same field \"%2\" with different values; send it once"_s
                              .arg(field.keys.join(u"\", \""_s), name));
    }
    return field.value;
}

// A field read only for the log: with conflicting spellings nothing is logged.
QJsonValue informationalField(const QJsonObject &object, QLatin1StringView name)
{
    const Field field = findField(object, name);
    return field.valuesDiffer ? QJsonValue(QJsonValue::Undefined) : field.value;
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

Result<QString> optionalString(const QJsonObject &object, QLatin1StringView name)
{
    const Result<QJsonValue> value = policyField(object, name);
    if (!value)
        return value.error();
    if (isAbsent(value.value()))
        return QString();
    if (!value.value().isString())
        return badRequest(u"invalid request body: \"%1\" must be a string"_s.arg(name));
    return value.value().toString();
}

Result<std::optional<bool>> optionalBool(const QJsonObject &object, QLatin1StringView name,
                                         QLatin1StringView displayName)
{
    const Result<QJsonValue> value = policyField(object, name);
    if (!value)
        return value.error();
    if (isAbsent(value.value()))
        return std::optional<bool>();
    if (!value.value().isBool())
        return badRequest(u"invalid request body: \"%1\" must be true or false"_s.arg(displayName));
    return std::optional<bool>(value.value().toBool());
}

// Prompt text with a maximum length in UTF-16 code units.
class CappedText final
{
public:
    explicit CappedText(int maxChars)
        : m_maxChars(qMax(0, maxChars))
    {
    }

    bool isFull() const { return m_text.size() >= m_maxChars; }

    void append(QStringView part, QStringView separator)
    {
        if (isFull() || part.isEmpty())
            return;
        if (!m_text.isEmpty())
            appendCapped(separator);
        appendCapped(part);
    }

    QString take() { return std::move(m_text); }

private:
    void appendCapped(QStringView part)
    {
        qsizetype room = m_maxChars - m_text.size();
        if (room <= 0)
            return;
        if (part.size() > room) {
            // Never keep half of a surrogate pair.
            if (part.at(room - 1).isHighSurrogate())
                --room;
            part = part.first(room);
        }
        m_text += part;
    }

    QString m_text;
    qsizetype m_maxChars;
};

// Base64 characters in the payload of a data: URL. Other URLs carry no
// image bytes; native routes send bare base64 strings instead.
qint64 imageBytesOfUrl(const QString &url)
{
    if (!url.startsWith("data:"_L1, Qt::CaseInsensitive))
        return 0;
    const qsizetype comma = url.indexOf(u',');
    return comma < 0 ? 0 : url.size() - comma - 1;
}

qint64 imageBytesOfStrings(const QJsonValue &images)
{
    qint64 total = 0;
    const QJsonArray array = images.toArray();
    for (const QJsonValue &image : array)
        total += image.toString().size();
    return total;
}

bool isUserRole(const QJsonObject &message)
{
    // Ollama lower-cases the role of a chat message.
    return informationalField(message, "role"_L1).toString().compare("user"_L1, Qt::CaseInsensitive) == 0;
}

void appendStringOrStrings(const QJsonValue &value, CappedText &text)
{
    if (value.isString()) {
        text.append(value.toString(), u"\n");
        return;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        text.append(item.toString(), u"\n");
}

// Content of one message in the typed-part forms of OpenAI chat, the
// Responses API and Anthropic messages. Text parts go to text (when given),
// image parts to the returned byte count.
qint64 readContentParts(const QJsonValue &content, CappedText *text)
{
    if (content.isString()) {
        if (text)
            text->append(content.toString(), u"\n");
        return 0;
    }

    qint64 imageBytes = 0;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue &partValue : parts) {
        const QJsonObject part = partValue.toObject();
        const QString type = informationalField(part, "type"_L1).toString();

        if (type == "text"_L1 || type == "input_text"_L1) {
            if (text)
                text->append(informationalField(part, "text"_L1).toString(), u"\n");
        } else if (type == "image_url"_L1) {
            const QJsonValue image = informationalField(part, "image_url"_L1);
            const QString url = image.isObject() ? informationalField(image.toObject(), "url"_L1).toString()
                                                 : image.toString();
            imageBytes += imageBytesOfUrl(url);
        } else if (type == "input_image"_L1) {
            imageBytes += imageBytesOfUrl(informationalField(part, "image_url"_L1).toString());
        } else if (type == "image"_L1) {
            const QJsonObject source = informationalField(part, "source"_L1).toObject();
            imageBytes += informationalField(source, "data"_L1).toString().size();
        }
    }
    return imageBytes;
}

// Counts the images of every message and keeps the text of the last user
// message.
void readMessages(const QJsonValue &messagesValue, TextSource source, CappedText &text,
                  qint64 &imageBytes)
{
    const QJsonArray messages = messagesValue.toArray();
    std::optional<QJsonObject> lastUser;

    for (const QJsonValue &messageValue : messages) {
        const QJsonObject message = messageValue.toObject();
        if (source == TextSource::NativeMessages)
            imageBytes += imageBytesOfStrings(informationalField(message, "images"_L1));
        else
            imageBytes += readContentParts(informationalField(message, "content"_L1), nullptr);

        if (isUserRole(message))
            lastUser = message;
    }

    if (lastUser)
        readContentParts(informationalField(*lastUser, "content"_L1), &text);
}

void readResponsesInput(const QJsonValue &input, CappedText &text, qint64 &imageBytes)
{
    if (input.isString()) {
        text.append(input.toString(), u"\n");
        return;
    }
    readMessages(input, TextSource::ResponsesInput, text, imageBytes);
}

void readPromptAndImages(const Endpoint &endpoint, const QJsonObject &object, int maxTextChars,
                         InspectedRequest &request)
{
    CappedText text(maxTextChars);

    switch (endpoint.text) {
    case TextSource::None:
        break;
    case TextSource::Prompt:
        appendStringOrStrings(informationalField(object, "prompt"_L1), text);
        break;
    case TextSource::EmbedInput:
        appendStringOrStrings(informationalField(object, "input"_L1), text);
        break;
    case TextSource::NativeMessages:
    case TextSource::OpenAiMessages:
    case TextSource::AnthropicMessages:
        readMessages(informationalField(object, "messages"_L1), endpoint.text, text, request.imageBytes);
        break;
    case TextSource::ResponsesInput:
        readResponsesInput(informationalField(object, "input"_L1), text, request.imageBytes);
        break;
    }

    if (endpoint.hasTopLevelImages)
        request.imageBytes += imageBytesOfStrings(informationalField(object, "images"_L1));

    request.promptText = text.take();
}

// "context" is the gateway's own attribution object. On /api/generate the
// same key is Ollama's deprecated token array, which carries no attribution.
void readContext(const QJsonObject &object, InspectedRequest &request)
{
    const QJsonValue context = informationalField(object, "context"_L1);
    if (!context.isObject())
        return;

    const QJsonObject fields = context.toObject();
    request.brand = informationalField(fields, "brand"_L1).toString();
    request.contextLanguage = informationalField(fields, "language"_L1).toString();
    request.contextFramework = informationalField(fields, "framework"_L1).toString();
}

std::optional<Error> readModel(const Endpoint &endpoint, const QJsonObject &object, InspectedRequest &request)
{
    if (!endpoint.hasModel)
        return std::nullopt;

    const Result<QString> model = optionalString(object, "model"_L1);
    if (!model)
        return model.error();
    request.model = model.value();

    if (request.model.isEmpty() && endpoint.acceptsNameAlias) {
        const Result<QString> name = optionalString(object, "name"_L1);
        if (!name)
            return name.error();
        request.model = name.value();
    }

    if (request.model.isEmpty())
        return std::nullopt;

    const std::optional<ModelName> parsed = ModelName::parse(request.model);
    request.modelInvalid = !parsed.has_value();
    if (parsed)
        request.canonicalModel = parsed->canonical();
    return std::nullopt;
}

std::optional<Error> readStreaming(const Endpoint &endpoint, const QJsonObject &object, InspectedRequest &request)
{
    if (endpoint.hasStreamField) {
        const Result<std::optional<bool>> stream = optionalBool(object, "stream"_L1, "stream"_L1);
        if (!stream)
            return stream.error();
        request.streamRequested = stream.value().value_or(endpoint.streamsByDefault);
    }

    if (!endpoint.hasStreamOptions)
        return std::nullopt;

    const Result<QJsonValue> options = policyField(object, "stream_options"_L1);
    if (!options)
        return options.error();
    if (isAbsent(options.value()))
        return std::nullopt;
    if (!options.value().isObject())
        return badRequest(u"invalid request body: \"stream_options\" must be an object"_s);

    const Result<std::optional<bool>> includeUsage =
        optionalBool(options.value().toObject(), "include_usage"_L1, "stream_options.include_usage"_L1);
    if (!includeUsage)
        return includeUsage.error();
    request.clientAskedUsage = includeUsage.value().value_or(false);
    return std::nullopt;
}

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isBlank(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (!isJsonWhitespace(c))
            return false;
    }
    return true;
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Object:
    case QJsonValue::Undefined:
        break;
    }
    return u"an object"_s;
}

// QJsonDocument (Qt 6.4) rejects a scalar at the top level as an "illegal
// value", though RFC 8259 allows it. Parsing it as the only element of an
// array tells a valid scalar from invalid JSON.
std::optional<QJsonValue> topLevelScalar(QByteArrayView body)
{
    QByteArray wrapped;
    wrapped.reserve(body.size() + 2);
    wrapped += '[';
    wrapped += body;
    wrapped += ']';

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1)
        return std::nullopt;
    return document.array().first();
}

} // namespace

Result<InspectedRequest> RequestInspector::inspect(QByteArrayView path, QByteArrayView body, int maxTextChars)
{
    const Endpoint *endpoint = findEndpoint(path);
    if (!endpoint)
        return InspectedRequest();

    // Go's JSON decoder reports io.EOF for a body of only whitespace, which
    // Ollama answers with exactly this message.
    if (isBlank(body))
        return badRequest(u"missing request body"_s);

    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), body.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (const std::optional<QJsonValue> scalar = topLevelScalar(body))
            return badRequest(u"invalid request body: expected a JSON object, got %1"_s.arg(jsonTypeName(*scalar)));
        return badRequest(u"invalid JSON in request body at offset %1: %2"_s.arg(parseError.offset)
                              .arg(parseError.errorString()));
    }
    if (!document.isObject())
        return badRequest(u"invalid request body: expected a JSON object, got %1"_s.arg(jsonTypeName(document.array())));

    const QJsonObject object = document.object();
    InspectedRequest request;

    if (const std::optional<Error> error = readModel(*endpoint, object, request))
        return *error;
    if (const std::optional<Error> error = readStreaming(*endpoint, object, request))
        return *error;

    readContext(object, request);
    readPromptAndImages(*endpoint, object, maxTextChars, request);
    return request;
}

QByteArray RequestInspector::withUsageRequested(QByteArrayView body)
{
    const QByteArray original = body.toByteArray();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(original, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return original;

    // A valid object starts with '{' and ends with '}' once JSON whitespace
    // around it is skipped.
    qsizetype open = 0;
    while (isJsonWhitespace(original.at(open)))
        ++open;
    qsizetype close = original.size() - 1;
    while (isJsonWhitespace(original.at(close)))
        --close;

    const QJsonObject object = document.object();
    const Field existing = findField(object, "stream_options"_L1);

    // The client's own options survive in the appended copy; the struct Ollama
    // decodes them into has only include_usage, but newer fields may follow.
    QJsonObject options;
    if (!existing.valuesDiffer && existing.value.isObject()) {
        options = existing.value.toObject();
        for (const QString &key : options.keys()) {
            if (goFieldNameMatches(key, "include_usage"_L1))
                options.remove(key);
        }
    }
    options.insert(u"include_usage"_s, true);

    const QByteArray member = "\"stream_options\":" + QJsonDocument(options).toJson(QJsonDocument::Compact);

    QByteArray result;
    result.reserve(original.size() + member.size() + 1);
    if (existing.keys.isEmpty()) {
        result += QByteArrayView(original).first(open + 1);
        result += member;
        if (!object.isEmpty())
            result += ',';
        result += QByteArrayView(original).sliced(open + 1);
    } else {
        result += QByteArrayView(original).first(close);
        result += ',';
        result += member;
        result += QByteArrayView(original).sliced(close);
    }
    return result;
}

} // namespace Gateway
