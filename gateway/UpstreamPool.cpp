// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpstreamPool.h"

#include "UpstreamConnection.h"

namespace Gateway {

UpstreamPool::UpstreamPool(QString host, quint16 port, int maxIdle, int connectTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_maxIdle(maxIdle)
    , m_connectTimeoutMs(connectTimeoutMs)
{
}

UpstreamConnection *UpstreamPool::acquire()
{
    // Newest first: the most recently used connection is the least likely
    // to have been closed by the upstream in the meantime.
    while (!m_idle.isEmpty()) {
        UpstreamConnection *connection = m_idle.takeLast();
        if (connection && connection->isReusable())
            return connection;
        if (connection)
            connection->deleteLater();
    }

    return new UpstreamConnection(m_host, m_port, m_connectTimeoutMs, this);
}

void UpstreamPool::release(UpstreamConnection *connection)
{
    if (!connection)
        return;

    if (!connection->isReusable() || m_idle.size() >= m_maxIdle) {
        discard(connection);
        return;
    }

    connection->disconnect();
    m_idle.append(connection);
}

void UpstreamPool::discard(UpstreamConnection *connection)
{
    if (!connection)
        return;

    connection->disconnect();
    connection->abortExchange();
    connection->deleteLater();
}

int UpstreamPool::idleCount() const
{
    return int(m_idle.size());
}

} // namespace Gateway
