// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeoIpDatabase.h"
#include "SqliteStorage.h"
#include "TestPaths.h"
#include "UsageQueries.h"

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

QDateTime utc(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

// One group of requests as the log writer would roll it up.
struct Usage
{
    QDateTime at;
    QString user;
    qint64 requests = 1;
    qint64 generations = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 errorsAuth = 0;
    qint64 errorsLimit = 0;
    qint64 errorsQueue = 0;
    qint64 errorsUpstream = 0;
    QString model = u"llama3.2:3b"_s;
    QString tier = u"free"_s;
    QString key = u"key1"_s;
    double latencyMs = 120;  // every request of the group
    double ttftMs = 40;      // every generation of the group
};

// A migrated database in a temporary directory, filled with rollup rows by
// plain SQL the way the request log writer keeps them: each request in its
// hour, its UTC day and its minute, in the detailed and the coarse tables.
class Fixture final
{
public:
    Fixture()
    {
        m_config.dataDir = m_dir.path();
        m_storage = std::make_unique<SqliteStorage>(m_config.databasePath(), u"usage-fixture"_s);
        m_opened = m_storage->open().ok();
    }
    Q_DISABLE_COPY_MOVE(Fixture)

    bool opened() const { return m_opened; }
    const StorageConfig &config() const { return m_config; }
    SqliteStorage &storage() { return *m_storage; }

    bool exec(const QString &statement, const QVariantList &values = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_storage->connectionName(), false));
        if (!query.prepare(statement)) {
            qWarning().noquote() << statement << query.lastError().text();
            return false;
        }
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec()) {
            qWarning().noquote() << statement << query.lastError().text();
            return false;
        }
        return true;
    }

    bool add(const Usage &usage)
    {
        // QString() would bind as NULL; the rollups store "no user" as ''.
        const QString user = usage.user.isNull() ? u""_s : usage.user;
        const qint64 ms = usage.at.toMSecsSinceEpoch();
        const qint64 hour = ms - ms % 3'600'000;
        const qint64 day = ms - ms % 86'400'000;
        const qint64 minute = ms - ms % 60'000;
        const QString lat = u"lat_"_s + QString::number(LatencyHistogram::bucketOf(usage.latencyMs));
        const QString ttft = u"ttft_"_s + QString::number(LatencyHistogram::bucketOf(usage.ttftMs));
        const QString measures = u"requests, generations, prompt_tokens, completion_tokens, errors_auth,"
                                 " errors_limit, errors_queue, errors_upstream, latency_ms_sum, "_s
            + lat + u", "_s + ttft;
        const QString sums = u"requests = requests + excluded.requests,"
                             " generations = generations + excluded.generations,"
                             " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
                             " completion_tokens = completion_tokens + excluded.completion_tokens,"
                             " errors_auth = errors_auth + excluded.errors_auth,"
                             " errors_limit = errors_limit + excluded.errors_limit,"
                             " errors_queue = errors_queue + excluded.errors_queue,"
                             " errors_upstream = errors_upstream + excluded.errors_upstream,"
                             " latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum, "_s
            + lat + u" = "_s + lat + u" + excluded."_s + lat + u", "_s + ttft + u" = "_s + ttft + u" + excluded."_s
            + ttft;
        const QVariantList values{usage.requests,     usage.generations, usage.promptTokens,
                                  usage.completionTokens, usage.errorsAuth,  usage.errorsLimit,
                                  usage.errorsQueue,  usage.errorsUpstream, usage.latencyMs * double(usage.requests),
                                  usage.requests,     usage.generations};

        // The detailed tables and the coarse ones of schema version 6, which
        // keep the same sums over fewer dimensions.
        struct Target
        {
            QString table;
            QString period;
            qint64 start;
            QStringList dimensions;
            QVariantList values;
        };
        const QList<Target> targets{
            {u"usage_hourly"_s, u"hour"_s, hour, {u"user_name"_s, u"key_id"_s, u"model"_s, u"tier"_s},
             {user, usage.key, usage.model, usage.tier}},
            {u"usage_daily"_s, u"day"_s, day, {u"user_name"_s, u"key_id"_s, u"model"_s, u"tier"_s},
             {user, usage.key, usage.model, usage.tier}},
            {u"usage_hourly_totals"_s, u"hour"_s, hour, {u"model"_s, u"tier"_s}, {usage.model, usage.tier}},
            {u"usage_daily_totals"_s, u"day"_s, day, {u"model"_s, u"tier"_s}, {usage.model, usage.tier}},
            {u"usage_hourly_users"_s, u"hour"_s, hour, {u"user_name"_s, u"tier"_s}, {user, usage.tier}},
            {u"usage_daily_users"_s, u"day"_s, day, {u"user_name"_s, u"tier"_s}, {user, usage.tier}},
        };
        bool ok = true;
        for (const Target &target : targets) {
            const QStringList keys = QStringList{target.period} + target.dimensions;
            QStringList placeholders;
            placeholders.fill(u"?"_s, keys.size() + values.size());
            ok = ok
                && exec(u"INSERT INTO "_s + target.table + u" ("_s + keys.join(u", "_s) + u", "_s + measures
                            + u") VALUES ("_s + placeholders.join(u", "_s) + u") ON CONFLICT("_s + keys.join(u", "_s)
                            + u") DO UPDATE SET "_s + sums,
                        QVariantList{target.start} + target.values + values);
        }
        ok = ok
            && exec(u"INSERT INTO usage_minutely (minute, user_name, "_s + measures
                        + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(minute, user_name)"
                          " DO UPDATE SET "_s
                        + sums,
                    QVariantList{minute, user} + values);
        return ok;
    }

    bool addTopic(const QDateTime &day, const QString &user, const QString &kind, const QString &name,
                  const QString &source, qint64 requests)
    {
        return exec(u"INSERT INTO usage_topics_daily (day, user_name, kind, name, source, requests)"
                    " VALUES (?, ?, ?, ?, ?, ?)"_s,
                    {day.toMSecsSinceEpoch(), user, kind, name, source, requests})
            && exec(u"INSERT INTO usage_topics_daily_totals (day, kind, name, source, requests) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (day, kind, name, source) DO UPDATE SET requests = requests + excluded.requests"_s,
                    {day.toMSecsSinceEpoch(), kind, name, source, requests});
    }

    bool addAddress(const QDateTime &day, const QString &address, const QString &user, qint64 requests)
    {
        return exec(u"INSERT INTO usage_addresses_daily (day, client_address, user_name, requests)"
                    " VALUES (?, ?, ?, ?)"_s,
                    {day.toMSecsSinceEpoch(), address, user, requests});
    }

    bool addUser(const QString &name, const QString &tier)
    {
        return m_storage->ensureUser(name, tier).ok();
    }

private:
    QTemporaryDir m_dir;
    StorageConfig m_config;
    std::unique_ptr<SqliteStorage> m_storage;
    bool m_opened = false;
};

UsageFilter range(const QString &from, const QString &to, UsagePeriod period = UsagePeriod::Day,
                  const QTimeZone &zone = QTimeZone::utc())
{
    UsageFilter filter;
    filter.from = utc(from);
    filter.to = utc(to);
    filter.period = period;
    filter.zone = zone;
    return filter;
}

QList<qint64> requestsOf(const QList<UsageRow> &rows)
{
    QList<qint64> requests;
    for (const UsageRow &row : rows)
        requests.append(row.requests);
    return requests;
}

QList<QDateTime> startsOf(const QList<UsageRow> &rows)
{
    QList<QDateTime> starts;
    for (const UsageRow &row : rows)
        starts.append(row.periodStart);
    return starts;
}

const LimitUsage *findLimit(const QList<LimitUsage> &limits, const QString &name)
{
    for (const LimitUsage &limit : limits) {
        if (limit.limit == name)
            return &limit;
    }
    return nullptr;
}

QStringList namesOf(const QList<UpsellCandidate> &candidates)
{
    QStringList names;
    for (const UpsellCandidate &candidate : candidates)
        names.append(candidate.userName);
    return names;
}

QStringList namesOf(const QList<ChurnRisk> &risks)
{
    QStringList names;
    for (const ChurnRisk &risk : risks)
        names.append(risk.userName);
    return names;
}

// Requests with random users, keys, models, tiers, outcomes and times in
// [start, start + hours), written by the real log writer so that every
// rollup table holds what a gateway would have written. Latencies are whole
// milliseconds, so their sums are exact in any order.
bool addRandomTraffic(SqliteStorage &storage, quint32 seed, const QDateTime &start, int hours, int count)
{
    const QStringList users{u"alice"_s, u"bob"_s, u"carol"_s, QString()};
    const QStringList models{u"llama3.2:3b"_s, u"qwen2.5:7b"_s, u"mistral:7b"_s, QString()};
    const QStringList tiers{u"free"_s, u"pro"_s};
    QRandomGenerator random(seed);
    QList<RequestLogEntry> entries;
    for (int i = 0; i < count; ++i) {
        RequestLogEntry entry;
        entry.requestId = u"random-%1"_s.arg(i);
        entry.startedAt = start.addMSecs(qint64(random.bounded(hours * 3600)) * 1000);
        entry.userName = users.at(int(random.bounded(qint64(users.size()))));
        if (!entry.userName.isEmpty()) {
            entry.keyId = entry.userName + u"-key"_s + QString::number(random.bounded(2));
            entry.tier = tiers.at(int(random.bounded(qint64(tiers.size()))));
        }
        entry.model = models.at(int(random.bounded(qint64(models.size()))));
        entry.clientAddress = u"127.0.0.1"_s;
        entry.method = u"POST"_s;
        entry.path = u"/api/chat"_s;
        const int roll = int(random.bounded(10));
        entry.status = 200;
        entry.outcome = u"ok"_s;
        if (roll == 0) {
            entry.status = 502;
            entry.outcome = u"upstream error"_s;
        } else if (roll == 1) {
            entry.status = 429;
            entry.outcome = u"rate limited"_s;
        }
        entry.countedGeneration = roll > 1;
        entry.latencyMs = double(1 + random.bounded(20000));
        if (roll > 1) {
            entry.promptTokens = random.bounded(500);
            entry.completionTokens = random.bounded(900);
            entry.timeToFirstTokenMs = double(random.bounded(3000));
        }
        entry.requestBytes = random.bounded(4000);
        entry.responseBytes = random.bounded(9000);
        entries.append(entry);
    }
    return storage.appendRequestLog(entries).ok();
}

// Rows summed over every dimension not in keep, keyed by period start and
// the kept dimensions.
QMap<QString, UsageRow> collapse(const QList<UsageRow> &rows, UsageSplits keep)
{
    QMap<QString, UsageRow> collapsed;
    for (UsageRow row : rows) {
        if (!keep.testFlag(UsageSplit::ByUser))
            row.userName.clear();
        if (!keep.testFlag(UsageSplit::ByModel))
            row.model.clear();
        if (!keep.testFlag(UsageSplit::ByTier))
            row.tier.clear();
        row.keyId.clear();
        const QString key = QStringList{QString::number(row.periodStart.isValid() ? row.periodStart.toMSecsSinceEpoch() : 0),
                                        row.userName, row.model, row.tier}.join(u'|');
        auto existing = collapsed.find(key);
        if (existing == collapsed.end()) {
            collapsed.insert(key, row);
            continue;
        }
        UsageRow &sum = existing.value();
        sum.requests += row.requests;
        sum.generations += row.generations;
        sum.promptTokens += row.promptTokens;
        sum.completionTokens += row.completionTokens;
        sum.requestBytes += row.requestBytes;
        sum.responseBytes += row.responseBytes;
        sum.latencyMsSum += row.latencyMsSum;
        sum.errors.merge(row.errors);
        sum.latency.merge(row.latency);
        sum.timeToFirstToken.merge(row.timeToFirstToken);
    }
    return collapsed;
}

// The first difference between two collapsed results, or an empty string.
QString differenceOf(const QMap<QString, UsageRow> &routed, const QMap<QString, UsageRow> &detailed)
{
    if (routed.keys() != detailed.keys())
        return u"groups differ: %1 against %2"_s.arg(routed.keys().join(u", "_s), detailed.keys().join(u", "_s));
    for (auto it = routed.cbegin(); it != routed.cend(); ++it) {
        const UsageRow &expected = detailed.value(it.key());
        const UsageRow &got = it.value();
        if (got.requests != expected.requests || got.generations != expected.generations
            || got.tokens() != expected.tokens() || got.promptTokens != expected.promptTokens
            || got.requestBytes != expected.requestBytes || got.responseBytes != expected.responseBytes
            || got.latencyMsSum != expected.latencyMsSum || !(got.errors == expected.errors)
            || !(got.latency == expected.latency) || !(got.timeToFirstToken == expected.timeToFirstToken)) {
            return u"group %1: %2 requests, %3 tokens; the detailed tables have %4 requests, %5 tokens"_s
                .arg(it.key())
                .arg(got.requests)
                .arg(got.tokens())
                .arg(expected.requests)
                .arg(expected.tokens());
        }
    }
    return {};
}

#define OPEN_QUERIES(fixture, queries)                                                  \
    QVERIFY((fixture).opened());                                                        \
    UsageQueries queries((fixture).config(), u"test"_s);                                \
    {                                                                                   \
        const Result<Done> opened = queries.open();                                     \
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message())); \
    }

#define VALUE_OF(result)                                                                    \
    [&] {                                                                                   \
        const auto &checked = (result);                                                     \
        if (!checked.ok())                                                                  \
            qWarning().noquote() << "query failed:" << checked.error().message();          \
        return checked.ok() ? checked.value() : std::decay_t<decltype(checked.value())>{}; \
    }()

} // namespace

class TestUsageQueries final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openFailsWithoutDatabase()
    {
        QTemporaryDir dir;
        StorageConfig config;
        config.dataDir = dir.path();
        UsageQueries queries(config, u"test"_s);

        const Result<Done> opened = queries.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::NotFound);
        QVERIFY(opened.error().message().contains(config.databasePath()));
        QVERIFY(!QFile::exists(config.databasePath()));
    }

    void openFailsOnOlderSchema()
    {
        QTemporaryDir dir;
        StorageConfig config;
        config.dataDir = dir.path();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old-schema"_s);
            db.setDatabaseName(config.databasePath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA user_version = 4"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old-schema"_s);

        UsageQueries queries(config, u"test"_s);
        const Result<Done> opened = queries.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::StorageFailed);
        QVERIFY2(opened.error().message().contains(u"schema version 4"_s), qPrintable(opened.error().message()));
    }

    void openFailsOnGarbageFile()
    {
        QTemporaryDir dir;
        StorageConfig config;
        config.dataDir = dir.path();
        QFile file(config.databasePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'g'));
        file.close();

        UsageQueries queries(config, u"test"_s);
        const Result<Done> opened = queries.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::StorageFailed);
    }

    void queriesNeverWrite()
    {
        Fixture fixture;
        OPEN_QUERIES(fixture, queries);
        QVERIFY(VALUE_OF(queries.series(range(u"2025-03-01T00:00:00Z"_s, u"2025-03-02T00:00:00Z"_s))).isEmpty());
        QVERIFY(VALUE_OF(queries.totals(range(u"2025-03-01T00:00:00Z"_s, u"2025-03-02T00:00:00Z"_s),
                                        UsageSplit::None))
                    .isEmpty());
    }

    void seriesPerDayInUtc()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T01:15:00Z"_s), .user = u"ann"_s, .requests = 3, .generations = 2,
                             .promptTokens = 30, .completionTokens = 60, .errorsUpstream = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T23:59:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T12:00:00Z"_s), .user = u"ben"_s, .requests = 4, .latencyMs = 3000}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T00:00:00Z"_s), .user = u"ann"_s, .requests = 1}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows =
            VALUE_OF(queries.series(range(u"2025-03-10T00:00:00Z"_s, u"2025-03-12T00:00:00Z"_s)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-03-10T00:00:00Z"_s), utc(u"2025-03-11T00:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{5, 4}));
        QCOMPARE(rows.at(0).generations, 2);
        QCOMPARE(rows.at(0).promptTokens, 30);
        QCOMPARE(rows.at(0).completionTokens, 60);
        QCOMPARE(rows.at(0).errors[ErrorCause::Upstream], 1);
        QCOMPARE(rows.at(0).errors.total(), 1);
        QCOMPARE(rows.at(0).latency.total(), 5);
        QCOMPARE(rows.at(0).latency.count(LatencyHistogram::bucketOf(120)), 5);
        QCOMPARE(rows.at(0).timeToFirstToken.total(), 2);
        QCOMPARE(rows.at(0).latencyMsSum, 600.0);
        QCOMPARE(rows.at(1).latency.count(LatencyHistogram::bucketOf(3000)), 4);
        QVERIFY(rows.at(1).userName.isEmpty());
    }

    void seriesReadsPartialDaysByHour()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T01:00:00Z"_s), .user = u"ann"_s, .requests = 3}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T23:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T12:00:00Z"_s), .user = u"ann"_s, .requests = 4}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T05:59:00Z"_s), .user = u"ann"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T06:00:00Z"_s), .user = u"ann"_s, .requests = 7}));
        OPEN_QUERIES(fixture, queries);

        const UsageFilter filter = range(u"2025-03-10T12:00:00Z"_s, u"2025-03-12T06:00:00Z"_s);
        const QList<UsageRow> rows = VALUE_OF(queries.series(filter));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-03-10T00:00:00Z"_s), utc(u"2025-03-11T00:00:00Z"_s),
                                                   utc(u"2025-03-12T00:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{2, 4, 1}));

        const QList<UsageRow> total = VALUE_OF(queries.totals(filter, UsageSplit::None));
        QCOMPARE(total.size(), 1);
        QCOMPARE(total.first().requests, 7);
        QVERIFY(!total.first().periodStart.isValid());
    }

    void seriesPerHour()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T01:15:00Z"_s), .user = u"ann"_s, .requests = 3}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T01:45:00Z"_s), .user = u"ben"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T23:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T00:00:00Z"_s), .user = u"ann"_s, .requests = 9}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(
            queries.series(range(u"2025-03-10T00:00:00Z"_s, u"2025-03-11T00:00:00Z"_s, UsagePeriod::Hour)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-03-10T01:00:00Z"_s), utc(u"2025-03-10T23:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{4, 2}));
    }

    void seriesPerMonthInUtc()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-02-28T23:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-01T00:00:00Z"_s), .user = u"ann"_s, .requests = 3}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-31T23:59:00Z"_s), .user = u"ann"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-04-01T00:00:00Z"_s), .user = u"ann"_s, .requests = 8}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(
            queries.series(range(u"2025-02-01T00:00:00Z"_s, u"2025-04-01T00:00:00Z"_s, UsagePeriod::Month)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-02-01T00:00:00Z"_s), utc(u"2025-03-01T00:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{2, 4}));
    }

    void seriesPerDayInZone()
    {
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        Fixture fixture;
        // 23:00 local on 10 March, then midnight local on 11 March (UTC+1).
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T22:00:00Z"_s), .user = u"ann"_s, .requests = 3}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T23:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(queries.series(
            range(u"2025-03-09T23:00:00Z"_s, u"2025-03-11T23:00:00Z"_s, UsagePeriod::Day, berlin)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-03-09T23:00:00Z"_s), utc(u"2025-03-10T23:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{3, 2}));
    }

    void seriesInZoneAcrossDaylightSaving()
    {
        // Berlin moves from UTC+1 to UTC+2 at 2025-03-30T01:00Z, so that day
        // has 23 hours.
        const QTimeZone berlin("Europe/Berlin");
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-29T23:00:00Z"_s), .user = u"ann"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-30T21:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-30T22:00:00Z"_s), .user = u"ann"_s, .requests = 4}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(queries.series(
            range(u"2025-03-29T23:00:00Z"_s, u"2025-03-31T22:00:00Z"_s, UsagePeriod::Day, berlin)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2025-03-29T23:00:00Z"_s), utc(u"2025-03-30T22:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{3, 4}));
    }

    void seriesPerMonthInZone()
    {
        const QTimeZone berlin("Europe/Berlin");
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-01-31T22:59:00Z"_s), .user = u"ann"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-01-31T23:00:00Z"_s), .user = u"ann"_s, .requests = 2}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(queries.series(
            range(u"2024-12-31T23:00:00Z"_s, u"2025-02-28T23:00:00Z"_s, UsagePeriod::Month, berlin)));
        QCOMPARE(startsOf(rows), (QList<QDateTime>{utc(u"2024-12-31T23:00:00Z"_s), utc(u"2025-01-31T23:00:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{1, 2}));
    }

    void seriesSplitsKeepDimensionsApart()
    {
        Fixture fixture;
        const QDateTime at = utc(u"2025-03-10T10:00:00Z"_s);
        QVERIFY(fixture.add({.at = at, .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = at, .user = u"ann"_s, .requests = 3, .model = u"qwen2.5:7b"_s, .key = u"key2"_s}));
        QVERIFY(fixture.add({.at = at, .user = u"ben"_s, .requests = 4, .tier = u"pro"_s, .key = u"key3"_s}));
        OPEN_QUERIES(fixture, queries);
        const UsageFilter day = range(u"2025-03-10T00:00:00Z"_s, u"2025-03-11T00:00:00Z"_s);

        const QList<UsageRow> byUserAndModel = VALUE_OF(queries.series(day, UsageSplit::ByUser | UsageSplit::ByModel));
        QCOMPARE(byUserAndModel.size(), 3);
        QCOMPARE(byUserAndModel.at(0).userName, u"ann"_s);
        QCOMPARE(byUserAndModel.at(0).model, u"llama3.2:3b"_s);
        QCOMPARE(byUserAndModel.at(0).requests, 2);
        QCOMPARE(byUserAndModel.at(1).model, u"qwen2.5:7b"_s);
        QCOMPARE(byUserAndModel.at(1).requests, 3);
        QCOMPARE(byUserAndModel.at(2).userName, u"ben"_s);
        QCOMPARE(byUserAndModel.at(2).requests, 4);
        QVERIFY(byUserAndModel.at(2).tier.isEmpty());

        const QList<UsageRow> byTier = VALUE_OF(queries.series(day, UsageSplit::ByTier));
        QCOMPARE(byTier.size(), 2);
        QCOMPARE(byTier.at(0).tier, u"free"_s);
        QCOMPARE(byTier.at(0).requests, 5);
        QCOMPARE(byTier.at(1).tier, u"pro"_s);
        QCOMPARE(byTier.at(1).requests, 4);

        const QList<UsageRow> byKey = VALUE_OF(queries.series(day, UsageSplit::ByKey));
        QCOMPARE(byKey.size(), 3);
        QCOMPARE(byKey.at(1).keyId, u"key2"_s);

        QCOMPARE(requestsOf(VALUE_OF(queries.series(day))), (QList<qint64>{9}));

        UsageFilter oneModel = day;
        oneModel.model = u"llama3.2:3b"_s;
        QCOMPARE(requestsOf(VALUE_OF(queries.series(oneModel))), (QList<qint64>{6}));
        UsageFilter oneUser = day;
        oneUser.userName = u"ann"_s;
        QCOMPARE(requestsOf(VALUE_OF(queries.series(oneUser))), (QList<qint64>{5}));
        UsageFilter oneTier = day;
        oneTier.tier = u"pro"_s;
        QCOMPARE(requestsOf(VALUE_OF(queries.series(oneTier))), (QList<qint64>{4}));
        UsageFilter nobody = day;
        nobody.userName = u"nobody"_s;
        QVERIFY(VALUE_OF(queries.series(nobody)).isEmpty());
    }

    void seriesPerMinuteOnlyByUser()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:00:10Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:00:50Z"_s), .user = u"ben"_s, .requests = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:02:00Z"_s), .user = u"ann"_s, .requests = 5}));
        OPEN_QUERIES(fixture, queries);
        const UsageFilter filter =
            range(u"2025-03-10T10:00:00Z"_s, u"2025-03-10T11:00:00Z"_s, UsagePeriod::Minute);

        const QList<UsageRow> rows = VALUE_OF(queries.series(filter, UsageSplit::ByUser));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).userName, u"ann"_s);
        QCOMPARE(rows.at(1).userName, u"ben"_s);
        QCOMPARE(rows.at(2).periodStart, utc(u"2025-03-10T10:02:00Z"_s));
        QCOMPARE(rows.at(2).requests, 5);

        const Result<QList<UsageRow>> byModel = queries.series(filter, UsageSplit::ByModel);
        QVERIFY(!byModel.ok());
        QCOMPARE(byModel.error().code(), ErrorCode::InvalidArgument);
    }

    void seriesRejectsMissingRange()
    {
        Fixture fixture;
        OPEN_QUERIES(fixture, queries);
        const Result<QList<UsageRow>> rows = queries.series(UsageFilter{});
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().code(), ErrorCode::InvalidArgument);
    }

    void totalsOrderedByRequestsWithLimit()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:00:00Z"_s), .user = u"ann"_s, .requests = 5}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T10:00:00Z"_s), .user = u"ben"_s, .requests = 4}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T10:00:00Z"_s), .user = u"ben"_s, .requests = 5}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T11:00:00Z"_s), .user = u"cy"_s, .requests = 1}));
        OPEN_QUERIES(fixture, queries);
        const UsageFilter filter = range(u"2025-03-10T06:00:00Z"_s, u"2025-03-12T12:00:00Z"_s);

        const QList<UsageRow> all = VALUE_OF(queries.totals(filter, UsageSplit::ByUser));
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).userName, u"ben"_s);
        QCOMPARE(all.at(0).requests, 9);
        QCOMPARE(all.at(1).userName, u"ann"_s);
        QCOMPARE(all.at(2).userName, u"cy"_s);

        const QList<UsageRow> top = VALUE_OF(queries.totals(filter, UsageSplit::ByUser, 2));
        QCOMPARE(top.size(), 2);
        QCOMPARE(top.at(0).userName, u"ben"_s);
        QCOMPARE(top.at(1).userName, u"ann"_s);
    }

    void liveMinutesFillGaps()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:25:59Z"_s), .user = u"ann"_s, .requests = 9}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:27:10Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:27:20Z"_s), .user = u"ben"_s, .requests = 1,
                             .promptTokens = 7}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:30:05Z"_s), .user = u"ann"_s, .requests = 3}));
        OPEN_QUERIES(fixture, queries);

        const QList<UsageRow> rows = VALUE_OF(queries.liveMinutes(utc(u"2025-03-12T12:30:30Z"_s), 5));
        QCOMPARE(startsOf(rows),
                 (QList<QDateTime>{utc(u"2025-03-12T12:26:00Z"_s), utc(u"2025-03-12T12:27:00Z"_s),
                                   utc(u"2025-03-12T12:28:00Z"_s), utc(u"2025-03-12T12:29:00Z"_s),
                                   utc(u"2025-03-12T12:30:00Z"_s)}));
        QCOMPARE(requestsOf(rows), (QList<qint64>{0, 3, 0, 0, 3}));
        QCOMPARE(rows.at(1).promptTokens, 7);

        QCOMPARE(VALUE_OF(queries.liveMinutes(utc(u"2025-03-12T12:30:30Z"_s), 60)).size(), 60);
        QVERIFY(!queries.liveMinutes(utc(u"2025-03-12T12:30:30Z"_s), 0).ok());
    }

    void activeUsersCountsRecentUsers()
    {
        Fixture fixture;
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:25:30Z"_s), .user = u"old"_s}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:26:00Z"_s), .user = u"ann"_s}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:29:00Z"_s), .user = u"ann"_s}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:30:10Z"_s), .user = u"ben"_s}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T12:30:20Z"_s), .user = QString(), .errorsAuth = 1}));
        OPEN_QUERIES(fixture, queries);

        QCOMPARE(VALUE_OF(queries.activeUsers(utc(u"2025-03-12T12:30:30Z"_s), 5)), 2);
        QCOMPARE(VALUE_OF(queries.activeUsers(utc(u"2025-03-12T12:30:30Z"_s), 6)), 3);
        QCOMPARE(VALUE_OF(queries.activeUsers(utc(u"2025-03-12T12:30:30Z"_s), 1)), 1);
        QCOMPARE(VALUE_OF(queries.activeUsers(utc(u"2025-03-12T14:00:00Z"_s), 5)), 0);
    }

    void peakHoursByWeekdayAndHour()
    {
        Fixture fixture;
        // 10 March 2025 is a Monday, 16 March a Sunday.
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:20:00Z"_s), .user = u"ann"_s, .requests = 4}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-16T23:00:00Z"_s), .user = u"ben"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-17T10:00:00Z"_s), .user = u"ann"_s, .requests = 1}));
        OPEN_QUERIES(fixture, queries);

        UsageFilter filter = range(u"2025-03-10T00:00:00Z"_s, u"2025-03-18T00:00:00Z"_s);
        const PeakHours inUtc = VALUE_OF(queries.peakHours(filter));
        QCOMPARE(inUtc.requests[0][10], 5);
        QCOMPARE(inUtc.requests[6][23], 2);

        filter.zone = QTimeZone("Europe/Berlin");
        const PeakHours inBerlin = VALUE_OF(queries.peakHours(filter));
        QCOMPARE(inBerlin.requests[0][11], 5);
        QCOMPARE(inBerlin.requests[0][0], 2);
        QCOMPARE(inBerlin.requests[6][23], 0);

        filter.zone = QTimeZone::utc();
        filter.userName = u"ben"_s;
        const PeakHours ben = VALUE_OF(queries.peakHours(filter));
        QCOMPARE(ben.requests[0][10], 0);
        QCOMPARE(ben.requests[6][23], 2);
    }

    void topicsSumContextAndDetected()
    {
        Fixture fixture;
        const QDateTime day = utc(u"2025-03-10T00:00:00Z"_s);
        QVERIFY(fixture.addTopic(day, u"ann"_s, u"language"_s, u"python"_s, u"context"_s, 3));
        QVERIFY(fixture.addTopic(day, u"ann"_s, u"language"_s, u"python"_s, u"detected"_s, 2));
        QVERIFY(fixture.addTopic(day.addDays(1), u"ben"_s, u"language"_s, u"python"_s, u"detected"_s, 1));
        QVERIFY(fixture.addTopic(day, u"ben"_s, u"framework"_s, u"react"_s, u"context"_s, 4));
        QVERIFY(fixture.addTopic(day.addDays(5), u"ben"_s, u"language"_s, u"rust"_s, u"context"_s, 50));
        OPEN_QUERIES(fixture, queries);

        UsageFilter filter = range(u"2025-03-10T00:00:00Z"_s, u"2025-03-12T00:00:00Z"_s);
        const QList<TopicUsage> topics = VALUE_OF(queries.topics(filter));
        QCOMPARE(topics.size(), 2);
        QCOMPARE(topics.at(0).kind, u"language"_s);
        QCOMPARE(topics.at(0).name, u"python"_s);
        QCOMPARE(topics.at(0).fromContext, 3);
        QCOMPARE(topics.at(0).detected, 3);
        QCOMPARE(topics.at(1).kind, u"framework"_s);
        QCOMPARE(topics.at(1).name, u"react"_s);
        QCOMPARE(topics.at(1).requests(), 4);

        filter.userName = u"ann"_s;
        const QList<TopicUsage> ann = VALUE_OF(queries.topics(filter));
        QCOMPARE(ann.size(), 1);
        QCOMPARE(ann.first().requests(), 5);
    }

    void countriesFromAddresses()
    {
        Fixture fixture;
        const QDateTime day = utc(u"2025-03-10T00:00:00Z"_s);
        QVERIFY(fixture.addAddress(day, u"203.0.113.5"_s, u"ann"_s, 3));
        QVERIFY(fixture.addAddress(day, u"203.0.113.6"_s, u"ben"_s, 2));
        QVERIFY(fixture.addAddress(day.addDays(1), u"203.0.113.5"_s, u"ann"_s, 1));
        QVERIFY(fixture.addAddress(day, u"2001:db8::1"_s, u"ann"_s, 4));
        QVERIFY(fixture.addAddress(day, u"192.0.2.1"_s, u"cy"_s, 1));
        QVERIFY(fixture.addAddress(day.addDays(9), u"2001:db8::2"_s, u"dan"_s, 100));
        OPEN_QUERIES(fixture, queries);

        QTemporaryDir dir;
        const QString mmdb = dir.filePath(u"test.mmdb"_s);
        QProcess perl;
        perl.start(u"perl"_s, {TestPaths::sourceDir() + u"/tests/support/write-test-mmdb.pl"_s, mmdb});
        QVERIFY(perl.waitForFinished(60000));
        QCOMPARE(perl.exitCode(), 0);
        GeoIpDatabase geoIp;
        QVERIFY(geoIp.open(mmdb));

        const QList<CountryUsage> countries =
            VALUE_OF(queries.countries(range(u"2025-03-10T00:00:00Z"_s, u"2025-03-12T00:00:00Z"_s), geoIp));
        QCOMPARE(countries.size(), 3);
        QCOMPARE(countries.at(0).isoCode, u"DE"_s);
        QCOMPARE(countries.at(0).name, u"Germany"_s);
        QCOMPARE(countries.at(0).requests, 6);
        QCOMPARE(countries.at(0).users, 2);
        QCOMPARE(countries.at(1).isoCode, u"FR"_s);
        QCOMPARE(countries.at(1).requests, 4);
        QCOMPARE(countries.at(1).users, 1);
        QVERIFY(countries.at(2).isoCode.isEmpty());
        QCOMPARE(countries.at(2).requests, 1);

        GeoIpDatabase closed;
        QVERIFY(!queries.countries(range(u"2025-03-10T00:00:00Z"_s, u"2025-03-12T00:00:00Z"_s), closed).ok());
    }

    void limitUsageAgainstEffectiveLimits()
    {
        Fixture fixture;
        QVERIFY(fixture.addUser(u"ann"_s, u"free"_s));
        QVERIFY(fixture.exec(u"UPDATE users SET tokens_per_day = 500 WHERE name = 'ann'"_s));
        // Today: 10 requests, of which auth, limit and queue rejections do not count as calls.
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T10:00:00Z"_s), .user = u"ann"_s, .requests = 10, .generations = 3,
                             .promptTokens = 100, .completionTokens = 50, .errorsAuth = 1, .errorsLimit = 2,
                             .errorsQueue = 1, .errorsUpstream = 1}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-05T10:00:00Z"_s), .user = u"ann"_s, .requests = 4, .generations = 4,
                             .promptTokens = 1000}));
        QVERIFY(fixture.add({.at = utc(u"2025-02-28T10:00:00Z"_s), .user = u"ann"_s, .requests = 50,
                             .generations = 50}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T10:00:00Z"_s), .user = u"ben"_s, .requests = 70}));
        OPEN_QUERIES(fixture, queries);

        const QList<LimitUsage> limits =
            VALUE_OF(queries.limitUsage(u"ann"_s, utc(u"2025-03-12T12:30:00Z"_s), QTimeZone::utc()));
        QCOMPARE(limits.size(), 4);

        const LimitUsage *calls = findLimit(limits, u"calls_per_day"_s);
        QVERIFY(calls);
        QCOMPARE(calls->used, 6);
        QCOMPARE(calls->allowed, std::optional<qint64>(1000));
        QCOMPARE(calls->windowStart, utc(u"2025-03-12T00:00:00Z"_s));

        const LimitUsage *generations = findLimit(limits, u"generations_per_month"_s);
        QVERIFY(generations);
        QCOMPARE(generations->used, 7);
        QCOMPARE(generations->allowed, std::optional<qint64>(100));
        QCOMPARE(generations->windowStart, utc(u"2025-03-01T00:00:00Z"_s));

        const LimitUsage *tokensToday = findLimit(limits, u"tokens_per_day"_s);
        QVERIFY(tokensToday);
        QCOMPARE(tokensToday->used, 150);
        QCOMPARE(tokensToday->allowed, std::optional<qint64>(500));

        const LimitUsage *tokensMonth = findLimit(limits, u"tokens_per_month"_s);
        QVERIFY(tokensMonth);
        QCOMPARE(tokensMonth->used, 1150);
        QVERIFY(!tokensMonth->allowed.has_value());
    }

    void limitUsageDaysStartInZone()
    {
        Fixture fixture;
        QVERIFY(fixture.addUser(u"ann"_s, u"free"_s));
        // Midnight of 12 March in Berlin is 23:00 UTC on 11 March.
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T22:30:00Z"_s), .user = u"ann"_s, .requests = 5}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-11T23:30:00Z"_s), .user = u"ann"_s, .requests = 2}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-12T08:00:00Z"_s), .user = u"ann"_s, .requests = 1}));
        OPEN_QUERIES(fixture, queries);

        const QDateTime now = utc(u"2025-03-12T12:30:00Z"_s);
        const QList<LimitUsage> inBerlin = VALUE_OF(queries.limitUsage(u"ann"_s, now, QTimeZone("Europe/Berlin")));
        const LimitUsage *calls = findLimit(inBerlin, u"calls_per_day"_s);
        QVERIFY(calls);
        QCOMPARE(calls->used, 3);
        QCOMPARE(calls->windowStart, utc(u"2025-03-11T23:00:00Z"_s));
        QCOMPARE(findLimit(inBerlin, u"generations_per_month"_s)->windowStart, utc(u"2025-02-28T23:00:00Z"_s));

        const QList<LimitUsage> inUtc = VALUE_OF(queries.limitUsage(u"ann"_s, now, QTimeZone::utc()));
        QCOMPARE(findLimit(inUtc, u"calls_per_day"_s)->used, 1);
    }

    void limitUsageFollowsOverridesAndEndedTrials()
    {
        Fixture fixture;
        QVERIFY(fixture.addUser(u"tia"_s, u"pro_trial"_s));
        QVERIFY(fixture.addUser(u"una"_s, u"free"_s));
        QVERIFY(fixture.exec(u"UPDATE tiers SET fallback_tier = 'free' WHERE name = 'pro_trial'"_s));
        QVERIFY(fixture.exec(u"UPDATE users SET trial_ends_at = ? WHERE name = 'tia'"_s,
                             {utc(u"2025-03-01T00:00:00Z"_s).toMSecsSinceEpoch()}));
        QVERIFY(fixture.exec(u"UPDATE users SET calls_per_day = -1 WHERE name = 'una'"_s));
        OPEN_QUERIES(fixture, queries);
        const QDateTime now = utc(u"2025-03-12T12:30:00Z"_s);

        const QList<LimitUsage> tia = VALUE_OF(queries.limitUsage(u"tia"_s, now, QTimeZone::utc()));
        QCOMPARE(findLimit(tia, u"calls_per_day"_s)->allowed, std::optional<qint64>(1000));
        const QList<LimitUsage> tiaDuringTrial =
            VALUE_OF(queries.limitUsage(u"tia"_s, utc(u"2025-02-20T12:00:00Z"_s), QTimeZone::utc()));
        QCOMPARE(findLimit(tiaDuringTrial, u"calls_per_day"_s)->allowed, std::optional<qint64>(50000));

        const QList<LimitUsage> una = VALUE_OF(queries.limitUsage(u"una"_s, now, QTimeZone::utc()));
        QVERIFY(!findLimit(una, u"calls_per_day"_s)->allowed.has_value());
        QCOMPARE(findLimit(una, u"generations_per_month"_s)->allowed, std::optional<qint64>(100));
    }

    void upsellNeedsThreeDaysNearLimit()
    {
        Fixture fixture;
        // The free tier allows 1000 calls a day and 100 generations a month;
        // the window is 6 to 12 March.
        for (const QString &name : {u"ann"_s, u"ben"_s, u"cy"_s, u"eve"_s, u"fay"_s, u"old"_s})
            QVERIFY(fixture.addUser(name, u"free"_s));
        QVERIFY(fixture.addUser(u"dee"_s, u"pro"_s));

        for (const QString &day : {u"2025-03-06"_s, u"2025-03-09"_s, u"2025-03-12"_s})
            QVERIFY(fixture.add({.at = utc(day + u"T08:00:00Z"_s), .user = u"ann"_s, .requests = 800}));
        for (const QString &day : {u"2025-03-07"_s, u"2025-03-08"_s})
            QVERIFY(fixture.add({.at = utc(day + u"T08:00:00Z"_s), .user = u"ben"_s, .requests = 800}));
        for (int day = 6; day <= 10; ++day) {
            const QDateTime at = utc(u"2025-03-%1T08:00:00Z"_s.arg(day, 2, 10, QChar(u'0')));
            QVERIFY(fixture.add({.at = at, .user = u"cy"_s, .requests = 799}));
            QVERIFY(fixture.add({.at = at, .user = u"dee"_s, .requests = 45000, .tier = u"pro"_s}));
        }
        // Rejected requests are not calls: 1000 requests, 300 of them over the limit.
        for (const QString &day : {u"2025-03-06"_s, u"2025-03-07"_s, u"2025-03-08"_s})
            QVERIFY(fixture.add({.at = utc(day + u"T08:00:00Z"_s), .user = u"fay"_s, .requests = 1000,
                                 .errorsLimit = 300}));
        // 80 generations from 8 March on: 5 days at 80 % of the monthly limit.
        QVERIFY(fixture.add({.at = utc(u"2025-03-01T08:00:00Z"_s), .user = u"eve"_s, .requests = 70,
                             .generations = 70}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-08T08:00:00Z"_s), .user = u"eve"_s, .requests = 10,
                             .generations = 10}));
        // One of three days lies before the window.
        for (const QString &day : {u"2025-03-05"_s, u"2025-03-07"_s, u"2025-03-08"_s})
            QVERIFY(fixture.add({.at = utc(day + u"T08:00:00Z"_s), .user = u"old"_s, .requests = 900}));
        OPEN_QUERIES(fixture, queries);
        const QDateTime now = utc(u"2025-03-12T12:30:00Z"_s);

        const QList<UpsellCandidate> free = VALUE_OF(queries.upsellCandidates(now, QTimeZone::utc()));
        QCOMPARE(namesOf(free), (QStringList{u"eve"_s, u"ann"_s}));
        QCOMPARE(free.at(0).daysNearLimit, 5);
        QCOMPARE(free.at(0).limits, QStringList{u"generations_per_month"_s});
        QCOMPARE(free.at(0).highestShare, 0.8);
        QCOMPARE(free.at(0).tier, u"free"_s);
        QCOMPARE(free.at(1).daysNearLimit, 3);
        QCOMPARE(free.at(1).limits, QStringList{u"calls_per_day"_s});
        QCOMPARE(free.at(1).highestShare, 0.8);

        const QList<UpsellCandidate> pro = VALUE_OF(queries.upsellCandidates(now, QTimeZone::utc(), u"pro"_s));
        QCOMPARE(namesOf(pro), QStringList{u"dee"_s});
        QCOMPARE(pro.first().daysNearLimit, 5);
        QCOMPARE(pro.first().highestShare, 0.9);
    }

    void upsellCountsDaysInZone()
    {
        Fixture fixture;
        QVERIFY(fixture.addUser(u"ann"_s, u"free"_s));
        // 23:30 UTC is the next day in Berlin, so in Berlin these are three
        // days at 800 calls, but in UTC only two days (1600 and 800 calls).
        QVERIFY(fixture.add({.at = utc(u"2025-03-08T10:00:00Z"_s), .user = u"ann"_s, .requests = 800}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-08T23:30:00Z"_s), .user = u"ann"_s, .requests = 800}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-10T10:00:00Z"_s), .user = u"ann"_s, .requests = 800}));
        OPEN_QUERIES(fixture, queries);
        const QDateTime now = utc(u"2025-03-12T12:30:00Z"_s);

        QCOMPARE(namesOf(VALUE_OF(queries.upsellCandidates(now, QTimeZone("Europe/Berlin")))), QStringList{u"ann"_s});
        QVERIFY(VALUE_OF(queries.upsellCandidates(now, QTimeZone::utc())).isEmpty());
    }

    // Each case is answered by a coarse table (grain in the name). The same
    // query split by key as well can only be answered by the detailed
    // tables; summed over keys (and the other dimensions the case does not
    // split by), it must give the same numbers.
    void coarseRoutesMatchDetailedTables_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<int>("splitFlags"); // UsageSplits
        QTest::addColumn<int>("period"); // UsagePeriod, or -1 for totals()
        QTest::addColumn<QString>("zone");

        const int totals = -1;
        const int hour = int(UsagePeriod::Hour);
        const int day = int(UsagePeriod::Day);
        const int month = int(UsagePeriod::Month);
        const int none = int(UsageSplit::None);
        QTest::newRow("totals: days") << QString() << QString() << QString() << none << day << u"UTC"_s;
        QTest::newRow("totals: hours by model") << QString() << QString() << QString()
                                                << int(UsageSplit::ByModel) << hour << u"UTC"_s;
        QTest::newRow("totals: days in zone, one model by tier")
            << QString() << u"qwen2.5:7b"_s << QString() << int(UsageSplit::ByTier) << day
            << u"Europe/Berlin"_s;
        QTest::newRow("totals: months in zone") << QString() << QString() << QString() << none << month
                                                << u"Europe/Berlin"_s;
        QTest::newRow("totals: one tier by model") << QString() << QString() << u"pro"_s
                                                   << int(UsageSplit::ByModel) << totals << u"UTC"_s;
        QTest::newRow("totals: no model by tier") << QString() << QString() << QString()
                                                  << int(UsageSplit::ByModel) + int(UsageSplit::ByTier) << totals
                                                  << u"UTC"_s;
        QTest::newRow("users: days by user") << QString() << QString() << QString()
                                             << int(UsageSplit::ByUser) << day << u"UTC"_s;
        QTest::newRow("users: days in zone, one tier by user")
            << QString() << QString() << u"free"_s << int(UsageSplit::ByUser) << day << u"Europe/Berlin"_s;
        QTest::newRow("users: totals by user and tier")
            << QString() << QString() << QString() << int(UsageSplit::ByUser) + int(UsageSplit::ByTier) << totals
            << u"UTC"_s;
        QTest::newRow("users: one user by hour") << u"bob"_s << QString() << QString() << none << hour << u"UTC"_s;
        QTest::newRow("users: one user's totals by tier")
            << u"alice"_s << QString() << QString() << int(UsageSplit::ByTier) << totals << u"UTC"_s;
        QTest::newRow("detailed: one user by model") << u"carol"_s << QString() << QString()
                                                     << int(UsageSplit::ByModel) << day << u"UTC"_s;
    }

    void coarseRoutesMatchDetailedTables()
    {
        QFETCH(QString, user);
        QFETCH(QString, model);
        QFETCH(QString, tier);
        QFETCH(int, splitFlags);
        QFETCH(int, period);
        QFETCH(QString, zone);
        const UsageSplits split = UsageSplits::fromInt(splitFlags);

        Fixture fixture;
        QVERIFY(fixture.opened());
        // Eight days around the change to summer time in Berlin.
        QVERIFY(addRandomTraffic(fixture.storage(), 20260329, utc(u"2026-03-26T00:00:00Z"_s), 8 * 24, 600));
        OPEN_QUERIES(fixture, queries);

        // Neither end on a whole hour or day, so every route reads daily
        // rows and the hourly rows before and after them.
        UsageFilter filter = range(u"2026-03-26T10:20:00Z"_s, u"2026-04-02T05:40:00Z"_s,
                                   period < 0 ? UsagePeriod::Day : UsagePeriod(period), QTimeZone(zone.toUtf8()));
        filter.userName = user;
        filter.model = model;
        filter.tier = tier;
        const UsageSplits everything =
            UsageSplits(UsageSplit::ByUser) | UsageSplit::ByModel | UsageSplit::ByTier | UsageSplit::ByKey;

        const Result<QList<UsageRow>> routed = period < 0 ? queries.totals(filter, split) : queries.series(filter, split);
        const Result<QList<UsageRow>> detailed =
            period < 0 ? queries.totals(filter, everything) : queries.series(filter, everything);
        QVERIFY2(routed.ok(), routed.ok() ? "" : qPrintable(routed.error().message()));
        QVERIFY2(detailed.ok(), detailed.ok() ? "" : qPrintable(detailed.error().message()));
        QVERIFY(!routed.value().isEmpty());
        QVERIFY(detailed.value().size() > routed.value().size());

        const QString difference = differenceOf(collapse(routed.value(), split), collapse(detailed.value(), split));
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    // The coarse tables must hold what the detailed ones do, so a coarse
    // table that is off shows up in the comparison above.
    void coarseRouteComparisonSeesStaleTable()
    {
        Fixture fixture;
        QVERIFY(fixture.opened());
        QVERIFY(addRandomTraffic(fixture.storage(), 7, utc(u"2026-03-26T00:00:00Z"_s), 48, 100));
        QVERIFY(fixture.exec(u"UPDATE usage_daily_totals SET lat_3 = lat_3 + 1"_s));
        OPEN_QUERIES(fixture, queries);

        const UsageFilter filter = range(u"2026-03-26T00:00:00Z"_s, u"2026-03-28T00:00:00Z"_s);
        const UsageSplits everything =
            UsageSplits(UsageSplit::ByUser) | UsageSplit::ByModel | UsageSplit::ByTier | UsageSplit::ByKey;
        const QString difference = differenceOf(collapse(VALUE_OF(queries.series(filter)), UsageSplit::None),
                                                collapse(VALUE_OF(queries.series(filter, everything)), UsageSplit::None));
        QVERIFY(!difference.isEmpty());
    }

    void topUsersMatchFirstRowsOfAllUsers()
    {
        Fixture fixture;
        QVERIFY(fixture.opened());
        QVERIFY(addRandomTraffic(fixture.storage(), 5, utc(u"2026-03-26T00:00:00Z"_s), 96, 400));
        OPEN_QUERIES(fixture, queries);

        const UsageFilter filter = range(u"2026-03-26T03:00:00Z"_s, u"2026-03-29T20:00:00Z"_s);
        for (const UsageSplits split : {UsageSplits(UsageSplit::ByUser), UsageSplit::ByUser | UsageSplit::ByTier}) {
            const QList<UsageRow> all = VALUE_OF(queries.totals(filter, split));
            QVERIFY(all.size() > 3);
            // The requests without a user rank among the others.
            QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const UsageRow &row) { return row.userName.isEmpty(); }));
            for (const int limit : {1, 3, 100}) {
                const QList<UsageRow> top = VALUE_OF(queries.totals(filter, split, limit));
                QCOMPARE(top.size(), std::min<qsizetype>(limit, all.size()));
                for (qsizetype i = 0; i < top.size(); ++i) {
                    QCOMPARE(top.at(i).userName, all.at(i).userName);
                    QCOMPARE(top.at(i).tier, all.at(i).tier);
                    QVERIFY2(top.at(i) == all.at(i), qPrintable(u"row %1 of the top %2"_s.arg(i).arg(limit)));
                }
            }
        }
    }

    void measuresHintSumsOnlyRequestedGroups()
    {
        Fixture fixture;
        QVERIFY(fixture.opened());
        QVERIFY(addRandomTraffic(fixture.storage(), 11, utc(u"2026-03-26T00:00:00Z"_s), 72, 200));
        OPEN_QUERIES(fixture, queries);

        UsageFilter filter = range(u"2026-03-26T06:00:00Z"_s, u"2026-03-29T00:00:00Z"_s);
        const QList<UsageRow> all = VALUE_OF(queries.totals(filter, UsageSplit::ByUser));
        filter.measures = UsageMeasure::Tokens;
        const QList<UsageRow> some = VALUE_OF(queries.totals(filter, UsageSplit::ByUser));
        QVERIFY(!all.isEmpty());
        QCOMPARE(some.size(), all.size());
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(some.at(i).userName, all.at(i).userName);
            QCOMPARE(some.at(i).requests, all.at(i).requests); // always summed
            QCOMPARE(some.at(i).promptTokens, all.at(i).promptTokens);
            QCOMPARE(some.at(i).completionTokens, all.at(i).completionTokens);
            QCOMPARE(some.at(i).generations, 0);
            QCOMPARE(some.at(i).requestBytes, 0);
            QCOMPARE(some.at(i).latencyMsSum, 0.0);
            QCOMPARE(some.at(i).errors.total(), 0);
            QCOMPARE(some.at(i).latency.total(), 0);
        }
        QVERIFY(all.first().latency.total() > 0);
    }

    void topicsWithoutUserReadTotalsTable()
    {
        Fixture fixture;
        QVERIFY(fixture.opened());
        const QDateTime day = utc(u"2026-03-02T00:00:00Z"_s);
        QVERIFY(fixture.addTopic(day, u"alice"_s, u"language"_s, u"python"_s, u"context"_s, 3));
        QVERIFY(fixture.addTopic(day, u"bob"_s, u"language"_s, u"python"_s, u"context"_s, 4));
        QVERIFY(fixture.addTopic(day, u"bob"_s, u"framework"_s, u"react"_s, u"detected"_s, 2));
        OPEN_QUERIES(fixture, queries);

        UsageFilter filter = range(u"2026-03-02T00:00:00Z"_s, u"2026-03-03T00:00:00Z"_s);
        const QList<TopicUsage> all = VALUE_OF(queries.topics(filter));
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).name, u"python"_s);
        QCOMPARE(all.at(0).fromContext, 7);
        QCOMPARE(all.at(1).detected, 2);

        // Written to the user table only: the view without a user reads the totals.
        QVERIFY(fixture.exec(u"INSERT INTO usage_topics_daily (day, user_name, kind, name, source, requests)"
                             " VALUES (?, 'carol', 'language', 'go', 'context', 5)"_s,
                             {day.toMSecsSinceEpoch()}));
        QCOMPARE(VALUE_OF(queries.topics(filter)).size(), 2);
        filter.userName = u"carol"_s;
        QCOMPARE(VALUE_OF(queries.topics(filter)).size(), 1);
    }

    void churnNeedsDropOfHalf()
    {
        Fixture fixture;
        for (const QString &name : {u"fin"_s, u"gus"_s, u"hal"_s, u"ida"_s, u"jo"_s})
            QVERIFY(fixture.addUser(name, u"free"_s));
        // now 12 March 12:30: last week from 5 March 13:00, previous week from 26 February 13:00.
        const QDateTime previous = utc(u"2025-02-28T10:00:00Z"_s);
        const QDateTime last = utc(u"2025-03-10T10:00:00Z"_s);
        QVERIFY(fixture.add({.at = previous, .user = u"fin"_s, .requests = 100}));
        QVERIFY(fixture.add({.at = last, .user = u"fin"_s, .requests = 50}));
        QVERIFY(fixture.add({.at = previous, .user = u"gus"_s, .requests = 100}));
        QVERIFY(fixture.add({.at = last, .user = u"gus"_s, .requests = 51}));
        QVERIFY(fixture.add({.at = previous, .user = u"hal"_s, .requests = 8}));
        QVERIFY(fixture.add({.at = previous, .user = u"ida"_s, .requests = 60}));
        QVERIFY(fixture.add({.at = utc(u"2025-02-26T12:59:00Z"_s), .user = u"ida"_s, .requests = 40}));
        QVERIFY(fixture.add({.at = utc(u"2025-03-05T12:00:00Z"_s), .user = u"ida"_s, .requests = 40}));
        QVERIFY(fixture.add({.at = last, .user = u"jo"_s, .requests = 100}));
        QVERIFY(fixture.add({.at = previous, .user = QString(), .requests = 100}));
        OPEN_QUERIES(fixture, queries);
        const QDateTime now = utc(u"2025-03-12T12:30:00Z"_s);

        const QList<ChurnRisk> risks = VALUE_OF(queries.churnRisks(now));
        QCOMPARE(namesOf(risks), (QStringList{u"ida"_s, u"fin"_s}));
        QCOMPARE(risks.at(0).previousWeek, 100);
        QCOMPARE(risks.at(0).lastWeek, 0);
        QCOMPARE(risks.at(0).drop(), 1.0);
        QCOMPARE(risks.at(0).tier, u"free"_s);
        QCOMPARE(risks.at(1).previousWeek, 100);
        QCOMPARE(risks.at(1).lastWeek, 50);
        QCOMPARE(risks.at(1).drop(), 0.5);

        QCOMPARE(namesOf(VALUE_OF(queries.churnRisks(now, 5))), (QStringList{u"ida"_s, u"hal"_s, u"fin"_s}));
    }
};

QTEST_GUILESS_MAIN(TestUsageQueries)
#include "tst_usagequeries.moc"
