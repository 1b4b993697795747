// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionPolicy.h"
#include "RetentionPurger.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

// Mid-month, so "N days ago" and "start of the month" differ clearly.
const QDateTime testNow = QDateTime(QDate(2026, 3, 20), QTime(12, 0), QTimeZone::utc());

RequestLogEntry rowAt(const QDateTime &startedAt, const QString &user = u"alice"_s)
{
    RequestLogEntry entry;
    entry.requestId = u"req-"_s + startedAt.toString(Qt::ISODate);
    entry.startedAt = startedAt;
    entry.userName = user;
    entry.keyId = u"key-"_s + user;
    entry.method = u"POST"_s;
    entry.path = u"/api/generate"_s;
    entry.model = u"llama3.2:latest"_s;
    entry.status = 200;
    entry.latencyMs = 12;
    entry.countedCall = true;
    return entry;
}

// Reads with a connection of its own, as another process would.
class Inspector final
{
public:
    explicit Inspector(const QString &path)
        : m_name(u"inspector-"_s + QString::number(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Inspector() { QSqlDatabase::removeDatabase(m_name); }
    Q_DISABLE_COPY_MOVE(Inspector)

    qint64 scalar(const QString &statement) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(statement) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    bool exec(const QString &statement) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        return query.exec(statement);
    }

    // Every rollup table except usage_minutely, as one comparable text.
    QString otherRollups() const
    {
        QStringList parts;
        for (const QString &table : {u"usage_hourly"_s, u"usage_daily"_s, u"usage_topics_daily"_s,
                                     u"usage_addresses_daily"_s}) {
            QSqlQuery query(QSqlDatabase::database(m_name));
            query.exec(u"SELECT * FROM "_s + table + u" ORDER BY 1, 2, 3"_s);
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < query.record().count(); ++i)
                    values.append(query.value(i).toString());
                parts.append(table + u':' + values.join(u','));
            }
        }
        return parts.join(u'\n');
    }

private:
    QString m_name;
};

struct Database
{
    QTemporaryDir dir;
    std::unique_ptr<SqliteStorage> storage;

    bool open()
    {
        StorageConfig config;
        config.dataDir = dir.path();
        storage = std::make_unique<SqliteStorage>(config.databasePath(), u"purger-test"_s);
        return storage->open().ok();
    }
    QString path() const { return storage->databasePath(); }

    bool setLogDays(int days)
    {
        RetentionPolicy policy;
        policy.logDays = days;
        return policy.save(*storage).ok();
    }
};

} // namespace

class TestRetentionPurger final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cutoffKeepsCurrentMonth()
    {
        RetentionPolicy policy;
        policy.logDays = 3;
        // 3 days before the 20th lies inside March: the month start wins.
        QCOMPARE(RetentionPurger::requestLogCutoff(policy, testNow, QTimeZone::utc()),
                 QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc()));

        policy.logDays = 40;
        QCOMPARE(RetentionPurger::requestLogCutoff(policy, testNow, QTimeZone::utc()), testNow.addDays(-40));

        policy.logDays = 0;
        QVERIFY(!RetentionPurger::requestLogCutoff(policy, testNow, QTimeZone::utc()).isValid());
    }

    void cutoffUsesLimitTimeZone()
    {
        RetentionPolicy policy;
        policy.logDays = 3;
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        // March 1st, 00:00 in Berlin is February 28th, 23:00 UTC.
        QCOMPARE(RetentionPurger::requestLogCutoff(policy, testNow, berlin),
                 QDateTime(QDate(2026, 2, 28), QTime(23, 0), QTimeZone::utc()));

        // Without a zone, the earliest month start of any zone (UTC+14).
        QCOMPARE(RetentionPurger::requestLogCutoff(policy, testNow, QTimeZone()),
                 QDateTime(QDate(2026, 2, 28), QTime(10, 0), QTimeZone::utc()));
    }

    void purgeDeletesOnlyOldRows()
    {
        Database db;
        QVERIFY(db.open());
        QList<RequestLogEntry> rows{
            rowAt(testNow.addDays(-100)),
            rowAt(testNow.addDays(-31)),
            rowAt(testNow.addDays(-29)),           // younger than 30 days
            rowAt(testNow.addDays(-5), u"bob"_s),  // current month
            rowAt(testNow.addSecs(-60)),
        };
        QVERIFY(db.storage->appendRequestLog(rows).ok());
        QVERIFY(db.setLogDays(30));

        Inspector inspect(db.path());
        const QString rollupsBefore = inspect.otherRollups();

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        const Result<RetentionPurger::Counts> purged = purger.purgeNow();
        QVERIFY(purged.ok());
        QCOMPARE(purged.value().requestLogRows, 2);

        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM request_log"_s), 3);
        QCOMPARE(inspect.scalar(u"SELECT min(started_at) FROM request_log"_s), testNow.addDays(-29).toMSecsSinceEpoch());
        QCOMPARE(inspect.otherRollups(), rollupsBefore);
    }

    void purgeNeverDeletesCurrentMonth()
    {
        Database db;
        QVERIFY(db.open());
        const QDateTime monthStart(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc());
        QList<RequestLogEntry> rows{
            rowAt(monthStart.addSecs(-1)),
            rowAt(monthStart),
            rowAt(monthStart.addDays(10)),
        };
        QVERIFY(db.storage->appendRequestLog(rows).ok());
        QVERIFY(db.setLogDays(1));

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        const Result<RetentionPurger::Counts> purged = purger.purgeNow();
        QVERIFY(purged.ok());
        QCOMPARE(purged.value().requestLogRows, 1);

        Inspector inspect(db.path());
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM request_log"_s), 2);
        QCOMPARE(inspect.scalar(u"SELECT min(started_at) FROM request_log"_s), monthStart.toMSecsSinceEpoch());
    }

    void keepForeverDeletesNoLogRows()
    {
        Database db;
        QVERIFY(db.open());
        QList<RequestLogEntry> rows{rowAt(testNow.addYears(-3)), rowAt(testNow.addDays(-400))};
        QVERIFY(db.storage->appendRequestLog(rows).ok());

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        const Result<RetentionPurger::Counts> purged = purger.purgeNow();
        QVERIFY(purged.ok());
        QCOMPARE(purged.value().requestLogRows, 0);
        QCOMPARE(db.storage->requestLogCount().value(), 2);
    }

    void minutelyRowsGoAfterTwoDays()
    {
        Database db;
        QVERIFY(db.open());
        Inspector inspect(db.path());
        const QList<QDateTime> minutes{testNow.addDays(-3), testNow.addDays(-2).addSecs(-60),
                                       testNow.addDays(-2).addSecs(60), testNow.addSecs(-120)};
        for (const QDateTime &minute : minutes) {
            QVERIFY(inspect.exec(u"INSERT OR REPLACE INTO usage_minutely (minute, user_name, requests) VALUES (%1, 'alice', 1)"_s
                                     .arg(minute.toMSecsSinceEpoch())));
        }
        QVERIFY(inspect.exec(u"INSERT INTO usage_hourly (hour, user_name, requests) VALUES (%1, 'alice', 7)"_s
                                 .arg(testNow.addDays(-300).toMSecsSinceEpoch())));
        const QString rollupsBefore = inspect.otherRollups();

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        const Result<RetentionPurger::Counts> purged = purger.purgeNow();
        QVERIFY(purged.ok());
        QCOMPARE(purged.value().minutelyRows, 2);
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM usage_minutely"_s), 2);
        QCOMPARE(inspect.scalar(u"SELECT min(minute) FROM usage_minutely"_s),
                 testNow.addDays(-2).addSecs(60).toMSecsSinceEpoch());
        QCOMPARE(inspect.otherRollups(), rollupsBefore);
        QVERIFY(!rollupsBefore.isEmpty());
    }

    void purgeWorksInChunks()
    {
        Database db;
        QVERIFY(db.open());
        QList<RequestLogEntry> rows;
        for (int i = 0; i < 23; ++i)
            rows.append(rowAt(testNow.addDays(-60).addSecs(i)));
        rows.append(rowAt(testNow.addDays(-1)));
        QVERIFY(db.storage->appendRequestLog(rows).ok());
        QVERIFY(db.setLogDays(30));

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        purger.setChunkRows(5);
        QSignalSpy purged(&purger, &RetentionPurger::purged);
        purger.start();
        QVERIFY(purged.wait());
        QCOMPARE(purged.first().at(0).toLongLong(), 23);
        QCOMPARE(db.storage->requestLogCount().value(), 1);
    }

    void settingChangeStartsPurge()
    {
        Database db;
        QVERIFY(db.open());
        QList<RequestLogEntry> rows{rowAt(testNow.addDays(-90)), rowAt(testNow.addDays(-1))};
        QVERIFY(db.storage->appendRequestLog(rows).ok());

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        QSignalSpy purged(&purger, &RetentionPurger::purged);
        purger.start();
        QVERIFY(purged.wait());
        QCOMPARE(purged.takeFirst().at(0).toLongLong(), 0); // kept forever so far

        QVERIFY(db.setLogDays(30));
        QVERIFY(purged.wait(2 * RetentionPurger::settingsPollMs));
        QCOMPARE(purged.takeFirst().at(0).toLongLong(), 1);
        QCOMPARE(db.storage->requestLogCount().value(), 1);
    }

    void malformedSettingDeletesNothing()
    {
        Database db;
        QVERIFY(db.open());
        QList<RequestLogEntry> rows{rowAt(testNow.addDays(-90))};
        QVERIFY(db.storage->appendRequestLog(rows).ok());
        QVERIFY(db.storage->saveSettings({{RetentionPolicy::logDaysSettingName, u"-4"_s}}).ok());

        RetentionPurger purger(*db.storage, [] { return testNow; }, QTimeZone::utc());
        const Result<RetentionPurger::Counts> purged = purger.purgeNow();
        QVERIFY(!purged.ok());
        QCOMPARE(purged.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(db.storage->requestLogCount().value(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRetentionPurger)
#include "tst_retentionpurger.moc"
