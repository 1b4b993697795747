// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"
#include "StorageConfig.h"

#include <QHostAddress>
#include <QUrl>

namespace Gateway {

// Everything the gateway needs to start. The defaults are the documented
// defaults of the command line.
struct GatewayConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost; // loopback unless the operator opts in
    quint16 listenPort = 11435;                           // 0 picks a free port
    QUrl upstream = QUrl(QStringLiteral("http://127.0.0.1:11434"));
    StorageConfig storage;
    HttpLimits limits;
    int workerThreads = 0;                    // 0: one per CPU core, at least 2
    int upstreamFirstByteTimeoutMs = 10 * 60 * 1000; // cold model loads take minutes
    int upstreamConnectTimeoutMs = 10 * 1000;
    int upstreamHealthIntervalMs = 5000;      // GET /api/version polls for the console; 0 turns them off
    int drainTimeoutMs = 30 * 1000;           // on stop, how long in-flight requests may finish
    int maxStoredTextChars = 64 * 1024;       // prompt and response text kept per log row
};

} // namespace Gateway
