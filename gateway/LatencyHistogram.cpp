// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Gateway {

int LatencyHistogram::bucketOf(double ms)
{
    // A negative or NaN duration can only come from a clock step; it counts
    // as the fastest bucket rather than being lost.
    if (!(ms > 0))
        return 0;
    const auto bound = std::lower_bound(upperBoundsMs.begin(), upperBoundsMs.end(), ms);
    return int(bound - upperBoundsMs.begin());
}

void LatencyHistogram::add(double ms)
{
    ++m_counts.at(bucketOf(ms));
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (int i = 0; i < bucketCount; ++i)
        m_counts.at(i) += other.m_counts.at(i);
}

qint64 LatencyHistogram::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), qint64(0));
}

double LatencyHistogram::percentile(double p) const
{
    const qint64 all = total();
    if (all == 0)
        return 0;

    // Rank of the wanted sample, 1-based, as in the nearest-rank method.
    const double rank = std::clamp(p, 0.0, 1.0) * double(all);
    qint64 below = 0;
    for (int i = 0; i < bucketCount; ++i) {
        const qint64 here = m_counts.at(i);
        if (here == 0 || double(below + here) < rank) {
            below += here;
            continue;
        }
        const double lower = i == 0 ? 0.0 : upperBoundsMs.at(i - 1);
        if (i == bucketCount - 1)
            return lower;
        const double upper = upperBoundsMs.at(i);
        const double fraction = std::max(0.0, rank - double(below)) / double(here);
        return lower + (upper - lower) * fraction;
    }
    return upperBoundsMs.back();
}

} // namespace Gateway
