// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelUsagePage.h"

#include "GatewayController.h"
#include "MessageBanner.h"
#include "SearchComboBox.h"
#include "TableCsvExport.h"
#include "UsageChartView.h"
#include "UsageMetric.h"
#include "UsageRangeSelector.h"
#include "UsageService.h"
#include "UsageStack.h"

#include <QBarSeries>
#include <QBarSet>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QMap>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcModelUsagePage, "soulfra.ui.modelusagepage")

const QDate firstUsageDay(2000, 1, 1); // models with traffic since then are listed
constexpr int maxTiers = 8;            // tiers beyond this many are stacked as "Other"

QString tierLabel(const Gateway::UsageRow &row)
{
    return row.tier.isEmpty() ? ModelUsagePage::tr("(no tier)") : row.tier;
}

QStandardItem *numberItem(double value, int decimals = 0)
{
    auto *item = new QStandardItem(QLocale().toString(value, 'f', decimals));
    item->setData(value, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ModelUsagePage::ModelUsagePage(Gateway::UsageService *usage, Gateway::GatewayController *controller, QWidget *parent)
    : QWidget(parent)
    , m_usage(usage)
    , m_controller(controller)
    , m_banner(new MessageBanner(this))
    , m_tierModel(new QStandardItemModel(this))
{
    Q_ASSERT(m_usage != nullptr);
    m_banner->setObjectName(u"modelUsageBanner"_s);

    m_chart = new UsageChartView(this);
    m_chart->setObjectName(u"modelUsageChart"_s);
    m_chart->setMinimumHeight(240);

    m_tierChart = new UsageChartView(this);
    m_tierChart->setObjectName(u"modelTierChart"_s);
    m_tierChart->setMinimumHeight(200);

    m_tierModel->setHorizontalHeaderLabels({tr("Tier"), tr("Requests"), tr("Generations"), tr("Prompt tokens"),
                                            tr("Completion tokens"), tr("Failed requests"), tr("Mean latency (ms)"),
                                            tr("p95 latency (ms)")});
    m_tierTable = new QTableView(this);
    m_tierTable->setObjectName(u"modelTierTable"_s);
    m_tierTable->setModel(m_tierModel);
    m_tierTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tierTable->setAlternatingRowColors(true);
    m_tierTable->verticalHeader()->hide();
    m_tierTable->horizontalHeader()->setStretchLastSection(true);
    auto *exportButton = TableCsvExport::createButton(m_tierModel, tr("model-usage-by-tier.csv"), this);
    exportButton->setObjectName(u"exportTiersButton"_s);

    auto *tablePanel = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePanel);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_tierTable, 1);
    tableLayout->addWidget(exportButton, 0, Qt::AlignRight);

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_tierChart);
    lower->addWidget(tablePanel);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(createToolBar());
    layout->addWidget(splitter, 1);

    if (m_controller)
        m_range->setTimeZone(m_controller->config().limitTimeZone);
    loadModelNames();
}

ModelUsagePage::~ModelUsagePage() = default;

void ModelUsagePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);

    // Models and traffic arrive while the page is hidden.
    loadModelNames();
    refresh();
}

QWidget *ModelUsagePage::createToolBar()
{
    auto *bar = new QWidget(this);

    m_model = new SearchComboBox(tr("Type to search models"), 20, bar);
    m_model->setObjectName(u"modelCombo"_s);
    connect(m_model, &QComboBox::currentIndexChanged, this, &ModelUsagePage::refresh);

    m_range = new UsageRangeSelector(bar);
    connect(m_range, &UsageRangeSelector::changed, this, &ModelUsagePage::refresh);

    m_metric = new QComboBox(bar);
    m_metric->setObjectName(u"metricCombo"_s);
    UsageMetric::fillComboBox(m_metric);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &ModelUsagePage::replot);

    m_refreshButton = new QPushButton(tr("&Refresh"), bar);
    m_refreshButton->setObjectName(u"refreshModelUsageButton"_s);
    connect(m_refreshButton, &QPushButton::clicked, this, [this] {
        loadModelNames();
        refresh();
    });

    auto *modelLabel = new QLabel(tr("&Model:"), bar);
    modelLabel->setBuddy(m_model);
    auto *metricLabel = new QLabel(tr("&Show:"), bar);
    metricLabel->setBuddy(m_metric);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modelLabel);
    layout->addWidget(m_model);
    layout->addSpacing(12);
    layout->addWidget(m_range);
    layout->addSpacing(12);
    layout->addWidget(metricLabel);
    layout->addWidget(m_metric);
    layout->addStretch(1);
    layout->addWidget(m_refreshButton);
    return bar;
}

void ModelUsagePage::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock;
    m_range->setClock(std::move(clock));
}

QDateTime ModelUsagePage::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void ModelUsagePage::setTimeZone(const QTimeZone &zone)
{
    m_range->setTimeZone(zone);
}

QString ModelUsagePage::selectedModel() const
{
    return m_model->currentIndex() >= 0 ? m_model->currentText() : QString();
}

UsageRangeSelector *ModelUsagePage::rangeSelector() const
{
    return m_range;
}

UsageChartView *ModelUsagePage::chartView() const
{
    return m_chart;
}

UsageChartView *ModelUsagePage::tierChartView() const
{
    return m_tierChart;
}

QStandardItemModel *ModelUsagePage::tierModel() const
{
    return m_tierModel;
}

void ModelUsagePage::loadModelNames()
{
    Gateway::UsageFilter filter;
    filter.from = QDateTime(firstUsageDay, QTime(0, 0), QTimeZone::utc());
    filter.to = now().addDays(1);
    // Only the names are needed, ordered by requests, and this runs on every visit.
    filter.measures = Gateway::UsageMeasure::Requests;
    m_usage->run<QList<Gateway::UsageRow>>(
        this, [filter](Gateway::UsageQueries &q) { return q.totals(filter, Gateway::UsageSplit::ByModel); },
        [this](const Gateway::Result<QList<Gateway::UsageRow>> &result) {
            if (!result) {
                qCWarning(lcModelUsagePage).noquote() << "cannot list models with traffic:" << result.error().message();
                m_banner->showError(tr("Cannot read the models: %1").arg(result.error().message()));
                return;
            }
            QStringList names;
            for (const Gateway::UsageRow &row : result.value())
                if (!row.model.isEmpty())
                    names.append(row.model); // most requests first
            mergeModelNames(names);
            Q_EMIT modelNamesLoaded();
        });
}

void ModelUsagePage::mergeModelNames(const QStringList &names)
{
    const QString selected = selectedModel();
    for (const QString &name : names)
        if (!m_knownModels.contains(name))
            m_knownModels.append(name);

    {
        const QSignalBlocker blocker(m_model);
        m_model->clear();
        m_model->addItems(m_knownModels);
        m_model->setCurrentIndex(m_model->findText(selected));
    }

    // The busiest model is shown first, so the page never opens empty.
    if (selected.isEmpty() && !m_knownModels.isEmpty())
        m_model->setCurrentIndex(0);
}

void ModelUsagePage::selectModel(const QString &model)
{
    if (!m_knownModels.contains(model))
        mergeModelNames({model});
    const int index = m_model->findText(model);
    if (index == m_model->currentIndex())
        refresh();
    else
        m_model->setCurrentIndex(index);
}

void ModelUsagePage::refresh()
{
    ++m_generation;
    const QString model = selectedModel();
    m_filter = m_range->filter();
    m_filter.model = model;
    if (model.isEmpty()) {
        m_rows.clear();
        m_tierTotals.clear();
        replot();
        fillTierTable();
        return;
    }

    m_banner->dismiss();
    const Gateway::UsageFilter filter = m_filter;
    const quint64 generation = m_generation;
    m_usage->run<QList<Gateway::UsageRow>>(
        this, [filter](Gateway::UsageQueries &q) { return q.series(filter, Gateway::UsageSplit::ByTier); },
        [this, generation](const Gateway::Result<QList<Gateway::UsageRow>> &result) {
            if (generation != m_generation)
                return;
            showSeries(result);
            Q_EMIT refreshed();
        });
}

void ModelUsagePage::showSeries(const Gateway::Result<QList<Gateway::UsageRow>> &result)
{
    if (!result) {
        qCWarning(lcModelUsagePage).noquote() << "usage of model" << m_filter.model
                                              << "failed:" << result.error().message();
        m_banner->showError(tr("Cannot read the usage of %1: %2").arg(m_filter.model, result.error().message()));
        m_rows.clear();
    } else {
        m_rows = result.value();
    }

    // Totals per tier are the sums of the series, so both views agree.
    QMap<QString, Gateway::UsageRow> byTier;
    for (const Gateway::UsageRow &row : std::as_const(m_rows)) {
        Gateway::UsageRow &sum = byTier[row.tier];
        sum.tier = row.tier;
        sum.model = row.model;
        sum.requests += row.requests;
        sum.generations += row.generations;
        sum.promptTokens += row.promptTokens;
        sum.completionTokens += row.completionTokens;
        sum.latencyMsSum += row.latencyMsSum;
        sum.errors.merge(row.errors);
        sum.latency.merge(row.latency);
        sum.timeToFirstToken.merge(row.timeToFirstToken);
    }
    m_tierTotals = byTier.values();
    std::stable_sort(m_tierTotals.begin(), m_tierTotals.end(),
                     [](const Gateway::UsageRow &a, const Gateway::UsageRow &b) { return a.requests > b.requests; });

    replot();
    fillTierTable();
}

void ModelUsagePage::replot()
{
    const auto metric = UsageMetric::Kind(m_metric->currentData().toInt());
    const UsageStack stack = UsageStack::build(m_rows, m_filter, metric, tierLabel, maxTiers);
    const QString periodTitle = m_filter.period == Gateway::UsagePeriod::Hour  ? tr("Hour")
                                : m_filter.period == Gateway::UsagePeriod::Month ? tr("Month")
                                                                                 : tr("Day");
    stack.showIn(m_chart, metric, m_filter.period, periodTitle);
    m_chart->setTitle(m_filter.model.isEmpty()
                          ? QString()
                          : tr("%1 of %2 over time, by tier").arg(UsageMetric::name(metric), m_filter.model));

    // Totals per tier as one bar each.
    QStringList tiers;
    auto *set = new QBarSet(UsageMetric::name(metric));
    for (const Gateway::UsageRow &row : std::as_const(m_tierTotals)) {
        tiers.append(tierLabel(row));
        set->append(double(UsageMetric::valueOf(metric, row)));
    }
    m_tierChart->clearSeries();
    m_tierChart->setCategories(tiers, tr("Tier"));
    m_tierChart->setValueAxis(UsageMetric::name(metric), UsageMetric::unit(metric));
    auto *series = new QBarSeries;
    series->append(set);
    m_tierChart->addSeries(series);
    m_tierChart->fitValueAxes();
    m_tierChart->setTitle(tr("%1 in the range, by tier").arg(UsageMetric::name(metric)));
}

void ModelUsagePage::fillTierTable()
{
    m_tierModel->removeRows(0, m_tierModel->rowCount());
    for (const Gateway::UsageRow &row : std::as_const(m_tierTotals)) {
        const double meanMs = row.requests > 0 ? row.latencyMsSum / double(row.requests) : 0.0;
        m_tierModel->appendRow({new QStandardItem(tierLabel(row)), numberItem(double(row.requests)),
                                numberItem(double(row.generations)), numberItem(double(row.promptTokens)),
                                numberItem(double(row.completionTokens)), numberItem(double(row.errors.total())),
                                numberItem(meanMs, 1), numberItem(row.latency.percentile(0.95), 1)});
    }
    m_tierTable->resizeColumnsToContents();
}

} // namespace Console
