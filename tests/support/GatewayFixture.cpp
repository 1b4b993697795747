// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayFixture.h"

#include "FakeOllama.h"
#include "GatewayController.h"
#include "KeyIssuer.h"
#include "Storage.h"
#include "StorageConfig.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

GatewayFixture::GatewayFixture()
    : m_fake(std::make_unique<FakeOllama>())
    , m_controller(std::make_unique<Gateway::GatewayController>())
{
}

GatewayFixture::~GatewayFixture()
{
    stop();
}

QByteArray GatewayFixture::issueKey(const QString &user, const QString &tier, bool isOperator)
{
    Gateway::StorageConfig config;
    config.dataDir = m_dataDir.path();
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, QStringLiteral("fixture-issue"));
    if (!storage->open())
        return {};

    Gateway::KeyIssuer::Request request;
    request.userName = user;
    request.tier = tier;
    request.isOperator = isOperator;
    const auto issued = Gateway::KeyIssuer::issue(*storage, request);
    return issued ? issued.value().secret : QByteArray();
}

bool GatewayFixture::start(const std::function<void(Gateway::GatewayConfig &)> &adjust, bool startFake)
{
    if (!m_dataDir.isValid())
        return false;

    m_key = issueKey(QStringLiteral("alice"), QStringLiteral("pro"));
    m_operatorKey = issueKey(QStringLiteral("operator"), QStringLiteral("enterprise"), true);
    if (m_key.isEmpty() || m_operatorKey.isEmpty())
        return false;

    Gateway::GatewayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.storage.dataDir = m_dataDir.path();
    config.workerThreads = 2;
    // Health polls would show up among the requests the fake records.
    config.upstreamHealthIntervalMs = 0;

    if (startFake) {
        if (!m_fake->start()) {
            qWarning("fake Ollama failed to start: %s", qPrintable(m_fake->errorString()));
            return false;
        }
        config.upstream = m_fake->url();
    } else {
        // A port that was free a moment ago: connections to it are refused.
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 closedPort = probe.serverPort();
        probe.close();
        config.upstream = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort));
    }

    if (adjust)
        adjust(config);

    QSignalSpy started(m_controller.get(), &Gateway::GatewayController::started);
    QSignalSpy failed(m_controller.get(), &Gateway::GatewayController::startFailed);
    m_controller->start(config);

    QElapsedTimer clock;
    clock.start();
    while (started.isEmpty() && failed.isEmpty() && clock.elapsed() < 10000)
        QTest::qWait(10);
    if (started.isEmpty()) {
        if (!failed.isEmpty())
            qWarning("gateway failed to start: %s", qPrintable(failed.first().first().toString()));
        return false;
    }

    const QUrl listenUrl(started.first().first().toString());
    m_port = quint16(listenUrl.port());
    return true;
}

bool GatewayFixture::stop(int timeoutMs)
{
    if (m_controller->state() != Gateway::GatewayController::State::Running)
        return m_controller->state() == Gateway::GatewayController::State::Stopped;

    QSignalSpy stopped(m_controller.get(), &Gateway::GatewayController::stopped);
    m_controller->stop();
    return stopped.wait(timeoutMs);
}

QList<Gateway::RequestLogEntry> GatewayFixture::logRows(int limit)
{
    Gateway::StorageConfig config;
    config.dataDir = m_dataDir.path();
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, QStringLiteral("fixture-read"));
    if (!storage->open())
        return {};

    const auto rows = storage->recentRequestLog(limit);
    return rows ? rows.value() : QList<Gateway::RequestLogEntry>();
}

bool GatewayFixture::waitForLogRows(int count, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (logRows(count).size() >= count)
            return true;
        QTest::qWait(20);
    }
    return false;
}
