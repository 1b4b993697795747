// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupsCommand.h"
#include "Storage.h"
#include "StorageConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CommandResult runRollups(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = RollupsCommand::run(arguments, out, err);
    return result;
}

QString databasePath(const QString &dataDir)
{
    Gateway::StorageConfig config;
    config.dataDir = dataDir;
    return config.databasePath();
}

// Writes three rows of two users, an hour apart, through the storage.
bool writeRows(const QString &dataDir)
{
    Gateway::StorageConfig config;
    config.dataDir = dataDir;
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, u"tst-rollupscommand"_s);
    if (!storage->open())
        return false;

    const QDateTime start(QDate(2026, 3, 14), QTime(9, 0), QTimeZone::utc());
    QList<Gateway::RequestLogEntry> entries;
    for (int i = 0; i < 3; ++i) {
        Gateway::RequestLogEntry entry;
        entry.requestId = u"r%1"_s.arg(i);
        entry.startedAt = start.addSecs(i * 3600);
        entry.userName = i == 1 ? u"bob"_s : u"alice"_s;
        entry.clientAddress = u"127.0.0.1"_s;
        entry.status = 200;
        entry.outcome = u"ok"_s;
        entry.latencyMs = 5;
        entries.append(entry);
    }
    return bool(storage->appendRequestLog(entries));
}

qint64 hourlyRequests(const QString &dataDir)
{
    qint64 requests = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-rollupscommand-read"_s);
        db.setDatabaseName(databasePath(dataDir));
        QSqlQuery query(db);
        if (db.open() && query.exec(u"SELECT sum(requests) FROM usage_hourly"_s) && query.next())
            requests = query.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(u"tst-rollupscommand-read"_s);
    return requests;
}

bool execute(const QString &dataDir, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tst-rollupscommand-write"_s);
        db.setDatabaseName(databasePath(dataDir));
        QSqlQuery query(db);
        ok = db.open() && query.exec(statement);
    }
    QSqlDatabase::removeDatabase(u"tst-rollupscommand-write"_s);
    return ok;
}

} // namespace

// Drives `soulfra-gateway rollups ...` through RollupsCommand::run, as main() does.
class TestRollupsCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rebuildRepairsRollups()
    {
        QTemporaryDir dir;
        QVERIFY(writeRows(dir.path()));
        QVERIFY(execute(dir.path(), u"UPDATE usage_hourly SET requests = 50"_s));
        QCOMPARE(hourlyRequests(dir.path()), 150);

        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QVERIFY2(result.out.contains(u"from 3 request log rows, 2026-03-14T09:00:00Z to 2026-03-14T11:00:00Z"_s),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(u"before 2026-03-14T09:00:00Z were kept"_s));
        QVERIFY(result.out.contains(u"usage_hourly"_s));
        // The coarse tables charts read for long ranges are rebuilt too.
        for (const QString &table : {u"usage_hourly_totals"_s, u"usage_daily_totals"_s, u"usage_hourly_users"_s,
                                     u"usage_daily_users"_s, u"usage_topics_daily_totals"_s})
            QVERIFY2(result.out.contains(table), qPrintable(table));
        QCOMPARE(hourlyRequests(dir.path()), 3);
    }

    void emptyLogRebuildChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(writeRows(dir.path()));
        QVERIFY(execute(dir.path(), u"DELETE FROM request_log"_s));

        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(u"The request log is empty"_s), qPrintable(result.out));
        QCOMPARE(hourlyRequests(dir.path()), 3);
    }

    void missingDatabaseFails()
    {
        QTemporaryDir dir;
        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.filePath(u"nowhere"_s)});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"no gateway database at"_s), qPrintable(result.err));
        QVERIFY(result.err.contains(u"check --data-dir"_s));
        QVERIFY(!QFile::exists(databasePath(dir.filePath(u"nowhere"_s))));
    }

    void invalidDatabaseFails()
    {
        QTemporaryDir dir;
        QFile file(databasePath(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();

        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.startsWith(u"soulfra-gateway rollups rebuild: "_s), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void emptyFileIsLeftAlone()
    {
        QTemporaryDir dir;
        QFile file(databasePath(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();

        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"is not a gateway database"_s), qPrintable(result.err));
        QCOMPARE(QFileInfo(databasePath(dir.path())).size(), 0);
    }

    void otherProgramsDatabaseIsLeftAlone()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
            db.setDatabaseName(databasePath(dir.path()));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE notes (text TEXT)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"foreign"_s);

        const CommandResult result = runRollups({u"rebuild"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"is not a gateway database"_s), qPrintable(result.err));

        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign-check"_s);
        db.setDatabaseName(databasePath(dir.path()));
        QVERIFY(db.open());
        QSqlQuery tables(db);
        QVERIFY(tables.exec(u"SELECT count(*) FROM sqlite_master WHERE type = 'table'"_s) && tables.next());
        QCOMPARE(tables.value(0).toInt(), 1);
        tables.finish();
        db.close();
    }

    void badArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("no command") << QStringList{} << u"missing command"_s;
        QTest::newRow("unknown command") << QStringList{u"purge"_s} << u"unknown command \"purge\""_s;
        QTest::newRow("unknown option") << QStringList{u"rebuild"_s, u"--hourly"_s} << u"Unknown option 'hourly'"_s;
        QTest::newRow("extra argument") << QStringList{u"rebuild"_s, u"now"_s} << u"unexpected argument \"now\""_s;
        QTest::newRow("data dir without value") << QStringList{u"rebuild"_s, u"--data-dir"_s}
                                                << u"Missing value after '--data-dir'"_s;
        QTest::newRow("empty data dir") << QStringList{u"rebuild"_s, u"--data-dir"_s, u" "_s}
                                        << u"must not be empty"_s;
    }

    void badArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CommandResult result = runRollups(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.err.contains(u"soulfra-gateway rollups"_s));
    }

    void helpPrintsUsage()
    {
        const CommandResult general = runRollups({u"--help"_s});
        QCOMPARE(general.exitCode, 0);
        QVERIFY(general.out.contains(u"rebuild"_s));

        const CommandResult rebuild = runRollups({u"rebuild"_s, u"--help"_s});
        QCOMPARE(rebuild.exitCode, 0);
        QVERIFY(rebuild.out.contains(u"--data-dir"_s));
        QVERIFY(rebuild.out.contains(u"keep their rollups"_s));
    }
};

QTEST_GUILESS_MAIN(TestRollupsCommand)
#include "tst_rollupscommand.moc"
