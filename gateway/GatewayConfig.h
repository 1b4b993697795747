// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClaimLimits.h"
#include "HttpLimits.h"
#include "StorageConfig.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTimeZone>
#include <QUrl>

#include <functional>

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
    ClaimLimits claimLimits;                  // failed attempts on the claim page
    int workerThreads = 0;                    // 0: one per CPU core, at least 2
    int upstreamFirstByteTimeoutMs = 10 * 60 * 1000; // cold model loads take minutes
    int upstreamConnectTimeoutMs = 10 * 1000;
    int upstreamHealthIntervalMs = 5000;      // GET /api/version polls for the console; 0 turns them off
    int drainTimeoutMs = 30 * 1000;           // on stop, how long in-flight requests may finish
    int maxStoredTextChars = 64 * 1024;       // prompt and response text kept per log row

    // Day and month limit windows start at midnight in this zone.
    QTimeZone limitTimeZone = QTimeZone::utc();
    // Current time (UTC) for limits and trials; empty uses the system clock.
    // Tests set it to move through days and months.
    std::function<QDateTime()> clock;
    int maxGenerationsInFlight = 4;           // generations sent upstream at once; more wait in the queue
    int maxQueuedGenerations = 256;           // waiting generations beyond which requests get 503 at once
    int maxQueueWaitMs = 30 * 1000;           // a generation waiting longer gets 503

    // The admin HTTP API listens on its own address, loopback by default,
    // only when enabled; it needs a token made with AdminToken::create().
    bool adminEnabled = false;
    QHostAddress adminListenAddress = QHostAddress::LocalHost;
    quint16 adminListenPort = 11436;          // 0 picks a free port
};

} // namespace Gateway
