// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStorage.h"
#include "StorageConfig.h"
#include "UsersCommand.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CommandResult runUsers(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = UsersCommand::run(arguments, out, err);
    return result;
}

const QStringList userTables = {u"request_log"_s, u"usage_hourly"_s, u"usage_daily"_s, u"usage_minutely"_s,
                                u"usage_topics_daily"_s, u"usage_addresses_daily"_s};

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

    bool exec(const QString &statement) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        const bool ok = query.exec(statement);
        if (!ok)
            qWarning() << statement << query.lastError().text();
        return ok;
    }

    qint64 scalar(const QString &statement) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(statement) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    // Every row matching where in table, as comparable text.
    QStringList rows(const QString &table, const QString &where = u"1"_s) const
    {
        QStringList result;
        QSqlQuery query(QSqlDatabase::database(m_name));
        query.exec(u"SELECT * FROM %1 WHERE %2"_s.arg(table, where));
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i)
                values.append(query.value(i).toString());
            result.append(values.join(u'|'));
        }
        result.sort();
        return result;
    }

    // Every table's rows, to prove that a command changed nothing.
    QStringList everything() const
    {
        QStringList result;
        for (const QString &table : userTables + QStringList{u"users"_s, u"api_keys"_s, u"claims"_s, u"events"_s})
            result += rows(table);
        return result;
    }

private:
    QString m_name;
};

// Two users with keys, log rows, rollups, topics, addresses and a claim each.
bool populate(const QString &dataDir)
{
    StorageConfig config;
    config.dataDir = dataDir;
    SqliteStorage storage(config.databasePath(), u"populate"_s);
    if (!storage.open())
        return false;

    for (const QString &name : {u"alice"_s, u"bob"_s}) {
        UserRecord user;
        user.name = name;
        user.tier = u"pro"_s;
        user.email = name + u"@example.com"_s;
        const Result<UserRecord> saved = storage.saveUser(user);
        if (!saved)
            return false;

        KeyRecord key;
        key.id = u"key_"_s + name;
        key.userId = saved.value().id;
        key.tier = u"pro"_s;
        key.hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
        key.hint = u"sk_live_…"_s + name;
        key.createdAt = QDateTime::currentDateTimeUtc();
        if (!storage.insertKey(key))
            return false;

        QList<RequestLogEntry> rows;
        for (int i = 0; i < (name == u"alice"_s ? 3 : 2); ++i) {
            RequestLogEntry entry;
            entry.requestId = name + QString::number(i);
            entry.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * i);
            entry.userName = name;
            entry.keyId = key.id;
            entry.clientAddress = u"192.0.2.%1"_s.arg(name == u"alice"_s ? 1 : 2);
            entry.model = u"llama3.2:latest"_s;
            entry.promptText = u"prompt of "_s + name;
            entry.status = 200;
            entry.latencyMs = 10;
            entry.countedCall = true;
            rows.append(entry);
        }
        if (!storage.appendRequestLog(rows))
            return false;
    }

    // Rows the log writer's rollups may or may not have written already,
    // so the test does not depend on which rollups exist.
    Inspector inspect(storage.databasePath());
    const qint64 day = QDateTime(QDate(2026, 1, 5), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    bool ok = true;
    for (const QString &name : {u"alice"_s, u"bob"_s}) {
        ok = ok && inspect.exec(u"INSERT INTO usage_hourly (hour, user_name, key_id, model, tier, requests)"
                                " VALUES (%1, '%2', 'key_%2', 'old', 'pro', 4)"_s.arg(day).arg(name));
        ok = ok && inspect.exec(u"INSERT INTO usage_daily (day, user_name, key_id, model, tier, requests)"
                                " VALUES (%1, '%2', 'key_%2', 'old', 'pro', 4)"_s.arg(day).arg(name));
        ok = ok && inspect.exec(u"INSERT INTO usage_minutely (minute, user_name, requests) VALUES (%1, '%2', 1)"_s
                                    .arg(day).arg(name));
        ok = ok && inspect.exec(u"INSERT INTO usage_topics_daily (day, user_name, kind, name, source, requests)"
                                " VALUES (%1, '%2', 'language', 'rust', 'context', 2)"_s.arg(day).arg(name));
        ok = ok && inspect.exec(u"INSERT INTO usage_addresses_daily (day, client_address, user_name, requests)"
                                " VALUES (%1, '198.51.100.9', '%2', 2)"_s.arg(day).arg(name));
    }
    ok = ok && inspect.exec(u"INSERT INTO events (id, name, starts_at, ends_at, tier, trial_days, code_kind, created_at)"
                            " VALUES ('ev1', 'Meetup', 0, 1, 'pro', 7, 'shared', 0)"_s);
    ok = ok && inspect.exec(u"INSERT INTO claims (event_id, code_hash, nonce, key_id, user_id, email, client_address, claimed_at)"
                            " SELECT 'ev1', x'00', 'nonce-' || u.name, 'key_' || u.name, u.id, u.email, '203.0.113.5', 5"
                            " FROM users u"_s);
    return ok;
}

QString databasePath(const QString &dataDir)
{
    StorageConfig config;
    config.dataDir = dataDir;
    return config.databasePath();
}

} // namespace

// Drives `soulfra-gateway users export|delete` through UsersCommand::run, as
// main() does, and once through the executable.
class TestUserDataCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportHoldsExactlyThatUser()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        Inspector inspect(databasePath(dir.path()));

        const CommandResult exported = runUsers({u"export"_s, u"alice"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(exported.exitCode, 0);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(exported.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);

        QCOMPARE(json.value(u"user"_s).toObject().value(u"name"_s).toString(), u"alice"_s);
        QCOMPARE(json.value(u"user"_s).toObject().value(u"email"_s).toString(), u"alice@example.com"_s);
        QCOMPARE(json.value(u"tier"_s).toObject().value(u"name"_s).toString(), u"pro"_s);

        const QJsonArray keys = json.value(u"keys"_s).toArray();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().toObject().value(u"id"_s).toString(), u"key_alice"_s);
        QVERIFY(!keys.first().toObject().contains(u"hash"_s));

        const QJsonArray log = json.value(u"requestLog"_s).toArray();
        QCOMPARE(log.size(), 3);
        for (const QJsonValue &row : log) {
            QCOMPARE(row.toObject().value(u"user_name"_s).toString(), u"alice"_s);
            QCOMPARE(row.toObject().value(u"prompt_text"_s).toString(), u"prompt of alice"_s);
        }

        const QList<std::pair<QString, QString>> sections = {
            {u"usageHourly"_s, u"usage_hourly"_s}, {u"usageDaily"_s, u"usage_daily"_s},
            {u"usageMinutely"_s, u"usage_minutely"_s}, {u"topics"_s, u"usage_topics_daily"_s},
            {u"addresses"_s, u"usage_addresses_daily"_s}};
        for (const auto &[key, table] : sections) {
            const QJsonArray rows = json.value(key).toArray();
            QCOMPARE(rows.size(), inspect.scalar(u"SELECT count(*) FROM %1 WHERE user_name = 'alice'"_s.arg(table)));
            QVERIFY2(!rows.isEmpty(), qPrintable(key));
            for (const QJsonValue &row : rows)
                QCOMPARE(row.toObject().value(u"user_name"_s).toString(), u"alice"_s);
        }

        const QJsonArray claims = json.value(u"claims"_s).toArray();
        QCOMPARE(claims.size(), 1);
        QCOMPARE(claims.first().toObject().value(u"key_id"_s).toString(), u"key_alice"_s);
        QCOMPARE(claims.first().toObject().value(u"event_name"_s).toString(), u"Meetup"_s);
        QVERIFY(!claims.first().toObject().contains(u"nonce"_s));
        QVERIFY(!exported.out.contains(u"bob"_s));
    }

    void exportWritesFile()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        const QString file = dir.filePath(u"alice.json"_s);

        const CommandResult exported = runUsers({u"export"_s, u"alice"_s, u"--out"_s, file, u"--data-dir"_s, dir.path()});
        QCOMPARE(exported.exitCode, 0);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(written.readAll()).object();
        QCOMPARE(json.value(u"user"_s).toObject().value(u"name"_s).toString(), u"alice"_s);
        QCOMPARE(written.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    }

    void exportUnknownUserFails()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        const QString file = dir.filePath(u"nobody.json"_s);

        const CommandResult exported = runUsers({u"export"_s, u"nobody"_s, u"--out"_s, file, u"--data-dir"_s, dir.path()});
        QCOMPARE(exported.exitCode, 2);
        QVERIFY2(exported.err.contains(u"no user named \"nobody\""_s), qPrintable(exported.err));
        QVERIFY(!QFile::exists(file));
    }

    void deleteRemovesAllOfThatUser()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        Inspector inspect(databasePath(dir.path()));
        QStringList bobBefore;
        for (const QString &table : userTables)
            bobBefore += inspect.rows(table, u"user_name = 'bob'"_s);
        bobBefore += inspect.rows(u"api_keys"_s, u"id = 'key_bob'"_s);
        bobBefore += inspect.rows(u"claims"_s, u"key_id = 'key_bob'"_s);
        bobBefore += inspect.rows(u"users"_s, u"name = 'bob'"_s);

        const CommandResult deleted = runUsers({u"delete"_s, u"alice"_s, u"--yes"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(deleted.exitCode, 0);
        QVERIFY(deleted.out.contains(u"Deleted user alice with all their data."_s));

        for (const QString &table : userTables)
            QCOMPARE(inspect.scalar(u"SELECT count(*) FROM %1 WHERE user_name = 'alice'"_s.arg(table)), 0);
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM users WHERE name = 'alice'"_s), 0);
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM api_keys WHERE id = 'key_alice'"_s), 0);
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM claims WHERE nonce = 'nonce-alice'"_s), 0);

        QStringList bobAfter;
        for (const QString &table : userTables)
            bobAfter += inspect.rows(table, u"user_name = 'bob'"_s);
        bobAfter += inspect.rows(u"api_keys"_s, u"id = 'key_bob'"_s);
        bobAfter += inspect.rows(u"claims"_s, u"key_id = 'key_bob'"_s);
        bobAfter += inspect.rows(u"users"_s, u"name = 'bob'"_s);
        QCOMPARE(bobAfter, bobBefore);
        QVERIFY(!bobBefore.isEmpty());
    }

    void deleteNeedsConfirmation()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        Inspector inspect(databasePath(dir.path()));
        const QStringList before = inspect.everything();

        const CommandResult deleted = runUsers({u"delete"_s, u"alice"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(deleted.exitCode, 2);
        QVERIFY2(deleted.err.contains(u"add --yes to confirm"_s), qPrintable(deleted.err));
        QCOMPARE(inspect.everything(), before);
    }

    void deleteUnknownUserChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        Inspector inspect(databasePath(dir.path()));
        const QStringList before = inspect.everything();

        const CommandResult deleted = runUsers({u"delete"_s, u"alicia"_s, u"--yes"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(deleted.exitCode, 2);
        QVERIFY2(deleted.err.contains(u"no user named \"alicia\""_s), qPrintable(deleted.err));
        QCOMPARE(inspect.everything(), before);
    }

    void badArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("export without name") << QStringList{u"export"_s} << u"missing user name"_s;
        QTest::newRow("export two names") << QStringList{u"export"_s, u"a"_s, u"b"_s} << u"unexpected argument \"b\""_s;
        QTest::newRow("export empty out") << QStringList{u"export"_s, u"alice"_s, u"--out"_s, u""_s}
                                          << u"--out must not be empty"_s;
        QTest::newRow("delete without name") << QStringList{u"delete"_s, u"--yes"_s} << u"missing user name"_s;
    }

    void badArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));

        const CommandResult result = runUsers(arguments + QStringList{u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }

    void executableExportsAndDeletes()
    {
        QTemporaryDir dir;
        QVERIFY(populate(dir.path()));
        const QString program = qEnvironmentVariable("SOULFRA_GATEWAY_BIN");

        QProcess exporter;
        exporter.start(program, {u"users"_s, u"export"_s, u"bob"_s, u"--data-dir"_s, dir.path()});
        QVERIFY(exporter.waitForFinished(30000));
        QCOMPARE(exporter.exitCode(), 0);
        const QJsonObject json = QJsonDocument::fromJson(exporter.readAllStandardOutput()).object();
        QCOMPARE(json.value(u"requestLog"_s).toArray().size(), 2);

        QProcess deleter;
        deleter.start(program, {u"users"_s, u"delete"_s, u"bob"_s, u"--yes"_s, u"--data-dir"_s, dir.path()});
        QVERIFY(deleter.waitForFinished(30000));
        QCOMPARE(deleter.exitCode(), 0);
        Inspector inspect(databasePath(dir.path()));
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM request_log WHERE user_name = 'bob'"_s), 0);
        QCOMPARE(inspect.scalar(u"SELECT count(*) FROM request_log WHERE user_name = 'alice'"_s), 3);
    }
};

QTEST_GUILESS_MAIN(TestUserDataCommand)
#include "tst_userdatacommand.moc"
