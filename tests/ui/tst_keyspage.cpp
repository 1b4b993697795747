// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyListModel.h"
#include "KeysPage.h"
#include "MessageBanner.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::KeyListModel;
using Console::KeysPage;
using Console::MessageBanner;
using Gateway::IssuedKey;
using Gateway::KeyRecord;

namespace {

const QByteArray secret = "sk_live_Q2hhbmdlTWVPbmx5T25jZQ4f2a9c"_ba;

KeyRecord makeKey(const QString &id, const QString &user, const QString &tier)
{
    KeyRecord key;
    key.id = id;
    key.userName = user;
    key.tier = tier;
    key.hint = u"sk_live_4f2a\u2026"_s;
    key.label = u"laptop"_s;
    key.createdAt = QDateTime(QDate(2025, 3, 1), QTime(9, 30), Qt::UTC);
    return key;
}

IssuedKey makeIssuedKey()
{
    IssuedKey issued;
    issued.record = makeKey(u"key_new12345"_s, u"alice"_s, u"pro"_s);
    issued.secret = secret;
    return issued;
}

} // namespace

class TestKeysPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keysListedFillsTable();
    void revokedKeyShowsDateAndCannotBeRevoked();
    void tiersFillTierCombo();
    void issueFormEmitsRequest();
    void issueButtonNeedsUserAndTier();
    void issueFormRejectsInvalidUserName();
    void issuedKeyIsShownOnce();
    void copyButtonPutsKeyOnClipboard();
    void snippetUsesListenUrl();
    void issuedKeyRequestsRefreshAndIsSelected();
    void issueErrorShowsInline();
    void revokeAsksForConfirmation();
    void revokeCancelDoesNothing();
    void rotateAsksForConfirmation();
    void revokedKeyRefreshesList();
    void revokeErrorShowsInline();
    void userNameHtmlShownLiterally();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (widget == nullptr)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }

    void selectRow(int row);
    QMessageBox *openRevokeConfirmation();
    bool anyChildShows(const QByteArray &text) const;

    KeysPage *m_page = nullptr;
};

void TestKeysPage::init()
{
    m_page = new KeysPage;
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestKeysPage::cleanup()
{
    delete m_page;
    m_page = nullptr;
}

void TestKeysPage::selectRow(int row)
{
    auto *table = child<QTableView>(u"keysTable"_s);
    table->selectRow(row);
}

QMessageBox *TestKeysPage::openRevokeConfirmation()
{
    QTest::mouseClick(child<QPushButton>(u"revokeKeyButton"_s), Qt::LeftButton);
    QMessageBox *box = nullptr;
    [&box, this] { QTRY_VERIFY((box = m_page->findChild<QMessageBox *>(u"revokeConfirmation"_s)) != nullptr); }();
    return box;
}

bool TestKeysPage::anyChildShows(const QByteArray &text) const
{
    const QString needle = QString::fromLatin1(text);
    for (const QLineEdit *edit : m_page->findChildren<QLineEdit *>()) {
        if (edit->text().contains(needle))
            return true;
    }
    for (const QPlainTextEdit *edit : m_page->findChildren<QPlainTextEdit *>()) {
        if (edit->toPlainText().contains(needle))
            return true;
    }
    for (const QLabel *label : m_page->findChildren<QLabel *>()) {
        if (label->text().contains(needle))
            return true;
    }
    return false;
}

void TestKeysPage::keysListedFillsTable()
{
    KeyRecord expiring = makeKey(u"key_bbbbbbbb"_s, u"bob"_s, u"free"_s);
    expiring.expiresAt = QDateTime(QDate(2025, 4, 1), QTime(0, 0), Qt::UTC);
    expiring.lastUsedAt = QDateTime(QDate(2025, 3, 2), QTime(8, 0), Qt::UTC);
    expiring.isOperator = true;

    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s), expiring});

    auto *table = child<QTableView>(u"keysTable"_s);
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), int(KeyListModel::ColumnCount));

    const KeyListModel *keys = m_page->model();
    const auto cell = [keys](int row, int column) { return keys->index(row, column).data().toString(); };
    QCOMPARE(cell(0, KeyListModel::IdColumn), u"key_aaaaaaaa"_s);
    QCOMPARE(cell(0, KeyListModel::UserColumn), u"alice"_s);
    QCOMPARE(cell(0, KeyListModel::TierColumn), u"pro"_s);
    QCOMPARE(cell(0, KeyListModel::HintColumn), u"sk_live_4f2a\u2026"_s);
    QCOMPARE(cell(0, KeyListModel::LabelColumn), u"laptop"_s);
    QCOMPARE(cell(0, KeyListModel::CreatedColumn),
             makeKey({}, {}, {}).createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
    QCOMPARE(cell(0, KeyListModel::ExpiresColumn), u"never"_s);
    QCOMPARE(cell(0, KeyListModel::RevokedColumn), QString());
    QCOMPARE(cell(0, KeyListModel::LastUsedColumn), u"never"_s);
    QCOMPARE(cell(0, KeyListModel::OperatorColumn), QString());

    QCOMPARE(cell(1, KeyListModel::ExpiresColumn), expiring.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
    QCOMPARE(cell(1, KeyListModel::LastUsedColumn), expiring.lastUsedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
    QCOMPARE(cell(1, KeyListModel::OperatorColumn), u"yes"_s);

    // A second list replaces the first.
    m_page->setKeys({makeKey(u"key_cccccccc"_s, u"carol"_s, u"free"_s)});
    QCOMPARE(model->rowCount(), 1);
}

void TestKeysPage::revokedKeyShowsDateAndCannotBeRevoked()
{
    KeyRecord revoked = makeKey(u"key_rrrrrrrr"_s, u"bob"_s, u"free"_s);
    revoked.revokedAt = QDateTime(QDate(2025, 3, 3), QTime(10, 0), Qt::UTC);
    m_page->setKeys({revoked});

    QCOMPARE(m_page->model()->index(0, KeyListModel::RevokedColumn).data().toString(),
             revoked.revokedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s));
    selectRow(0);
    QVERIFY(!child<QPushButton>(u"revokeKeyButton"_s)->isEnabled());
}

void TestKeysPage::tiersFillTierCombo()
{
    auto *tier = child<QComboBox>(u"issueTier"_s);
    QCOMPARE(tier->count(), 0);

    m_page->setTiers({u"free"_s, u"pro"_s, u"enterprise"_s});
    QCOMPARE(tier->count(), 3);
    QCOMPARE(tier->currentText(), u"free"_s);

    // A refreshed list keeps the operator's choice when it still exists.
    tier->setCurrentIndex(1);
    m_page->setTiers({u"free"_s, u"pro_trial"_s, u"pro"_s});
    QCOMPARE(tier->currentText(), u"pro"_s);
}

void TestKeysPage::issueFormEmitsRequest()
{
    m_page->setTiers({u"free"_s, u"pro"_s});
    QSignalSpy requested(m_page, &KeysPage::issueKeyRequested);

    QTest::keyClicks(child<QLineEdit>(u"issueUserName"_s), u"alice@example.org"_s);
    child<QComboBox>(u"issueTier"_s)->setCurrentIndex(1);
    child<QCheckBox>(u"issueOperator"_s)->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(u"issueLabel"_s), u"  build server  "_s);
    QTest::mouseClick(child<QPushButton>(u"issueButton"_s), Qt::LeftButton);

    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), u"alice@example.org"_s);
    QCOMPARE(requested.at(0).at(1).toString(), u"pro"_s);
    QCOMPARE(requested.at(0).at(2).toBool(), true);
    QCOMPARE(requested.at(0).at(3).toString(), u"build server"_s);

    // A second click while the request is on its way issues nothing more.
    QVERIFY(!child<QPushButton>(u"issueButton"_s)->isEnabled());
    QTest::mouseClick(child<QPushButton>(u"issueButton"_s), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
}

void TestKeysPage::issueButtonNeedsUserAndTier()
{
    auto *button = child<QPushButton>(u"issueButton"_s);
    auto *user = child<QLineEdit>(u"issueUserName"_s);
    QVERIFY(!button->isEnabled());

    QTest::keyClicks(user, u"alice"_s);
    QVERIFY(!button->isEnabled()); // no tiers loaded yet

    m_page->setTiers({u"free"_s});
    QVERIFY(button->isEnabled());

    user->clear();
    QVERIFY(!button->isEnabled());
}

void TestKeysPage::issueFormRejectsInvalidUserName()
{
    auto *user = child<QLineEdit>(u"issueUserName"_s);

    QTest::keyClicks(user, u"al ice<b>;"_s);
    QCOMPARE(user->text(), u"aliceb"_s);

    user->clear();
    QTest::keyClicks(user, QString(100, u'a'));
    QCOMPARE(user->text().size(), 64);
}

void TestKeysPage::issuedKeyIsShownOnce()
{
    auto *panel = child<QWidget>(u"issuedKeyPanel"_s);
    QVERIFY(!panel->isVisible());

    m_page->showIssuedKey(makeIssuedKey());

    QVERIFY(panel->isVisible());
    QCOMPARE(child<QLineEdit>(u"issuedKeyEdit"_s)->text(), QString::fromLatin1(secret));
    QVERIFY(child<QLineEdit>(u"issuedKeyEdit"_s)->isReadOnly());
    QVERIFY(child<QLabel>(u"issuedKeyTitle"_s)->text().contains(u"key_new12345"_s));

    QTest::mouseClick(child<QPushButton>(u"issuedKeyDoneButton"_s), Qt::LeftButton);

    QVERIFY(!panel->isVisible());
    QVERIFY(!anyChildShows(secret));
    QCOMPARE(child<QLineEdit>(u"issuedKeyEdit"_s)->text(), QString());
    QCOMPARE(child<QPlainTextEdit>(u"issuedKeySnippet"_s)->toPlainText(), QString());
}

void TestKeysPage::copyButtonPutsKeyOnClipboard()
{
    QGuiApplication::clipboard()->clear();
    m_page->showIssuedKey(makeIssuedKey());

    QTest::mouseClick(child<QPushButton>(u"copyKeyButton"_s), Qt::LeftButton);

    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(secret));
    QVERIFY(!child<QLabel>(u"issuedKeyCopyStatus"_s)->text().isEmpty());
}

void TestKeysPage::snippetUsesListenUrl()
{
    m_page->setListenUrl(u"http://127.0.0.1:18080"_s);
    m_page->showIssuedKey(makeIssuedKey());

    const QString snippet = child<QPlainTextEdit>(u"issuedKeySnippet"_s)->toPlainText();
    QVERIFY2(snippet.contains(u"curl http://127.0.0.1:18080/api/tags"_s), qPrintable(snippet));
    QVERIFY2(snippet.contains(u"Authorization: Bearer "_s + QString::fromLatin1(secret)), qPrintable(snippet));

    // A URL known only after the key appeared (the gateway started later) updates the snippet.
    m_page->setListenUrl(u"http://[::1]:18081"_s);
    QVERIFY(child<QPlainTextEdit>(u"issuedKeySnippet"_s)->toPlainText().contains(u"curl http://[::1]:18081/api/tags"_s));

    QTest::mouseClick(child<QPushButton>(u"copySnippetButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), child<QPlainTextEdit>(u"issuedKeySnippet"_s)->toPlainText());
}

void TestKeysPage::issuedKeyRequestsRefreshAndIsSelected()
{
    m_page->setTiers({u"pro"_s});
    QTest::keyClicks(child<QLineEdit>(u"issueUserName"_s), u"alice"_s);
    QTest::mouseClick(child<QPushButton>(u"issueButton"_s), Qt::LeftButton);
    QSignalSpy refresh(m_page, &KeysPage::refreshRequested);

    const IssuedKey issued = makeIssuedKey();
    m_page->showIssuedKey(issued);

    QCOMPARE(refresh.size(), 1);
    QCOMPARE(child<QLineEdit>(u"issueUserName"_s)->text(), QString()); // ready for the next key
    QVERIFY(!child<QPushButton>(u"issueButton"_s)->isEnabled());          // no user name yet

    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"bob"_s, u"free"_s), issued.record});
    const QModelIndexList selected = child<QTableView>(u"keysTable"_s)->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().siblingAtColumn(KeyListModel::IdColumn).data().toString(), u"key_new12345"_s);

    // The list never carries the secret.
    QVERIFY(child<QLineEdit>(u"issuedKeyEdit"_s)->text() == QString::fromLatin1(secret));
    for (int row = 0; row < m_page->model()->rowCount(); ++row) {
        for (int column = 0; column < m_page->model()->columnCount(); ++column)
            QVERIFY(!m_page->model()->index(row, column).data().toString().contains(QString::fromLatin1(secret)));
    }
}

void TestKeysPage::issueErrorShowsInline()
{
    m_page->setTiers({u"pro"_s});
    QTest::keyClicks(child<QLineEdit>(u"issueUserName"_s), u"alice"_s);
    QTest::mouseClick(child<QPushButton>(u"issueButton"_s), Qt::LeftButton);
    QVERIFY(!child<QPushButton>(u"issueButton"_s)->isEnabled());

    m_page->showIssueError(u"unknown tier \"gold\"; known tiers: free, pro"_s);

    auto *banner = child<MessageBanner>(u"keysBanner"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
    QVERIFY(banner->text().contains(u"unknown tier \"gold\""_s));
    QVERIFY(m_page->findChild<QMessageBox *>() == nullptr);

    // The input stays so the operator can correct it and retry.
    QCOMPARE(child<QLineEdit>(u"issueUserName"_s)->text(), u"alice"_s);
    QVERIFY(child<QPushButton>(u"issueButton"_s)->isEnabled());
}

void TestKeysPage::revokeAsksForConfirmation()
{
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s), makeKey(u"key_bbbbbbbb"_s, u"bob"_s, u"free"_s)});
    QSignalSpy revoke(m_page, &KeysPage::revokeKeyRequested);
    auto *table = child<QTableView>(u"keysTable"_s);
    const int bobRow = table->model()->index(0, KeyListModel::UserColumn).data().toString() == u"bob"_s ? 0 : 1;
    selectRow(bobRow);
    QVERIFY(child<QPushButton>(u"revokeKeyButton"_s)->isEnabled());

    QMessageBox *box = openRevokeConfirmation();
    QVERIFY(box->text().contains(u"key_bbbbbbbb"_s));
    QVERIFY(box->text().contains(u"bob"_s));
    QCOMPARE(revoke.size(), 0);

    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmRevokeButton"_s), Qt::LeftButton);

    QCOMPARE(revoke.size(), 1);
    QCOMPARE(revoke.at(0).at(0).toString(), u"key_bbbbbbbb"_s);
    QVERIFY(!child<QPushButton>(u"revokeKeyButton"_s)->isEnabled()); // until the gateway reports the result
}

void TestKeysPage::rotateAsksForConfirmation()
{
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s)});
    QSignalSpy rotate(m_page, &KeysPage::rotateKeyRequested);
    selectRow(0);
    auto *button = child<QPushButton>(u"rotateKeyButton"_s);
    QVERIFY(button->isEnabled());

    QTest::mouseClick(button, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_page->findChild<QMessageBox *>(u"rotateConfirmation"_s)) != nullptr);
    QVERIFY(box->text().contains(u"key_aaaaaaaa"_s));
    QCOMPARE(rotate.size(), 0);

    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmRotateButton"_s), Qt::LeftButton);
    QCOMPARE(rotate.size(), 1);
    QCOMPARE(rotate.at(0).at(0).toString(), u"key_aaaaaaaa"_s);
    QCOMPARE(rotate.at(0).at(1).toInt(), 24 * 3600);
}

void TestKeysPage::revokeCancelDoesNothing()
{
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s)});
    QSignalSpy revoke(m_page, &KeysPage::revokeKeyRequested);
    selectRow(0);

    QMessageBox *box = openRevokeConfirmation();
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);

    QCOMPARE(revoke.size(), 0);
    QVERIFY(child<QPushButton>(u"revokeKeyButton"_s)->isEnabled());
}

void TestKeysPage::revokedKeyRefreshesList()
{
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s)});
    selectRow(0);
    QMessageBox *box = openRevokeConfirmation();
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmRevokeButton"_s), Qt::LeftButton);
    QSignalSpy refresh(m_page, &KeysPage::refreshRequested);

    m_page->showKeyRevoked(u"key_aaaaaaaa"_s);

    QCOMPARE(refresh.size(), 1);
    auto *banner = child<MessageBanner>(u"keysBanner"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->kind(), MessageBanner::Kind::Information);
    QVERIFY(banner->text().contains(u"key_aaaaaaaa"_s));
}

void TestKeysPage::revokeErrorShowsInline()
{
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, u"alice"_s, u"pro"_s)});
    selectRow(0);
    QMessageBox *box = openRevokeConfirmation();
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmRevokeButton"_s), Qt::LeftButton);

    m_page->showRevokeError(u"key_aaaaaaaa"_s, u"database is locked"_s);

    auto *banner = child<MessageBanner>(u"keysBanner"_s);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
    QVERIFY(banner->text().contains(u"database is locked"_s));
    QVERIFY(child<QPushButton>(u"revokeKeyButton"_s)->isEnabled()); // the operator may retry
}

void TestKeysPage::userNameHtmlShownLiterally()
{
    const QString html = u"<b>mallory</b><img src=x>"_s;
    m_page->setKeys({makeKey(u"key_aaaaaaaa"_s, html, u"pro"_s)});
    selectRow(0);

    QMessageBox *box = openRevokeConfirmation();
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(html));
    box->reject();

    m_page->showIssueError(html);
    auto *bannerText = child<QLabel>(u"bannerText"_s);
    QCOMPARE(bannerText->textFormat(), Qt::PlainText);
    QVERIFY(bannerText->text().contains(html));
}

QTEST_MAIN(TestKeysPage)
#include "tst_keyspage.moc"
