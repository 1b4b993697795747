// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace Gateway {

// Counts open client connections in total and per IP address across every
// worker thread, so one client cannot take every socket of the gateway.
class ConnectionLimiter final
{
public:
    ConnectionLimiter(int maxTotal, int maxPerAddress);
    Q_DISABLE_COPY_MOVE(ConnectionLimiter)

    // Thread-safe. True when a connection from address may open; the caller
    // then owes exactly one release(address).
    bool tryAcquire(const QHostAddress &address);
    void release(const QHostAddress &address);

    int total() const;

private:
    const int m_maxTotal;
    const int m_maxPerAddress;
    mutable QMutex m_mutex;
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace Gateway
