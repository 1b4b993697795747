// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QTcpServer>

namespace Gateway {

class Worker;

// Accepts client connections on its own thread and hands each accepted
// socket descriptor to the next worker thread in turn.
class HttpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(QList<Worker *> workers, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QList<Worker *> m_workers;
    int m_next = 0;
};

} // namespace Gateway
