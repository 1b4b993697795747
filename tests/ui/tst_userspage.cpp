// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsersPage.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using Console::UsersPage;
using Gateway::KeyRecord;
using Gateway::TierRecord;
using Gateway::UserRecord;

namespace {

QList<TierRecord> tiers()
{
    TierRecord free;
    free.name = u"free"_s;
    TierRecord pro;
    pro.name = u"pro"_s;
    return {free, pro};
}

UserRecord user(const QString &name, const QString &tier, const QString &email = {})
{
    UserRecord record;
    record.name = name;
    record.tier = tier;
    record.email = email;
    return record;
}

QList<UserRecord> users()
{
    UserRecord carol = user(u"carol"_s, u"pro"_s, u"carol@example.com"_s);
    carol.callsPerDay = UserRecord::unlimitedOverride;
    return {user(u"alice"_s, u"pro"_s, u"alice@example.com"_s), user(u"bob"_s, u"free"_s), carol};
}

} // namespace

class TestUsersPage final : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    T *child(UsersPage &page, const QString &name)
    {
        T *widget = page.findChild<T *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    void prepare(UsersPage &page)
    {
        page.setTiers(tiers());
        page.setUsers(users());
    }

private Q_SLOTS:
    void searchFiltersEveryColumn()
    {
        UsersPage page;
        prepare(page);
        auto *table = child<QTableView>(page, u"userTable"_s);
        QCOMPARE(table->model()->rowCount(), 3);

        child<QLineEdit>(page, u"userSearch"_s)->setText(u"FREE"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), u"bob"_s);

        child<QLineEdit>(page, u"userSearch"_s)->setText(u"example.com"_s);
        QCOMPARE(table->model()->rowCount(), 2);
        child<QLineEdit>(page, u"userSearch"_s)->setText(u"nobody"_s);
        QCOMPARE(table->model()->rowCount(), 0);
    }

    void selectingUserShowsDetailKeysAndUsage()
    {
        UsersPage page;
        prepare(page);
        Gateway::UsageSnapshot snapshot;
        snapshot.limits.tier = u"pro"_s;
        snapshot.limits.callsPerDay = 10;
        snapshot.callsToday = 3;
        snapshot.generationsThisMonth = 7;
        QString askedFor;
        page.setUsageProvider([&](const QString &name) {
            askedFor = name;
            return snapshot;
        });

        KeyRecord key;
        key.id = u"key_abc12345"_s;
        key.userName = u"alice"_s;
        key.tier = u"pro"_s;
        key.hint = u"sk_live_4f2a"_s;
        KeyRecord other = key;
        other.id = u"key_other999"_s;
        other.userName = u"bob"_s;
        page.setKeys({key, other});

        page.selectUser(u"alice"_s);
        QCOMPARE(page.selectedUserName(), u"alice"_s);
        QCOMPARE(child<QLineEdit>(page, u"userName"_s)->text(), u"alice"_s);
        QCOMPARE(child<QComboBox>(page, u"userTier"_s)->currentText(), u"pro"_s);
        QCOMPARE(child<QLineEdit>(page, u"userEmail"_s)->text(), u"alice@example.com"_s);

        auto *keys = child<QListWidget>(page, u"userKeys"_s);
        QCOMPARE(keys->count(), 1);
        QVERIFY(keys->item(0)->text().startsWith(u"key_abc12345"_s));

        QCOMPARE(askedFor, u"alice"_s);
        auto *calls = child<QProgressBar>(page, u"usageBar0"_s);
        QCOMPARE(calls->maximum(), 10);
        QCOMPARE(calls->value(), 3);
        QCOMPARE(calls->format(), u"3 of 10"_s);
        QCOMPARE(child<QProgressBar>(page, u"usageBar1"_s)->format(), u"7 (unlimited)"_s);
    }

    void overridesLoadAndSave()
    {
        UsersPage page;
        prepare(page);
        page.selectUser(u"carol"_s);
        QCOMPARE(child<QLineEdit>(page, u"userOverride0"_s)->text(), u"unlimited"_s);
        QCOMPARE(child<QLineEdit>(page, u"userOverride1"_s)->text(), QString());

        QSignalSpy saved(&page, &UsersPage::saveUserRequested);
        child<QLineEdit>(page, u"userOverride0"_s)->clear();
        child<QLineEdit>(page, u"userOverride1"_s)->setText(u"40"_s);
        child<QLineEdit>(page, u"userModels"_s)->setText(u"llama3.2"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveUserButton"_s), Qt::LeftButton);

        QCOMPARE(saved.size(), 1);
        const UserRecord carol = saved.first().first().value<UserRecord>();
        QCOMPARE(carol.name, u"carol"_s);
        QVERIFY(!carol.callsPerDay);
        QCOMPARE(carol.generationsPerMonth, std::optional<qint64>(40));
        QCOMPARE(carol.modelPatterns, QStringList{u"llama3.2"_s});
    }

    void invalidInputShowsErrorAndSavesNothing_data()
    {
        QTest::addColumn<QString>("objectName");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");

        QTest::newRow("override word") << u"userOverride2"_s << u"many"_s << u"Brands per month: \"many\""_s;
        QTest::newRow("email") << u"userEmail"_s << u"not an address"_s << u"Email: \"not an address\""_s;
        QTest::newRow("model") << u"userModels"_s << u"bad model!"_s << u"Models: \"bad model!\""_s;
    }

    void invalidInputShowsErrorAndSavesNothing()
    {
        QFETCH(QString, objectName);
        QFETCH(QString, value);
        QFETCH(QString, message);

        UsersPage page;
        prepare(page);
        page.selectUser(u"bob"_s);
        QSignalSpy saved(&page, &UsersPage::saveUserRequested);
        child<QLineEdit>(page, objectName)->setText(value);
        QTest::mouseClick(child<QPushButton>(page, u"saveUserButton"_s), Qt::LeftButton);

        QCOMPARE(saved.size(), 0);
        const QString error = child<QLabel>(page, u"userError"_s)->text();
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    void newUserCreatedWithTier()
    {
        UsersPage page;
        prepare(page);
        QSignalSpy saved(&page, &UsersPage::saveUserRequested);
        QTest::mouseClick(child<QPushButton>(page, u"newUserButton"_s), Qt::LeftButton);

        child<QLineEdit>(page, u"userName"_s)->setText(u"bob"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveUserButton"_s), Qt::LeftButton);
        QVERIFY(child<QLabel>(page, u"userError"_s)->text().contains(u"a user named bob exists"_s));

        child<QLineEdit>(page, u"userName"_s)->setText(u"dana"_s);
        child<QComboBox>(page, u"userTier"_s)->setCurrentText(u"free"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveUserButton"_s), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        const UserRecord dana = saved.first().first().value<UserRecord>();
        QCOMPARE(dana.name, u"dana"_s);
        QCOMPARE(dana.tier, u"free"_s);
        QCOMPARE(dana.status, u"active"_s);
    }

    void suspendTogglesStatus()
    {
        UsersPage page;
        prepare(page);
        auto *suspend = child<QPushButton>(page, u"suspendUserButton"_s);
        QVERIFY(!suspend->isEnabled());

        page.selectUser(u"bob"_s);
        QVERIFY(suspend->isEnabled());
        QSignalSpy saved(&page, &UsersPage::saveUserRequested);
        QTest::mouseClick(suspend, Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().value<UserRecord>().status, u"suspended"_s);
        QCOMPARE(saved.first().first().value<UserRecord>().tier, u"free"_s);

        QList<UserRecord> changed = users();
        changed[1].status = u"suspended"_s;
        page.setUsers(changed);
        QCOMPARE(page.selectedUserName(), u"bob"_s);
        QVERIFY(suspend->text().contains(u"Acti"_s));
    }

    void dataButtonsNeedSelectedUser()
    {
        UsersPage page;
        prepare(page);
        auto *exportButton = child<QPushButton>(page, u"exportUserDataButton"_s);
        auto *deleteButton = child<QPushButton>(page, u"deleteUserDataButton"_s);
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(!deleteButton->isEnabled());

        page.selectUser(u"bob"_s);
        QVERIFY(exportButton->isEnabled());
        QVERIFY(deleteButton->isEnabled());

        page.showUserDataDeleted(u"bob"_s, 12);
        QVERIFY(!exportButton->isEnabled());
        QVERIFY(!deleteButton->isEnabled());
    }

    void deleteAsksBeforeRequesting()
    {
        UsersPage page;
        prepare(page);
        KeyRecord key;
        key.id = u"key1"_s;
        key.userName = u"alice"_s;
        page.setKeys({key});
        page.selectUser(u"alice"_s);
        QSignalSpy requested(&page, &UsersPage::deleteUserDataRequested);

        // Cancel first, then confirm: only the confirmed click requests.
        for (const bool confirm : {false, true}) {
            QString question;
            QTimer::singleShot(0, &page, [&question, confirm] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                question = box->text() + u' ' + box->informativeText();
                for (QAbstractButton *button : box->buttons()) {
                    const bool destructive = box->buttonRole(button) == QMessageBox::DestructiveRole;
                    if (destructive == confirm) {
                        button->click();
                        return;
                    }
                }
            });
            child<QPushButton>(page, u"deleteUserDataButton"_s)->click();
            QVERIFY2(question.contains(u"Delete user alice with all their data?"_s), qPrintable(question));
            QVERIFY2(question.contains(u"1 key"_s), qPrintable(question));
            QVERIFY2(question.contains(u"request log"_s), qPrintable(question));
            QCOMPARE(requested.size(), confirm ? 1 : 0);
        }
        QCOMPARE(requested.first().first().toString(), u"alice"_s);
    }
};

QTEST_MAIN(TestUsersPage)
#include "tst_userspage.moc"
