// SPDX-License-Identifier: GPL-3.0-or-later
#include "Worker.h"

#include "ConnectionLimiter.h"
#include "ErrorResponder.h"
#include "GatewayContext.h"
#include "HttpConnection.h"
#include "HttpStatus.h"
#include "LogRedaction.h"
#include "ProxyExchange.h"
#include "RequestLogEntry.h"
#include "RequestLogWriter.h"
#include "UpstreamPool.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcWorker, "soulfra.gateway.worker")

// Idle upstream connections kept per worker; Ollama serves few requests in
// parallel, so a handful covers the steady state.
constexpr int maxIdleUpstreamConnections = 64;

} // namespace

Worker::Worker(const GatewayContext &context, ConnectionLimiter *limiter, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_limiter(limiter)
{
}

Worker::~Worker()
{
    // Connections end their exchanges, which hand upstream connections back
    // to the pool, so they must go before the pool (created earlier, and
    // so deleted first among the children).
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void Worker::adoptConnection(qintptr socketDescriptor)
{
    if (!m_pool)
        m_pool = new UpstreamPool(m_context.upstreamHost, m_context.upstreamPort, maxIdleUpstreamConnections,
                                  m_context.config.upstreamConnectTimeoutMs, this);

    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcWorker) << "could not adopt an accepted socket:" << socket->errorString();
        delete socket;
        return;
    }

    if (m_draining || !m_limiter->tryAcquire(socket->peerAddress())) {
        qCInfo(lcWorker) << "rejecting connection from" << socket->peerAddress().toString()
                         << (m_draining ? "while stopping" : "over the connection limit")
                         << "with" << m_limiter->total() << "connections open";
        GatewayResponse response = ErrorResponder::respond(
            503, m_draining ? QStringLiteral("gateway is shutting down") : QStringLiteral("too many connections"), false);
        QByteArray raw = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n";
        response.headers.add("Content-Length", QByteArray::number(response.body.size()));
        response.headers.appendTo(raw);
        raw += "\r\n" + response.body;
        socket->write(raw);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        return;
    }

    m_context.counters->openConnections.fetchAndAddRelaxed(1);

    auto handler = [this](HttpConnection *connection, HttpRequest &&request) {
        auto *exchange = new ProxyExchange(connection, std::move(request), m_context, m_pool);
        exchange->start();
    };

    auto *connection = new HttpConnection(socket, m_context.config.limits, m_limiter, handler, this);
    connection->setRejectionHandler([this](HttpConnection *rejected, int status, const QString &message,
                                           const QByteArray &target) { logRejection(rejected, status, message, target); });
    connect(connection, &HttpConnection::finished, this, [this] {
        m_context.counters->openConnections.fetchAndSubRelaxed(1);
    });
}

void Worker::logRejection(HttpConnection *connection, int status, const QString &message, const QByteArray &target)
{
    // Malformed requests never reach an exchange, but the operator should
    // still see them among the failed requests. No response waits for this row.
    RequestLogEntry entry;
    entry.requestId = QString::number(QRandomGenerator::global()->generate64(), 16);
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.clientAddress = connection->peerAddress().toString();
    entry.path = LogRedaction::withoutKeys(QString::fromUtf8(target.left(2048)));
    entry.status = status;
    entry.outcome = QStringLiteral("rejected");
    entry.errorMessage = message;
    entry.upstream = m_context.upstreamLabel;
    m_context.logWriter->submit(entry, nullptr, {});
}

void Worker::beginDrain()
{
    m_draining = true;
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        connection->closeWhenIdle();
}

void Worker::closeAll()
{
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        connection->abort();
}

} // namespace Gateway
