// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <array>

namespace Gateway {

// Counts of durations in fixed buckets, the form in which the usage rollups
// keep latency and time to first token. Percentiles read from it are
// interpolated inside a bucket, so they are estimates: exact at the bounds,
// within one bucket's width elsewhere.
//
// The bounds are part of the schema (columns lat_0.. and ttft_0..): change
// them only together with a migration that rebuilds the rollups.
class LatencyHistogram final
{
public:
    static constexpr int bucketCount = 15;

    // Upper bound in ms of buckets 0 to 13; bucket 14 contains the rest.
    static constexpr std::array<double, bucketCount - 1> upperBoundsMs{
        1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};

    static int bucketOf(double ms);

    void add(double ms);
    void merge(const LatencyHistogram &other);

    qint64 count(int bucket) const { return m_counts.at(bucket); }
    void setCount(int bucket, qint64 count) { m_counts.at(bucket) = count; }
    qint64 total() const;

    // p in [0, 1]; 0 when the histogram is empty. The open last bucket
    // reports its lower bound, since it has no upper one.
    double percentile(double p) const;

    bool operator==(const LatencyHistogram &other) const = default;

private:
    std::array<qint64, bucketCount> m_counts{};
};

} // namespace Gateway
