// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminServer.h"

#include "AdminApi.h"
#include "AdminToken.h"
#include "HttpConnection.h"
#include "Storage.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcAdminServer, "soulfra.gateway.adminserver")

// An operator's scripts, not the public: a few connections are plenty.
constexpr int maxAdminConnections = 64;

} // namespace

AdminServer::AdminServer(StorageConfig storage, HttpLimits limits, LimitEnforcer *enforcer, QObject *parent)
    : QObject(parent)
    , m_storageConfig(std::move(storage))
    , m_limits(limits)
    , m_enforcer(enforcer)
    , m_connectionLimiter(maxAdminConnections, maxAdminConnections)
{
}

AdminServer::~AdminServer()
{
    // Connections are children and go first; the API they call goes after.
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void AdminServer::start(const QHostAddress &address, quint16 port)
{
    const Result<QByteArray> digest = AdminToken::loadDigest(m_storageConfig.dataDir);
    if (!digest) {
        qCWarning(lcAdminServer).noquote() << "admin API not started:" << digest.error().message();
        Q_EMIT failed(digest.error().message());
        return;
    }

    std::unique_ptr<Storage> storage = createStorage(m_storageConfig, u"admin"_s);
    if (Result<Done> opened = storage->open(); !opened) {
        Q_EMIT failed(opened.error().message());
        return;
    }
    m_storage = std::move(storage);
    m_api = std::make_unique<AdminApi>(*m_storage, m_enforcer, digest.value());

    m_server = new QTcpServer(this);
    if (!m_server->listen(address, port)) {
        const QString message = u"cannot listen on %1:%2 for the admin API: %3"_s.arg(address.toString()).arg(port).arg(m_server->errorString());
        qCWarning(lcAdminServer).noquote() << message;
        Q_EMIT failed(message);
        return;
    }
    connect(m_server, &QTcpServer::newConnection, this, &AdminServer::acceptConnections);

    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    const QString url = u"http://%1:%2/admin"_s.arg(host).arg(m_server->serverPort());
    qCInfo(lcAdminServer).noquote() << "admin API listening on" << url;
    Q_EMIT started(url);
}

void AdminServer::stop()
{
    if (m_server)
        m_server->close();
    qDeleteAll(findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly));
}

void AdminServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (!m_connectionLimiter.tryAcquire(socket->peerAddress())) {
            qCInfo(lcAdminServer) << "rejecting admin connection over the limit";
            socket->abort();
            socket->deleteLater();
            continue;
        }

        AdminApi *api = m_api.get();
        auto handler = [api](HttpConnection *connection, HttpRequest &&request) {
            const GatewayResponse response = api->handle(request);
            connection->sendResponse(response.status, response.headers, response.body);
        };
        new HttpConnection(socket, m_limits, &m_connectionLimiter, handler, this);
    }
}

} // namespace Gateway
