// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageMetric.h"
#include "UsageRow.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Console {

class UsageChartView;

// A usage series split by one dimension (model, tier) as the sets of a
// stacked bar chart: one category per period of the range, the groups with
// the largest totals as their own sets and the rest summed as "Other".
struct UsageStack
{
    struct Set
    {
        QString label;
        QList<qint64> values; // one per category
        qint64 total() const;
    };

    QStringList categories;
    QList<Set> sets; // largest total first, "Other" last

    // Groups rows by groupOf(row) and sums metric per period of filter.
    // Groups beyond the first maxGroups (by total) go into "Other".
    static UsageStack build(const QList<Gateway::UsageRow> &rows, const Gateway::UsageFilter &filter,
                            UsageMetric::Kind metric, const std::function<QString(const Gateway::UsageRow &)> &groupOf,
                            int maxGroups);
    static QString otherLabel();

    // Replaces the series of chart with a QStackedBarSeries of the sets,
    // over the categories, with the metric's axis title and unit.
    void showIn(UsageChartView *chart, UsageMetric::Kind metric, Gateway::UsagePeriod period,
                const QString &categoryTitle) const;
};

} // namespace Console
