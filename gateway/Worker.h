// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Gateway {

class ConnectionLimiter;
class HttpConnection;
class UpstreamPool;
struct GatewayContext;

// The object that owns one worker thread's client connections and its pool
// of upstream connections. Each worker runs its own event loop, so requests
// on different workers never share a lock on the hot path.
class Worker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker(const GatewayContext &context, ConnectionLimiter *limiter, QObject *parent = nullptr);
    ~Worker() override;

    // Both run on the worker's thread (call through QMetaObject::invokeMethod).
    // Takes over an accepted socket descriptor.
    Q_INVOKABLE void adoptConnection(qintptr socketDescriptor);
    // Closes idle connections now and the others after their current response.
    Q_INVOKABLE void beginDrain();
    // Closes every connection at once.
    Q_INVOKABLE void closeAll();

private:
    void logRejection(HttpConnection *connection, int status, const QString &message, const QByteArray &target);

    const GatewayContext &m_context;
    ConnectionLimiter *m_limiter;
    UpstreamPool *m_pool = nullptr; // created on the worker's thread
    bool m_draining = false;
};

} // namespace Gateway
