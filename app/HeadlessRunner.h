// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"

#include <QObject>

namespace Gateway {
class GatewayController;
}

class UnixSignalWatcher;

// Runs the gateway without a display until SIGTERM or SIGINT, then stops it
// gracefully and ends the event loop with the process exit code.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    explicit HeadlessRunner(const Gateway::GatewayConfig &config, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Starts the gateway; the event loop exits with 0 after a clean stop and
    // with 1 when the gateway cannot start.
    void start();

private:
    Gateway::GatewayConfig m_config;
    Gateway::GatewayController *m_controller;
    UnixSignalWatcher *m_signals;
    bool m_stopping = false;
};
