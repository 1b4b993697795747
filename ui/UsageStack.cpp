// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageStack.h"

#include "UsageChartView.h"
#include "UsageRangeSelector.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHash>
#include <QStackedBarSeries>

#include <algorithm>
#include <array>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

// Category labels of a bar axis must be unique (QBarCategoryAxis drops
// duplicates), which local hours are not on the day clocks go back.
QStringList uniqueLabels(const QStringList &labels)
{
    QStringList unique;
    QHash<QString, int> seen;
    for (const QString &label : labels) {
        const int count = ++seen[label];
        unique.append(count == 1 ? label : u"%1 (%2)"_s.arg(label).arg(count));
    }
    return unique;
}

// Ten distinct colours that are readable on light and dark backgrounds
// (Tableau 10), so nine groups plus "Other" never look alike. The chart
// themes of Qt Charts 6.4 fade to pale colours after their fifth one.
constexpr std::array<QRgb, 10> groupColors{0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                                           0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x79706e};
constexpr QRgb otherColor = 0xa0a0a0;

} // namespace

qint64 UsageStack::Set::total() const
{
    return std::accumulate(values.begin(), values.end(), qint64(0));
}

QString UsageStack::otherLabel()
{
    return QCoreApplication::translate("Console::UsageStack", "Other");
}

UsageStack UsageStack::build(const QList<Gateway::UsageRow> &rows, const Gateway::UsageFilter &filter,
                             UsageMetric::Kind metric,
                             const std::function<QString(const Gateway::UsageRow &)> &groupOf, int maxGroups)
{
    const QList<QDateTime> starts = UsageRangeSelector::periodStarts(filter);
    QHash<qint64, int> indexOfStart;
    QStringList labels;
    for (int i = 0; i < starts.size(); ++i) {
        indexOfStart.insert(starts[i].toMSecsSinceEpoch(), i);
        labels.append(UsageRangeSelector::periodLabel(starts[i], filter));
    }

    // Per group, the metric per period.
    QHash<QString, QList<qint64>> byGroup;
    for (const Gateway::UsageRow &row : rows) {
        const auto index = indexOfStart.constFind(row.periodStart.toMSecsSinceEpoch());
        if (index == indexOfStart.cend())
            continue; // a period outside the range; the query should not return one
        QList<qint64> &values = byGroup[groupOf(row)];
        if (values.isEmpty())
            values.resize(starts.size(), 0);
        values[*index] += UsageMetric::valueOf(metric, row);
    }

    QList<Set> groups;
    for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it)
        groups.append({it.key(), it.value()});
    std::sort(groups.begin(), groups.end(), [](const Set &a, const Set &b) {
        const qint64 ta = a.total();
        const qint64 tb = b.total();
        return ta != tb ? ta > tb : a.label < b.label;
    });

    UsageStack stack;
    stack.categories = uniqueLabels(labels);
    Set other{otherLabel(), QList<qint64>(starts.size(), 0)};
    for (int i = 0; i < groups.size(); ++i) {
        if (groups[i].total() == 0)
            continue; // nothing to stack for this metric
        if (i < maxGroups) {
            stack.sets.append(groups[i]);
            continue;
        }
        for (int period = 0; period < starts.size(); ++period)
            other.values[period] += groups[i].values[period];
    }
    if (other.total() > 0)
        stack.sets.append(other);
    return stack;
}

void UsageStack::showIn(UsageChartView *chart, UsageMetric::Kind metric, Gateway::UsagePeriod period,
                        const QString &categoryTitle) const
{
    chart->clearSeries();
    chart->setCategories(categories, categoryTitle);
    chart->setValueAxis(UsageMetric::axisTitle(metric, period), UsageMetric::unit(metric));

    auto *series = new QStackedBarSeries;
    for (int i = 0; i < sets.size(); ++i) {
        const Set &set = sets[i];
        auto *bars = new QBarSet(set.label);
        for (qint64 value : set.values)
            bars->append(double(value));
        series->append(bars);
    }
    chart->addSeries(series);

    // After addSeries, which applies the chart theme's colours.
    const auto barSets = series->barSets();
    for (int i = 0; i < barSets.size(); ++i) {
        const bool other = i == barSets.size() - 1 && sets[i].label == otherLabel();
        const QColor color(other ? otherColor : groupColors[size_t(i) % groupColors.size()]);
        barSets[i]->setColor(color);
        barSets[i]->setBorderColor(color);
    }
    chart->fitValueAxes();

    // Long ranges get upright labels, so each category keeps its own.
    if (QBarCategoryAxis *axis = chart->categoryAxis())
        axis->setLabelsAngle(categories.size() > 12 ? -90 : 0);
}

} // namespace Console
