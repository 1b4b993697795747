// SPDX-License-Identifier: GPL-3.0-or-later
#include "InsightsPage.h"
#include "PeakHoursHeatMap.h"
#include "TestPaths.h"
#include "UsageChartView.h"
#include "UsageFixture.h"
#include "UsageRangeSelector.h"
#include "UsageService.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::InsightsPage;

namespace {

// "Now": Friday 20 March 2026, 12:30 UTC.
const QDateTime now(QDate(2026, 3, 20), QTime(12, 30), QTimeZone::utc());

QDateTime at(const QDate &day, int hour)
{
    return QDateTime(day, QTime(hour, 0), QTimeZone::utc());
}

UsageFixture::Sample sample(const QDateTime &hour, const QString &user, const QString &tier, qint64 requests)
{
    UsageFixture::Sample s;
    s.hour = hour;
    s.user = user;
    s.model = u"llama3.2"_s;
    s.tier = tier;
    s.requests = requests;
    s.generations = requests;
    return s;
}

QBarSet *barSet(Console::UsageChartView *chart, int index)
{
    const auto series = chart->chart()->series();
    if (series.isEmpty())
        return nullptr;
    auto *bars = qobject_cast<QBarSeries *>(series.first());
    return bars && index < bars->count() ? bars->barSets().at(index) : nullptr;
}

} // namespace

class TestInsightsPage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<UsageFixture> m_fixture;
    std::unique_ptr<Gateway::UsageService> m_service;

    // A page over February 2026, which contains the topic and peak-hour rows.
    // Upsell and churn read the days before now, in March.
    std::unique_ptr<InsightsPage> openPage()
    {
        auto page = std::make_unique<InsightsPage>(m_service.get(), nullptr);
        page->setClock([] { return now; });
        QSignalSpy refreshed(page.get(), &InsightsPage::refreshed);
        page->rangeSelector()->setCustomRange(QDate(2026, 2, 1), QDate(2026, 2, 28));
        if (!refreshed.wait(10000))
            qWarning("the page did not refresh");
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixture = std::make_unique<UsageFixture>(m_dir.filePath(u"data"_s));
        QVERIFY(m_fixture->isValid());

        // Peak hours in February: Monday 2 Feb 09:00, Wednesday 4 Feb 14:00,
        // Sunday 8 Feb 23:00 and Monday 9 Feb 09:00 again.
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 2, 2), 9), u"alice"_s, u"pro"_s, 40)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 2, 4), 14), u"alice"_s, u"pro"_s, 100)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 2, 8), 23), u"alice"_s, u"pro"_s, 1)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 2, 9), 9), u"alice"_s, u"pro"_s, 2)));

        // Topics in February.
        const QDate feb3(2026, 2, 3);
        QVERIFY(m_fixture->addTopic(feb3, u"alice"_s, u"language"_s, u"python"_s, u"context"_s, 5));
        QVERIFY(m_fixture->addTopic(feb3, u"alice"_s, u"language"_s, u"python"_s, u"detected"_s, 3));
        QVERIFY(m_fixture->addTopic(feb3, u"alice"_s, u"language"_s, u"rust"_s, u"detected"_s, 4));
        QVERIFY(m_fixture->addTopic(feb3, u"alice"_s, u"framework"_s, u"react"_s, u"context"_s, 2));
        // Outside the range.
        QVERIFY(m_fixture->addTopic(QDate(2026, 3, 3), u"alice"_s, u"language"_s, u"go"_s, u"context"_s, 50));

        // Upsell: bob (free, 1,000 calls a day) made 850 calls on three of the
        // last seven days, eve only on two. Neither made a generation, so the
        // monthly generation limit stays far away.
        QVERIFY(m_fixture->addUser(u"bob"_s, u"free"_s));
        QVERIFY(m_fixture->addUser(u"eve"_s, u"free"_s));
        QVERIFY(m_fixture->addUser(u"carol"_s, u"pro"_s));
        QVERIFY(m_fixture->addUser(u"dave"_s, u"pro"_s));
        for (int day : {17, 18, 19}) {
            UsageFixture::Sample calls = sample(at(QDate(2026, 3, day), 10), u"bob"_s, u"free"_s, 850);
            calls.generations = 0;
            QVERIFY(m_fixture->add(calls));
        }
        for (int day : {18, 19}) {
            UsageFixture::Sample calls = sample(at(QDate(2026, 3, day), 10), u"eve"_s, u"free"_s, 850);
            calls.generations = 0;
            QVERIFY(m_fixture->add(calls));
        }

        // Churn: carol fell from 100 to 20 requests a week, dave only to 60.
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 3, 9), 10), u"carol"_s, u"pro"_s, 100)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 3, 17), 10), u"carol"_s, u"pro"_s, 20)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 3, 9), 10), u"dave"_s, u"pro"_s, 100)));
        QVERIFY(m_fixture->add(sample(at(QDate(2026, 3, 17), 10), u"dave"_s, u"pro"_s, 60)));

        // Client addresses in February for the countries.
        QVERIFY(m_fixture->addAddress(feb3, u"203.0.113.9"_s, u"alice"_s, 30));
        QVERIFY(m_fixture->addAddress(feb3, u"2001:db8::1"_s, u"alice"_s, 12));
        QVERIFY(m_fixture->addAddress(feb3, u"192.0.2.1"_s, u"bob"_s, 5));

        m_service = std::make_unique<Gateway::UsageService>(m_fixture->config());
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_fixture.reset();
    }

    void topicsSplitContextAndDetected()
    {
        auto page = openPage();
        QStandardItemModel *topics = page->topicsModel();
        QCOMPARE(topics->rowCount(), 3); // go is outside the range
        QCOMPARE(topics->item(0, 1)->text(), u"python"_s);
        QCOMPARE(topics->item(0, 2)->data(Qt::UserRole).toLongLong(), 5);
        QCOMPARE(topics->item(0, 3)->data(Qt::UserRole).toLongLong(), 3);
        QCOMPARE(topics->item(0, 4)->data(Qt::UserRole).toLongLong(), 8);

        QBarSet *context = barSet(page->languagesChart(), 0);
        QBarSet *detected = barSet(page->languagesChart(), 1);
        QVERIFY(context && detected);
        QCOMPARE(page->languagesChart()->categoryAxis()->categories(), (QStringList{u"python"_s, u"rust"_s}));
        QCOMPARE(context->at(0), 5.0);
        QCOMPARE(detected->at(0), 3.0);
        QCOMPARE(context->at(1), 0.0);
        QCOMPARE(detected->at(1), 4.0);

        QBarSet *frameworks = barSet(page->frameworksChart(), 0);
        QVERIFY(frameworks);
        QCOMPARE(page->frameworksChart()->categoryAxis()->categories(), QStringList{u"react"_s});
        QCOMPARE(frameworks->at(0), 2.0);
    }

    void heatMapCellsHoldWeekdayHourCounts()
    {
        auto page = openPage();
        Console::PeakHoursHeatMap *map = page->heatMap();
        QCOMPARE(map->count(0, 9), 42);   // Monday 09:00 on two Mondays
        QCOMPARE(map->count(2, 14), 100); // Wednesday 14:00
        QCOMPARE(map->count(6, 23), 1);   // Sunday 23:00
        QCOMPARE(map->count(4, 10), 0);   // March traffic is outside the range
        QCOMPARE(map->maximum(), 100);
    }

    void upsellListsFreeUsersNearALimit()
    {
        auto page = openPage();
        QStandardItemModel *upsell = page->upsellModel();
        QCOMPARE(upsell->rowCount(), 1);
        QCOMPARE(upsell->item(0, 0)->text(), u"bob"_s);
        QCOMPARE(upsell->item(0, 1)->text(), u"free"_s);
        QCOMPARE(upsell->item(0, 2)->data(Qt::UserRole).toLongLong(), 3);
        QVERIFY(upsell->item(0, 3)->text().contains(u"calls_per_day"_s));
        QCOMPARE(upsell->item(0, 4)->data(Qt::UserRole).toDouble(), 0.85);
        QVERIFY(!upsell->item(0, 5)->text().isEmpty()); // the reason
    }

    void churnListsUsersWhoseUseHalved()
    {
        auto page = openPage();
        QStandardItemModel *churn = page->churnModel();
        QCOMPARE(churn->rowCount(), 1);
        QCOMPARE(churn->item(0, 0)->text(), u"carol"_s);
        QCOMPARE(churn->item(0, 2)->data(Qt::UserRole).toLongLong(), 100);
        QCOMPARE(churn->item(0, 3)->data(Qt::UserRole).toLongLong(), 20);
        QCOMPARE(churn->item(0, 4)->data(Qt::UserRole).toDouble(), 0.8);
        QVERIFY(churn->item(0, 5)->text().contains(u"100"_s));
    }

    void countriesExplainHowToAddDatabase()
    {
        auto page = openPage();
        QVERIFY(page->showsGeoIpHelp());
        auto *help = page->findChild<QLabel *>(u"countriesHelp"_s);
        QVERIFY(help);
        QVERIFY(help->text().contains(u"No GeoIP database is set"_s));
        QVERIFY(help->text().contains(u"https://db-ip.com/db/download/ip-to-country-lite"_s));
        QVERIFY(help->text().contains(u"GeoLite2 Country"_s));
        QVERIFY(help->text().contains(u"Choose .mmdb file"_s));
        QCOMPARE(page->countriesModel()->rowCount(), 0);
    }

    void missingDatabaseFileIsRejected()
    {
        auto page = openPage();
        QSignalSpy saved(page.get(), &InsightsPage::geoIpDatabaseSaved);
        page->setGeoIpDatabasePath(m_dir.filePath(u"missing.mmdb"_s));
        auto *banner = page->findChild<QWidget *>(u"insightsBanner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisibleTo(page.get()), 10000);
        QCOMPARE(saved.size(), 0);
        QVERIFY(page->showsGeoIpHelp());
    }

    void countriesFromDatabase()
    {
        // The database is written by the same script as the GeoIP tests use.
        const QString path = m_dir.filePath(u"test.mmdb"_s);
        QProcess perl;
        perl.start(u"perl"_s, {TestPaths::sourceDir() + u"/tests/support/write-test-mmdb.pl"_s, path});
        if (!perl.waitForFinished(60000) || perl.exitStatus() != QProcess::NormalExit || perl.exitCode() != 0)
            QSKIP("writing the test .mmdb failed (is libmaxmind-db-writer-perl installed?)");

        auto page = openPage();
        QSignalSpy saved(page.get(), &InsightsPage::geoIpDatabaseSaved);
        QSignalSpy refreshed(page.get(), &InsightsPage::refreshed);
        page->setGeoIpDatabasePath(path);
        QVERIFY(saved.wait(10000));
        QVERIFY(refreshed.wait(10000));
        QVERIFY(!page->showsGeoIpHelp());

        QStandardItemModel *countries = page->countriesModel();
        QCOMPARE(countries->rowCount(), 3);
        QCOMPARE(countries->item(0, 1)->text(), u"DE"_s);
        QCOMPARE(countries->item(0, 0)->text(), u"Germany"_s);
        QCOMPARE(countries->item(0, 2)->data(Qt::UserRole).toLongLong(), 30);
        QCOMPARE(countries->item(1, 1)->text(), u"FR"_s);
        QCOMPARE(countries->item(1, 2)->data(Qt::UserRole).toLongLong(), 12);
        QCOMPARE(countries->item(2, 0)->text(), u"Unknown"_s); // 192.0.2.1 is not in the database
        QCOMPARE(countries->item(2, 2)->data(Qt::UserRole).toLongLong(), 5);

        QBarSet *bars = barSet(page->countriesChart(), 0);
        QVERIFY(bars);
        QCOMPARE(bars->at(0), 30.0);

        if (const QString keep = qEnvironmentVariable("SOULFRA_TEST_ARTIFACTS"); !keep.isEmpty()) {
            page->resize(1280, 820);
            page->show();
            page->tabs()->setCurrentIndex(3);
            page->grab().save(QDir(keep).filePath(u"insights-countries.png"_s));
        }

        // Removing the setting brings the help back.
        page->setGeoIpDatabasePath(QString());
        QVERIFY(saved.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(page->showsGeoIpHelp(), 10000);
    }

    void rendersEveryTabOffscreen()
    {
        auto page = openPage();
        page->resize(1280, 820);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        const QString keep = qEnvironmentVariable("SOULFRA_TEST_ARTIFACTS");
        for (int tab = 0; tab < page->tabs()->count(); ++tab) {
            page->tabs()->setCurrentIndex(tab);
            const QImage image = page->grab().toImage();
            QCOMPARE(image.size(), QSize(1280, 820));
            if (!keep.isEmpty())
                image.save(QDir(keep).filePath(u"insights-tab%1.png"_s.arg(tab)));
        }
    }
};

QTEST_MAIN(TestInsightsPage)
#include "tst_insightspage.moc"
