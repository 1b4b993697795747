// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayStats.h"
#include "UsageRow.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <functional>

class QLabel;
class QLineSeries;
class QTimer;

namespace Gateway {
class UsageService;
}

namespace Console {

class UsageChartView;

// The dashboard's "Live" tab: requests, tokens, latency percentiles and
// error rate per minute over the last hour, read from the per-minute
// rollups, plus active users, queue depth and upstream health.
//
// A refresh runs one query on the UsageService thread, which also turns the
// rows into chart points, so the GUI thread only replaces each series' data
// in one call. Refreshes happen at most every minRefreshIntervalMs, only
// while the tab is visible, and never while the previous one still runs.
class DashboardLiveTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardLiveTab)

public:
    static constexpr int minRefreshIntervalMs = 2000;
    // Without logged rows the charts still slide along with the clock.
    static constexpr int idleRefreshIntervalMs = 10000;
    static constexpr int windowMinutes = 60;
    static constexpr int activeUserMinutes = 5;

    // Points of every live chart, computed off the GUI thread.
    struct Snapshot
    {
        QDateTime from; // start of the oldest minute, UTC
        QDateTime to;   // end of the newest minute, UTC
        QList<QPointF> requests;  // x: minute start in ms since epoch, y: requests
        QList<QPointF> tokens;
        QList<QPointF> p50;       // ms
        QList<QPointF> p95;
        QList<QPointF> p99;
        QList<QPointF> errorRate; // percent of the minute's requests
        qint64 hourRequests = 0;
        qint64 hourErrors = 0;
        double hourP50 = 0;
        double hourP95 = 0;
        double hourP99 = 0;
        qint64 activeUsers = 0;
    };

    // service must outlive the tab.
    explicit DashboardLiveTab(Gateway::UsageService *service, QWidget *parent = nullptr);
    ~DashboardLiveTab() override;

    // The time the window ends at; the system clock unless a test sets one.
    void setClock(std::function<QDateTime()> now);

    // Builds the snapshot of the rows of liveMinutes(); any thread.
    static Snapshot snapshotOf(const QList<Gateway::UsageRow> &minutes, qint64 activeUsers);

    bool isRefreshing() const { return m_refreshing; }

public Q_SLOTS:
    // Refreshes now unless a refresh runs or ran less than
    // minRefreshIntervalMs ago; then it follows as soon as allowed.
    void requestRefresh();
    // New rows were logged: the charts are stale.
    void noteRowsLogged();
    void setStats(const Gateway::GatewayStats &stats);
    void setUpstreamHealth(bool reachable, const QString &version, const QString &error);

Q_SIGNALS:
    // The charts show a new snapshot (or the labels an error).
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createCharts();
    QWidget *createFigures();
    void startRefresh();
    void showSnapshot(const Snapshot &snapshot);
    void showError(const QString &message);
    void onTick();

    Gateway::UsageService *m_service;
    std::function<QDateTime()> m_now;

    UsageChartView *m_trafficChart = nullptr;
    UsageChartView *m_latencyChart = nullptr;
    UsageChartView *m_errorChart = nullptr;
    QLineSeries *m_requestsSeries = nullptr;
    QLineSeries *m_tokensSeries = nullptr;
    QLineSeries *m_p50Series = nullptr;
    QLineSeries *m_p95Series = nullptr;
    QLineSeries *m_p99Series = nullptr;
    QLineSeries *m_errorRateSeries = nullptr;

    QLabel *m_requestsFigure = nullptr;
    QLabel *m_latencyFigure = nullptr;
    QLabel *m_errorRateFigure = nullptr;
    QLabel *m_activeUsersFigure = nullptr;
    QLabel *m_queueFigure = nullptr;
    QLabel *m_inFlightFigure = nullptr;
    QLabel *m_upstreamFigure = nullptr;
    QLabel *m_errorLabel = nullptr;

    QTimer *m_tick = nullptr;
    QElapsedTimer m_sinceRefresh; // since the last refresh started
    bool m_refreshing = false;
    bool m_stale = true;
};

} // namespace Console
