// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardLiveTab.h"

#include "UsageChartView.h"
#include "UsageService.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcDashboardLiveTab, "soulfra.ui.dashboardlivetab")

// Often enough that a due refresh starts within a quarter second. A tick
// does no work unless a refresh is due.
constexpr int tickIntervalMs = 250;

QLineSeries *createLine(const QString &objectName, const QString &name)
{
    auto *series = new QLineSeries;
    series->setObjectName(objectName);
    series->setName(name);
    return series;
}

// A figure: a small caption above a large value. Returns the value label.
QLabel *addFigure(QHBoxLayout *row, const QString &objectName, const QString &caption)
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(0);

    auto *captionLabel = new QLabel(caption);
    auto *value = new QLabel(u"–"_s);
    value->setObjectName(objectName);
    QFont font = value->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    value->setFont(font);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    layout->addWidget(captionLabel);
    layout->addWidget(value);
    row->addWidget(frame, 1);
    return value;
}

} // namespace

DashboardLiveTab::DashboardLiveTab(Gateway::UsageService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    Q_ASSERT(m_service != nullptr);

    createCharts();

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"liveError"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    auto *grid = new QGridLayout;
    grid->addWidget(m_trafficChart, 0, 0, 1, 2);
    grid->addWidget(m_latencyChart, 1, 0);
    grid->addWidget(m_errorChart, 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createFigures());
    layout->addWidget(m_errorLabel);
    layout->addLayout(grid, 1);

    m_tick = new QTimer(this);
    m_tick->setInterval(tickIntervalMs);
    connect(m_tick, &QTimer::timeout, this, &DashboardLiveTab::onTick);
    m_tick->start();
}

DashboardLiveTab::~DashboardLiveTab() = default;

void DashboardLiveTab::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void DashboardLiveTab::createCharts()
{
    m_trafficChart = new UsageChartView(this);
    m_trafficChart->setObjectName(u"liveTrafficChart"_s);
    m_trafficChart->setTitle(tr("Requests and tokens per minute, last hour"));
    m_trafficChart->setValueAxis(tr("Requests per minute"), tr("requests"));
    m_trafficChart->setSecondaryValueAxis(tr("Tokens per minute"), tr("tokens"));
    m_requestsSeries = createLine(u"requestsPerMinute"_s, tr("Requests"));
    m_tokensSeries = createLine(u"tokensPerMinute"_s, tr("Tokens"));

    m_latencyChart = new UsageChartView(this);
    m_latencyChart->setObjectName(u"liveLatencyChart"_s);
    m_latencyChart->setTitle(tr("Latency per minute"));
    m_latencyChart->setValueAxis(tr("Latency (ms)"), tr("ms"));
    m_p50Series = createLine(u"latencyP50"_s, tr("p50"));
    m_p95Series = createLine(u"latencyP95"_s, tr("p95"));
    m_p99Series = createLine(u"latencyP99"_s, tr("p99"));

    m_errorChart = new UsageChartView(this);
    m_errorChart->setObjectName(u"liveErrorChart"_s);
    m_errorChart->setTitle(tr("Error rate per minute"));
    m_errorChart->setValueAxis(tr("Failed requests (%)"), tr("%"), 1);
    m_errorRateSeries = createLine(u"errorRate"_s, tr("Error rate"));

    // The axes must exist before the series attach to them.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (UsageChartView *chart : {m_trafficChart, m_latencyChart, m_errorChart})
        chart->setTimeAxis(now.addSecs(-60 * windowMinutes), now, Gateway::UsagePeriod::Minute);

    m_trafficChart->addSeries(m_requestsSeries);
    m_trafficChart->addSeries(m_tokensSeries, UsageChartView::ValueAxis::Secondary);
    m_latencyChart->addSeries(m_p50Series);
    m_latencyChart->addSeries(m_p95Series);
    m_latencyChart->addSeries(m_p99Series);
    m_errorChart->addSeries(m_errorRateSeries);
}

QWidget *DashboardLiveTab::createFigures()
{
    auto *figures = new QWidget(this);
    auto *row = new QHBoxLayout(figures);
    row->setContentsMargins(0, 0, 0, 0);

    m_requestsFigure = addFigure(row, u"liveRequests"_s, tr("Requests, last hour"));
    m_latencyFigure = addFigure(row, u"liveLatency"_s, tr("Latency p50 / p95 / p99"));
    m_errorRateFigure = addFigure(row, u"liveErrorRate"_s, tr("Error rate, last hour"));
    m_activeUsersFigure = addFigure(row, u"liveActiveUsers"_s, tr("Active users, last %1 minutes").arg(activeUserMinutes));
    m_queueFigure = addFigure(row, u"liveQueue"_s, tr("Queued generations"));
    m_inFlightFigure = addFigure(row, u"liveInFlight"_s, tr("Generations in flight"));
    m_upstreamFigure = addFigure(row, u"liveUpstream"_s, tr("Ollama"));
    return figures;
}

DashboardLiveTab::Snapshot DashboardLiveTab::snapshotOf(const QList<Gateway::UsageRow> &minutes, qint64 activeUsers)
{
    Snapshot snapshot;
    snapshot.activeUsers = activeUsers;
    if (minutes.isEmpty())
        return snapshot;

    snapshot.from = minutes.constFirst().periodStart;
    snapshot.to = minutes.constLast().periodStart.addSecs(60);
    for (QList<QPointF> *points : {&snapshot.requests, &snapshot.tokens, &snapshot.p50, &snapshot.p95, &snapshot.p99,
                                   &snapshot.errorRate})
        points->reserve(minutes.size());

    Gateway::LatencyHistogram hour;
    for (const Gateway::UsageRow &minute : minutes) {
        const double x = double(minute.periodStart.toMSecsSinceEpoch());
        const qint64 errors = minute.errors.total();
        snapshot.requests.append({x, double(minute.requests)});
        snapshot.tokens.append({x, double(minute.tokens())});
        snapshot.p50.append({x, minute.latency.percentile(0.50)});
        snapshot.p95.append({x, minute.latency.percentile(0.95)});
        snapshot.p99.append({x, minute.latency.percentile(0.99)});
        snapshot.errorRate.append({x, minute.requests > 0 ? 100.0 * double(errors) / double(minute.requests) : 0.0});

        snapshot.hourRequests += minute.requests;
        snapshot.hourErrors += errors;
        hour.merge(minute.latency);
    }
    snapshot.hourP50 = hour.percentile(0.50);
    snapshot.hourP95 = hour.percentile(0.95);
    snapshot.hourP99 = hour.percentile(0.99);
    return snapshot;
}

void DashboardLiveTab::requestRefresh()
{
    m_stale = true;
    onTick();
}

void DashboardLiveTab::noteRowsLogged()
{
    // Called about ten times a second at high load, so it only sets a flag
    // and the tick decides when to query.
    m_stale = true;
}

void DashboardLiveTab::onTick()
{
    if (m_refreshing || !isVisible())
        return;

    const bool never = !m_sinceRefresh.isValid();
    const qint64 elapsed = never ? 0 : m_sinceRefresh.elapsed();
    const bool due = never || (m_stale && elapsed >= minRefreshIntervalMs) || elapsed >= idleRefreshIntervalMs;
    if (due)
        startRefresh();
}

void DashboardLiveTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    requestRefresh();
}

void DashboardLiveTab::startRefresh()
{
    m_refreshing = true;
    m_stale = false;
    m_sinceRefresh.start();

    const QDateTime now = m_now();
    m_service->run<Snapshot>(
        this,
        [now](Gateway::UsageQueries &queries) -> Gateway::Result<Snapshot> {
            Gateway::Result<QList<Gateway::UsageRow>> minutes = queries.liveMinutes(now, windowMinutes);
            if (!minutes)
                return minutes.error();
            Gateway::Result<qint64> users = queries.activeUsers(now, activeUserMinutes);
            if (!users)
                return users.error();
            return snapshotOf(minutes.value(), users.value());
        },
        [this](const Gateway::Result<Snapshot> &result) {
            m_refreshing = false;
            if (result)
                showSnapshot(result.value());
            else
                showError(result.error().message());
            Q_EMIT refreshed();
        });
}

void DashboardLiveTab::showSnapshot(const Snapshot &snapshot)
{
    m_errorLabel->hide();

    if (snapshot.from.isValid()) {
        for (UsageChartView *chart : {m_trafficChart, m_latencyChart, m_errorChart})
            chart->setTimeAxis(snapshot.from, snapshot.to, Gateway::UsagePeriod::Minute);
    }

    // One replace() per series: a single repaint, no per-point signals.
    m_requestsSeries->replace(snapshot.requests);
    m_tokensSeries->replace(snapshot.tokens);
    m_p50Series->replace(snapshot.p50);
    m_p95Series->replace(snapshot.p95);
    m_p99Series->replace(snapshot.p99);
    m_errorRateSeries->replace(snapshot.errorRate);
    for (UsageChartView *chart : {m_trafficChart, m_latencyChart, m_errorChart})
        chart->fitValueAxes();

    const QLocale locale;
    m_requestsFigure->setText(locale.toString(snapshot.hourRequests));
    m_latencyFigure->setText(tr("%1 / %2 / %3 ms")
                                 .arg(locale.toString(snapshot.hourP50, 'f', 0), locale.toString(snapshot.hourP95, 'f', 0),
                                      locale.toString(snapshot.hourP99, 'f', 0)));
    const double rate = snapshot.hourRequests > 0 ? 100.0 * double(snapshot.hourErrors) / double(snapshot.hourRequests) : 0.0;
    m_errorRateFigure->setText(tr("%1 %").arg(locale.toString(rate, 'f', 1)));
    m_activeUsersFigure->setText(locale.toString(snapshot.activeUsers));
}

void DashboardLiveTab::showError(const QString &message)
{
    qCWarning(lcDashboardLiveTab).noquote() << "live usage query failed:" << message;
    m_errorLabel->setText(tr("Reading the usage figures failed: %1").arg(message));
    m_errorLabel->show();
}

void DashboardLiveTab::setStats(const Gateway::GatewayStats &stats)
{
    const QLocale locale;
    m_queueFigure->setText(locale.toString(stats.queuedGenerations));
    m_inFlightFigure->setText(locale.toString(stats.generationsInFlight));
}

void DashboardLiveTab::setUpstreamHealth(bool reachable, const QString &version, const QString &error)
{
    if (reachable) {
        m_upstreamFigure->setText(tr("reachable (%1)").arg(version));
        m_upstreamFigure->setToolTip(QString());
    } else {
        m_upstreamFigure->setText(tr("unreachable"));
        m_upstreamFigure->setToolTip(error);
    }
}

} // namespace Console
