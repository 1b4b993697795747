// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelUsagePage.h"
#include "UsageChartView.h"
#include "UsageFixture.h"
#include "UsageRangeSelector.h"
#include "UsageService.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::ModelUsagePage;

namespace {

const QDateTime now(QDate(2026, 3, 20), QTime(12, 30), QTimeZone::utc());

QDateTime hourOf(int day, int hour)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 0), QTimeZone::utc());
}

} // namespace

class TestModelUsagePage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<UsageFixture> m_fixture;
    std::unique_ptr<Gateway::UsageService> m_service;

    std::unique_ptr<ModelUsagePage> openPage(const QString &model, const QDate &from, const QDate &to)
    {
        auto page = std::make_unique<ModelUsagePage>(m_service.get(), nullptr);
        page->setClock([] { return now; });
        page->rangeSelector()->setCustomRange(from, to);
        // Results of earlier refreshes (the first model listed, the range
        // change) are dropped, so the next signal is the model's.
        QSignalSpy refreshed(page.get(), &ModelUsagePage::refreshed);
        page->selectModel(model);
        if (!refreshed.wait(10000))
            qWarning("the page did not refresh for %s", qPrintable(model));
        return page;
    }

    QStackedBarSeries *stackedSeries(ModelUsagePage &page)
    {
        const auto series = page.chartView()->chart()->series();
        return series.isEmpty() ? nullptr : qobject_cast<QStackedBarSeries *>(series.first());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixture = std::make_unique<UsageFixture>(m_dir.filePath(u"data"_s));
        QVERIFY(m_fixture->isValid());

        using Sample = UsageFixture::Sample;
        // llama3.2: free on the 18th and 19th, pro on the 19th and 20th.
        QVERIFY(m_fixture->add(Sample{hourOf(18, 8), u"bob"_s, u"llama3.2"_s, u"free"_s, {}, 10, 9, 100, 200, 1, 0, 50}));
        QVERIFY(m_fixture->add(Sample{hourOf(19, 8), u"bob"_s, u"llama3.2"_s, u"free"_s, {}, 20, 18, 100, 200, 0, 0, 50}));
        QVERIFY(m_fixture->add(Sample{hourOf(19, 9), u"alice"_s, u"llama3.2"_s, u"pro"_s, {}, 5, 5, 10, 20, 0, 0, 3000}));
        QVERIFY(m_fixture->add(Sample{hourOf(20, 9), u"alice"_s, u"llama3.2"_s, u"pro"_s, {}, 7, 7, 10, 20, 0, 0, 3000}));
        QVERIFY(m_fixture->add(Sample{hourOf(20, 10), u"carol"_s, u"llama3.2"_s, u"pro"_s, {}, 3, 3, 10, 20, 0, 0, 3000}));
        // Another model that must not show up in llama3.2's numbers.
        QVERIFY(m_fixture->add(Sample{hourOf(19, 9), u"alice"_s, u"mistral"_s, u"pro"_s, {}, 99, 99, 999, 999}));

        m_service = std::make_unique<Gateway::UsageService>(m_fixture->config());
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_fixture.reset();
    }

    void modelsWithTrafficAreListedBusiestFirst()
    {
        ModelUsagePage page(m_service.get(), nullptr);
        QSignalSpy loaded(&page, &ModelUsagePage::modelNamesLoaded);
        QVERIFY(loaded.wait(10000));
        auto *combo = page.findChild<QComboBox *>(u"modelCombo"_s);
        QVERIFY(combo);
        QCOMPARE(combo->count(), 2);
        QCOMPARE(combo->itemText(0), u"mistral"_s); // 99 requests against 45
        QCOMPARE(combo->itemText(1), u"llama3.2"_s);
        QCOMPARE(page.selectedModel(), u"mistral"_s);
    }

    void usageOverTimeIsStackedByTier()
    {
        auto page = openPage(u"llama3.2"_s, QDate(2026, 3, 18), QDate(2026, 3, 20));
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        QCOMPARE(series->count(), 2);

        const QBarSet *free = series->barSets()[0];
        const QBarSet *pro = series->barSets()[1];
        QCOMPARE(free->label(), u"free"_s); // 30 requests against 15
        QCOMPARE(pro->label(), u"pro"_s);
        QCOMPARE(free->count(), 3);
        QCOMPARE(free->at(0), 10.0);
        QCOMPARE(free->at(1), 20.0);
        QCOMPARE(free->at(2), 0.0);
        QCOMPARE(pro->at(0), 0.0);
        QCOMPARE(pro->at(1), 5.0);
        QCOMPARE(pro->at(2), 10.0);
        QCOMPARE(page->chartView()->categoryAxis()->count(), 3);
    }

    void tierTotalsMatchTheSeries()
    {
        auto page = openPage(u"llama3.2"_s, QDate(2026, 3, 18), QDate(2026, 3, 20));
        QStandardItemModel *tiers = page->tierModel();
        QCOMPARE(tiers->rowCount(), 2);
        QCOMPARE(tiers->item(0, 0)->text(), u"free"_s);
        QCOMPARE(tiers->item(0, 1)->data(Qt::UserRole).toLongLong(), 30);
        QCOMPARE(tiers->item(0, 2)->data(Qt::UserRole).toLongLong(), 27);
        QCOMPARE(tiers->item(0, 5)->data(Qt::UserRole).toLongLong(), 1);
        QCOMPARE(tiers->item(0, 6)->data(Qt::UserRole).toDouble(), 50.0); // mean latency in ms
        QCOMPARE(tiers->item(1, 0)->text(), u"pro"_s);
        QCOMPARE(tiers->item(1, 1)->data(Qt::UserRole).toLongLong(), 15);
        QCOMPARE(tiers->item(1, 3)->data(Qt::UserRole).toLongLong(), 30);

        const auto bars = page->tierChartView()->chart()->series();
        QCOMPARE(bars.size(), 1);
        const QBarSet *set = qobject_cast<QBarSeries *>(bars.first())->barSets().first();
        QCOMPARE(set->at(0), 30.0);
        QCOMPARE(set->at(1), 15.0);
    }

    void rangeLimitsTheData()
    {
        // Only the 20th: pro alone, per hour because the range is one day.
        auto page = openPage(u"llama3.2"_s, QDate(2026, 3, 20), QDate(2026, 3, 20));
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        QCOMPARE(series->count(), 1);
        QCOMPARE(series->barSets()[0]->label(), u"pro"_s);
        QCOMPARE(series->barSets()[0]->count(), 24);
        QCOMPARE(series->barSets()[0]->at(9), 7.0);
        QCOMPARE(series->barSets()[0]->at(10), 3.0);
        QCOMPARE(page->tierModel()->rowCount(), 1);
    }

    void unknownModelShowsNothing()
    {
        auto page = openPage(u"no-such-model"_s, QDate(2026, 3, 18), QDate(2026, 3, 20));
        QStackedBarSeries *series = stackedSeries(*page);
        QVERIFY(series);
        QCOMPARE(series->count(), 0);
        QCOMPARE(page->tierModel()->rowCount(), 0);
    }

    void rendersOffscreen()
    {
        auto page = openPage(u"llama3.2"_s, QDate(2026, 3, 18), QDate(2026, 3, 20));
        page->resize(1280, 820);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        const QImage image = page->grab().toImage();
        QCOMPARE(image.size(), QSize(1280, 820));
        if (const QString keep = qEnvironmentVariable("SOULFRA_TEST_ARTIFACTS"); !keep.isEmpty())
            image.save(QDir(keep).filePath(u"model-usage-page.png"_s));
    }
};

QTEST_MAIN(TestModelUsagePage)
#include "tst_modelusagepage.moc"
