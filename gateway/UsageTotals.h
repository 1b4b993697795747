// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway {

// What one user used in the current limit windows, read back from the
// request log so that limits hold across a restart. Only admitted requests
// (RequestLogEntry::countedCall) count.
struct UsageTotals
{
    QString userName;
    qint64 callsToday = 0;
    qint64 generationsThisMonth = 0;
    qint64 tokensToday = 0;
    qint64 tokensThisMonth = 0;
    QStringList brandsThisMonth;   // distinct, as sent
    QList<QDateTime> recentCalls;  // start times of the calls of the last minute, oldest first
};

// Starts of the windows UsageTotals covers, UTC.
struct UsageWindows
{
    QDateTime dayStart;
    QDateTime monthStart;
    QDateTime minuteStart;
};

} // namespace Gateway
