// SPDX-License-Identifier: GPL-3.0-or-later
#include "CoarseRollups.h"
#include "DashboardLiveTab.h"
#include "DashboardPage.h"
#include "DashboardRangeTab.h"
#include "Storage.h"
#include "StorageConfig.h"
#include "UsageChartView.h"
#include "UsageService.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <memory>

using namespace Qt::StringLiterals;
using Console::DashboardLiveTab;
using Console::DashboardPage;
using Console::DashboardRangeTab;
using Console::UsageChartView;

namespace {

const QDateTime now = QDateTime(QDate(2025, 3, 10), QTime(12, 30, 30), QTimeZone::utc());

qint64 ms(int hour, int minute = 0, int daysBack = 0)
{
    return QDateTime(QDate(2025, 3, 10).addDays(-daysBack), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

// One rollup row: the key columns and the measures that are not zero.
struct RollupRow
{
    QString table;
    QString periodColumn;
    qint64 period = 0;
    QString user;
    QString model;
    QVariantMap measures;
};

// A migrated gateway database with rollup rows written by SQL.
class Database final
{
public:
    explicit Database(const QString &dir)
    {
        m_config.dataDir = dir;
        auto storage = Gateway::createStorage(m_config, u"dashboard-setup"_s);
        const Gateway::Result<Gateway::Done> opened = storage->open();
        if (!opened)
            qFatal("cannot create the database: %s", qPrintable(opened.error().message()));
    }

    ~Database() { QSqlDatabase::removeDatabase(u"dashboard-insert"_s); }

    Gateway::StorageConfig config() const { return m_config; }

    bool insert(const QList<RollupRow> &rows)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"dashboard-insert"_s);
        db.setDatabaseName(m_config.databasePath());
        if (!db.open())
            return false;

        for (const RollupRow &row : rows) {
            QStringList columns{row.periodColumn, u"user_name"_s};
            QVariantList values{row.period, row.user};
            if (row.table != u"usage_minutely"_s) {
                columns << u"model"_s;
                values << row.model;
            }
            for (auto it = row.measures.cbegin(); it != row.measures.cend(); ++it) {
                columns << it.key();
                values << it.value();
            }
            QSqlQuery query(db);
            const QString placeholders = QStringList(QList<QString>(values.size(), u"?"_s)).join(u',');
            query.prepare(u"INSERT INTO "_s + row.table + u" ("_s + columns.join(u',') + u") VALUES ("_s + placeholders
                          + u")"_s);
            for (const QVariant &value : std::as_const(values))
                query.addBindValue(value);
            if (!query.exec()) {
                qWarning("insert failed: %s", qPrintable(query.lastError().text()));
                return false;
            }
        }
        const bool refreshed = CoarseRollups::refresh(db);
        db.close();
        return refreshed;
    }

private:
    Gateway::StorageConfig m_config;
};

RollupRow minute(qint64 period, const QString &user, const QVariantMap &measures)
{
    return {u"usage_minutely"_s, u"minute"_s, period, user, QString(), measures};
}

// The same measures in usage_hourly and in usage_daily, as the log writer
// keeps them.
QList<RollupRow> hourAndDay(qint64 hour, const QString &user, const QString &model, const QVariantMap &measures)
{
    const qint64 day = hour / (24LL * 3600 * 1000) * (24LL * 3600 * 1000);
    return {{u"usage_hourly"_s, u"hour"_s, hour, user, model, measures},
            {u"usage_daily"_s, u"day"_s, day, user, model, measures}};
}

QList<RollupRow> knownRows()
{
    QList<RollupRow> rows;

    // Minutes: 12:30 has alice (5, one over a limit) and bob (3); 12:00 has
    // alice (2); 11:00 is outside the last hour.
    rows << minute(ms(12, 30), u"alice"_s,
                   {{u"requests"_s, 5}, {u"errors_limit"_s, 1}, {u"prompt_tokens"_s, 100}, {u"completion_tokens"_s, 50},
                    {u"lat_5"_s, 5}});
    rows << minute(ms(12, 30), u"bob"_s,
                   {{u"requests"_s, 3}, {u"prompt_tokens"_s, 10}, {u"completion_tokens"_s, 20}, {u"lat_9"_s, 3}});
    rows << minute(ms(12, 0), u"alice"_s, {{u"requests"_s, 2}, {u"lat_5"_s, 2}});
    rows << minute(ms(11, 0), u"carol"_s, {{u"requests"_s, 99}});

    // Hours of today: llama3 11 requests (alice 7, bob 4), qwen 3 (bob);
    // bob has 5 more as user of llama3 below, so bob leads with 9.
    rows << hourAndDay(ms(10), u"alice"_s, u"llama3"_s,
                       {{u"requests"_s, 7}, {u"generations"_s, 5}, {u"prompt_tokens"_s, 700}, {u"completion_tokens"_s, 300}});
    rows << hourAndDay(ms(11), u"bob"_s, u"qwen"_s,
                       {{u"requests"_s, 3}, {u"generations"_s, 1}, {u"errors_queue"_s, 2}});
    rows << hourAndDay(ms(12), u"bob"_s, u"llama3"_s,
                       {{u"requests"_s, 6}, {u"generations"_s, 4}, {u"errors_auth"_s, 1}, {u"prompt_tokens"_s, 40}});
    // Two days ago: only in the week and month ranges.
    rows << hourAndDay(ms(9, 0, 2), u"carol"_s, u"old-model"_s, {{u"requests"_s, 100}, {u"generations"_s, 100}});
    return rows;
}

template<typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

QXYSeries *seriesNamed(QWidget *page, const QString &name)
{
    // Series belong to their QChart, which is not a QWidget child of the view.
    const QList<UsageChartView *> views = page->findChildren<UsageChartView *>();
    for (UsageChartView *view : views) {
        for (QAbstractSeries *series : view->chart()->series()) {
            if (series->objectName() == name)
                return qobject_cast<QXYSeries *>(series);
        }
    }
    qFatal("no series %s", qPrintable(name));
}

QList<double> yValues(const QXYSeries *series)
{
    QList<double> values;
    for (const QPointF &point : series->points())
        values << point.y();
    return values;
}

double yAt(const QXYSeries *series, qint64 x)
{
    for (const QPointF &point : series->points()) {
        if (qint64(point.x()) == x)
            return point.y();
    }
    return -1;
}

double sum(const QList<double> &values)
{
    double total = 0;
    for (const double value : values)
        total += value;
    return total;
}

QStringList columnOf(const QStandardItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
}

} // namespace

class TestDashboardPage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_database = std::make_unique<Database>(m_dir.path());
        QVERIFY(m_database->insert(knownRows()));
    }

    void liveChartsHoldPerMinuteFigures()
    {
        Gateway::UsageService service(m_database->config());
        DashboardPage page(&service);
        page.liveTab()->setClock([] { return now; });
        QSignalSpy refreshed(page.liveTab(), &DashboardLiveTab::refreshed);
        page.resize(1200, 800);
        page.show();
        QVERIFY(refreshed.wait(5000));

        auto *requests = seriesNamed(&page, u"requestsPerMinute"_s);
        auto *tokens = seriesNamed(&page, u"tokensPerMinute"_s);
        auto *errorRate = seriesNamed(&page, u"errorRate"_s);
        auto *p50 = seriesNamed(&page, u"latencyP50"_s);

        QCOMPARE(requests->count(), 60);
        QCOMPARE(qint64(requests->at(0).x()), ms(11, 31));
        QCOMPARE(qint64(requests->at(59).x()), ms(12, 30));
        QCOMPARE(yAt(requests, ms(12, 30)), 8.0);
        QCOMPARE(yAt(requests, ms(12, 0)), 2.0);
        QCOMPARE(sum(yValues(requests)), 10.0); // 11:00 is outside the hour
        QCOMPARE(yAt(tokens, ms(12, 30)), 180.0);
        QCOMPARE(yAt(errorRate, ms(12, 30)), 12.5);
        QCOMPARE(yAt(errorRate, ms(12, 0)), 0.0);
        QVERIFY(yAt(p50, ms(12, 30)) > 25.0); // 5 of 8 in the 25..50 ms bucket
        QVERIFY(yAt(p50, ms(12, 30)) <= 50.0);

        auto *trafficChart = child<UsageChartView>(&page, u"liveTrafficChart"_s);
        QCOMPARE(trafficChart->chart()->series().size(), 2);
        QCOMPARE(trafficChart->valueAxis()->max(), 8.0);
        QCOMPARE(trafficChart->timeAxis()->format(), u"HH:mm"_s);
        QCOMPARE(trafficChart->timeAxis()->max().toMSecsSinceEpoch(), ms(12, 31));

        QCOMPARE(child<QLabel>(&page, u"liveRequests"_s)->text(), QLocale().toString(10));
        QCOMPARE(child<QLabel>(&page, u"liveActiveUsers"_s)->text(), QLocale().toString(2));
        QCOMPARE(child<QLabel>(&page, u"liveErrorRate"_s)->text(), QLocale().toString(10.0, 'f', 1) + u" %"_s);
        QVERIFY(child<QLabel>(&page, u"liveError"_s)->isHidden());
    }

    void liveFiguresFromStatsAndHealth()
    {
        Gateway::UsageService service(m_database->config());
        DashboardPage page(&service);
        Gateway::GatewayStats stats;
        stats.queuedGenerations = 4;
        stats.generationsInFlight = 2;
        page.setStats(stats);
        page.setUpstreamHealth(true, u"0.5.1"_s, QString());

        QCOMPARE(child<QLabel>(&page, u"liveQueue"_s)->text(), u"4"_s);
        QCOMPARE(child<QLabel>(&page, u"liveInFlight"_s)->text(), u"2"_s);
        QVERIFY(child<QLabel>(&page, u"liveUpstream"_s)->text().contains(u"0.5.1"_s));

        page.setUpstreamHealth(false, QString(), u"connection refused"_s);
        QVERIFY(!child<QLabel>(&page, u"liveUpstream"_s)->text().contains(u"0.5.1"_s));
        QCOMPARE(child<QLabel>(&page, u"liveUpstream"_s)->toolTip(), u"connection refused"_s);
    }

    void liveRefreshWaitsForInterval()
    {
        Gateway::UsageService service(m_database->config());
        DashboardPage page(&service);
        page.liveTab()->setClock([] { return now; });
        QSignalSpy refreshed(page.liveTab(), &DashboardLiveTab::refreshed);
        page.show();
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(refreshed.size(), 1);

        QElapsedTimer sinceRows;
        sinceRows.start();
        page.noteRowsLogged();
        page.liveTab()->requestRefresh();
        QVERIFY(!page.liveTab()->isRefreshing()); // too soon after the last one

        QVERIFY(refreshed.wait(5000));
        QCOMPARE(refreshed.size(), 2);
        QVERIFY(sinceRows.elapsed() >= DashboardLiveTab::minRefreshIntervalMs - 400);
    }

    void liveShowsErrorWithoutDatabase()
    {
        QTemporaryDir empty;
        Gateway::StorageConfig config;
        config.dataDir = empty.path() + u"/missing"_s;
        Gateway::UsageService service(config);
        DashboardPage page(&service);
        QSignalSpy refreshed(page.liveTab(), &DashboardLiveTab::refreshed);
        page.show();
        QVERIFY(refreshed.wait(5000));

        QVERIFY(!child<QLabel>(&page, u"liveError"_s)->isHidden());
        QCOMPARE(seriesNamed(&page, u"requestsPerMinute"_s)->count(), 0);
    }

    void rangeDayShowsHoursTopListsAndCauses()
    {
        Gateway::UsageService service(m_database->config());
        DashboardPage page(&service);
        page.rangeTab()->setClock([] { return now; });
        QSignalSpy refreshed(page.rangeTab(), &DashboardRangeTab::refreshed);
        page.resize(1200, 800);
        page.show();
        page.showRangeTab();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1 && !page.rangeTab()->isRefreshing(), 5000);

        // Hours: the 24 hours before the end of the current hour.
        auto *requests = seriesNamed(&page, u"rangeRequests"_s);
        auto *generations = seriesNamed(&page, u"rangeGenerations"_s);
        auto *tokens = seriesNamed(&page, u"rangeTokens"_s);
        QCOMPARE(requests->count(), 24);
        QCOMPARE(qint64(requests->at(0).x()), ms(13, 0, 1));
        QCOMPARE(qint64(requests->at(23).x()), ms(12));
        QCOMPARE(yAt(requests, ms(10)), 7.0);
        QCOMPARE(yAt(requests, ms(11)), 3.0);
        QCOMPARE(yAt(requests, ms(12)), 6.0);
        QCOMPARE(sum(yValues(requests)), 16.0);
        QCOMPARE(yAt(generations, ms(10)), 5.0);
        QCOMPARE(yAt(tokens, ms(10)), 1000.0);
        QCOMPARE(child<UsageChartView>(&page, u"rangeTimeChart"_s)->timeAxis()->format(), u"HH:mm"_s);

        // Top models: the table most first; the bars bottom to top.
        auto *models = child<QStandardItemModel>(&page, u"modelsTable"_s);
        QCOMPARE(columnOf(models, 0), QStringList({u"llama3"_s, u"qwen"_s}));
        QCOMPARE(columnOf(models, 1), QStringList({u"13"_s, u"3"_s}));
        auto *modelsChart = child<UsageChartView>(&page, u"modelsChart"_s);
        QCOMPARE(modelsChart->categoryAxis()->categories(), QStringList({u"qwen"_s, u"llama3"_s}));
        auto *modelBars = qobject_cast<QAbstractBarSeries *>(modelsChart->chart()->series().constFirst());
        QVERIFY(modelBars);
        QCOMPARE(modelBars->barSets().constFirst()->at(1), 13.0);

        auto *users = child<QStandardItemModel>(&page, u"usersTable"_s);
        QCOMPARE(columnOf(users, 0), QStringList({u"bob"_s, u"alice"_s}));
        QCOMPARE(columnOf(users, 1), QStringList({u"9"_s, u"7"_s}));

        // Causes: every cause, in ErrorCause order, with its count.
        auto *errors = child<QStandardItemModel>(&page, u"errorsTable"_s);
        QCOMPARE(errors->rowCount(), Gateway::ErrorCounts::causeCount);
        QCOMPARE(columnOf(errors, 1).at(int(Gateway::ErrorCause::Auth)), u"auth"_s);
        QCOMPARE(columnOf(errors, 0).at(int(Gateway::ErrorCause::Queue)),
                 DashboardRangeTab::causeLabel(Gateway::ErrorCause::Queue));
        QCOMPARE(columnOf(errors, 2).at(int(Gateway::ErrorCause::Auth)), u"1"_s);
        QCOMPARE(columnOf(errors, 2).at(int(Gateway::ErrorCause::Queue)), u"2"_s);
        QCOMPARE(columnOf(errors, 2).at(int(Gateway::ErrorCause::Limit)), u"0"_s);
        auto *errorsChart = child<UsageChartView>(&page, u"errorsChart"_s);
        auto *errorBars = qobject_cast<QAbstractBarSeries *>(errorsChart->chart()->series().constFirst());
        QVERIFY(errorBars);
        const QStringList causeCategories = errorsChart->categoryAxis()->categories();
        const int queueIndex = causeCategories.indexOf(DashboardRangeTab::causeLabel(Gateway::ErrorCause::Queue));
        QVERIFY(queueIndex >= 0);
        QCOMPARE(errorBars->barSets().constFirst()->at(queueIndex), 2.0);
        QVERIFY(child<QLabel>(&page, u"rangeSummary"_s)->text().contains(QLocale().toString(16)));
    }

    void rangeWeekShowsDays()
    {
        Gateway::UsageService service(m_database->config());
        DashboardPage page(&service);
        page.rangeTab()->setClock([] { return now; });
        QSignalSpy refreshed(page.rangeTab(), &DashboardRangeTab::refreshed);
        page.show();
        page.showRangeTab();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1 && !page.rangeTab()->isRefreshing(), 5000);

        refreshed.clear();
        page.rangeTab()->setRange(DashboardRangeTab::Range::Week);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1 && !page.rangeTab()->isRefreshing(), 5000);

        auto *requests = seriesNamed(&page, u"rangeRequests"_s);
        QCOMPARE(requests->count(), 7);
        QCOMPARE(qint64(requests->at(6).x()), ms(0));
        QCOMPARE(yAt(requests, ms(0)), 16.0);
        QCOMPARE(yAt(requests, ms(0, 0, 2)), 100.0);
        QCOMPARE(sum(yValues(requests)), 116.0);
        QCOMPARE(child<UsageChartView>(&page, u"rangeTimeChart"_s)->timeAxis()->format(), u"dd MMM"_s);
        QCOMPARE(columnOf(child<QStandardItemModel>(&page, u"modelsTable"_s), 0),
                 QStringList({u"old-model"_s, u"llama3"_s, u"qwen"_s}));
    }

    void customRangeFilter()
    {
        const QTimeZone utc = QTimeZone::utc();
        const QDate first(2025, 3, 1);

        Gateway::UsageFilter oneDay = DashboardRangeTab::filterFor(DashboardRangeTab::Range::Custom, now, first, first, utc);
        QCOMPARE(oneDay.period, Gateway::UsagePeriod::Hour);
        QCOMPARE(oneDay.from, first.startOfDay(utc));
        QCOMPARE(oneDay.to, first.addDays(1).startOfDay(utc));

        // Reversed dates are taken in order.
        Gateway::UsageFilter days =
            DashboardRangeTab::filterFor(DashboardRangeTab::Range::Custom, now, first.addDays(9), first, utc);
        QCOMPARE(days.period, Gateway::UsagePeriod::Day);
        QCOMPARE(days.from, first.startOfDay(utc));
        QCOMPARE(days.to, first.addDays(10).startOfDay(utc));

        Gateway::UsageFilter months =
            DashboardRangeTab::filterFor(DashboardRangeTab::Range::Custom, now, first, first.addDays(200), utc);
        QCOMPARE(months.period, Gateway::UsagePeriod::Month);

        Gateway::UsageFilter month = DashboardRangeTab::filterFor(DashboardRangeTab::Range::Month, now, {}, {}, utc);
        QCOMPARE(month.from, QDate(2025, 2, 9).startOfDay(utc));
        QCOMPARE(month.to, QDate(2025, 3, 11).startOfDay(utc));
    }

    void snapshotFillsMonthsWithoutTraffic()
    {
        Gateway::UsageFilter filter;
        filter.period = Gateway::UsagePeriod::Month;
        filter.from = QDate(2025, 1, 15).startOfDay(QTimeZone::utc());
        filter.to = QDate(2025, 4, 1).startOfDay(QTimeZone::utc());
        Gateway::UsageRow february;
        february.periodStart = QDate(2025, 2, 1).startOfDay(QTimeZone::utc());
        february.requests = 4;

        const DashboardRangeTab::Snapshot snapshot = DashboardRangeTab::snapshotOf(filter, {february}, {}, {}, {});
        QCOMPARE(snapshot.requests.size(), 3);
        QCOMPARE(snapshot.requests.at(0).y(), 0.0);
        QCOMPARE(snapshot.requests.at(1), QPointF(double(february.periodStart.toMSecsSinceEpoch()), 4.0));
        QCOMPARE(snapshot.requests.at(2).y(), 0.0);
    }
};

int main(int argc, char **argv)
{
    // Local days are UTC days here, so the expected day points are fixed.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    TestDashboardPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_dashboardpage.moc"
