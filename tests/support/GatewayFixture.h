// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"
#include "RequestLogEntry.h"

#include <QByteArray>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class FakeOllama;

namespace Gateway {
class GatewayController;
}

// A running gateway in this process in front of a fresh fake Ollama, with a
// data directory of its own and two keys: a pro key for user "alice" and an
// operator key. Everything is removed again when the fixture is destroyed.
class GatewayFixture final
{
public:
    GatewayFixture();
    ~GatewayFixture();

    // adjust may change the configuration before the gateway starts. With
    // startFake false the upstream points at a closed port.
    bool start(const std::function<void(Gateway::GatewayConfig &)> &adjust = {}, bool startFake = true);
    bool stop(int timeoutMs = 30000);

    quint16 port() const { return m_port; }
    QByteArray key() const { return m_key; }
    QByteArray operatorKey() const { return m_operatorKey; }
    QString dataDir() const { return m_dataDir.path(); }
    FakeOllama &fake() { return *m_fake; }
    Gateway::GatewayController &controller() { return *m_controller; }

    // Issues another key straight into storage (the running gateway picks it
    // up within a second).
    QByteArray issueKey(const QString &user, const QString &tier, bool isOperator = false);

    // Reads the request log from the database, newest first.
    QList<Gateway::RequestLogEntry> logRows(int limit = 1000);
    // Waits until the log holds at least count rows.
    bool waitForLogRows(int count, int timeoutMs = 10000);

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<Gateway::GatewayController> m_controller;
    quint16 m_port = 0;
    QByteArray m_key;
    QByteArray m_operatorKey;
};
