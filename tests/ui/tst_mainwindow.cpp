// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"
#include "KeyListModel.h"
#include "KeysPage.h"
#include "LiveLogModel.h"
#include "LiveLogPage.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "StatusBarWidget.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::MainWindow;
using Console::MessageBanner;
using Console::StatusBarWidget;
using Gateway::GatewayController;

// The controller is never started here, except where a test expects start()
// to fail before it opens anything. The tests emit its signals directly.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsTitleAndPages();
    void pageListSwitchesPages();
    void logRowsReachLiveLog();
    void keySignalsReachKeysPage();
    void startedShowsListenUrl();
    void stateChangeTogglesActions();
    void upstreamHealthShowsInStatusBar();
    void statsShowInStatusBar();
    void startFailureShowsInline();
    void issueWhileStoppedShowsError();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_window->findChild<T *>(name);
        if (widget == nullptr)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }

    GatewayController *m_controller = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::init()
{
    m_controller = new GatewayController;
    Gateway::GatewayConfig config;
    config.listenPort = 18435;
    m_window = new MainWindow(m_controller, config);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_controller;
    m_controller = nullptr;
}

void TestMainWindow::showsTitleAndPages()
{
    QCOMPARE(m_window->windowTitle(), u"Soulfra Gateway"_s);

    auto *pages = child<QListWidget>(u"pageList"_s);
    QCOMPARE(pages->count(), 9);
    QCOMPARE(pages->item(0)->text(), u"Live Log"_s);
    QCOMPARE(pages->item(1)->text(), u"Keys"_s);
    QCOMPARE(pages->item(2)->text(), u"Users"_s);
    QCOMPARE(pages->item(3)->text(), u"Tiers"_s);
    QCOMPARE(pages->item(4)->text(), u"Events"_s);
    QCOMPARE(pages->item(5)->text(), u"Dashboard"_s);
    QCOMPARE(pages->item(6)->text(), u"User Usage"_s);
    QCOMPARE(pages->item(7)->text(), u"Model Usage"_s);
    QCOMPARE(pages->item(8)->text(), u"Insights"_s);
    QCOMPARE(pages->currentRow(), 0);
}

void TestMainWindow::pageListSwitchesPages()
{
    auto *pages = child<QListWidget>(u"pageList"_s);
    auto *stack = m_window->liveLogPage()->parentWidget();
    auto *stacked = qobject_cast<QStackedWidget *>(stack);
    QVERIFY(stacked != nullptr);
    QCOMPARE(stacked->currentWidget(), m_window->liveLogPage());

    pages->setCurrentRow(1);
    QCOMPARE(stacked->currentWidget(), m_window->keysPage());

    m_window->showPage(m_window->liveLogPage());
    QCOMPARE(pages->currentRow(), 0);
    QCOMPARE(stacked->currentWidget(), m_window->liveLogPage());
}

void TestMainWindow::logRowsReachLiveLog()
{
    Gateway::RequestLogEntry first;
    first.requestId = u"req-1"_s;
    Gateway::RequestLogEntry second;
    second.requestId = u"req-2"_s;

    Q_EMIT m_controller->requestsLogged({first, second});

    const Console::LiveLogModel *model = m_window->liveLogPage()->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->entryAt(0).requestId, u"req-2"_s);
}

void TestMainWindow::keySignalsReachKeysPage()
{
    Gateway::KeyRecord key;
    key.id = u"key_aaaaaaaa"_s;
    key.userName = u"alice"_s;
    key.tier = u"pro"_s;

    Q_EMIT m_controller->keysListed({key});
    Q_EMIT m_controller->tiersListed({u"free"_s, u"pro"_s});

    QCOMPARE(m_window->keysPage()->model()->rowCount(), 1);
    QCOMPARE(m_window->keysPage()->model()->keyAt(0).id, u"key_aaaaaaaa"_s);
    QCOMPARE(child<QComboBox>(u"issueTier"_s)->count(), 2);

    Gateway::IssuedKey issued;
    issued.record = key;
    issued.secret = "sk_live_testsecret0123456789"_ba;
    Q_EMIT m_controller->keyIssued(issued);
    QCOMPARE(child<QLineEdit>(u"issuedKeyEdit"_s)->text(), u"sk_live_testsecret0123456789"_s);

    Q_EMIT m_controller->keyRevokeFailed(u"key_aaaaaaaa"_s, u"database is locked"_s);
    QVERIFY(child<MessageBanner>(u"keysBanner"_s)->text().contains(u"database is locked"_s));
}

void TestMainWindow::startedShowsListenUrl()
{
    auto *status = child<StatusBarWidget>(u"statusBarWidget"_s);

    Q_EMIT m_controller->started(u"http://127.0.0.1:18499"_s);

    QVERIFY2(status->listenText().contains(u"http://127.0.0.1:18499"_s), qPrintable(status->listenText()));

    Gateway::IssuedKey issued;
    issued.record.id = u"key_aaaaaaaa"_s;
    issued.secret = "sk_live_testsecret0123456789"_ba;
    Q_EMIT m_controller->keyIssued(issued);
    QVERIFY(child<QPlainTextEdit>(u"issuedKeySnippet"_s)->toPlainText().contains(u"http://127.0.0.1:18499/api/tags"_s));
}

void TestMainWindow::stateChangeTogglesActions()
{
    auto *start = child<QAction>(u"startAction"_s);
    auto *stop = child<QAction>(u"stopAction"_s);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());

    using State = GatewayController::State;
    Q_EMIT m_controller->stateChanged(State::Starting);
    QVERIFY(!start->isEnabled());
    QVERIFY(!stop->isEnabled());

    Q_EMIT m_controller->stateChanged(State::Running);
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());

    Q_EMIT m_controller->stateChanged(State::Stopping);
    QVERIFY(!start->isEnabled());
    QVERIFY(!stop->isEnabled());

    Q_EMIT m_controller->stateChanged(State::Stopped);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(!child<StatusBarWidget>(u"statusBarWidget"_s)->listenText().contains(u"http"_s));
}

void TestMainWindow::upstreamHealthShowsInStatusBar()
{
    auto *status = child<StatusBarWidget>(u"statusBarWidget"_s);
    QCOMPARE(status->upstreamHealth(), StatusBarWidget::Health::Unknown);

    Q_EMIT m_controller->upstreamHealthChanged(true, u"0.5.7"_s, QString());
    QCOMPARE(status->upstreamHealth(), StatusBarWidget::Health::Reachable);
    QCOMPARE(status->upstreamText(), u"Ollama 0.5.7 reachable"_s);

    const QString error = u"Connection refused <b>now</b>"_s;
    Q_EMIT m_controller->upstreamHealthChanged(false, QString(), error);
    QCOMPARE(status->upstreamHealth(), StatusBarWidget::Health::Unreachable);
    QCOMPARE(status->upstreamText(), u"Ollama unreachable: "_s + error);
    auto *label = child<QLabel>(u"upstreamLabel"_s);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QCOMPARE(label->text(), u"Ollama unreachable: "_s + error);
}

void TestMainWindow::statsShowInStatusBar()
{
    Gateway::GatewayStats stats;
    stats.requestsPerSecond = 12.5;
    stats.inFlight = 3;

    Q_EMIT m_controller->statsUpdated(stats);

    const QString text = child<StatusBarWidget>(u"statusBarWidget"_s)->statsText();
    QVERIFY2(text.contains(QLocale().toString(12.5, 'f', 1)), qPrintable(text));
    QVERIFY2(text.contains(u"3 in flight"_s), qPrintable(text));
}

void TestMainWindow::startFailureShowsInline()
{
    // An upstream URL that start() rejects before it opens storage or a port.
    Gateway::GatewayConfig config;
    config.upstream = QUrl(u"ftp://127.0.0.1:21"_s);
    MainWindow window(m_controller, config);
    window.show();
    QSignalSpy failed(m_controller, &GatewayController::startFailed);

    window.findChild<QAction *>(u"startAction"_s)->trigger();

    QTRY_COMPARE(failed.size(), 1);
    auto *banner = window.findChild<MessageBanner *>(u"windowBanner"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
    QVERIFY2(banner->text().contains(failed.at(0).at(0).toString()), qPrintable(banner->text()));
    QVERIFY(window.findChild<QMessageBox *>() == nullptr);
    QVERIFY(window.findChild<QAction *>(u"startAction"_s)->isEnabled());
}

void TestMainWindow::issueWhileStoppedShowsError()
{
    m_window->showPage(m_window->keysPage());
    Q_EMIT m_controller->tiersListed({u"free"_s});
    QTest::keyClicks(child<QLineEdit>(u"issueUserName"_s), u"alice"_s);
    QSignalSpy failed(m_controller, &GatewayController::keyIssueFailed);

    QTest::mouseClick(child<QPushButton>(u"issueButton"_s), Qt::LeftButton);

    QTRY_COMPARE(failed.size(), 1);
    auto *banner = child<MessageBanner>(u"keysBanner"_s);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(failed.at(0).at(0).toString()));
    QVERIFY(child<QPushButton>(u"issueButton"_s)->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
