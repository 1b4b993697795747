// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "KeysPage.h"
#include "LiveLogPage.h"
#include "MessageBanner.h"
#include "StatusBarWidget.h"

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

    connectController();
    connectKeysPage();
    showState(m_controller->state());
    if (m_controller->state() == Gateway::GatewayController::State::Running) {
        m_controller->requestTiers();
        m_controller->requestKeys();
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
}

void MainWindow::showStartFailed(const QString &message)
{
    qCWarning(lcMainWindow).noquote() << "gateway failed to start:" << message;
    m_banner->showError(tr("The gateway did not start: %1").arg(message));
}

} // namespace Console
