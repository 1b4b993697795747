// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

KeyRecord makeKey(qint64 userId, const QString &id, const QString &tier = u"pro"_s)
{
    const QByteArray secret = ApiKey::generate(ApiKey::prefixForTier(tier));
    KeyRecord key;
    key.id = id;
    key.userId = userId;
    key.tier = tier;
    key.hash = ApiKey::hash(secret);
    key.hint = ApiKey::hint(secret);
    key.label = u"laptop"_s;
    key.createdAt = QDateTime::currentDateTimeUtc();
    return key;
}

// A plain connection next to the storage under test, to inspect or disturb
// the file the way another process would.
class RawConnection final
{
public:
    explicit RawConnection(const QString &path)
        : m_name(u"raw-%1"_s.arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(RawConnection)

    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        return query.exec(sql);
    }

private:
    QString m_name;
};

} // namespace

class TestSqliteStorage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void openCreatesDirectoryAndSchema();
    void reopenKeepsDataAndSchema();
    void openRejectsNewerSchema();
    void openRejectsFileThatIsNotDatabase();
    void operationsFailBeforeOpen();
    void connectionUsesWriteAheadLog();
    void defaultTiersAreSeeded();
    void ensureUserCreatesOnceAndKeepsTier();
    void ensureUserRejectsUnknownTier();
    void insertKeyRoundTripsEveryField();
    void insertKeyRejectsDuplicateIdAndHash();
    void insertKeyRejectsUnknownUser();
    void insertKeyRejectsIncompleteRecord();
    void revokeKeyKeepsFirstRevocationTime();
    void revokeUnknownKeyIsNotFound();
    void revisionChangesWhenOtherConnectionInsertsKey();
    void touchKeysKeepsNewestTimeWithoutNewRevision();
    void expireKeyNeverExtendsExpiry();
    void requestLogRoundTripsEveryField();
    void requestLogKeepsUnknownValuesNull();
    void recentRequestLogReturnsNewestFirst();
    void recentRequestLogRejectsNonPositiveLimit();
    void twoConnectionsWriteConcurrently();
    void concurrentFirstOpensMigrateOnce();

    void tierLimitsSeeded();
    void saveTierRoundTripsEveryField();
    void saveTierRejectsBadFallback();
    void saveUserStartsTrialAndKeepsOverrides();
    void saveUserRejectsUnknownTierAndStatus();
    void endTrialsMovesDueUsers();
    void usageTotalsCountAdmittedRowsInWindows();

private:
    std::unique_ptr<SqliteStorage> openStorage();

    std::unique_ptr<QTemporaryDir> m_dir;
    StorageConfig m_config;
};

void TestSqliteStorage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config.dataDir = m_dir->filePath(u"data"_s);
}

void TestSqliteStorage::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<SqliteStorage> TestSqliteStorage::openStorage()
{
    auto storage = std::make_unique<SqliteStorage>(m_config.databasePath(), u"test"_s);
    const Result<Done> opened = storage->open();
    if (!opened)
        qWarning().noquote() << opened.error().message();
    return opened ? std::move(storage) : nullptr;
}

void TestSqliteStorage::openCreatesDirectoryAndSchema()
{
    m_config.dataDir = m_dir->filePath(u"nested/deeper"_s);
    QVERIFY(!QFile::exists(m_config.databasePath()));

    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    QVERIFY(QFile::exists(m_config.databasePath()));
    QCOMPARE(storage->schemaVersion(), SqliteStorage::latestSchemaVersion());
    QVERIFY(SqliteStorage::latestSchemaVersion() >= 1);

    RawConnection raw(m_config.databasePath());
    QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), SqliteStorage::latestSchemaVersion());
    for (const QString &table : {u"tiers"_s, u"users"_s, u"api_keys"_s, u"request_log"_s, u"keys_revision"_s}) {
        const QVariant found = raw.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table));
        QVERIFY2(found.toInt() == 1, qPrintable(table));
    }
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'request_log_started_at'"_s).toInt(), 1);
    QCOMPARE(raw.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'request_log_user_name'"_s).toInt(), 1);
}

void TestSqliteStorage::reopenKeepsDataAndSchema()
{
    {
        std::unique_ptr<SqliteStorage> storage = openStorage();
        QVERIFY(storage);
        QVERIFY(storage->ensureUser(u"alice"_s, u"pro"_s));
    }

    std::unique_ptr<SqliteStorage> reopened = openStorage();
    QVERIFY(reopened);
    QCOMPARE(reopened->schemaVersion(), SqliteStorage::latestSchemaVersion());
    const Result<UserRecord> alice = reopened->findUser(u"alice"_s);
    QVERIFY(alice);
    QCOMPARE(alice.value().tier, u"pro"_s);

    // Seeding ran once: a second open must not duplicate the default tiers.
    const Result<QList<TierRecord>> tiers = reopened->tiers();
    QVERIFY(tiers);
    QCOMPARE(tiers.value().size(), 4);

    // Opening twice in one process works as well, each with its own connection.
    std::unique_ptr<SqliteStorage> second = openStorage();
    QVERIFY(second);
    QVERIFY(second->connectionName() != reopened->connectionName());
}

void TestSqliteStorage::openRejectsNewerSchema()
{
    QVERIFY(openStorage());
    {
        RawConnection raw(m_config.databasePath());
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
    }

    SqliteStorage storage(m_config.databasePath(), u"test"_s);
    const Result<Done> opened = storage.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), ErrorCode::StorageFailed);
    QVERIFY2(opened.error().message().contains(u"99"_s), qPrintable(opened.error().message()));
}

void TestSqliteStorage::openRejectsFileThatIsNotDatabase()
{
    QVERIFY(QDir().mkpath(m_config.dataDir));
    QFile file(m_config.databasePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();

    SqliteStorage storage(m_config.databasePath(), u"test"_s);
    const Result<Done> opened = storage.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code(), ErrorCode::StorageFailed);
}

void TestSqliteStorage::operationsFailBeforeOpen()
{
    SqliteStorage storage(m_config.databasePath(), u"test"_s);
    QCOMPARE(storage.keys().error().code(), ErrorCode::StorageFailed);
    QCOMPARE(storage.tiers().error().code(), ErrorCode::StorageFailed);
    QCOMPARE(storage.keysRevision().error().code(), ErrorCode::StorageFailed);
    QList<RequestLogEntry> rows{RequestLogEntry{}};
    QCOMPARE(storage.appendRequestLog(rows).error().code(), ErrorCode::StorageFailed);
    QVERIFY(!QFile::exists(m_config.databasePath()));
}

void TestSqliteStorage::connectionUsesWriteAheadLog()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    // journal_mode=WAL is stored in the file, so every connection reports it.
    RawConnection raw(m_config.databasePath());
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
}

void TestSqliteStorage::defaultTiersAreSeeded()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const Result<QList<TierRecord>> tiers = storage->tiers();
    QVERIFY(tiers);
    QCOMPARE(tiers.value().size(), 4);

    const TierRecord &free = tiers.value().at(0);
    QCOMPARE(free.name, u"free"_s);
    QCOMPARE(free.keyPrefix, u"sk_free_"_s);
    QCOMPARE(free.priceCentsPerMonth, qint64(0));
    QCOMPARE(free.callsPerDay, std::optional<qint64>(1000));
    QCOMPARE(free.generationsPerMonth, std::optional<qint64>(100));
    QCOMPARE(free.brandsPerMonth, std::optional<qint64>(3));
    QCOMPARE(free.support, u"community"_s);

    const TierRecord &pro = tiers.value().at(1);
    QCOMPARE(pro.name, u"pro"_s);
    QCOMPARE(pro.keyPrefix, u"sk_live_"_s);
    QCOMPARE(pro.priceCentsPerMonth, qint64(1900));
    QCOMPARE(pro.callsPerDay, std::optional<qint64>(50000));
    QVERIFY(!pro.generationsPerMonth.has_value());
    QCOMPARE(pro.brandsPerMonth, std::optional<qint64>(10));
    QCOMPARE(pro.support, u"priority"_s);

    const TierRecord &trial = tiers.value().at(2);
    QCOMPARE(trial.name, u"pro_trial"_s);
    QCOMPARE(trial.keyPrefix, u"sk_trial_"_s);
    QCOMPARE(trial.priceCentsPerMonth, qint64(0));
    QCOMPARE(trial.callsPerDay, pro.callsPerDay);
    QCOMPARE(trial.generationsPerMonth, pro.generationsPerMonth);
    QCOMPARE(trial.brandsPerMonth, pro.brandsPerMonth);

    const TierRecord &enterprise = tiers.value().at(3);
    QCOMPARE(enterprise.name, u"enterprise"_s);
    QCOMPARE(enterprise.keyPrefix, u"sk_ent_"_s);
    QVERIFY(!enterprise.callsPerDay.has_value());
    QVERIFY(!enterprise.generationsPerMonth.has_value());
    QVERIFY(!enterprise.brandsPerMonth.has_value());
    QCOMPARE(enterprise.support, u"custom"_s);
}

void TestSqliteStorage::ensureUserCreatesOnceAndKeepsTier()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    const Result<UserRecord> created = storage->ensureUser(u"alice"_s, u"pro"_s);
    QVERIFY(created);
    QVERIFY(created.value().id > 0);
    QCOMPARE(created.value().tier, u"pro"_s);
    QCOMPARE(created.value().status, u"active"_s);
    QVERIFY(created.value().createdAt.isValid());

    const Result<UserRecord> again = storage->ensureUser(u"alice"_s, u"free"_s);
    QVERIFY(again);
    QCOMPARE(again.value().id, created.value().id);
    QCOMPARE(again.value().tier, u"pro"_s);

    const Result<QList<UserRecord>> users = storage->users();
    QVERIFY(users);
    QCOMPARE(users.value().size(), 1);
    QCOMPARE(storage->findUser(u"bob"_s).error().code(), ErrorCode::NotFound);
}

void TestSqliteStorage::ensureUserRejectsUnknownTier()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    const Result<UserRecord> user = storage->ensureUser(u"alice"_s, u"gold"_s);
    QVERIFY(!user);
    QCOMPARE(user.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(user.error().message().contains(u"gold"_s));
    QCOMPARE(storage->users().value().size(), 0);
    QCOMPARE(storage->ensureUser(QString(), u"free"_s).error().code(), ErrorCode::InvalidArgument);
}

void TestSqliteStorage::insertKeyRoundTripsEveryField()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;

    KeyRecord key = makeKey(userId, u"key_roundtrp"_s);
    key.isOperator = true;
    key.expiresAt = key.createdAt.addDays(7);
    const Result<KeyRecord> stored = storage->insertKey(key);
    QVERIFY(stored);
    QCOMPARE(stored.value().userName, u"alice"_s);

    const Result<QList<KeyRecord>> keys = storage->keys();
    QVERIFY(keys);
    QCOMPARE(keys.value().size(), 1);
    const KeyRecord &read = keys.value().first();
    QCOMPARE(read.id, key.id);
    QCOMPARE(read.userId, userId);
    QCOMPARE(read.userName, u"alice"_s);
    QCOMPARE(read.tier, u"pro"_s);
    QCOMPARE(read.isOperator, true);
    QCOMPARE(read.hash, key.hash);
    QCOMPARE(read.hint, key.hint);
    QCOMPARE(read.label, u"laptop"_s);
    QCOMPARE(read.createdAt, key.createdAt);
    QCOMPARE(read.createdAt.timeSpec(), Qt::UTC);
    QCOMPARE(read.expiresAt, key.expiresAt);
    QVERIFY(!read.revokedAt.isValid());
    QVERIFY(!read.lastUsedAt.isValid());
}

void TestSqliteStorage::insertKeyRejectsDuplicateIdAndHash()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;
    const KeyRecord first = makeKey(userId, u"key_aaaaaaaa"_s);
    QVERIFY(storage->insertKey(first));

    const KeyRecord sameId = makeKey(userId, u"key_aaaaaaaa"_s);
    QCOMPARE(storage->insertKey(sameId).error().code(), ErrorCode::AlreadyExists);

    KeyRecord sameHash = makeKey(userId, u"key_bbbbbbbb"_s);
    sameHash.hash = first.hash;
    QCOMPARE(storage->insertKey(sameHash).error().code(), ErrorCode::AlreadyExists);

    QCOMPARE(storage->keys().value().size(), 1);
}

void TestSqliteStorage::insertKeyRejectsUnknownUser()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    // Only the foreign key constraint stops this insert, so it proves that
    // foreign keys are enforced on the storage's connection.
    const Result<KeyRecord> stored = storage->insertKey(makeKey(4242, u"key_orphan00"_s));
    QVERIFY(!stored);
    QCOMPARE(stored.error().code(), ErrorCode::StorageFailed);
    QCOMPARE(storage->keys().value().size(), 0);
}

void TestSqliteStorage::insertKeyRejectsIncompleteRecord()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;

    KeyRecord shortHash = makeKey(userId, u"key_short000"_s);
    shortHash.hash.chop(1);
    QCOMPARE(storage->insertKey(shortHash).error().code(), ErrorCode::InvalidArgument);

    KeyRecord noId = makeKey(userId, QString());
    QCOMPARE(storage->insertKey(noId).error().code(), ErrorCode::InvalidArgument);

    KeyRecord noTime = makeKey(userId, u"key_notime00"_s);
    noTime.createdAt = QDateTime();
    QCOMPARE(storage->insertKey(noTime).error().code(), ErrorCode::InvalidArgument);
}

void TestSqliteStorage::revokeKeyKeepsFirstRevocationTime()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;
    QVERIFY(storage->insertKey(makeKey(userId, u"key_revoke00"_s)));

    const Result<KeyRecord> revoked = storage->revokeKey(u"key_revoke00"_s);
    QVERIFY(revoked);
    QVERIFY(revoked.value().revokedAt.isValid());

    QTest::qWait(5); // a later revocation would have a later millisecond
    const Result<KeyRecord> again = storage->revokeKey(u"key_revoke00"_s);
    QVERIFY(again);
    QCOMPARE(again.value().revokedAt, revoked.value().revokedAt);
}

void TestSqliteStorage::revokeUnknownKeyIsNotFound()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const Result<KeyRecord> revoked = storage->revokeKey(u"key_missing0"_s);
    QVERIFY(!revoked);
    QCOMPARE(revoked.error().code(), ErrorCode::NotFound);
    QVERIFY(revoked.error().message().contains(u"key_missing0"_s));
}

void TestSqliteStorage::revisionChangesWhenOtherConnectionInsertsKey()
{
    std::unique_ptr<SqliteStorage> gateway = openStorage();
    std::unique_ptr<SqliteStorage> cli = openStorage();
    QVERIFY(gateway);
    QVERIFY(cli);

    const qint64 initial = gateway->keysRevision().value();
    const qint64 userId = cli->ensureUser(u"alice"_s, u"pro"_s).value().id;
    const qint64 afterUser = gateway->keysRevision().value();
    QVERIFY(afterUser > initial);

    QVERIFY(cli->insertKey(makeKey(userId, u"key_othercon"_s)));
    const qint64 afterKey = gateway->keysRevision().value();
    QVERIFY(afterKey > afterUser);

    QVERIFY(cli->revokeKey(u"key_othercon"_s));
    QVERIFY(gateway->keysRevision().value() > afterKey);
}

void TestSqliteStorage::expireKeyNeverExtendsExpiry()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;
    QVERIFY(storage->insertKey(makeKey(userId, u"key_expiring"_s)));

    const QDateTime soon = QDateTime::currentDateTimeUtc().addSecs(3600);
    QCOMPARE(storage->expireKey(u"key_expiring"_s, soon).value().expiresAt, soon);
    QCOMPARE(storage->expireKey(u"key_expiring"_s, soon.addDays(30)).value().expiresAt, soon);
    QCOMPARE(storage->expireKey(u"key_nosuchkey"_s, soon).error().code(), ErrorCode::NotFound);
}

void TestSqliteStorage::touchKeysKeepsNewestTimeWithoutNewRevision()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 userId = storage->ensureUser(u"alice"_s, u"pro"_s).value().id;
    QVERIFY(storage->insertKey(makeKey(userId, u"key_touched0"_s)));
    const qint64 revision = storage->keysRevision().value();

    const QDateTime newer = QDateTime::currentDateTimeUtc().addSecs(10);
    const QDateTime older = newer.addSecs(-60);
    QVERIFY(storage->touchKeys({{u"key_touched0"_s, newer, u"192.0.2.7"_s}}));
    QVERIFY(storage->touchKeys({{u"key_touched0"_s, older, u"192.0.2.99"_s}, {u"key_unknown0"_s, older, {}}}));

    QCOMPARE(storage->keys().value().first().lastUsedAt, newer);
    // The address belongs to the newest use, not to the batch written last.
    QCOMPARE(storage->keys().value().first().lastUsedAddress, u"192.0.2.7"_s);
    // Key use is recorded every second under traffic, so it must not make the
    // gateway reload its key index.
    QCOMPARE(storage->keysRevision().value(), revision);
    QVERIFY(storage->touchKeys({}));
}

void TestSqliteStorage::requestLogRoundTripsEveryField()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    RequestLogEntry entry;
    entry.requestId = u"req-1"_s;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.userName = u"alice"_s;
    entry.keyId = u"key_abcdefgh"_s;
    entry.clientAddress = u"127.0.0.1"_s;
    entry.userAgent = u"curl/7.88.1"_s;
    entry.method = u"POST"_s;
    entry.path = u"/api/chat?x=1"_s;
    entry.model = u"llama3.2:3b"_s;
    entry.brand = u"acme"_s;
    entry.contextLanguage = u"python"_s;
    entry.contextFramework = u"django"_s;
    entry.promptText = u"Say hi – grüß dich"_s;
    entry.responseText = u"hi"_s;
    entry.status = 200;
    entry.outcome = u"ok"_s;
    entry.errorMessage = u"none really"_s;
    entry.promptTokens = 12;
    entry.completionTokens = 0;
    entry.requestBytes = 345;
    entry.responseBytes = 6789;
    entry.latencyMs = 123.5;
    entry.timeToFirstTokenMs = 45.25;
    entry.upstream = u"http://127.0.0.1:11434"_s;

    QList<RequestLogEntry> rows{entry};
    QVERIFY(storage->appendRequestLog(rows));
    QVERIFY(rows.first().id > 0);

    const Result<QList<RequestLogEntry>> read = storage->recentRequestLog(10);
    QVERIFY(read);
    QCOMPARE(read.value().size(), 1);
    const RequestLogEntry &row = read.value().first();
    QCOMPARE(row.id, rows.first().id);
    QCOMPARE(row.requestId, entry.requestId);
    QCOMPARE(row.startedAt, entry.startedAt);
    QCOMPARE(row.userName, entry.userName);
    QCOMPARE(row.keyId, entry.keyId);
    QCOMPARE(row.clientAddress, entry.clientAddress);
    QCOMPARE(row.userAgent, entry.userAgent);
    QCOMPARE(row.method, entry.method);
    QCOMPARE(row.path, entry.path);
    QCOMPARE(row.model, entry.model);
    QCOMPARE(row.brand, entry.brand);
    QCOMPARE(row.contextLanguage, entry.contextLanguage);
    QCOMPARE(row.contextFramework, entry.contextFramework);
    QCOMPARE(row.promptText, entry.promptText);
    QCOMPARE(row.responseText, entry.responseText);
    QCOMPARE(row.status, entry.status);
    QCOMPARE(row.outcome, entry.outcome);
    QCOMPARE(row.errorMessage, entry.errorMessage);
    QCOMPARE(row.promptTokens, entry.promptTokens);
    QCOMPARE(row.completionTokens, entry.completionTokens);
    QCOMPARE(row.requestBytes, entry.requestBytes);
    QCOMPARE(row.responseBytes, entry.responseBytes);
    QCOMPARE(row.latencyMs, entry.latencyMs);
    QCOMPARE(row.timeToFirstTokenMs, entry.timeToFirstTokenMs);
    QCOMPARE(row.upstream, entry.upstream);
    QCOMPARE(storage->requestLogCount().value(), qint64(1));
}

void TestSqliteStorage::requestLogKeepsUnknownValuesNull()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    RequestLogEntry entry;
    entry.requestId = u"req-unknown"_s;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.status = 401;
    QList<RequestLogEntry> rows{entry};
    QVERIFY(storage->appendRequestLog(rows));

    RawConnection raw(m_config.databasePath());
    QVERIFY(raw.scalar(u"SELECT prompt_tokens FROM request_log"_s).isNull());
    QVERIFY(raw.scalar(u"SELECT completion_tokens FROM request_log"_s).isNull());
    QVERIFY(raw.scalar(u"SELECT time_to_first_token_ms FROM request_log"_s).isNull());
    QVERIFY(raw.scalar(u"SELECT user_name FROM request_log"_s).isNull());

    const RequestLogEntry read = storage->recentRequestLog(1).value().first();
    QVERIFY(!read.promptTokens.has_value());
    QVERIFY(!read.completionTokens.has_value());
    QVERIFY(!read.timeToFirstTokenMs.has_value());
    QVERIFY(read.userName.isEmpty());
    QCOMPARE(read.status, 401);
}

void TestSqliteStorage::recentRequestLogReturnsNewestFirst()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    QList<RequestLogEntry> rows;
    for (int i = 0; i < 5; ++i) {
        RequestLogEntry entry;
        entry.requestId = u"req-%1"_s.arg(i);
        entry.startedAt = QDateTime::currentDateTimeUtc();
        entry.status = 200;
        rows.append(entry);
    }
    QVERIFY(storage->appendRequestLog(rows));
    for (qsizetype i = 1; i < rows.size(); ++i)
        QVERIFY(rows.at(i).id > rows.at(i - 1).id);

    const QList<RequestLogEntry> recent = storage->recentRequestLog(3).value();
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent.at(0).requestId, u"req-4"_s);
    QCOMPARE(recent.at(1).requestId, u"req-3"_s);
    QCOMPARE(recent.at(2).requestId, u"req-2"_s);
    QCOMPARE(storage->requestLogCount().value(), qint64(5));
}

void TestSqliteStorage::recentRequestLogRejectsNonPositiveLimit()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    QCOMPARE(storage->recentRequestLog(0).error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(storage->recentRequestLog(-5).error().code(), ErrorCode::InvalidArgument);
}

void TestSqliteStorage::twoConnectionsWriteConcurrently()
{
    QVERIFY(openStorage()); // creates the schema before the writers race

    constexpr int batches = 100;
    constexpr int rowsPerBatch = 5;
    std::atomic<int> failures{0};
    std::atomic<int> written{0};

    // Each thread owns its connection, as Storage requires. Both write at
    // once, so every write transaction waits for the other's lock at times.
    auto writer = [&](const QString &name) {
        return QThread::create([&, name] {
            SqliteStorage storage(m_config.databasePath(), name);
            if (!storage.open()) {
                failures += batches;
                return;
            }
            for (int batch = 0; batch < batches; ++batch) {
                QList<RequestLogEntry> rows;
                for (int i = 0; i < rowsPerBatch; ++i) {
                    RequestLogEntry entry;
                    entry.requestId = u"%1-%2-%3"_s.arg(name).arg(batch).arg(i);
                    entry.startedAt = QDateTime::currentDateTimeUtc();
                    entry.status = 200;
                    rows.append(entry);
                }
                if (storage.appendRequestLog(rows))
                    written += rowsPerBatch;
                else
                    ++failures;
                if (batch % 10 == 0 && !storage.keysRevision())
                    ++failures;
            }
        });
    };
    std::unique_ptr<QThread> first(writer(u"first"_s));
    std::unique_ptr<QThread> second(writer(u"second"_s));
    first->start();
    second->start();
    QVERIFY(first->wait(60000));
    QVERIFY(second->wait(60000));

    QCOMPARE(failures.load(), 0);
    QCOMPARE(written.load(), 2 * batches * rowsPerBatch);
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QCOMPARE(storage->requestLogCount().value(), qint64(2 * batches * rowsPerBatch));
}

void TestSqliteStorage::concurrentFirstOpensMigrateOnce()
{
    // The gateway and the command line may both be the first to open a new
    // file. Each migration must then run exactly once.
    constexpr int openers = 4;
    std::atomic<int> failures{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < openers; ++i) {
        threads.emplace_back(QThread::create([this, &failures, i] {
            SqliteStorage storage(m_config.databasePath(), u"opener-%1"_s.arg(i));
            const Result<Done> opened = storage.open();
            if (!opened)
                qWarning().noquote() << "opener" << i << "failed:" << opened.error().message();
            if (!opened || storage.schemaVersion() != SqliteStorage::latestSchemaVersion())
                ++failures;
        }));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));

    QCOMPARE(failures.load(), 0);
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    QCOMPARE(storage->tiers().value().size(), 4);
    QCOMPARE(storage->keysRevision().value(), qint64(0));
}

void TestSqliteStorage::tierLimitsSeeded()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const QList<TierRecord> tiers = storage->tiers().value();
    QCOMPARE(tiers.size(), 4);

    for (const TierRecord &tier : tiers) {
        QCOMPARE(tier.modelPatterns, QStringList{u"*"_s});
        QVERIFY(!tier.requestsPerMinute);
        QVERIFY(!tier.tokensPerDay);
        QVERIFY(!tier.tokensPerMonth);
        QVERIFY(!tier.concurrentStreams);
    }
    QCOMPARE(tiers.at(0).queuePriority, 0);
    QCOMPARE(tiers.at(1).queuePriority, 10);
    QCOMPARE(tiers.at(2).name, u"pro_trial"_s);
    QCOMPARE(tiers.at(2).trialDurationSeconds, std::optional<qint64>(7 * 24 * 3600));
    QCOMPARE(tiers.at(2).fallbackTier, u"free"_s);
    QCOMPARE(tiers.at(3).queuePriority, 20);
    QVERIFY(tiers.at(3).fallbackTier.isEmpty());
}

void TestSqliteStorage::saveTierRoundTripsEveryField()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const qint64 revision = storage->keysRevision().value();

    TierRecord gold;
    gold.name = u"gold"_s;
    gold.priceCentsPerMonth = 4900;
    gold.callsPerDay = 100;
    gold.generationsPerMonth = 20;
    gold.brandsPerMonth = 2;
    gold.requestsPerMinute = 30;
    gold.tokensPerDay = 5000;
    gold.tokensPerMonth = 90000;
    gold.concurrentStreams = 3;
    gold.modelPatterns = {u"llama3.2:*"_s, u"qwen*"_s};
    gold.queuePriority = 15;
    gold.trialDurationSeconds = 3600;
    gold.fallbackTier = u"free"_s;
    const Result<TierRecord> saved = storage->saveTier(gold);
    QVERIFY2(saved, qPrintable(saved.ok() ? QString() : saved.error().message()));
    QCOMPARE(saved.value().keyPrefix, u"sk_trial_"_s);
    QVERIFY(storage->keysRevision().value() > revision);

    std::unique_ptr<SqliteStorage> reopened = openStorage();
    TierRecord stored;
    const QList<TierRecord> reopenedTiers = reopened->tiers().value();
    for (const TierRecord &tier : reopenedTiers) {
        if (tier.name == u"gold"_s)
            stored = tier;
    }
    QCOMPARE(stored.priceCentsPerMonth, 4900);
    QCOMPARE(stored.callsPerDay, std::optional<qint64>(100));
    QCOMPARE(stored.generationsPerMonth, std::optional<qint64>(20));
    QCOMPARE(stored.brandsPerMonth, std::optional<qint64>(2));
    QCOMPARE(stored.requestsPerMinute, std::optional<qint64>(30));
    QCOMPARE(stored.tokensPerDay, std::optional<qint64>(5000));
    QCOMPARE(stored.tokensPerMonth, std::optional<qint64>(90000));
    QCOMPARE(stored.concurrentStreams, std::optional<qint64>(3));
    QCOMPARE(stored.modelPatterns, (QStringList{u"llama3.2:*"_s, u"qwen*"_s}));
    QCOMPARE(stored.queuePriority, 15);
    QCOMPARE(stored.trialDurationSeconds, std::optional<qint64>(3600));
    QCOMPARE(stored.fallbackTier, u"free"_s);

    // Saving again replaces every field, also back to unlimited.
    gold.callsPerDay.reset();
    gold.fallbackTier.clear();
    QVERIFY(storage->saveTier(gold));
    const QList<TierRecord> tiers = storage->tiers().value();
    for (const TierRecord &tier : tiers) {
        if (tier.name == u"gold"_s) {
            QVERIFY(!tier.callsPerDay);
            QVERIFY(tier.fallbackTier.isEmpty());
        }
    }
    QCOMPARE(tiers.size(), 5);
}

void TestSqliteStorage::saveTierRejectsBadFallback()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    TierRecord tier;
    tier.name = u"silver"_s;
    tier.fallbackTier = u"bronze"_s;
    Result<TierRecord> saved = storage->saveTier(tier);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(saved.error().message().contains(u"unknown fallback tier \"bronze\""_s));

    tier.fallbackTier = u"silver"_s;
    saved = storage->saveTier(tier);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(storage->tiers().value().size(), 4);
}

void TestSqliteStorage::saveUserStartsTrialAndKeepsOverrides()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    UserRecord dan;
    dan.name = u"dan"_s;
    dan.tier = u"pro_trial"_s;
    dan.email = u"dan@example.com"_s;
    dan.callsPerDay = UserRecord::unlimitedOverride;
    dan.tokensPerDay = 500;
    dan.modelPatterns = {u"llama3.2"_s};
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Result<UserRecord> saved = storage->saveUser(dan);
    QVERIFY(saved);
    QVERIFY(saved.value().id > 0);
    const qint64 trialSeconds = before.secsTo(saved.value().trialEndsAt);
    QVERIFY2(trialSeconds >= 7 * 24 * 3600 - 5 && trialSeconds <= 7 * 24 * 3600 + 5, qPrintable(QString::number(trialSeconds)));

    const UserRecord stored = storage->findUser(u"dan"_s).value();
    QCOMPARE(stored.email, u"dan@example.com"_s);
    QCOMPARE(stored.callsPerDay, std::optional<qint64>(UserRecord::unlimitedOverride));
    QCOMPARE(stored.tokensPerDay, std::optional<qint64>(500));
    QVERIFY(!stored.generationsPerMonth);
    QCOMPARE(stored.modelPatterns, QStringList{u"llama3.2"_s});

    // Saving on the same tier keeps the trial's end; another tier clears it.
    UserRecord again = stored;
    again.trialEndsAt = QDateTime();
    again.status = u"suspended"_s;
    QCOMPARE(storage->saveUser(again).value().trialEndsAt, stored.trialEndsAt);
    QCOMPARE(storage->findUser(u"dan"_s).value().status, u"suspended"_s);
    again.tier = u"pro"_s;
    QVERIFY(!storage->saveUser(again).value().trialEndsAt.isValid());
    QCOMPARE(storage->findUser(u"dan"_s).value().createdAt, stored.createdAt);
}

void TestSqliteStorage::saveUserRejectsUnknownTierAndStatus()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);

    UserRecord user;
    user.name = u"eve"_s;
    user.tier = u"gold"_s;
    Result<UserRecord> saved = storage->saveUser(user);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(saved.error().message().contains(u"unknown tier \"gold\""_s));

    user.tier = u"free"_s;
    user.status = u"banned"_s;
    saved = storage->saveUser(user);
    QVERIFY(!saved);
    QCOMPARE(saved.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(storage->findUser(u"eve"_s).error().code(), ErrorCode::NotFound);
}

void TestSqliteStorage::endTrialsMovesDueUsers()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    UserRecord due;
    due.name = u"due"_s;
    due.tier = u"pro_trial"_s;
    due.trialEndsAt = now.addSecs(-1);
    QVERIFY(storage->saveUser(due));
    UserRecord running = due;
    running.name = u"running"_s;
    running.trialEndsAt = now.addSecs(3600);
    QVERIFY(storage->saveUser(running));

    const Result<QStringList> ended = storage->endTrials(now);
    QVERIFY(ended);
    QCOMPARE(ended.value(), QStringList{u"due"_s});
    QCOMPARE(storage->findUser(u"due"_s).value().tier, u"free"_s);
    QVERIFY(!storage->findUser(u"due"_s).value().trialEndsAt.isValid());
    QCOMPARE(storage->findUser(u"running"_s).value().tier, u"pro_trial"_s);
    QVERIFY(storage->endTrials(now).value().isEmpty());
}

void TestSqliteStorage::usageTotalsCountAdmittedRowsInWindows()
{
    std::unique_ptr<SqliteStorage> storage = openStorage();
    QVERIFY(storage);
    const QDateTime dayStart(QDate(2026, 3, 14), QTime(0, 0), Qt::UTC);
    const QDateTime monthStart(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
    const QDateTime now = dayStart.addSecs(12 * 3600);

    const auto row = [](const QString &user, const QDateTime &at, bool call, bool generation, qint64 tokens,
                        const QString &brand = {}) {
        RequestLogEntry entry;
        entry.userName = user;
        entry.startedAt = at;
        entry.status = call ? 200 : 429;
        entry.countedCall = call;
        entry.countedGeneration = generation;
        entry.promptTokens = tokens;
        entry.brand = brand;
        return entry;
    };
    QList<RequestLogEntry> rows = {
        row(u"alice"_s, now.addSecs(-10), true, true, 15, u"Acme"_s),
        row(u"alice"_s, now.addSecs(-3600), true, false, 5, u"Acme"_s),
        row(u"alice"_s, dayStart.addSecs(-3600), true, true, 100, u"Globex"_s), // earlier this month
        row(u"alice"_s, monthStart.addSecs(-3600), true, true, 1000, u"Initech"_s), // last month
        row(u"alice"_s, now.addSecs(-5), false, false, 0, u"Rejected"_s), // a rejection counts nothing
        row(u"bob"_s, now.addSecs(-30), true, false, 0),
    };
    QVERIFY(storage->appendRequestLog(rows));

    const Result<QList<UsageTotals>> totals = storage->usageTotals({dayStart, monthStart, now.addSecs(-60)});
    QVERIFY(totals);
    QCOMPARE(totals.value().size(), 2);
    UsageTotals alice;
    for (const UsageTotals &usage : totals.value()) {
        if (usage.userName == u"alice"_s)
            alice = usage;
    }
    QCOMPARE(alice.callsToday, 2);
    QCOMPARE(alice.generationsThisMonth, 2);
    QCOMPARE(alice.tokensToday, 20);
    QCOMPARE(alice.tokensThisMonth, 120);
    QStringList brands = alice.brandsThisMonth;
    brands.sort();
    QCOMPARE(brands, (QStringList{u"Acme"_s, u"Globex"_s}));
    QCOMPARE(alice.recentCalls.size(), 1);
    QCOMPARE(alice.recentCalls.first(), now.addSecs(-10));
}

QTEST_GUILESS_MAIN(TestSqliteStorage)
#include "tst_sqlitestorage.moc"
