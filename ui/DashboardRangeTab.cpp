// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardRangeTab.h"

#include "TableCsvExport.h"
#include "UsageChartView.h"
#include "UsageService.h"

#include <QBarSet>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLoggingCategory>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcDashboardRangeTab, "soulfra.ui.dashboardrangetab")

constexpr int maxDaysByDay = 92; // longer custom ranges are shown by month

QDateTime startOfPeriod(const QDateTime &instant, Gateway::UsagePeriod period, const QTimeZone &zone)
{
    const QDateTime local = instant.toTimeZone(zone);
    switch (period) {
    case Gateway::UsagePeriod::Minute:
        return QDateTime::fromMSecsSinceEpoch(instant.toMSecsSinceEpoch() / 60000 * 60000, QTimeZone::utc());
    case Gateway::UsagePeriod::Hour:
        // Hours are UTC hours, as the rollups keep them.
        return QDateTime::fromMSecsSinceEpoch(instant.toMSecsSinceEpoch() / 3600000 * 3600000, QTimeZone::utc());
    case Gateway::UsagePeriod::Day:
        return local.date().startOfDay(zone).toUTC();
    case Gateway::UsagePeriod::Month:
        return QDate(local.date().year(), local.date().month(), 1).startOfDay(zone).toUTC();
    }
    return instant;
}

QDateTime nextPeriod(const QDateTime &start, Gateway::UsagePeriod period, const QTimeZone &zone)
{
    const QDate day = start.toTimeZone(zone).date();
    switch (period) {
    case Gateway::UsagePeriod::Minute:
        return start.addSecs(60);
    case Gateway::UsagePeriod::Hour:
        return start.addSecs(3600);
    case Gateway::UsagePeriod::Day:
        return day.addDays(1).startOfDay(zone).toUTC();
    case Gateway::UsagePeriod::Month:
        return day.addMonths(1).startOfDay(zone).toUTC();
    }
    return start.addSecs(3600);
}

QStandardItem *numberItem(qint64 value)
{
    auto *item = new QStandardItem;
    // A number, not text: the view groups digits in the operator's locale,
    // sorting is numeric, and the CSV export writes plain digits.
    item->setData(QVariant::fromValue(value), Qt::DisplayRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

QTableView *createTable(QStandardItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->setMinimumHeight(table->verticalHeader()->defaultSectionSize() * 5);
    return table;
}

QWidget *exportRow(const QStandardItemModel *model, const QString &fileName, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(1);
    QPushButton *button = TableCsvExport::createButton(model, fileName, row);
    button->setObjectName(model->objectName() + u"Export"_s);
    layout->addWidget(button);
    return row;
}

} // namespace

DashboardRangeTab::DashboardRangeTab(Gateway::UsageService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    Q_ASSERT(m_service != nullptr);

    m_timeChart = new UsageChartView(this);
    m_timeChart->setObjectName(u"rangeTimeChart"_s);
    m_timeChart->setMinimumHeight(300);
    m_timeChart->setValueAxis(tr("Requests and generations"), tr("requests"));
    m_timeChart->setSecondaryValueAxis(tr("Tokens"), tr("tokens"));
    m_timeChart->setTimeAxis(QDateTime::currentDateTimeUtc().addDays(-1), QDateTime::currentDateTimeUtc(),
                             Gateway::UsagePeriod::Hour);
    m_requestsSeries = new QLineSeries;
    m_requestsSeries->setObjectName(u"rangeRequests"_s);
    m_requestsSeries->setName(tr("Requests"));
    m_generationsSeries = new QLineSeries;
    m_generationsSeries->setObjectName(u"rangeGenerations"_s);
    m_generationsSeries->setName(tr("Generations"));
    m_tokensSeries = new QLineSeries;
    m_tokensSeries->setObjectName(u"rangeTokens"_s);
    m_tokensSeries->setName(tr("Tokens"));
    m_timeChart->addSeries(m_requestsSeries);
    m_timeChart->addSeries(m_generationsSeries);
    m_timeChart->addSeries(m_tokensSeries, UsageChartView::ValueAxis::Secondary);

    auto *grid = new QGridLayout;
    grid->addWidget(m_timeChart, 0, 0);
    grid->addWidget(createErrorPanel(), 0, 1);
    grid->addWidget(createTopPanel(u"models"_s, tr("Top models by requests"), tr("Model"), &m_modelsChart,
                                   &m_modelsModel),
                    1, 0);
    grid->addWidget(createTopPanel(u"users"_s, tr("Top users by requests"), tr("User"), &m_usersChart, &m_usersModel),
                    1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"rangeError"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createControls());
    layout->addWidget(m_errorLabel);
    layout->addWidget(scroll, 1);
}

DashboardRangeTab::~DashboardRangeTab() = default;

void DashboardRangeTab::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

QWidget *DashboardRangeTab::createControls()
{
    auto *controls = new QWidget(this);
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);

    m_rangeBox = new QComboBox(controls);
    m_rangeBox->setObjectName(u"rangeBox"_s);
    m_rangeBox->addItem(tr("Last 24 hours"), QVariant::fromValue(Range::Day));
    m_rangeBox->addItem(tr("Last 7 days"), QVariant::fromValue(Range::Week));
    m_rangeBox->addItem(tr("Last 30 days"), QVariant::fromValue(Range::Month));
    m_rangeBox->addItem(tr("Custom"), QVariant::fromValue(Range::Custom));

    const QDate today = QDate::currentDate();
    m_firstDate = new QDateEdit(today.addDays(-6), controls);
    m_firstDate->setObjectName(u"rangeFirstDate"_s);
    m_firstDate->setCalendarPopup(true);
    m_lastDate = new QDateEdit(today, controls);
    m_lastDate->setObjectName(u"rangeLastDate"_s);
    m_lastDate->setCalendarPopup(true);
    m_firstDate->setEnabled(false);
    m_lastDate->setEnabled(false);

    auto *refreshButton = new QPushButton(tr("Refresh"), controls);
    refreshButton->setObjectName(u"rangeRefresh"_s);

    m_summary = new QLabel(controls);
    m_summary->setObjectName(u"rangeSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *rangeLabel = new QLabel(tr("&Range:"), controls);
    rangeLabel->setBuddy(m_rangeBox);
    row->addWidget(rangeLabel);
    row->addWidget(m_rangeBox);
    row->addWidget(new QLabel(tr("From"), controls));
    row->addWidget(m_firstDate);
    row->addWidget(new QLabel(tr("to"), controls));
    row->addWidget(m_lastDate);
    row->addWidget(refreshButton);
    row->addSpacing(12);
    row->addWidget(m_summary, 1);

    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_rangeBox->currentData().value<Range>() == Range::Custom;
        m_firstDate->setEnabled(custom);
        m_lastDate->setEnabled(custom);
        refresh();
    });
    connect(m_firstDate, &QDateEdit::dateChanged, this, &DashboardRangeTab::refresh);
    connect(m_lastDate, &QDateEdit::dateChanged, this, &DashboardRangeTab::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &DashboardRangeTab::refresh);
    return controls;
}

QWidget *DashboardRangeTab::createTopPanel(const QString &objectPrefix, const QString &title,
                                           const QString &firstColumn, UsageChartView **chart,
                                           QStandardItemModel **model)
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    *chart = new UsageChartView(panel);
    (*chart)->setObjectName(objectPrefix + u"Chart"_s);
    (*chart)->setTitle(title);
    (*chart)->setMinimumHeight(260);
    (*chart)->setCategories({});
    (*chart)->setValueAxis(tr("Requests"), tr("requests"));
    (*chart)->chart()->legend()->setVisible(false);

    *model = new QStandardItemModel(0, 5, panel);
    (*model)->setObjectName(objectPrefix + u"Table"_s);
    (*model)->setHorizontalHeaderLabels({firstColumn, tr("Requests"), tr("Generations"), tr("Tokens"), tr("Failed")});

    layout->addWidget(*chart, 1);
    layout->addWidget(createTable(*model, objectPrefix + u"View"_s, panel));
    layout->addWidget(exportRow(*model, u"top-"_s + objectPrefix + u".csv"_s, panel));
    return panel;
}

QWidget *DashboardRangeTab::createErrorPanel()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    m_errorsChart = new UsageChartView(panel);
    m_errorsChart->setObjectName(u"errorsChart"_s);
    m_errorsChart->setTitle(tr("Failed requests by cause"));
    m_errorsChart->setMinimumHeight(300);
    m_errorsChart->setCategories({});
    m_errorsChart->setValueAxis(tr("Failed requests"), tr("requests"));
    m_errorsChart->chart()->legend()->setVisible(false);

    m_errorsModel = new QStandardItemModel(0, 4, panel);
    m_errorsModel->setObjectName(u"errorsTable"_s);
    m_errorsModel->setHorizontalHeaderLabels({tr("Cause"), tr("Code"), tr("Requests"), tr("Share of all requests (%)")});

    layout->addWidget(m_errorsChart, 1);
    layout->addWidget(createTable(m_errorsModel, u"errorsView"_s, panel));
    layout->addWidget(exportRow(m_errorsModel, u"failed-requests.csv"_s, panel));
    return panel;
}

void DashboardRangeTab::setRange(Range range)
{
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(QVariant::fromValue(range)));
    refresh();
}

void DashboardRangeTab::setCustomDates(const QDate &first, const QDate &last)
{
    const QSignalBlocker blockFirst(m_firstDate);
    const QSignalBlocker blockLast(m_lastDate);
    m_firstDate->setDate(first);
    m_lastDate->setDate(last);
    refresh();
}

QString DashboardRangeTab::causeLabel(Gateway::ErrorCause cause)
{
    switch (cause) {
    case Gateway::ErrorCause::Auth:
        return tr("Invalid key");
    case Gateway::ErrorCause::Forbidden:
        return tr("Forbidden");
    case Gateway::ErrorCause::Limit:
        return tr("Limit reached");
    case Gateway::ErrorCause::Queue:
        return tr("Queue full");
    case Gateway::ErrorCause::Upstream:
        return tr("Ollama failed");
    case Gateway::ErrorCause::Client:
        return tr("Bad request");
    case Gateway::ErrorCause::Cancelled:
        return tr("Cancelled");
    case Gateway::ErrorCause::Other:
        return tr("Other");
    }
    return tr("Other");
}

Gateway::UsageFilter DashboardRangeTab::filterFor(Range range, const QDateTime &now, const QDate &first,
                                                  const QDate &last, const QTimeZone &zone)
{
    Gateway::UsageFilter filter;
    filter.zone = zone;
    const QDate today = now.toTimeZone(zone).date();

    switch (range) {
    case Range::Day:
        filter.period = Gateway::UsagePeriod::Hour;
        filter.to = nextPeriod(startOfPeriod(now, Gateway::UsagePeriod::Hour, zone), Gateway::UsagePeriod::Hour, zone);
        filter.from = filter.to.addSecs(-24 * 3600);
        return filter;
    case Range::Week:
    case Range::Month:
        filter.period = Gateway::UsagePeriod::Day;
        filter.from = today.addDays(range == Range::Week ? -6 : -29).startOfDay(zone).toUTC();
        filter.to = today.addDays(1).startOfDay(zone).toUTC();
        return filter;
    case Range::Custom:
        break;
    }

    const QDate begin = std::min(first, last);
    const QDate end = std::max(first, last);
    const qint64 days = begin.daysTo(end) + 1;
    filter.period = days == 1 ? Gateway::UsagePeriod::Hour
        : days <= maxDaysByDay ? Gateway::UsagePeriod::Day
                               : Gateway::UsagePeriod::Month;
    filter.from = begin.startOfDay(zone).toUTC();
    filter.to = end.addDays(1).startOfDay(zone).toUTC();
    return filter;
}

DashboardRangeTab::Snapshot DashboardRangeTab::snapshotOf(const Gateway::UsageFilter &filter,
                                                          const QList<Gateway::UsageRow> &series,
                                                          QList<Gateway::UsageRow> topModels,
                                                          QList<Gateway::UsageRow> topUsers,
                                                          const Gateway::UsageRow &total)
{
    struct Values
    {
        qint64 requests = 0;
        qint64 generations = 0;
        qint64 tokens = 0;
    };

    // Every period of the range, so the lines fall to zero where there was
    // no traffic instead of joining the neighbours.
    QMap<qint64, Values> periods;
    for (QDateTime start = startOfPeriod(filter.from, filter.period, filter.zone); start < filter.to;
         start = nextPeriod(start, filter.period, filter.zone))
        periods.insert(start.toMSecsSinceEpoch(), Values());

    for (const Gateway::UsageRow &row : series) {
        Values &values = periods[row.periodStart.toMSecsSinceEpoch()];
        values.requests += row.requests;
        values.generations += row.generations;
        values.tokens += row.tokens();
    }

    Snapshot snapshot;
    snapshot.filter = filter;
    for (auto it = periods.cbegin(); it != periods.cend(); ++it) {
        const double x = double(it.key());
        snapshot.requests.append({x, double(it->requests)});
        snapshot.generations.append({x, double(it->generations)});
        snapshot.tokens.append({x, double(it->tokens)});
    }
    snapshot.topModels = std::move(topModels);
    snapshot.topUsers = std::move(topUsers);
    snapshot.total = total;
    return snapshot;
}

void DashboardRangeTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DashboardRangeTab::refresh()
{
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    startRefresh();
}

void DashboardRangeTab::startRefresh()
{
    m_refreshing = true;
    m_refreshAgain = false;

    const Range range = m_rangeBox->currentData().value<Range>();
    const Gateway::UsageFilter filter =
        filterFor(range, m_now(), m_firstDate->date(), m_lastDate->date(), QTimeZone::systemTimeZone());

    m_service->run<Snapshot>(
        this,
        [filter](Gateway::UsageQueries &queries) -> Gateway::Result<Snapshot> {
            // The chart draws three measures. A 90-day range in a non-UTC
            // zone reads hourly rows, so summing only those three keeps it
            // under 200 ms on ten million requests.
            Gateway::UsageFilter seriesFilter = filter;
            seriesFilter.measures = Gateway::UsageMeasure::Requests | Gateway::UsageMeasure::Generations
                | Gateway::UsageMeasure::Tokens;
            auto series = queries.series(seriesFilter);
            if (!series)
                return series.error();
            auto models = queries.totals(filter, Gateway::UsageSplit::ByModel, topCount);
            if (!models)
                return models.error();
            auto users = queries.totals(filter, Gateway::UsageSplit::ByUser, topCount);
            if (!users)
                return users.error();
            auto total = queries.totals(filter, Gateway::UsageSplit::None);
            if (!total)
                return total.error();
            const Gateway::UsageRow sum = total.value().isEmpty() ? Gateway::UsageRow() : total.value().constFirst();
            return snapshotOf(filter, series.value(), std::move(models.value()), std::move(users.value()), sum);
        },
        [this](const Gateway::Result<Snapshot> &result) {
            m_refreshing = false;
            if (result)
                showSnapshot(result.value());
            else
                showError(result.error().message());
            if (m_refreshAgain)
                startRefresh();
            else
                Q_EMIT refreshed();
        });
}

void DashboardRangeTab::showSnapshot(const Snapshot &snapshot)
{
    m_errorLabel->hide();

    m_timeChart->setTimeAxis(snapshot.filter.from, snapshot.filter.to, snapshot.filter.period);
    m_requestsSeries->replace(snapshot.requests);
    m_generationsSeries->replace(snapshot.generations);
    m_tokensSeries->replace(snapshot.tokens);
    m_timeChart->setTitle(snapshot.filter.period == Gateway::UsagePeriod::Hour ? tr("Requests, generations and tokens per hour")
                          : snapshot.filter.period == Gateway::UsagePeriod::Day ? tr("Requests, generations and tokens per day")
                                                                               : tr("Requests, generations and tokens per month"));
    m_timeChart->fitValueAxes();

    showTop(m_modelsChart, m_modelsModel, snapshot.topModels, true);
    showTop(m_usersChart, m_usersModel, snapshot.topUsers, false);
    showErrors(snapshot.total);

    const QLocale locale;
    m_summary->setText(tr("%1 requests, %2 generations, %3 tokens, %4 failed")
                           .arg(locale.toString(snapshot.total.requests), locale.toString(snapshot.total.generations),
                                locale.toString(snapshot.total.tokens()), locale.toString(snapshot.total.errors.total())));
}

void DashboardRangeTab::showTop(UsageChartView *chart, QStandardItemModel *model,
                                const QList<Gateway::UsageRow> &rows, bool byModel)
{
    model->removeRows(0, model->rowCount());
    QStringList categories;
    QList<qreal> values;
    for (const Gateway::UsageRow &row : rows) {
        const QString name = byModel ? row.model : row.userName;
        QString label = name;
        if (label.isEmpty())
            label = byModel ? tr("(no model)") : tr("(no user)");
        model->appendRow({textItem(label), numberItem(row.requests), numberItem(row.generations),
                          numberItem(row.tokens()), numberItem(row.errors.total())});
        // Horizontal bars draw the first category at the bottom, so the
        // largest comes last to appear on top.
        categories.prepend(label);
        values.prepend(double(row.requests));
    }

    chart->clearSeries();
    chart->setCategories(categories);
    auto *set = new QBarSet(tr("Requests"));
    set->append(values);
    auto *series = new QHorizontalBarSeries;
    series->setObjectName(chart->objectName() + u"Series"_s);
    series->append(set);
    chart->addSeries(series);
}

void DashboardRangeTab::showErrors(const Gateway::UsageRow &total)
{
    m_errorsModel->removeRows(0, m_errorsModel->rowCount());
    QStringList categories;
    QList<qreal> values;
    for (int i = 0; i < Gateway::ErrorCounts::causeCount; ++i) {
        const auto cause = Gateway::ErrorCause(i);
        const qint64 count = total.errors[cause];
        const double share = total.requests > 0 ? 100.0 * double(count) / double(total.requests) : 0.0;
        auto *shareItem = new QStandardItem;
        shareItem->setData(std::round(share * 10) / 10, Qt::DisplayRole);
        shareItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        shareItem->setEditable(false);
        m_errorsModel->appendRow(
            {textItem(causeLabel(cause)), textItem(Gateway::ErrorCounts::nameOf(cause)), numberItem(count), shareItem});
        categories.prepend(causeLabel(cause));
        values.prepend(double(count));
    }

    m_errorsChart->clearSeries();
    m_errorsChart->setCategories(categories);
    auto *set = new QBarSet(tr("Failed requests"));
    set->append(values);
    auto *series = new QHorizontalBarSeries;
    series->setObjectName(u"errorsSeries"_s);
    series->append(set);
    m_errorsChart->addSeries(series);
}

void DashboardRangeTab::showError(const QString &message)
{
    qCWarning(lcDashboardRangeTab).noquote() << "range usage query failed:" << message;
    m_errorLabel->setText(tr("Reading the usage figures failed: %1").arg(message));
    m_errorLabel->show();
}

} // namespace Console
