// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "DashboardPage.h"
#include "EventsPage.h"
#include "InsightsPage.h"
#include "KeysPage.h"
#include "LiveLogPage.h"
#include "MessageBanner.h"
#include "ModelUsagePage.h"
#include "RetentionSettingsDialog.h"
#include "StatusBarWidget.h"
#include "TiersPage.h"
#include "UsageService.h"
#include "UserUsagePage.h"
#include "UsersPage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcMainWindow, "soulfra.ui.mainwindow")

QString listenUrlFromConfig(const Gateway::GatewayConfig &config)
{
    // Port 0 means the port is chosen at start, so there is no URL yet.
    if (config.listenPort == 0)
        return {};

    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(config.listenAddress.toString());
    url.setPort(config.listenPort);
    return url.toString();
}

} // namespace

MainWindow::MainWindow(Gateway::GatewayController *controller, Gateway::GatewayConfig config, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_config(std::move(config))
{
    Q_ASSERT(m_controller != nullptr);

    setWindowTitle(tr("Soulfra Gateway"));
    createActions();
    createMenus();
    createCentralWidget();

    m_statusWidget = new StatusBarWidget(this);
    m_statusWidget->setObjectName(u"statusBarWidget"_s);
    statusBar()->addPermanentWidget(m_statusWidget, 1);

    m_liveLogPage = new LiveLogPage(this);
    m_liveLogPage->setObjectName(u"liveLogPage"_s);
    addPage(tr("Live Log"), m_liveLogPage);

    m_keysPage = new KeysPage(this);
    m_keysPage->setObjectName(u"keysPage"_s);
    m_keysPage->setListenUrl(listenUrlFromConfig(m_config));
    addPage(tr("Keys"), m_keysPage);

    m_usersPage = new UsersPage(this);
    m_usersPage->setObjectName(u"usersPage"_s);
    addPage(tr("Users"), m_usersPage);

    m_tiersPage = new TiersPage(this);
    m_tiersPage->setObjectName(u"tiersPage"_s);
    addPage(tr("Tiers"), m_tiersPage);

    m_eventsPage = new EventsPage(this);
    m_eventsPage->setObjectName(u"eventsPage"_s);
    addPage(tr("Events"), m_eventsPage);

    m_usageService = new Gateway::UsageService(m_config.storage, this);
    m_dashboardPage = new DashboardPage(m_usageService, this);
    m_dashboardPage->setObjectName(u"dashboardPage"_s);
    addPage(tr("Dashboard"), m_dashboardPage);

    auto *userUsage = new UserUsagePage(m_usageService, m_controller, this);
    userUsage->setObjectName(u"userUsagePage"_s);
    userUsage->setTimeZone(m_config.limitTimeZone);
    addPage(tr("User Usage"), userUsage);

    auto *modelUsage = new ModelUsagePage(m_usageService, m_controller, this);
    modelUsage->setObjectName(u"modelUsagePage"_s);
    modelUsage->setTimeZone(m_config.limitTimeZone);
    addPage(tr("Model Usage"), modelUsage);

    // Insights read a month of rollups, so they load when first shown.
    auto *insights = new InsightsPage(m_usageService, m_controller, this);
    insights->setObjectName(u"insightsPage"_s);
    insights->setTimeZone(m_config.limitTimeZone);
    addPage(tr("Insights"), insights);
    connect(m_pages, &QStackedWidget::currentChanged, insights, [this, insights, loaded = false](int index) mutable {
        if (loaded || m_pages->widget(index) != insights)
            return;
        loaded = true;
        insights->refresh();
    });

    connectController();
    connectKeysPage();
    connectUsersAndTiers();
    connectEventsPage();
    showState(m_controller->state());
    if (m_controller->state() == Gateway::GatewayController::State::Running) {
        m_controller->requestTiers();
        m_controller->requestKeys();
        requestUsersAndTiers();
        m_controller->requestEvents();
        m_controller->requestClaims(QString());
        m_controller->requestPublicBaseUrl();
    }
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start Gateway"), this);
    m_startAction->setObjectName(u"startAction"_s);
    m_startAction->setShortcut(tr("Ctrl+R"));
    m_startAction->setToolTip(tr("Start listening for client requests"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startGateway);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top Gateway"), this);
    m_stopAction->setObjectName(u"stopAction"_s);
    m_stopAction->setShortcut(tr("Ctrl+T"));
    m_stopAction->setToolTip(tr("Stop accepting requests and let those in flight finish"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopGateway);

    m_retentionAction = new QAction(tr("&Retention and Privacy…"), this);
    m_retentionAction->setObjectName(u"retentionAction"_s);
    m_retentionAction->setToolTip(tr("Choose how much prompt text is kept and when old log rows are deleted"));
    connect(m_retentionAction, &QAction::triggered, this, [this] {
        auto *dialog = new RetentionSettingsDialog(m_controller, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcuts(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *gatewayMenu = menuBar()->addMenu(tr("&Gateway"));
    gatewayMenu->addAction(m_startAction);
    gatewayMenu->addAction(m_stopAction);
    gatewayMenu->addSeparator();
    gatewayMenu->addAction(m_retentionAction);
    gatewayMenu->addSeparator();
    gatewayMenu->addAction(m_quitAction);

    QToolBar *toolBar = addToolBar(tr("Gateway"));
    toolBar->setObjectName(u"gatewayToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_startAction);
    toolBar->addAction(m_stopAction);
}

void MainWindow::createCentralWidget()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(u"pageList"_s);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    m_navigation->setFixedWidth(fontMetrics().averageCharWidth() * 18);

    m_pages = new QStackedWidget(this);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"windowBanner"_s);

    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(m_banner);
    right->addWidget(m_pages, 1);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_navigation);
    layout->addLayout(right, 1);
    setCentralWidget(central);
}

void MainWindow::addPage(const QString &title, QWidget *page)
{
    m_pages->addWidget(page);
    m_navigation->addItem(title);
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
}

void MainWindow::showPage(QWidget *page)
{
    const int index = m_pages->indexOf(page);
    if (index >= 0)
        m_navigation->setCurrentRow(index);
}

LiveLogPage *MainWindow::liveLogPage() const
{
    return m_liveLogPage;
}

KeysPage *MainWindow::keysPage() const
{
    return m_keysPage;
}

UsersPage *MainWindow::usersPage() const
{
    return m_usersPage;
}

TiersPage *MainWindow::tiersPage() const
{
    return m_tiersPage;
}

void MainWindow::connectUsersAndTiers()
{
    using Controller = Gateway::GatewayController;

    connect(m_controller, &Controller::usersListed, m_usersPage, &UsersPage::setUsers);
    connect(m_controller, &Controller::usersListed, m_tiersPage, &TiersPage::setUsers);
    connect(m_controller, &Controller::tierRecordsListed, m_usersPage, &UsersPage::setTiers);
    connect(m_controller, &Controller::tierRecordsListed, m_tiersPage, &TiersPage::setTiers);
    connect(m_controller, &Controller::keysListed, m_usersPage, &UsersPage::setKeys);
    connect(m_controller, &Controller::userSaved, m_usersPage, &UsersPage::showSaved);
    connect(m_controller, &Controller::userSaveFailed, m_usersPage, &UsersPage::showSaveError);
    connect(m_controller, &Controller::tierSaved, m_tiersPage, &TiersPage::showSaved);
    connect(m_controller, &Controller::tierSaveFailed, m_tiersPage, &TiersPage::showSaveError);

    connect(m_usersPage, &UsersPage::saveUserRequested, m_controller, &Controller::saveUser);
    connect(m_usersPage, &UsersPage::exportUserDataRequested, m_controller, &Controller::exportUserData);
    connect(m_usersPage, &UsersPage::deleteUserDataRequested, m_controller, &Controller::deleteUserData);
    connect(m_controller, &Controller::userDataExported, m_usersPage, &UsersPage::showUserDataExported);
    connect(m_controller, &Controller::userDataDeleted, m_usersPage, &UsersPage::showUserDataDeleted);
    connect(m_controller, &Controller::userDataFailed, m_usersPage, &UsersPage::showUserDataError);
    connect(m_tiersPage, &TiersPage::saveTierRequested, m_controller, &Controller::saveTier);
    connect(m_usersPage, &UsersPage::refreshRequested, this, &MainWindow::requestUsersAndTiers);
    connect(m_tiersPage, &TiersPage::refreshRequested, this, &MainWindow::requestUsersAndTiers);
    // Users, tiers and keys share one revision counter in storage.
    connect(m_controller, &Controller::keysChanged, this, &MainWindow::requestUsersAndTiers);

    // usageOf() reads the gateway's counters in memory under a short lock,
    // so the GUI thread may call it.
    Gateway::GatewayController *controller = m_controller;
    m_usersPage->setUsageProvider([controller](const QString &userName) {
        return controller->state() == Gateway::GatewayController::State::Running ? controller->usageOf(userName)
                                                                                  : Gateway::UsageSnapshot();
    });
}

EventsPage *MainWindow::eventsPage() const
{
    return m_eventsPage;
}

DashboardPage *MainWindow::dashboardPage() const
{
    return m_dashboardPage;
}

void MainWindow::connectEventsPage()
{
    using Controller = Gateway::GatewayController;

    connect(m_controller, &Controller::eventsListed, m_eventsPage, &EventsPage::setEvents);
    connect(m_controller, &Controller::eventCreated, m_eventsPage, &EventsPage::showCreated);
    connect(m_controller, &Controller::eventCreateFailed, m_eventsPage, &EventsPage::showError);
    connect(m_controller, &Controller::eventsFailed, m_eventsPage, &EventsPage::showError);
    connect(m_controller, &Controller::eventRevoked, m_eventsPage, &EventsPage::showRevoked);
    connect(m_controller, &Controller::claimsListed, m_eventsPage, &EventsPage::setClaims);
    connect(m_controller, &Controller::publicBaseUrlRead, m_eventsPage, &EventsPage::setPublicBaseUrl);
    // Claims arrive live; the event list is refreshed for its counts.
    connect(m_controller, &Controller::claimed, m_eventsPage, &EventsPage::addClaim);
    connect(m_controller, &Controller::claimed, m_controller, [this] { m_controller->requestEvents(); });

    connect(m_eventsPage, &EventsPage::createEventRequested, m_controller, &Controller::createEvent);
    connect(m_eventsPage, &EventsPage::revokeEventRequested, m_controller, &Controller::revokeEvent);
    connect(m_eventsPage, &EventsPage::publicBaseUrlChangeRequested, m_controller, &Controller::setPublicBaseUrl);
    connect(m_eventsPage, &EventsPage::refreshRequested, m_controller, [this] {
        m_controller->requestEvents();
        m_controller->requestClaims(QString());
    });
    connect(m_controller, &Controller::started, m_eventsPage, [this] {
        m_controller->requestEvents();
        m_controller->requestClaims(QString());
        m_controller->requestPublicBaseUrl();
    });
}

void MainWindow::requestUsersAndTiers()
{
    m_controller->requestTierRecords();
    m_controller->requestUsers();
}

void MainWindow::connectController()
{
    using Controller = Gateway::GatewayController;

    connect(m_controller, &Controller::stateChanged, this, &MainWindow::showState);
    connect(m_controller, &Controller::started, this, &MainWindow::showStarted);
    connect(m_controller, &Controller::startFailed, this, &MainWindow::showStartFailed);

    connect(m_controller, &Controller::requestsLogged, m_liveLogPage, &LiveLogPage::appendRows);
    connect(m_controller, &Controller::statsUpdated, m_statusWidget, &StatusBarWidget::setStats);
    connect(m_controller, &Controller::upstreamHealthChanged, m_statusWidget, &StatusBarWidget::setUpstreamHealth);
    connect(m_controller, &Controller::stateChanged, m_statusWidget, &StatusBarWidget::setGatewayState);

    connect(m_controller, &Controller::requestsLogged, m_dashboardPage, &DashboardPage::noteRowsLogged);
    connect(m_controller, &Controller::statsUpdated, m_dashboardPage, &DashboardPage::setStats);
    connect(m_controller, &Controller::upstreamHealthChanged, m_dashboardPage, &DashboardPage::setUpstreamHealth);
}

void MainWindow::connectKeysPage()
{
    using Controller = Gateway::GatewayController;

    connect(m_controller, &Controller::keysListed, m_keysPage, &KeysPage::setKeys);
    connect(m_controller, &Controller::tiersListed, m_keysPage, &KeysPage::setTiers);
    connect(m_controller, &Controller::keyIssued, m_keysPage, &KeysPage::showIssuedKey);
    connect(m_controller, &Controller::keyIssueFailed, m_keysPage, &KeysPage::showIssueError);
    connect(m_controller, &Controller::keyRevoked, m_keysPage, &KeysPage::showKeyRevoked);
    connect(m_controller, &Controller::keyRevokeFailed, m_keysPage, &KeysPage::showRevokeError);

    connect(m_keysPage, &KeysPage::issueKeyRequested, m_controller, &Controller::issueKey);
    connect(m_keysPage, &KeysPage::revokeKeyRequested, m_controller, &Controller::revokeKey);
    connect(m_keysPage, &KeysPage::rotateKeyRequested, m_controller, &Controller::rotateKey);
    connect(m_controller, &Controller::keyRotateFailed, m_keysPage, &KeysPage::showRotateError);
    connect(m_keysPage, &KeysPage::refreshRequested, m_controller, &Controller::requestKeys);
    // Keys issued from the CLI or another console show up without a refresh.
    connect(m_controller, &Controller::keysChanged, m_controller, &Controller::requestKeys);
}

void MainWindow::startGateway()
{
    qCInfo(lcMainWindow) << "operator requested start";
    m_banner->dismiss();
    m_controller->start(m_config);
}

void MainWindow::stopGateway()
{
    qCInfo(lcMainWindow) << "operator requested stop";
    m_controller->stop();
}

void MainWindow::showState(Gateway::GatewayController::State state)
{
    using State = Gateway::GatewayController::State;

    m_startAction->setEnabled(state == State::Stopped);
    m_stopAction->setEnabled(state == State::Running);
}

void MainWindow::showStarted(const QString &listenUrl)
{
    m_banner->dismiss();
    m_statusWidget->setListenUrl(listenUrl);
    m_keysPage->setListenUrl(listenUrl);

    m_controller->requestTiers();
    m_controller->requestKeys();
    requestUsersAndTiers();
}

void MainWindow::showStartFailed(const QString &message)
{
    qCWarning(lcMainWindow).noquote() << "gateway failed to start:" << message;
    m_banner->showError(tr("The gateway did not start: %1").arg(message));
}

} // namespace Console
