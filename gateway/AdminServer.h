// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ConnectionLimiter.h"
#include "HttpLimits.h"
#include "StorageConfig.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QTcpServer;

namespace Gateway {

class AdminApi;
class LimitEnforcer;
class Storage;

// The admin API's own listener (AdminApi has the routes). It runs on a
// thread of its own with its own database connection, so slow admin
// requests never hold up client traffic. Create it, move it to its thread,
// then call start() and stop() on that thread.
class AdminServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminServer)

public:
    AdminServer(StorageConfig storage, HttpLimits limits, LimitEnforcer *enforcer, QObject *parent = nullptr);
    ~AdminServer() override;

    // Reads the admin token's digest, opens the database and listens.
    void start(const QHostAddress &address, quint16 port);
    void stop();

Q_SIGNALS:
    void started(const QString &url);
    void failed(const QString &message);

private:
    void acceptConnections();

    StorageConfig m_storageConfig;
    HttpLimits m_limits;
    LimitEnforcer *m_enforcer;
    ConnectionLimiter m_connectionLimiter;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<AdminApi> m_api;
    QTcpServer *m_server = nullptr;
};

} // namespace Gateway
