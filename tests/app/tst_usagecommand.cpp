// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyHistogram.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"
#include "TestPaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

const QStringList expectedColumns{
    u"period_start"_s,     u"user"_s,          u"model"_s,          u"requests"_s,       u"generations"_s,
    u"errors"_s,           u"errors_auth"_s,   u"errors_forbidden"_s, u"errors_limit"_s, u"errors_queue"_s,
    u"errors_upstream"_s,  u"errors_client"_s, u"errors_cancelled"_s, u"errors_other"_s, u"prompt_tokens"_s,
    u"completion_tokens"_s, u"latency_p50_ms"_s, u"latency_p95_ms"_s, u"latency_p99_ms"_s, u"ttft_p50_ms"_s,
};

const QString awkwardUser = u"o\"neil, inc\nsales"_s;

QDateTime utc(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

CommandResult runUsage(const QStringList &arguments)
{
    QProcess process;
    process.setProgram(TestPaths::gatewayBinary());
    process.setArguments(QStringList{u"usage"_s} + arguments);
    process.start();
    CommandResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = u"did not finish: "_s + process.errorString();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// Parses RFC 4180 text: quoted fields may hold commas, doubled quotes and
// line breaks; records end with CRLF.
QList<QStringList> parseCsv(const QString &text, bool &valid)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    valid = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            ++i;
        } else if (c == u'\n' || c == u'"') {
            valid = false; // a bare LF or quote outside a quoted field
            field += c;
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        valid = false; // the last record must end with CRLF
    return records;
}

QString percentileText(const LatencyHistogram &histogram, double p)
{
    return QString::number(histogram.percentile(p), 'f', 1);
}

// A migrated database with rollup rows written by SQL.
class Database final
{
public:
    Database()
    {
        m_config.dataDir = m_dir.path();
        m_storage = std::make_unique<SqliteStorage>(m_config.databasePath(), u"usage-command-test"_s);
        m_opened = m_storage->open().ok();
    }
    Q_DISABLE_COPY_MOVE(Database)

    bool opened() const { return m_opened; }
    QString dataDir() const { return m_dir.path(); }

    // One group of requests in its hour and its UTC day. latencyBucket and
    // ttftBucket are histogram buckets; ttft counts the generations.
    bool add(const QDateTime &at, const QString &user, const QString &model, qint64 requests, qint64 generations,
             qint64 promptTokens, qint64 completionTokens, qint64 upstreamErrors, int latencyBucket, int ttftBucket)
    {
        const qint64 ms = at.toMSecsSinceEpoch();
        const QString lat = u"lat_"_s + QString::number(latencyBucket);
        const QString ttft = u"ttft_"_s + QString::number(ttftBucket);
        for (const auto &[table, column, period] : {std::tuple{u"usage_hourly"_s, u"hour"_s, ms - ms % 3'600'000},
                                                    std::tuple{u"usage_daily"_s, u"day"_s, ms - ms % 86'400'000}}) {
            QSqlQuery query(QSqlDatabase::database(m_storage->connectionName(), false));
            const QString statement = u"INSERT INTO "_s + table + u" ("_s + column
                + u", user_name, model, tier, key_id, requests, generations, prompt_tokens, completion_tokens,"
                  " errors_upstream, "_s
                + lat + u", "_s + ttft + u") VALUES (?, ?, ?, 'free', 'key1', ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT DO UPDATE SET requests = requests + excluded.requests,"
                  " generations = generations + excluded.generations,"
                  " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
                  " completion_tokens = completion_tokens + excluded.completion_tokens,"
                  " errors_upstream = errors_upstream + excluded.errors_upstream, "_s
                + lat + u" = "_s + lat + u" + excluded."_s + lat + u", "_s + ttft + u" = "_s + ttft + u" + excluded."_s
                + ttft;
            if (!query.prepare(statement)) {
                qWarning().noquote() << query.lastError().text();
                return false;
            }
            for (const QVariant &value : QVariantList{period, user, model, requests, generations, promptTokens,
                                                      completionTokens, upstreamErrors, requests, generations})
                query.addBindValue(value);
            if (!query.exec()) {
                qWarning().noquote() << query.lastError().text();
                return false;
            }
        }
        return true;
    }

private:
    QTemporaryDir m_dir;
    StorageConfig m_config;
    std::unique_ptr<SqliteStorage> m_storage;
    bool m_opened = false;
};

// Ann: 3 requests at 10:00 and 1 at 15:00 on 10 March, 2 on 11 March;
// the awkward user 5 requests of another model on 10 March.
bool fillExample(Database &database)
{
    return database.add(utc(u"2025-03-10T10:15:00Z"_s), u"ann"_s, u"llama3.2:3b"_s, 3, 2, 30, 60, 1, 6, 3)
        && database.add(utc(u"2025-03-10T15:00:00Z"_s), u"ann"_s, u"llama3.2:3b"_s, 1, 0, 5, 0, 0, 9, 0)
        && database.add(utc(u"2025-03-11T09:00:00Z"_s), u"ann"_s, u"llama3.2:3b"_s, 2, 2, 10, 10, 0, 6, 3)
        && database.add(utc(u"2025-03-10T12:00:00Z"_s), awkwardUser, u"qwen2.5:7b"_s, 5, 0, 0, 0, 0, 12, 0)
        && database.add(utc(u"2025-03-12T00:00:00Z"_s), u"ann"_s, u"llama3.2:3b"_s, 100, 0, 0, 0, 0, 6, 0);
}

} // namespace

// Runs `soulfra-gateway usage` as a separate process on a database filled
// with rollup rows by SQL.
class TestUsageCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvParsesBackToRows()
    {
        Database database;
        QVERIFY(database.opened());
        QVERIFY(fillExample(database));

        const CommandResult result = runUsage({u"--data-dir"_s, database.dataDir(), u"--from"_s, u"2025-03-10"_s,
                                               u"--to"_s, u"2025-03-11"_s, u"--format"_s, u"csv"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.err.isEmpty());
        bool valid = false;
        const QList<QStringList> records = parseCsv(QString::fromUtf8(result.out), valid);
        QVERIFY(valid);
        QCOMPARE(records.size(), 4);
        QCOMPARE(records.at(0), expectedColumns);

        // Oldest first, then by user and model.
        const QStringList ann = records.at(1);
        QCOMPARE(ann.size(), expectedColumns.size());
        QCOMPARE(ann.at(0), u"2025-03-10T00:00:00Z"_s);
        QCOMPARE(ann.at(1), u"ann"_s);
        QCOMPARE(ann.at(2), u"llama3.2:3b"_s);
        QCOMPARE(ann.at(3), u"4"_s);  // requests
        QCOMPARE(ann.at(4), u"2"_s);  // generations
        QCOMPARE(ann.at(5), u"1"_s);  // errors
        QCOMPARE(ann.at(10), u"1"_s); // errors_upstream
        QCOMPARE(ann.at(6), u"0"_s);
        QCOMPARE(ann.at(14), u"35"_s); // prompt_tokens
        QCOMPARE(ann.at(15), u"60"_s); // completion_tokens

        LatencyHistogram latency;
        latency.setCount(6, 3);
        latency.setCount(9, 1);
        LatencyHistogram ttft;
        ttft.setCount(3, 2);
        QCOMPARE(ann.at(16), percentileText(latency, 0.5));
        QCOMPARE(ann.at(17), percentileText(latency, 0.95));
        QCOMPARE(ann.at(18), percentileText(latency, 0.99));
        QCOMPARE(ann.at(19), percentileText(ttft, 0.5));

        const QStringList awkward = records.at(2);
        QCOMPARE(awkward.at(0), u"2025-03-10T00:00:00Z"_s);
        QCOMPARE(awkward.at(1), awkwardUser);
        QCOMPARE(awkward.at(2), u"qwen2.5:7b"_s);
        QCOMPARE(awkward.at(3), u"5"_s);
        QCOMPARE(awkward.at(19), QString()); // no time to first token without generations

        const QStringList nextDay = records.at(3);
        QCOMPARE(nextDay.at(0), u"2025-03-11T00:00:00Z"_s);
        QCOMPARE(nextDay.at(3), u"2"_s);
    }

    void jsonParsesBackToRows()
    {
        Database database;
        QVERIFY(database.opened());
        QVERIFY(fillExample(database));

        const CommandResult result =
            runUsage({u"--data-dir"_s, database.dataDir(), u"--from"_s, u"2025-03-10T10:00:00Z"_s, u"--to"_s,
                      u"2025-03-10T16:00:00Z"_s, u"--by"_s, u"hour"_s, u"--format"_s, u"json"_s});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QJsonParseError error{};
        const QJsonObject document = QJsonDocument::fromJson(result.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.value(u"from"_s).toString(), u"2025-03-10T10:00:00Z"_s);
        QCOMPARE(document.value(u"to"_s).toString(), u"2025-03-10T16:00:00Z"_s);
        QCOMPARE(document.value(u"by"_s).toString(), u"hour"_s);

        const QJsonArray rows = document.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 3);
        QStringList starts;
        for (const QJsonValue &row : rows)
            starts.append(row.toObject().value(u"period_start"_s).toString());
        QCOMPARE(starts, (QStringList{u"2025-03-10T10:00:00Z"_s, u"2025-03-10T12:00:00Z"_s, u"2025-03-10T15:00:00Z"_s}));

        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(QStringList(first.keys()).size(), expectedColumns.size());
        for (const QString &column : expectedColumns)
            QVERIFY2(first.contains(column), qPrintable(column));
        QCOMPARE(first.value(u"user"_s).toString(), u"ann"_s);
        QCOMPARE(first.value(u"requests"_s).toInteger(), 3);
        QCOMPARE(first.value(u"generations"_s).toInteger(), 2);
        QCOMPARE(first.value(u"errors"_s).toInteger(), 1);
        QCOMPARE(first.value(u"errors_upstream"_s).toInteger(), 1);
        QCOMPARE(first.value(u"prompt_tokens"_s).toInteger(), 30);
        QCOMPARE(first.value(u"completion_tokens"_s).toInteger(), 60);
        LatencyHistogram latency;
        latency.setCount(6, 3);
        // One decimal, as in the CSV.
        QCOMPARE(first.value(u"latency_p50_ms"_s).toDouble(), std::round(latency.percentile(0.5) * 10) / 10);
        QVERIFY(first.value(u"ttft_p50_ms"_s).isDouble());

        const QJsonObject awkward = rows.at(1).toObject();
        QCOMPARE(awkward.value(u"user"_s).toString(), awkwardUser);
        QVERIFY(awkward.value(u"ttft_p50_ms"_s).isNull());
    }

    void filtersByUserModelAndMonth()
    {
        Database database;
        QVERIFY(database.opened());
        QVERIFY(fillExample(database));
        const QStringList range{u"--data-dir"_s, database.dataDir(), u"--from"_s, u"2025-03-01"_s,
                                u"--to"_s, u"2025-03-31"_s, u"--format"_s, u"json"_s};

        const CommandResult byMonth = runUsage(range + QStringList{u"--by"_s, u"month"_s});
        QCOMPARE(byMonth.exitCode, 0);
        const QJsonArray months = QJsonDocument::fromJson(byMonth.out).object().value(u"rows"_s).toArray();
        QCOMPARE(months.size(), 2);
        QCOMPARE(months.at(0).toObject().value(u"period_start"_s).toString(), u"2025-03-01T00:00:00Z"_s);
        QCOMPARE(months.at(0).toObject().value(u"requests"_s).toInteger(), 106);

        const CommandResult oneUser = runUsage(range + QStringList{u"--user"_s, awkwardUser});
        QCOMPARE(oneUser.exitCode, 0);
        const QJsonArray userRows = QJsonDocument::fromJson(oneUser.out).object().value(u"rows"_s).toArray();
        QCOMPARE(userRows.size(), 1);
        QCOMPARE(userRows.at(0).toObject().value(u"requests"_s).toInteger(), 5);

        const CommandResult oneModel = runUsage(range + QStringList{u"--model"_s, u"llama3.2:3b"_s});
        QCOMPARE(oneModel.exitCode, 0);
        const QJsonArray modelRows = QJsonDocument::fromJson(oneModel.out).object().value(u"rows"_s).toArray();
        QCOMPARE(modelRows.size(), 3);
        for (const QJsonValue &row : modelRows)
            QCOMPARE(row.toObject().value(u"model"_s).toString(), u"llama3.2:3b"_s);

        const CommandResult nobody = runUsage(range + QStringList{u"--user"_s, u"nobody"_s});
        QCOMPARE(nobody.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(nobody.out).object().value(u"rows"_s).toArray().isEmpty());
    }

    void defaultRangeIsLastThirtyDays()
    {
        Database database;
        QVERIFY(database.opened());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(database.add(now.addDays(-1), u"recent"_s, u"m"_s, 2, 0, 0, 0, 0, 6, 0));
        QVERIFY(database.add(now.addDays(-40), u"old"_s, u"m"_s, 3, 0, 0, 0, 0, 6, 0));

        const CommandResult result = runUsage({u"--data-dir"_s, database.dataDir(), u"--format"_s, u"json"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject document = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(document.value(u"by"_s).toString(), u"day"_s);
        const QJsonArray rows = document.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toObject().value(u"user"_s).toString(), u"recent"_s);
        const QDateTime from = utc(document.value(u"from"_s).toString());
        const QDateTime to = utc(document.value(u"to"_s).toString());
        QCOMPARE(from.daysTo(to), 30);
        QVERIFY(to > now);
    }

    void emptyRangePrintsHeaderOnly()
    {
        Database database;
        QVERIFY(database.opened());
        const CommandResult result = runUsage({u"--data-dir"_s, database.dataDir(), u"--from"_s, u"2020-01-01"_s,
                                               u"--to"_s, u"2020-01-02"_s, u"--format"_s, u"csv"_s});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QString::fromUtf8(result.out), expectedColumns.join(u',') + u"\r\n"_s);
    }

    void badInputIsUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("missing format") << QStringList{} << u"missing --format"_s;
        QTest::newRow("unknown format") << QStringList{u"--format"_s, u"xml"_s}
                                        << u"invalid value \"xml\" for --format"_s;
        QTest::newRow("unknown period") << QStringList{u"--format"_s, u"csv"_s, u"--by"_s, u"week"_s}
                                        << u"invalid value \"week\" for --by"_s;
        QTest::newRow("from after to") << QStringList{u"--format"_s, u"csv"_s, u"--from"_s, u"2025-03-10"_s,
                                                      u"--to"_s, u"2025-03-01"_s}
                                       << u"the range is empty"_s;
        QTest::newRow("from equals to") << QStringList{u"--format"_s, u"csv"_s, u"--from"_s,
                                                       u"2025-03-10T00:00:00Z"_s, u"--to"_s, u"2025-03-10T00:00:00Z"_s}
                                        << u"the range is empty"_s;
        QTest::newRow("time inside an hour")
            << QStringList{u"--format"_s, u"csv"_s, u"--from"_s, u"2025-03-10T10:15:00Z"_s}
            << u"invalid value \"2025-03-10T10:15:00Z\" for --from: usage is kept per hour"_s;
        QTest::newRow("seconds past the hour")
            << QStringList{u"--format"_s, u"csv"_s, u"--to"_s, u"2025-03-10T10:00:01Z"_s}
            << u"such as 2025-03-10T10:00:00Z"_s;
        QTest::newRow("impossible day") << QStringList{u"--format"_s, u"csv"_s, u"--from"_s, u"2025-02-30"_s}
                                        << u"invalid value \"2025-02-30\" for --from"_s;
        QTest::newRow("word as date") << QStringList{u"--format"_s, u"csv"_s, u"--to"_s, u"yesterday"_s}
                                      << u"invalid value \"yesterday\" for --to"_s;
        QTest::newRow("bad time") << QStringList{u"--format"_s, u"csv"_s, u"--to"_s, u"2025-03-10T25:00:00Z"_s}
                                  << u"invalid value \"2025-03-10T25:00:00Z\" for --to"_s;
        QTest::newRow("unknown option") << QStringList{u"--format"_s, u"csv"_s, u"--week"_s}
                                        << u"Unknown option 'week'"_s;
        QTest::newRow("positional") << QStringList{u"--format"_s, u"csv"_s, u"ann"_s}
                                    << u"unexpected argument \"ann\""_s;
        QTest::newRow("empty user") << QStringList{u"--format"_s, u"csv"_s, u"--user"_s, u""_s}
                                    << u"the value of --user must not be empty"_s;
        QTest::newRow("empty data dir") << QStringList{u"--format"_s, u"csv"_s, u"--data-dir"_s, u" "_s}
                                        << u"the value of --data-dir must not be empty"_s;
    }

    void badInputIsUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);

        Database database;
        QVERIFY(database.opened());
        QVERIFY(fillExample(database));
        const QStringList withDataDir = arguments.contains(u"--data-dir"_s)
            ? arguments
            : QStringList{u"--data-dir"_s, database.dataDir()} + arguments;
        const CommandResult result = runUsage(withDataDir);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.err.contains(u"soulfra-gateway usage --help"_s));
    }

    void missingDatabaseIsUsageError()
    {
        QTemporaryDir dir;
        const CommandResult result = runUsage({u"--data-dir"_s, dir.path(), u"--format"_s, u"csv"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(u"no gateway database at"_s), qPrintable(result.err));
        QVERIFY(!QFile::exists(dir.filePath(u"gateway.sqlite"_s)));
    }

    void unreadableDatabaseIsFailure()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"gateway.sqlite"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();

        const CommandResult result = runUsage({u"--data-dir"_s, dir.path(), u"--format"_s, u"json"_s});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(u"cannot read"_s), qPrintable(result.err));
    }

    void olderSchemaIsFailure()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old-schema"_s);
            db.setDatabaseName(dir.filePath(u"gateway.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA user_version = 4"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old-schema"_s);

        const CommandResult result = runUsage({u"--data-dir"_s, dir.path(), u"--format"_s, u"csv"_s});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(u"schema version 4"_s), qPrintable(result.err));
    }

    void helpPrintsOptions()
    {
        const CommandResult result = runUsage({u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        const QString help = QString::fromUtf8(result.out);
        for (const QString &option : {u"--data-dir"_s, u"--user"_s, u"--model"_s, u"--from"_s, u"--to"_s, u"--by"_s,
                                      u"--format"_s})
            QVERIFY2(help.contains(option), qPrintable(option));
    }
};

QTEST_GUILESS_MAIN(TestUsageCommand)
#include "tst_usagecommand.moc"
