// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServer.h"

#include "Worker.h"

namespace Gateway {

HttpServer::HttpServer(QList<Worker *> workers, QObject *parent)
    : QTcpServer(parent)
    , m_workers(std::move(workers))
{
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    Worker *worker = m_workers.at(m_next);
    m_next = (m_next + 1) % int(m_workers.size());

    QMetaObject::invokeMethod(worker, "adoptConnection", Qt::QueuedConnection, Q_ARG(qintptr, socketDescriptor));
}

} // namespace Gateway
