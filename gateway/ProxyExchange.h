// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EndpointPolicy.h"
#include "ErrorResponder.h"
#include "HttpRequest.h"
#include "KeyIndex.h"
#include "LimitEnforcer.h"
#include "ModelName.h"
#include "RequestLogEntry.h"
#include "UpstreamConnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace Gateway {

class HttpConnection;
class UpstreamPool;
class UsageMeter;
struct GatewayContext;

// One client request from arrival to its committed log row: checks the key,
// forwards the request to the upstream, relays the response as it streams,
// meters it and writes the request log. A child of its HttpConnection, so it
// goes away with the client; its destructor aborts the upstream exchange.
class ProxyExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyExchange)

public:
    ProxyExchange(HttpConnection *connection, HttpRequest &&request, const GatewayContext &context,
                  UpstreamPool *pool);
    ~ProxyExchange() override;

    void start();

private:
    bool answerLocally();
    bool authenticate();
    bool inspectBody();
    bool enforceLimits();
    void enterQueue();
    void onQueueTimeout();
    // Frees the generation slot and counts the request's use; once, from finish().
    void settleLimits(const QString &outcome);
    void addRateLimitHeaders(HttpHeaders &headers) const;
    bool filtersModelList() const;
    QByteArray filteredModelList(const QByteArray &body) const;
    void sendUpstream();
    QByteArray buildUpstreamHead(qsizetype bodySize) const;
    HttpHeaders buildDownstreamHeaders(const HttpHeaders &upstreamHeaders, bool streaming) const;

    void onUpstreamHeader(int status, const Gateway::HttpHeaders &headers, std::optional<qint64> contentLength);
    void onUpstreamBody(const QByteArray &data);
    void onUpstreamCompleted();
    void onUpstreamFailed(Gateway::UpstreamConnection::Failure failure, const QString &message, bool anyResponseBytes);
    void onFirstByteTimeout();
    void onClientGone();
    void relay(const QByteArray &bytes);

    void respond(const GatewayResponse &response, const QString &outcome);
    void fail(int status, const QString &message, const QString &outcome, const QString &openAiCode = QString());
    // Submits the log row and runs sendLastBytes once it is committed.
    void finish(const QString &outcome, std::function<void()> sendLastBytes);
    void onRowCommitted(const std::function<void()> &sendLastBytes);
    void fillMeteredFields();
    void releaseUpstream(bool reusable);

    QPointer<HttpConnection> m_connection;
    HttpRequest m_request;
    const GatewayContext &m_context;
    UpstreamPool *m_pool;
    EndpointPolicy m_policy;
    RequestLogEntry m_entry;

    QByteArray m_upstreamBody;
    bool m_stripUsage = false;
    KeyIdentity m_identity;

    bool m_streamRequested = false;
    std::optional<ModelName> m_model;
    QString m_brand;
    LimitEnforcer::Ticket m_ticket;
    LimitEnforcer::Headroom m_headroom;
    QStringList m_modelPatterns; // of the user, for filtering model lists
    bool m_filterModels = false; // the model list response is buffered and filtered
    QByteArray m_modelListBody;
    HttpHeaders m_modelListHeaders;
    int m_queuePriority = 0;
    quint64 m_queueTicket = 0;   // non-zero while queued or holding a generation slot
    QTimer *m_queueTimer = nullptr;

    UpstreamConnection *m_upstream = nullptr;
    std::unique_ptr<UsageMeter> m_meter;
    QTimer *m_firstByteTimer = nullptr;
    bool m_retried = false;
    bool m_headerSent = false;
    bool m_chunkedDownstream = false;
    bool m_finished = false;
    bool m_countedInFlight = false;
    QByteArray m_heldByte;        // last body byte, sent after the log row commits
};

} // namespace Gateway
