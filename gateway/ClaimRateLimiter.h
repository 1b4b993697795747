// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ClaimLimits.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>

namespace Gateway {

// Counts failed claim attempts in sliding windows, per client address and
// for the whole gateway. Thread-safe: every worker shares one instance.
class ClaimRateLimiter final
{
public:
    explicit ClaimRateLimiter(ClaimLimits limits);
    Q_DISABLE_COPY_MOVE(ClaimRateLimiter)

    // Seconds until address may try again, 0 when it may try now. Blocked
    // addresses are refused before any lookup, so a blocked guesser learns
    // nothing even about valid codes.
    int retryAfterSeconds(const QHostAddress &address, qint64 nowMs);
    void recordFailure(const QHostAddress &address, qint64 nowMs);

private:
    static void prune(QList<qint64> &times, qint64 oldestMs);
    void pruneAddresses(qint64 nowMs);

    const ClaimLimits m_limits;
    QMutex m_mutex;
    QHash<QHostAddress, QList<qint64>> m_byAddress;
    QList<qint64> m_global;
};

} // namespace Gateway
