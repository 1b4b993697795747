// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardPage.h"

#include "DashboardLiveTab.h"
#include "DashboardRangeTab.h"

#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

DashboardPage::DashboardPage(Gateway::UsageService *service, QWidget *parent)
    : QWidget(parent)
{
    m_live = new DashboardLiveTab(service, this);
    m_live->setObjectName(u"dashboardLiveTab"_s);
    m_range = new DashboardRangeTab(service, this);
    m_range->setObjectName(u"dashboardRangeTab"_s);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"dashboardTabs"_s);
    m_tabs->addTab(m_live, tr("&Live"));
    m_tabs->addTab(m_range, tr("&Range"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::showLiveTab()
{
    m_tabs->setCurrentWidget(m_live);
}

void DashboardPage::showRangeTab()
{
    m_tabs->setCurrentWidget(m_range);
}

void DashboardPage::noteRowsLogged()
{
    m_live->noteRowsLogged();
}

void DashboardPage::setStats(const Gateway::GatewayStats &stats)
{
    m_live->setStats(stats);
}

void DashboardPage::setUpstreamHealth(bool reachable, const QString &version, const QString &error)
{
    m_live->setUpstreamHealth(reachable, version, error);
}

} // namespace Console
