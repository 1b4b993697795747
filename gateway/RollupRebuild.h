// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace Gateway {

// Summary of a Storage::rebuildRollups() run. Rollup periods (minutes,
// hours, days) that contain or follow the oldest request log row were
// recomputed, and earlier periods were kept as they were.
struct RollupRebuild
{
    qint64 rows = 0;          // request log rows read
    QDateTime oldestRow;      // UTC start of the oldest row; invalid when the log is empty
    QDateTime newestRow;      // UTC start of the newest row
    qint64 hourlyGroups = 0;  // rows of each rollup table in the rebuilt periods
    qint64 dailyGroups = 0;
    qint64 minutelyGroups = 0;
    qint64 topicGroups = 0;
    qint64 addressGroups = 0;
    qint64 hourlyTotalsGroups = 0;
    qint64 dailyTotalsGroups = 0;
    qint64 hourlyUsersGroups = 0;
    qint64 dailyUsersGroups = 0;
    qint64 topicTotalsGroups = 0;
};

} // namespace Gateway
