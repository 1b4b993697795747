// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorCounts.h"
#include "LatencyHistogram.h"

#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QTimeZone>

namespace Gateway {

// Length of the periods a usage series is cut into.
enum class UsagePeriod { Minute, Hour, Day, Month };

// Dimensions a usage query keeps apart; the others are summed over.
enum class UsageSplit {
    None = 0,
    ByUser = 1,
    ByModel = 2,
    ByTier = 4,
    ByKey = 8,
};
Q_DECLARE_FLAGS(UsageSplits, UsageSplit)
Q_DECLARE_OPERATORS_FOR_FLAGS(UsageSplits)

// Groups of measures a query sums. A query reads the rollup columns of the
// groups it is asked for only, and leaves the other measures of its rows 0,
// which saves most of the work on long ranges when a chart shows one or two.
enum class UsageMeasure {
    Requests = 1,         // requests
    Generations = 2,      // generations
    Errors = 4,           // errors_* (ErrorCounts)
    Tokens = 8,           // prompt_tokens, completion_tokens
    Bytes = 16,           // request_bytes, response_bytes
    Latency = 32,         // latency_ms_sum and the latency histogram
    TimeToFirstToken = 64, // the time-to-first-token histogram
    All = 127,
};
Q_DECLARE_FLAGS(UsageMeasures, UsageMeasure)
Q_DECLARE_OPERATORS_FOR_FLAGS(UsageMeasures)

// Selection of the rollup rows a query reads. Empty texts match everything.
struct UsageFilter
{
    QDateTime from;                      // inclusive, UTC
    QDateTime to;                        // exclusive, UTC
    QString userName;
    QString model;
    QString tier;
    UsagePeriod period = UsagePeriod::Day;
    // Days and months start at midnight in this zone. Hours are the zone's
    // hours too, which differ from UTC hours only in zones with a
    // fractional offset (those are shown by the UTC hour).
    QTimeZone zone = QTimeZone::utc();
    // Measures to sum; requests are always summed, because totals are ordered by them.
    UsageMeasures measures = UsageMeasure::All;
};

// One group of rollup rows: one period (invalid periodStart in totals) and
// one value of each split dimension (empty when not split).
struct UsageRow
{
    QDateTime periodStart;   // UTC instant at which the period starts
    QString userName;
    QString model;
    QString tier;
    QString keyId;

    qint64 requests = 0;     // every logged request, failed ones included
    qint64 generations = 0;  // generations that completed
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 requestBytes = 0;
    qint64 responseBytes = 0;
    double latencyMsSum = 0; // for the mean: latencyMsSum / requests
    ErrorCounts errors;
    LatencyHistogram latency;
    LatencyHistogram timeToFirstToken;

    qint64 tokens() const { return promptTokens + completionTokens; }
    bool operator==(const UsageRow &other) const = default;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::UsageRow)
Q_DECLARE_METATYPE(Gateway::UsageFilter)
