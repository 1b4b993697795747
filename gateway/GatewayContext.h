// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"

#include <QAtomicInteger>
#include <QString>

namespace Gateway {

class ClaimRateLimiter;
class ClaimService;
class GenerationQueue;
class KeyIndex;
class KeyManager;
class KeyUseRecorder;
class LimitEnforcer;
class RequestLogWriter;

// Counters every worker updates; read by the controller for its statistics.
struct GatewayCounters
{
    QAtomicInteger<qint64> completed = 0;
    QAtomicInteger<int> inFlight = 0;
    QAtomicInteger<int> openConnections = 0;
};

// State that request handlers on the worker threads share. Everything here is
// either immutable while the gateway runs or thread-safe.
struct GatewayContext
{
    GatewayConfig config;
    QString upstreamHost;
    quint16 upstreamPort = 0;
    QByteArray upstreamHostHeader;  // "127.0.0.1:11434"
    QString upstreamLabel;          // base URL for log rows
    KeyIndex *keys = nullptr;
    KeyManager *keyManager = nullptr;
    KeyUseRecorder *keyUse = nullptr;        // null: key use is not recorded
    RequestLogWriter *logWriter = nullptr;
    GatewayCounters *counters = nullptr;
    ClaimService *claims = nullptr;            // event claim codes; null when not running
    ClaimRateLimiter *claimLimiter = nullptr;
    LimitEnforcer *limits = nullptr;        // null: no per-user limits
    GenerationQueue *generations = nullptr; // null: generations go upstream at once
};

} // namespace Gateway
