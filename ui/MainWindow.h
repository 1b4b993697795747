// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GatewayConfig.h"
#include "GatewayController.h"

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;

namespace Gateway {
class UsageService;
}

namespace Console {

class DashboardPage;
class EventsPage;
class KeysPage;
class LiveLogPage;
class MessageBanner;
class StatusBarWidget;
class TiersPage;
class UsersPage;

// The operator console: a list of pages on the left, the current page on
// the right, Start and Stop for the gateway, and a status bar. The window
// does no network or database work itself. It calls GatewayController,
// whose results come back as queued signals.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // controller must outlive the window. Start passes config to controller.
    MainWindow(Gateway::GatewayController *controller, Gateway::GatewayConfig config, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Appends a page to the navigation list. The window takes ownership.
    void addPage(const QString &title, QWidget *page);
    void showPage(QWidget *page);

    LiveLogPage *liveLogPage() const;
    KeysPage *keysPage() const;
    UsersPage *usersPage() const;
    TiersPage *tiersPage() const;
    EventsPage *eventsPage() const;
    DashboardPage *dashboardPage() const;

private:
    void createActions();
    void createMenus();
    void createCentralWidget();
    void connectController();
    void connectKeysPage();
    void connectUsersAndTiers();
    void connectEventsPage();
    void requestUsersAndTiers();
    void startGateway();
    void stopGateway();
    void showState(Gateway::GatewayController::State state);
    void showStarted(const QString &listenUrl);
    void showStartFailed(const QString &message);

    Gateway::GatewayController *m_controller;
    Gateway::GatewayConfig m_config;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_retentionAction = nullptr;
    QAction *m_quitAction = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    MessageBanner *m_banner = nullptr;
    StatusBarWidget *m_statusWidget = nullptr;
    LiveLogPage *m_liveLogPage = nullptr;
    KeysPage *m_keysPage = nullptr;
    UsersPage *m_usersPage = nullptr;
    TiersPage *m_tiersPage = nullptr;
    EventsPage *m_eventsPage = nullptr;
    // Reads the usage rollups of m_config.storage for the charts.
    Gateway::UsageService *m_usageService = nullptr;
    DashboardPage *m_dashboardPage = nullptr;
};

} // namespace Console
