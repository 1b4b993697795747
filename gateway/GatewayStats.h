// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

namespace Gateway {

// Figures the console shows in its status bar, sampled about once a second.
struct GatewayStats
{
    double requestsPerSecond = 0; // completed requests over the last second
    int inFlight = 0;             // requests received and not yet answered
    int openConnections = 0;
    qint64 totalRequests = 0;     // completed since the gateway started
    int queuedGenerations = 0;    // generations waiting for a slot upstream
    int generationsInFlight = 0;  // generations holding a slot upstream
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::GatewayStats)
