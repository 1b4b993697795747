// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyExchange.h"

#include "ClaimHandler.h"
#include "GatewayContext.h"
#include "GenerationQueue.h"
#include "HttpConnection.h"
#include "KeyManager.h"
#include "KeyUseRecorder.h"
#include "LogRedaction.h"
#include "ModelName.h"
#include "RequestInspector.h"
#include "RequestLogWriter.h"
#include "UpstreamPool.h"
#include "UsageMeter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcExchange, "soulfra.gateway.proxyexchange")

// Client headers that never reach the upstream: the gateway's own
// credentials (Ollama copies headers on to ollama.com for cloud models),
// cookies, Origin (Ollama rejects a foreign Origin with an empty 403),
// hop-by-hop fields (RFC 9110, section 7.6.1) and framing the gateway sets
// itself. Accept-Encoding goes too, because the meter reads the body.
constexpr QByteArrayView strippedRequestHeaders[] = {
    "Host", "Authorization", "Proxy-Authorization", "X-Api-Key", "Cookie", "Origin",
    "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    "Content-Length", "Expect", "X-Request-ID", "Accept-Encoding",
};

constexpr QByteArrayView strippedResponseHeaders[] = {
    "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    "Content-Length", "X-Request-ID",
};

bool isListed(QByteArrayView name, const auto &list)
{
    for (QByteArrayView entry : list) {
        if (name.compare(entry, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// A client's X-Request-ID is kept when it is a short printable token, so
// that its id shows up in our log; anything else is replaced.
bool isUsableRequestId(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (char c : id) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

QByteArray newRequestId()
{
    quint64 words[2];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray::number(words[0], 16).rightJustified(16, '0') + QByteArray::number(words[1], 16).rightJustified(16, '0');
}

QByteArray bearerToken(const HttpHeaders &headers)
{
    const QByteArray authorization = headers.value("Authorization").trimmed();
    if (authorization.size() > 7 && authorization.first(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return authorization.sliced(7).trimmed();

    // Anthropic-style clients send their key in x-api-key.
    return headers.value("X-Api-Key").trimmed();
}

QString keyErrorMessage(KeyIndex::Status status)
{
    switch (status) {
    case KeyIndex::Status::Missing:
        return QStringLiteral("missing API key");
    case KeyIndex::Status::Revoked:
        return QStringLiteral("API key revoked");
    case KeyIndex::Status::Expired:
        return QStringLiteral("API key expired");
    case KeyIndex::Status::Invalid:
    case KeyIndex::Status::Valid:
        break;
    }
    return QStringLiteral("invalid API key");
}

// A filtered model list is buffered whole; a larger one gets 502, because
// passing it on unfiltered would show models the key may not use.
constexpr qsizetype maxModelListBytes = 16 * 1024 * 1024;

QString truncated(const QString &text, int maxChars)
{
    return text.size() > maxChars ? text.left(maxChars) : text;
}

} // namespace

ProxyExchange::ProxyExchange(HttpConnection *connection, HttpRequest &&request, const GatewayContext &context,
                             UpstreamPool *pool)
    : QObject(connection)
    , m_connection(connection)
    , m_request(std::move(request))
    , m_context(context)
    , m_pool(pool)
{
    m_context.counters->inFlight.fetchAndAddRelaxed(1);
    m_countedInFlight = true;

    connect(connection, &HttpConnection::clientGone, this, &ProxyExchange::onClientGone);
    connect(connection, &HttpConnection::outputDrained, this, [this] {
        if (m_upstream)
            m_upstream->resume();
    });
}

ProxyExchange::~ProxyExchange()
{
    // Reached without finish() only when the client went away; dropping the
    // upstream connection is what makes Ollama stop generating.
    if (m_upstream)
        m_pool->discard(std::exchange(m_upstream, nullptr));

    // Normally settled in finish(); this frees the slot and the stream of an
    // exchange destroyed before it finished.
    if (m_queueTicket && m_context.generations)
        m_context.generations->release(std::exchange(m_queueTicket, 0));
    if (m_ticket.valid && m_context.limits)
        m_context.limits->complete(std::exchange(m_ticket, {}), false, 0);

    if (m_countedInFlight)
        m_context.counters->inFlight.fetchAndSubRelaxed(1);
}

void ProxyExchange::start()
{
    const QByteArray clientId = m_request.headers.value("X-Request-ID");
    const QByteArray requestId = isUsableRequestId(clientId) ? clientId : newRequestId();

    m_entry.requestId = QString::fromLatin1(requestId);
    m_entry.startedAt = m_request.receivedAt;
    m_entry.clientAddress = m_request.clientAddress.toString();
    m_entry.userAgent = QString::fromUtf8(m_request.headers.value("User-Agent"));
    m_entry.method = QString::fromLatin1(m_request.method);
    m_entry.path = LogRedaction::withoutKeys(QString::fromUtf8(m_request.target));
    m_entry.requestBytes = m_request.body.size();
    m_entry.upstream = m_context.upstreamLabel;
    m_entry.brand = QString::fromUtf8(m_request.headers.value("X-Brand")).left(200);

    m_policy = EndpointPolicy::classify(m_request.method, m_request.path);

    if (answerLocally())
        return;
    if (!authenticate())
        return;
    if (!inspectBody())
        return;
    if (!enforceLimits())
        return;

    enterQueue();
}

bool ProxyExchange::answerLocally()
{
    // CORS preflight (Fetch standard): browsers ask before sending
    // Authorization. Keys are bearer tokens, never cookies, so any origin may
    // call. These requests never reach Ollama's own Origin check.
    if (m_request.method == "OPTIONS") {
        GatewayResponse response;
        response.status = 204;
        response.headers.add("Access-Control-Allow-Origin", "*");
        response.headers.add("Access-Control-Allow-Methods", "GET, HEAD, POST, DELETE, OPTIONS");
        response.headers.add("Access-Control-Allow-Headers",
                             "Authorization, Content-Type, Accept, User-Agent, X-Requested-With, X-Request-ID, "
                             "X-Brand, X-Api-Key, OpenAI-Beta, X-Stainless-Arch, X-Stainless-Lang, X-Stainless-OS, "
                             "X-Stainless-Package-Version, X-Stainless-Retry-Count, X-Stainless-Runtime, "
                             "X-Stainless-Runtime-Version, X-Stainless-Timeout");
        response.headers.add("Access-Control-Max-Age", "43200");
        respond(response, QStringLiteral("ok"));
        return true;
    }

    // Event claim codes. The code is a secret until redeemed, so
    // the log row gets a fixed path instead of the request target.
    if (ClaimHandler::handles(m_request.path)) {
        m_entry.path = ClaimHandler::loggedPath();
        QPointer<ProxyExchange> self(this);
        ClaimHandler::handle(m_request, m_context, m_pool, [self](const GatewayResponse &response, const QString &outcome) {
            if (self)
                self->respond(response, outcome);
        });
        return true;
    }

    if (m_request.path == "/gateway/health" && (m_request.method == "GET" || m_request.method == "HEAD")) {
        GatewayResponse response;
        response.headers.add("Content-Type", "application/json; charset=utf-8");
        response.body = QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}})
                            .toJson(QJsonDocument::Compact);
        respond(response, QStringLiteral("ok"));
        return true;
    }

    return false;
}

bool ProxyExchange::authenticate()
{
    if (m_policy.access == EndpointPolicy::Access::Public)
        return true;

    // Two credentials leave it open which one an intermediary checked.
    if (m_request.headers.count("Authorization") > 1 || m_request.headers.count("X-Api-Key") > 1) {
        fail(400, QStringLiteral("multiple Authorization or X-Api-Key headers; send one key"), QStringLiteral("bad request"));
        return false;
    }

    const QByteArray authorization = m_request.headers.value("Authorization").trimmed();
    const QByteArray presented = bearerToken(m_request.headers);
    if (presented.isEmpty() && !authorization.isEmpty()) {
        fail(401, QStringLiteral("invalid Authorization header: expected 'Bearer <key>'"), QStringLiteral("unauthorized"),
             QStringLiteral("invalid_api_key"));
        return false;
    }

    const KeyIndex::Verdict verdict = m_context.keys->verify(presented, QDateTime::currentDateTimeUtc());
    if (verdict.status != KeyIndex::Status::Valid) {
        fail(401, keyErrorMessage(verdict.status), QStringLiteral("unauthorized"), QStringLiteral("invalid_api_key"));
        return false;
    }

    m_identity = verdict.identity;
    m_entry.userName = m_identity.userName;
    m_entry.keyId = m_identity.keyId;
    m_entry.tier = m_identity.tier;

    if (m_policy.access == EndpointPolicy::Access::Operator && !m_identity.isOperator) {
        fail(403, QStringLiteral("this endpoint needs an operator key"), QStringLiteral("forbidden"),
             QStringLiteral("operator_key_required"));
        return false;
    }

    if (m_context.keyUse)
        m_context.keyUse->record(m_identity.keyId, QDateTime::currentDateTimeUtc(), m_entry.clientAddress);
    return true;
}

bool ProxyExchange::inspectBody()
{
    m_upstreamBody = m_request.body;

    // GET /v1/models/{model} names its model in the path.
    static constexpr QByteArrayView modelPathPrefix = "/v1/models/";
    if (m_request.path.startsWith(modelPathPrefix) && m_request.path.size() > modelPathPrefix.size()) {
        const QString named = QString::fromUtf8(QByteArray::fromPercentEncoding(m_request.path.sliced(modelPathPrefix.size())));
        m_model = ModelName::parse(named);
        if (!m_model) {
            fail(404, QStringLiteral("model '%1' not found").arg(named.left(200)), QStringLiteral("bad request"),
                 QStringLiteral("model_not_found"));
            return false;
        }
        m_entry.model = m_model->display();
    }

    if (!m_policy.jsonBody)
        return true;

    const Result<InspectedRequest> inspected =
        RequestInspector::inspect(m_request.path, m_request.body, m_context.config.maxStoredTextChars);
    if (!inspected) {
        fail(ErrorResponder::statusFor(inspected.error().code()), inspected.error().message(),
             QStringLiteral("bad request"));
        return false;
    }

    const InspectedRequest &request = inspected.value();
    m_streamRequested = request.streamRequested;
    if (request.modelInvalid) {
        fail(400, QStringLiteral("invalid model name '%1'").arg(request.model.left(200)), QStringLiteral("bad request"));
        return false;
    }

    if (!request.canonicalModel.isEmpty()) {
        m_model = ModelName::parse(request.canonicalModel);
        m_entry.model = m_model ? m_model->display() : request.canonicalModel;
    }
    if (!request.brand.isEmpty())
        m_entry.brand = request.brand.left(200);
    m_entry.contextLanguage = request.contextLanguage.left(100);
    m_entry.contextFramework = request.contextFramework.left(100);
    m_entry.promptText = request.promptText;

    // Streamed /v1 replies carry token counts only when asked for them. Ask
    // upstream always, and drop the extra chunk again for clients that did
    // not ask, so they see exactly the stream they requested.
    if (m_policy.openAiShape && m_policy.generation && request.streamRequested && !request.clientAskedUsage) {
        m_upstreamBody = RequestInspector::withUsageRequested(m_request.body);
        m_stripUsage = true;
    }
    return true;
}

bool ProxyExchange::enforceLimits()
{
    if (!m_context.limits || m_identity.keyId.isEmpty())
        return true;

    // NOTE: only "model" (or "name") and /v1/models/{model} are checked
    // against the model patterns, not /api/copy's source and destination or
    // /api/create's "from". Both endpoints need an operator key.
    LimitEnforcer::Request request;
    request.userName = m_identity.userName;
    request.keyTier = m_identity.tier;
    request.generation = m_policy.generation;
    request.streaming = m_streamRequested;
    request.model = m_model;
    request.brand = m_entry.brand;

    const LimitEnforcer::Decision decision = m_context.limits->admit(request);
    m_headroom = decision.headroom;
    m_queuePriority = decision.queuePriority;

    switch (decision.verdict) {
    case LimitEnforcer::Verdict::Admitted:
        m_ticket = decision.ticket;
        m_filterModels = filtersModelList();
        return true;
    case LimitEnforcer::Verdict::Suspended:
        fail(403, decision.message, QStringLiteral("forbidden"), QStringLiteral("account_suspended"));
        return false;
    case LimitEnforcer::Verdict::ModelDenied:
        fail(403, decision.message, QStringLiteral("forbidden"), QStringLiteral("model_not_allowed"));
        return false;
    case LimitEnforcer::Verdict::BrandDenied:
        fail(403, decision.message, QStringLiteral("forbidden"), QStringLiteral("brand_limit_reached"));
        return false;
    case LimitEnforcer::Verdict::LimitReached:
        break;
    }

    const qint64 waitMs = m_context.limits->now().msecsTo(decision.resetsAt);
    const qint64 retryAfter = qMax<qint64>(1, (waitMs + 999) / 1000);
    m_entry.errorMessage = decision.message;
    GatewayResponse response = ErrorResponder::respond(429, decision.message, m_policy.openAiShape,
                                                       QStringLiteral("rate_limit_exceeded"));
    response.headers.set("Retry-After", QByteArray::number(retryAfter));
    respond(response, QStringLiteral("rate limited"));
    return false;
}

void ProxyExchange::enterQueue()
{
    if (!m_context.generations || !m_policy.generation) {
        sendUpstream();
        return;
    }

    m_queueTicket = GenerationQueue::nextTicket();
    const GenerationQueue::Outcome outcome =
        m_context.generations->acquire(m_queueTicket, m_queuePriority, this, [this] {
            if (m_queueTimer)
                m_queueTimer->stop();
            if (!m_finished)
                sendUpstream();
        });

    switch (outcome) {
    case GenerationQueue::Outcome::Granted:
        sendUpstream();
        return;
    case GenerationQueue::Outcome::Queued:
        m_queueTimer = new QTimer(this);
        m_queueTimer->setSingleShot(true);
        m_queueTimer->setInterval(m_context.config.maxQueueWaitMs);
        connect(m_queueTimer, &QTimer::timeout, this, &ProxyExchange::onQueueTimeout);
        m_queueTimer->start();
        return;
    case GenerationQueue::Outcome::Full:
        break;
    }

    // A request the queue rejects was never served, so it counts against nothing.
    m_queueTicket = 0;
    if (m_context.limits)
        m_context.limits->refund(std::exchange(m_ticket, {}));
    GatewayResponse response = ErrorResponder::respond(
        503, QStringLiteral("the gateway's generation queue is full; retry later"), m_policy.openAiShape,
        QStringLiteral("queue_full"));
    response.headers.set("Retry-After", "1");
    m_entry.errorMessage = QStringLiteral("generation queue full");
    respond(response, QStringLiteral("queue full"));
}

void ProxyExchange::onQueueTimeout()
{
    // The grant may have been posted just now; then it runs instead.
    if (!m_queueTicket || !m_context.generations->withdraw(m_queueTicket))
        return;
    m_queueTicket = 0;

    if (m_context.limits)
        m_context.limits->refund(std::exchange(m_ticket, {}));
    const int waitedSeconds = qMax(1, m_context.config.maxQueueWaitMs / 1000);
    qCInfo(lcExchange) << "request" << m_entry.requestId << "waited" << m_context.config.maxQueueWaitMs
                       << "ms in the generation queue";
    GatewayResponse response = ErrorResponder::respond(
        503, QStringLiteral("the upstream is busy: the request waited %1 s in the gateway's queue; retry later")
                 .arg(waitedSeconds),
        m_policy.openAiShape, QStringLiteral("queue_timeout"));
    response.headers.set("Retry-After", QByteArray::number(waitedSeconds));
    m_entry.errorMessage = QStringLiteral("timed out in the generation queue");
    respond(response, QStringLiteral("queue timeout"));
}

void ProxyExchange::settleLimits(const QString &outcome)
{
    if (m_queueTicket && m_context.generations)
        m_context.generations->release(std::exchange(m_queueTicket, 0));
    if (!m_ticket.valid || !m_context.limits)
        return;

    const bool generationCompleted = m_policy.generation && outcome == QStringLiteral("ok") && m_meter
        && m_meter->sawCompletion() && m_entry.status < 400;
    const qint64 tokens = m_entry.promptTokens.value_or(0) + m_entry.completionTokens.value_or(0);
    m_entry.countedCall = true;
    m_entry.countedGeneration = generationCompleted;
    m_context.limits->complete(std::exchange(m_ticket, {}), generationCompleted, tokens);
}

void ProxyExchange::addRateLimitHeaders(HttpHeaders &headers) const
{
    if (!m_headroom.known)
        return;

    // Reset is a Unix time in seconds, as GitHub's API sends it.
    const qint64 resetSeconds = (m_headroom.resetsAt.toMSecsSinceEpoch() + 999) / 1000;
    headers.set("X-RateLimit-Limit", QByteArray::number(m_headroom.limit));
    headers.set("X-RateLimit-Remaining", QByteArray::number(m_headroom.remaining));
    headers.set("X-RateLimit-Reset", QByteArray::number(resetSeconds));
}

bool ProxyExchange::filtersModelList() const
{
    if (m_request.method != "GET" || (m_request.path != "/api/tags" && m_request.path != "/v1/models"))
        return false;
    const QStringList patterns = m_context.limits->limitsFor(m_identity.userName, m_identity.tier).modelPatterns;
    return !patterns.contains(QStringLiteral("*"));
}

// The one response the gateway rewrites: a model list shows only the models
// the key may use, so clients do not offer models that would get 403.
QByteArray ProxyExchange::filteredModelList(const QByteArray &body) const
{
    QJsonParseError error{};
    QJsonObject list = QJsonDocument::fromJson(body, &error).object();
    if (error.error != QJsonParseError::NoError)
        return {};

    const QStringList patterns = m_context.limits->limitsFor(m_identity.userName, m_identity.tier).modelPatterns;
    const bool openAi = m_request.path == "/v1/models";
    const QString arrayKey = openAi ? QStringLiteral("data") : QStringLiteral("models");
    const QString nameKey = openAi ? QStringLiteral("id") : QStringLiteral("name");

    QJsonArray allowed;
    for (const QJsonValue &entry : list.value(arrayKey).toArray()) {
        const std::optional<ModelName> name = ModelName::parse(entry.toObject().value(nameKey).toString());
        if (name && LimitEnforcer::modelAllowed(patterns, *name))
            allowed.append(entry);
    }
    list.insert(arrayKey, allowed);
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

QByteArray ProxyExchange::buildUpstreamHead(qsizetype bodySize) const
{
    QByteArray head;
    head.reserve(512);
    head += m_request.method;
    head += ' ';
    head += m_request.target;
    head += " HTTP/1.1\r\nHost: ";
    // Ollama rejects any Host that is not a local name with an empty 403
    // (its DNS-rebinding guard), so the upstream always receives its own address.
    head += m_context.upstreamHostHeader;
    head += "\r\n";

    // Fields named in Connection are hop-by-hop too (RFC 9110, section 7.6.1).
    const QList<QByteArray> connectionTokens = m_request.headers.value("Connection").split(',');

    for (const HttpHeaders::Field &field : m_request.headers.fields()) {
        if (isListed(field.first, strippedRequestHeaders))
            continue;
        bool namedInConnection = false;
        for (const QByteArray &token : connectionTokens)
            namedInConnection = namedInConnection || field.first.compare(token.trimmed(), Qt::CaseInsensitive) == 0;
        if (namedInConnection)
            continue;

        head += field.first;
        head += ": ";
        head += field.second;
        head += "\r\n";
    }

    head += "X-Request-ID: ";
    head += m_entry.requestId.toLatin1();
    head += "\r\n";

    if (bodySize > 0 || m_request.method == "POST" || m_request.method == "PUT" || m_request.method == "PATCH") {
        head += "Content-Length: ";
        head += QByteArray::number(bodySize);
        head += "\r\n";
    }

    head += "\r\n";
    return head;
}

void ProxyExchange::sendUpstream()
{
    m_upstream = m_pool->acquire();

    connect(m_upstream, &UpstreamConnection::headerReceived, this, &ProxyExchange::onUpstreamHeader);
    connect(m_upstream, &UpstreamConnection::bodyReceived, this, &ProxyExchange::onUpstreamBody);
    connect(m_upstream, &UpstreamConnection::completed, this, &ProxyExchange::onUpstreamCompleted);
    connect(m_upstream, &UpstreamConnection::failed, this, &ProxyExchange::onUpstreamFailed);

    if (!m_firstByteTimer) {
        m_firstByteTimer = new QTimer(this);
        m_firstByteTimer->setSingleShot(true);
        m_firstByteTimer->setInterval(m_context.config.upstreamFirstByteTimeoutMs);
        connect(m_firstByteTimer, &QTimer::timeout, this, &ProxyExchange::onFirstByteTimeout);
    }
    m_firstByteTimer->start();

    m_upstream->send(buildUpstreamHead(m_upstreamBody.size()), m_upstreamBody, m_request.method == "HEAD");
}

HttpHeaders ProxyExchange::buildDownstreamHeaders(const HttpHeaders &upstreamHeaders, bool streaming) const
{
    HttpHeaders headers;
    for (const HttpHeaders::Field &field : upstreamHeaders.fields()) {
        if (!isListed(field.first, strippedResponseHeaders))
            headers.add(field.first, field.second);
    }

    headers.add("X-Request-ID", m_entry.requestId.toLatin1());

    // An nginx in front of the gateway would otherwise buffer the stream.
    if (streaming) {
        headers.set("X-Accel-Buffering", "no");
        headers.set("Cache-Control", "no-cache");
    }

    if (m_request.headers.contains("Origin"))
        headers.set("Access-Control-Allow-Origin", "*");

    addRateLimitHeaders(headers);
    return headers;
}

void ProxyExchange::onUpstreamHeader(int status, const HttpHeaders &headers, std::optional<qint64> contentLength)
{
    m_firstByteTimer->stop();
    m_entry.status = status;

    // Ollama's Host and Origin guards return 403 with no body at all, which
    // client libraries then fail to decode, so the client gets the reason instead.
    if (status == 403 && contentLength == 0) {
        releaseUpstream(true);
        fail(403, QStringLiteral("upstream rejected request (host/origin check)"), QStringLiteral("upstream error"));
        return;
    }

    if (m_filterModels && status == 200) {
        // Buffered: the filtered list is sent whole in onUpstreamCompleted.
        m_modelListHeaders = headers;
        return;
    }
    m_filterModels = false;

    const UsageMeter::Format format = UsageMeter::formatFor(headers.value("Content-Type"));
    const bool streaming = format == UsageMeter::Format::NdJson || format == UsageMeter::Format::Sse;
    m_meter = std::make_unique<UsageMeter>(format, m_request.path, m_stripUsage, m_context.config.maxStoredTextChars);

    // Dropping the usage chunk changes the length, so such bodies go chunked.
    std::optional<qint64> downstreamLength = contentLength;
    if (m_request.method == "HEAD") {
        // A HEAD response repeats the length of the body a GET would get.
        bool ok = false;
        const qint64 length = headers.value("Content-Length").toLongLong(&ok);
        downstreamLength = ok ? std::optional<qint64>(length) : std::nullopt;
    }
    if (m_stripUsage && format == UsageMeter::Format::Sse)
        downstreamLength.reset();
    m_chunkedDownstream = !downstreamLength.has_value();

    if (!m_connection)
        return;

    m_connection->beginResponse(status, buildDownstreamHeaders(headers, streaming), downstreamLength);
    m_headerSent = true;
}

void ProxyExchange::onUpstreamBody(const QByteArray &data)
{
    if (m_filterModels) {
        m_modelListBody += data;
        if (m_modelListBody.size() > maxModelListBytes) {
            releaseUpstream(false);
            m_filterModels = false;
            fail(502, QStringLiteral("the upstream's model list is larger than %1 bytes").arg(maxModelListBytes),
                 QStringLiteral("upstream error"));
        }
        return;
    }
    if (!m_meter || !m_connection)
        return;

    relay(m_meter->feed(data));

    // Backpressure: stop reading the upstream while the client lags behind.
    if (m_connection->pendingOutputBytes() > HttpConnection::highWaterBytes && m_upstream)
        m_upstream->pause();
}

void ProxyExchange::relay(const QByteArray &bytes)
{
    if (bytes.isEmpty() || !m_connection)
        return;

    if (!m_entry.timeToFirstTokenMs)
        m_entry.timeToFirstTokenMs = double(m_request.sinceReceived.nsecsElapsed()) / 1e6;

    m_entry.responseBytes += bytes.size();

    // A body with a known length ends with its last byte, so one byte is
    // always held back until the log row is committed. A chunked body ends
    // with its terminating chunk instead, so nothing of it needs holding.
    if (m_chunkedDownstream) {
        m_connection->writeBody(bytes);
        return;
    }

    QByteArray out = m_heldByte + bytes;
    m_heldByte = out.right(1);
    out.chop(1);
    m_connection->writeBody(out);
}

void ProxyExchange::onUpstreamCompleted()
{
    if (m_firstByteTimer)
        m_firstByteTimer->stop();

    if (m_filterModels) {
        releaseUpstream(true);
        const QByteArray filtered = filteredModelList(m_modelListBody);
        if (filtered.isEmpty()) {
            fail(502, QStringLiteral("the upstream's model list is not a JSON object"), QStringLiteral("upstream error"));
            return;
        }
        GatewayResponse response;
        response.status = 200;
        for (const HttpHeaders::Field &field : m_modelListHeaders.fields()) {
            if (!isListed(field.first, strippedResponseHeaders))
                response.headers.add(field.first, field.second);
        }
        response.body = filtered;
        respond(response, QStringLiteral("ok"));
        return;
    }

    if (!m_headerSent) {
        // The 403 replacement above already sent the response.
        releaseUpstream(true);
        return;
    }

    relay(m_meter->finish());
    releaseUpstream(true);
    fillMeteredFields();

    QString outcome = QStringLiteral("ok");
    if (!m_meter->streamError().isEmpty())
        outcome = QStringLiteral("upstream error");
    else if (m_entry.status >= 400)
        outcome = QStringLiteral("upstream error");

    finish(outcome, [this] {
        if (!m_connection)
            return;
        m_connection->writeBody(m_heldByte);
        m_connection->endResponse();
    });
}

void ProxyExchange::fillMeteredFields()
{
    if (!m_meter)
        return;

    m_entry.promptTokens = m_meter->promptTokens();
    m_entry.completionTokens = m_meter->completionTokens();
    m_entry.responseText = truncated(m_meter->responseText(), m_context.config.maxStoredTextChars);
    if (!m_meter->streamError().isEmpty())
        m_entry.errorMessage = m_meter->streamError();
}

void ProxyExchange::onUpstreamFailed(UpstreamConnection::Failure failure, const QString &message, bool anyResponseBytes)
{
    const bool staleConnection = m_upstream && m_upstream->wasUsedBefore();
    m_pool->discard(std::exchange(m_upstream, nullptr));

    // A pooled connection that the upstream closed while idle fails before
    // any response byte. The request never reached Ollama, so one retry on a
    // fresh connection is safe.
    if (!anyResponseBytes && staleConnection && !m_retried && failure == UpstreamConnection::Failure::Closed) {
        m_retried = true;
        qCDebug(lcExchange) << m_entry.requestId << "retrying on a fresh upstream connection after:" << message;
        sendUpstream();
        return;
    }

    if (m_firstByteTimer)
        m_firstByteTimer->stop();

    qCWarning(lcExchange) << "request" << m_entry.requestId << m_entry.path << "upstream failed:" << message;

    if (!m_headerSent) {
        const QString text = failure == UpstreamConnection::Failure::ConnectFailed
            ? QStringLiteral("upstream unreachable at %1: %2").arg(m_context.upstreamLabel, message)
            : QStringLiteral("upstream closed the connection without a response: %1").arg(message);
        fail(502, text, QStringLiteral("upstream unreachable"));
        return;
    }

    // Ollama reports its own mid-stream errors as a final {"error": ...}
    // line, which the client libraries raise, so the gateway does the same.
    fillMeteredFields();
    m_entry.errorMessage = QStringLiteral("upstream connection lost: %1").arg(message);

    const UsageMeter::Format format = m_meter ? m_meter->format() : UsageMeter::Format::Other;
    if (m_chunkedDownstream && (format == UsageMeter::Format::NdJson || format == UsageMeter::Format::Sse)) {
        relay(m_meter->finish());
        const QString errorText = m_entry.errorMessage;
        finish(QStringLiteral("upstream error"), [this, format, errorText] {
            if (!m_connection)
                return;
            QByteArray line;
            if (format == UsageMeter::Format::NdJson) {
                line = QJsonDocument(QJsonObject{{QStringLiteral("error"), errorText}}).toJson(QJsonDocument::Compact) + '\n';
            } else {
                const QJsonObject error{{QStringLiteral("message"), errorText}, {QStringLiteral("type"), QStringLiteral("api_error")}};
                line = "data: " + QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact) + "\n\n";
            }
            m_connection->writeBody(line);
            m_connection->endResponse();
        });
        return;
    }

    // A body with a known length cannot carry an error: the client must see
    // it truncated, so the connection is cut.
    finish(QStringLiteral("upstream error"), [this] {
        if (m_connection)
            m_connection->abort();
    });
}

void ProxyExchange::onFirstByteTimeout()
{
    if (m_upstream)
        m_pool->discard(std::exchange(m_upstream, nullptr));

    const int seconds = m_context.config.upstreamFirstByteTimeoutMs / 1000;
    qCWarning(lcExchange) << "request" << m_entry.requestId << "timed out waiting for the upstream";
    fail(504, QStringLiteral("upstream did not respond within %1 s").arg(seconds), QStringLiteral("upstream timeout"));
}

void ProxyExchange::onClientGone()
{
    if (m_finished)
        return;

    if (m_upstream)
        m_pool->discard(std::exchange(m_upstream, nullptr));
    if (m_firstByteTimer)
        m_firstByteTimer->stop();

    // A request still waiting in the queue never reached the upstream, so
    // it leaves the queue now and counts against nothing.
    if (m_queueTicket && m_context.generations->withdraw(m_queueTicket)) {
        m_queueTicket = 0;
        if (m_context.limits)
            m_context.limits->refund(std::exchange(m_ticket, {}));
    }

    fillMeteredFields();
    // Ollama reports token counts only in the final chunk. Each streamed
    // chunk of a generation carries one token, so the chunks seen so far
    // are the partial completion count of a stream the client aborted.
    // NOTE: an estimate for /v1 streams, whose chunks Ollama does not promise
    // to be single tokens; the prompt tokens of such a stream stay unknown.
    if (m_meter && m_policy.generation && !m_entry.completionTokens && m_meter->linesSeen() > 0)
        m_entry.completionTokens = m_meter->linesSeen();
    if (!m_headerSent)
        m_entry.status = 499;

    qCDebug(lcExchange) << "request" << m_entry.requestId << "cancelled by the client";
    // No client is left to receive a response, but the row still records
    // what was used.
    finish(QStringLiteral("client cancelled"), nullptr);
}

void ProxyExchange::respond(const GatewayResponse &response, const QString &outcome)
{
    m_entry.status = response.status;

    HttpHeaders headers = response.headers;
    headers.add("X-Request-ID", m_entry.requestId.toLatin1());
    if (m_request.headers.contains("Origin"))
        headers.set("Access-Control-Allow-Origin", "*");
    addRateLimitHeaders(headers);

    const QByteArray body = response.body;
    m_entry.responseBytes = body.size();

    finish(outcome, [this, status = response.status, headers, body] {
        if (m_connection)
            m_connection->sendResponse(status, headers, body);
    });
}

void ProxyExchange::fail(int status, const QString &message, const QString &outcome, const QString &openAiCode)
{
    m_entry.errorMessage = message;
    respond(ErrorResponder::respond(status, message, m_policy.openAiShape, openAiCode), outcome);
}

void ProxyExchange::finish(const QString &outcome, std::function<void()> sendLastBytes)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_queueTimer)
        m_queueTimer->stop();
    settleLimits(outcome);

    m_entry.outcome = outcome;
    m_entry.latencyMs = double(m_request.sinceReceived.nsecsElapsed()) / 1e6;

    // The last byte goes out only after the row is committed: a client that
    // saw a complete response is guaranteed a log row, even if the process
    // is killed right after.
    // The callback goes to the worker's pool, which outlives every exchange,
    // because the writer thread must never post to an object that may be
    // deleted meanwhile. Whether this exchange still exists is checked on
    // its own thread.
    QPointer<ProxyExchange> self(this);
    m_context.logWriter->submit(m_entry, m_pool, [self, sendLastBytes](bool) {
        if (!self)
            return;
        self->onRowCommitted(sendLastBytes);
    });
}

void ProxyExchange::onRowCommitted(const std::function<void()> &sendLastBytes)
{
    if (sendLastBytes)
        sendLastBytes();

    m_context.counters->completed.fetchAndAddRelaxed(1);
    if (m_countedInFlight) {
        m_countedInFlight = false;
        m_context.counters->inFlight.fetchAndSubRelaxed(1);
    }
    deleteLater();
}

void ProxyExchange::releaseUpstream(bool reusable)
{
    if (!m_upstream)
        return;

    UpstreamConnection *connection = std::exchange(m_upstream, nullptr);
    connection->disconnect(this);
    if (reusable)
        m_pool->release(connection);
    else
        m_pool->discard(connection);
}

} // namespace Gateway
