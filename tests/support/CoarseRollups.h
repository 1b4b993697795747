// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QSqlDatabase;

// For fixtures that write rollup rows by plain SQL into the detailed tables
// only (usage_hourly, usage_daily, usage_topics_daily).
namespace CoarseRollups {

// Recomputes the coarse tables of schema version 6 (usage_*_totals,
// usage_*_users, usage_topics_daily_totals) from the detailed ones, as the
// request log writer would have kept them. False, with a warning, on a
// database error.
bool refresh(const QSqlDatabase &db);

} // namespace CoarseRollups
