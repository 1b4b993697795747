// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayStats.h"

#include <QWidget>

class QTabWidget;

namespace Gateway {
class UsageService;
}

namespace Console {

class DashboardLiveTab;
class DashboardRangeTab;

// The console's dashboard: a "Live" tab for the last hour and a "Range" tab
// for a chosen day, week, month or custom range. Every chart reads the usage
// rollups through service, off the GUI thread; the live figures the rollups
// do not hold (queue depth, generations in flight, upstream health) come
// from the slots below.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    // service must outlive the page.
    explicit DashboardPage(Gateway::UsageService *service, QWidget *parent = nullptr);
    ~DashboardPage() override;

    DashboardLiveTab *liveTab() const { return m_live; }
    DashboardRangeTab *rangeTab() const { return m_range; }
    void showLiveTab();
    void showRangeTab();

public Q_SLOTS:
    // Connect to GatewayController::requestsLogged (the rows themselves are
    // not needed: the charts read the rollups).
    void noteRowsLogged();
    void setStats(const Gateway::GatewayStats &stats);
    void setUpstreamHealth(bool reachable, const QString &version, const QString &error);

private:
    QTabWidget *m_tabs = nullptr;
    DashboardLiveTab *m_live = nullptr;
    DashboardRangeTab *m_range = nullptr;
};

} // namespace Console
