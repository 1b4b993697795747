// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadlessRunner.h"

#include "GatewayController.h"
#include "UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace {

Q_LOGGING_CATEGORY(lcHeadless, "soulfra.app.headlessrunner")

void printLine(const QString &line, FILE *stream)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

HeadlessRunner::HeadlessRunner(const Gateway::GatewayConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_controller(new Gateway::GatewayController(this))
    , m_signals(new UnixSignalWatcher(this))
{
    connect(m_controller, &Gateway::GatewayController::started, this, [](const QString &url) {
        // Scripts and tests read this line to learn the port.
        printLine(QStringLiteral("soulfra-gateway: listening on %1").arg(url), stdout);
    });

    connect(m_controller, &Gateway::GatewayController::startFailed, this, [](const QString &message) {
        printLine(QStringLiteral("soulfra-gateway: cannot start: %1").arg(message), stderr);
        QCoreApplication::exit(1);
    });

    connect(m_controller, &Gateway::GatewayController::adminStarted, this, [](const QString &url) {
        printLine(QStringLiteral("soulfra-gateway: admin API listening on %1").arg(url), stdout);
    });
    connect(m_controller, &Gateway::GatewayController::adminFailed, this, [](const QString &message) {
        printLine(QStringLiteral("soulfra-gateway: admin API not started: %1").arg(message), stderr);
    });

    connect(m_controller, &Gateway::GatewayController::upstreamHealthChanged, this,
            [](bool reachable, const QString &version, const QString &error) {
                if (reachable)
                    printLine(QStringLiteral("soulfra-gateway: upstream reachable (Ollama %1)").arg(version), stdout);
                else
                    printLine(QStringLiteral("soulfra-gateway: upstream unreachable: %1").arg(error), stdout);
            });

    connect(m_controller, &Gateway::GatewayController::stopped, this, [] {
        printLine(QStringLiteral("soulfra-gateway: stopped"), stdout);
        QCoreApplication::exit(0);
    });

    connect(m_signals, &UnixSignalWatcher::terminationRequested, this, [this](int signalNumber) {
        if (m_stopping) {
            qCWarning(lcHeadless) << "second termination signal; exiting without waiting";
            QCoreApplication::exit(1);
            return;
        }
        m_stopping = true;
        qCInfo(lcHeadless) << "signal" << signalNumber << "received, stopping";

        if (m_controller->state() == Gateway::GatewayController::State::Running)
            m_controller->stop();
        else
            QCoreApplication::exit(0);
    });
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    m_controller->start(m_config);
}
