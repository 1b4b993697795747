// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageChartView.h"
#include "UsageFixture.h"
#include "UsageRangeSelector.h"
#include "UsageService.h"
#include "UserUsagePage.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::UserUsagePage;

namespace {

// "Now" in every test: 20 March 2026, 12:30 UTC.
const QDateTime now(QDate(2026, 3, 20), QTime(12, 30), QTimeZone::utc());

QDateTime hourOf(int day, int hour)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 0), QTimeZone::utc());
}

// Requests of alice with model m<i> (i = 1..10) on 18 + day (day = 0..2):
// (11 - i) * 10 + day, so m1 is the busiest and m9, m10 the two smallest.
qint64 requestsOf(int model, int day)
{
    return (11 - model) * 10 + day;
}

} // namespace

class TestUserUsagePage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<UsageFixture> m_fixture;
    std::unique_ptr<Gateway::UsageService> m_service;

    template<typename T>
    T *child(QWidget &page, const QString &name)
    {
        T *widget = page.findChild<T *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }

    // A page on the three days 18 to 20 March, showing user.
    std::unique_ptr<UserUsagePage> openPage(const QString &user)
    {
        auto page = std::make_unique<UserUsagePage>(m_service.get(), nullptr);
        page->setClock([] { return now; });
        page->rangeSelector()->setCustomRange(QDate(2026, 3, 18), QDate(2026, 3, 20));
        // Results of earlier refreshes (the range change) are dropped, so
        // the next signal is the user's.
        QSignalSpy refreshed(page.get(), &UserUsagePage::refreshed);
        page->selectUser(user);
        if (!refreshed.wait(10000))
            qWarning("the page did not refresh for %s", qPrintable(user));
        return page;
    }

    QStackedBarSeries *stackedSeries(UserUsagePage &page)
    {
        const auto series = page.chartView()->chart()->series();
        return series.isEmpty() ? nullptr : qobject_cast<QStackedBarSeries *>(series.first());
    }

    QProgressBar *limitBar(UserUsagePage &page, const QString &limit)
    {
        for (QProgressBar *bar : page.findChildren<QProgressBar *>())
            if (bar->property("limit").toString() == limit)
                return bar;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixture = std::make_unique<UsageFixture>(m_dir.filePath(u"data"_s));
        QVERIFY(m_fixture->isValid());
        QVERIFY(m_fixture->addUser(u"alice"_s, u"pro"_s));
        QVERIFY(m_fixture->addUser(u"bob"_s, u"free"_s));
        QVERIFY(m_fixture->addUser(u"quiet"_s, u"free"_s));

        for (int model = 1; model <= 10; ++model) {
            for (int day = 0; day < 3; ++day) {
                UsageFixture::Sample sample;
                sample.hour = hourOf(18 + day, 10);
                sample.user = u"alice"_s;
                sample.model = u"m%1"_s.arg(model);
                sample.tier = u"pro"_s;
                sample.requests = requestsOf(model, day);
                sample.generations = 1;
                sample.promptTokens = 5;
                sample.completionTokens = 7;
                QVERIFY(m_fixture->add(sample));
            }
        }
        // bob: 900 calls today, 3 of them rejected by a limit, which do not count.
        UsageFixture::Sample bob;
        bob.hour = hourOf(20, 9);
        bob.user = u"bob"_s;
        bob.model = u"m1"_s;
        bob.tier = u"free"_s;
        bob.requests = 900;
        bob.limitErrors = 3;
        bob.generations = 40;
        QVERIFY(m_fixture->add(bob));
        // Earlier in March, so in bob's month but not in his day.
        bob.hour = hourOf(2, 9);
        bob.requests = 10;
        bob.limitErrors = 0;
        bob.generations = 25;
        QVERIFY(m_fixture->add(bob));

        m_service = std::make_unique<Gateway::UsageService>(m_fixture->config());
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_fixture.reset();
    }

    void stackedSeriesHoldsTopModelsAndOther()
    {
        auto page = openPage(u"alice"_s);
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        QCOMPARE(series->count(), UserUsagePage::maxModels + 1);

        const auto sets = series->barSets();
        for (int model = 1; model <= 8; ++model) {
            const QBarSet *set = sets[model - 1];
            QCOMPARE(set->label(), u"m%1"_s.arg(model));
            QCOMPARE(set->count(), 3);
            for (int day = 0; day < 3; ++day)
                QCOMPARE(qint64(set->at(day)), requestsOf(model, day));
        }
        const QBarSet *other = sets.last();
        QCOMPARE(other->label(), u"Other"_s);
        for (int day = 0; day < 3; ++day)
            QCOMPARE(qint64(other->at(day)), requestsOf(9, day) + requestsOf(10, day));

        // One category per day of the range.
        QCOMPARE(page->chartView()->categoryAxis()->count(), 3);
    }

    void metricSwitchesValuesWithoutQuery()
    {
        auto page = openPage(u"alice"_s);
        auto *metric = child<QComboBox>(*page, u"metricCombo"_s);
        metric->setCurrentIndex(metric->findText(u"Tokens (prompt and completion)"_s));
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        // Every model has 12 tokens a day; ties are ordered by name.
        QCOMPARE(series->barSets().first()->label(), u"m1"_s);
        QCOMPARE(series->barSets().first()->at(0), 12.0);
        QCOMPARE(series->barSets().last()->label(), u"Other"_s);
        QCOMPARE(series->barSets().last()->at(2), 24.0);
    }

    void limitBarsShowUsedAndAllowed()
    {
        auto page = openPage(u"bob"_s);
        const QLocale locale;

        QProgressBar *calls = limitBar(*page, u"calls_per_day"_s);
        QVERIFY(calls);
        QCOMPARE(calls->maximum(), 1000);
        QCOMPARE(calls->value(), 897);
        QCOMPARE(calls->format(), u"%1 of %2"_s.arg(locale.toString(897), locale.toString(1000)));

        QProgressBar *generations = limitBar(*page, u"generations_per_month"_s);
        QVERIFY(generations);
        QCOMPARE(generations->maximum(), 100);
        QCOMPARE(generations->value(), 65);

        // The free tier has no token limit.
        QProgressBar *tokens = limitBar(*page, u"tokens_per_day"_s);
        QVERIFY(tokens);
        QVERIFY(tokens->format().contains(u"unlimited"_s));
    }

    void unlimitedLimitShowsUnlimited()
    {
        auto page = openPage(u"alice"_s);
        QProgressBar *generations = limitBar(*page, u"generations_per_month"_s);
        QVERIFY(generations);
        QCOMPARE(generations->format(), u"%1 used (unlimited)"_s.arg(QLocale().toString(30)));
        QProgressBar *calls = limitBar(*page, u"calls_per_day"_s);
        QVERIFY(calls);
        QCOMPARE(calls->value(), 570); // the 20th: sum of (11 - i) * 10 + 2
    }

    void userWithoutTrafficHasNoBars()
    {
        auto page = openPage(u"quiet"_s);
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        QCOMPARE(series->count(), 0);
        QProgressBar *calls = limitBar(*page, u"calls_per_day"_s);
        QVERIFY(calls);
        QCOMPARE(calls->value(), 0);
    }

    void usersWithTrafficFillTheCombo()
    {
        UserUsagePage page(m_service.get(), nullptr);
        auto *combo = child<QComboBox>(page, u"userCombo"_s);
        QTRY_COMPARE_WITH_TIMEOUT(combo->count(), 2, 10000); // alice and bob have rollups
        QCOMPARE(combo->itemText(0), u"alice"_s);
        QCOMPARE(combo->itemText(1), u"bob"_s);

        Gateway::UserRecord quiet;
        quiet.name = u"quiet"_s;
        page.setUsers({quiet});
        QCOMPARE(combo->count(), 3);
        QCOMPARE(page.selectedUser(), u"alice"_s); // the first list selected one, later lists keep it
    }

    void keysTableShowsOnlyTheUsersKeysWithLastUse()
    {
        auto page = openPage(u"alice"_s);
        Gateway::KeyRecord key;
        key.id = u"key_alice001"_s;
        key.userName = u"alice"_s;
        key.tier = u"pro"_s;
        key.hint = u"sk_live_ab12"_s;
        key.lastUsedAt = QDateTime(QDate(2026, 3, 20), QTime(11, 0), QTimeZone::utc());
        key.lastUsedAddress = u"203.0.113.7"_s;
        Gateway::KeyRecord unused = key;
        unused.id = u"key_alice002"_s;
        unused.lastUsedAt = QDateTime();
        unused.lastUsedAddress.clear();
        Gateway::KeyRecord other = key;
        other.id = u"key_bob00001"_s;
        other.userName = u"bob"_s;
        page->setKeys({key, unused, other});

        QAbstractItemModel *keys = child<QTableView>(*page, u"userKeysTable"_s)->model();
        QCOMPARE(keys->rowCount(), 2);
        QCOMPARE(keys->index(0, 0).data().toString(), u"key_alice001"_s);
        QCOMPARE(keys->index(0, 6).data().toString(), u"203.0.113.7"_s);
        QCOMPARE(keys->index(0, 5).data(Qt::UserRole).toDateTime(), key.lastUsedAt);
        QCOMPARE(keys->index(1, 5).data().toString(), u"never"_s);
        QCOMPARE(keys->index(1, 6).data().toString(), u"unknown"_s);
    }

    void usageTableListsEveryRow()
    {
        auto page = openPage(u"alice"_s);
        QAbstractItemModel *table = child<QTableView>(*page, u"usageTable"_s)->model();
        QCOMPARE(table->rowCount(), 30); // 10 models × 3 days
        qint64 requests = 0;
        for (int row = 0; row < table->rowCount(); ++row)
            requests += table->index(row, 2).data(Qt::UserRole).toLongLong();
        qint64 expected = 0;
        for (int model = 1; model <= 10; ++model)
            for (int day = 0; day < 3; ++day)
                expected += requestsOf(model, day);
        QCOMPARE(requests, expected);
    }

    void monthlyReportIsWritten()
    {
        auto page = openPage(u"alice"_s);
        QSignalSpy written(page.get(), &UserUsagePage::reportWritten);
        QSignalSpy failed(page.get(), &UserUsagePage::reportFailed);
        const QString path = m_dir.filePath(u"alice.pdf"_s);
        page->writeMonthlyReport(QDate(2026, 3, 1), path);
        QVERIFY(written.wait(10000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(written.first().first().toString(), path);
        QVERIFY(QFileInfo(path).size() > 1000);
    }

    void monthlyReportFailsOnBadPath()
    {
        auto page = openPage(u"alice"_s);
        QSignalSpy failed(page.get(), &UserUsagePage::reportFailed);
        page->writeMonthlyReport(QDate(2026, 3, 1), u"/nonexistent-directory/alice.pdf"_s);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(u"/nonexistent-directory"_s));
    }

    void missingDatabaseShowsError()
    {
        Gateway::StorageConfig missing;
        missing.dataDir = m_dir.filePath(u"does-not-exist"_s);
        Gateway::UsageService service(missing);
        UserUsagePage page(&service, nullptr);
        QSignalSpy refreshed(&page, &UserUsagePage::refreshed);
        page.selectUser(u"alice"_s);
        QVERIFY(refreshed.wait(10000));
        auto *banner = page.findChild<QWidget *>(u"userUsageBanner"_s);
        QVERIFY(banner);
        QVERIFY(banner->isVisibleTo(&page));
        QVERIFY(page.findChild<QLabel *>(u"limitsTitle"_s)->text().startsWith(u"Cannot read the limits"_s));
    }

    void rendersOffscreen()
    {
        auto page = openPage(u"alice"_s);
        page->resize(1280, 820);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        const QImage image = page->grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 820));
        if (const QString keep = qEnvironmentVariable("SOULFRA_TEST_ARTIFACTS"); !keep.isEmpty())
            image.save(QDir(keep).filePath(u"user-usage-page.png"_s));
    }
};

QTEST_MAIN(TestUserUsagePage)
#include "tst_userusagepage.moc"
