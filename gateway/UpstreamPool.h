// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Gateway {

class UpstreamConnection;

// Idle keep-alive connections to one upstream, owned by one worker thread,
// so the hot path shares no lock with other threads.
class UpstreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamPool)

public:
    UpstreamPool(QString host, quint16 port, int maxIdle, int connectTimeoutMs, QObject *parent = nullptr);

    // An idle connection when one is reusable, otherwise a new one.
    // The caller owns it until release().
    UpstreamConnection *acquire();
    // Keeps connection for reuse when it is still usable, else deletes it.
    void release(UpstreamConnection *connection);
    // Deletes connection without reuse, e.g. after an aborted exchange.
    void discard(UpstreamConnection *connection);

    int idleCount() const;

private:
    QString m_host;
    quint16 m_port;
    int m_maxIdle;
    int m_connectTimeoutMs;
    QList<QPointer<UpstreamConnection>> m_idle;
};

} // namespace Gateway
