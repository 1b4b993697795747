// SPDX-License-Identifier: GPL-3.0-or-later
// The usage rollups against the raw request log. Random traffic goes through
// a running gateway in front of the fake Ollama. Then every rollup table is
// compared with an aggregation that this test computes from the request_log
// rows, before and after Storage::rebuildRollups(). Constructed rows test the
// rules for topics and periods, and failed transactions.
#include "ErrorCounts.h"
#include "FakeOllama.h"
#include "GatewayFixture.h"
#include "LatencyHistogram.h"
#include "RawHttpClient.h"
#include "Storage.h"
#include "StorageConfig.h"
#include "TopicDetector.h"
#include "UsageRollup.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using Gateway::ErrorCounts;
using Gateway::LatencyHistogram;
using Gateway::RequestLogEntry;
using Gateway::UsageRollup;

namespace {

// requests, generations, 8 error causes, prompt and completion tokens,
// request and response bytes, latency sum, 15 latency and 15 TTFT buckets.
constexpr int measureCount = 2 + ErrorCounts::causeCount + 5 + 2 * LatencyHistogram::bucketCount;
constexpr int latencySumIndex = 2 + ErrorCounts::causeCount + 4;

using Measures = QList<double>;
using Table = QMap<QString, Measures>;

QString measureColumns()
{
    QStringList columns{u"requests"_s, u"generations"_s};
    for (int i = 0; i < ErrorCounts::causeCount; ++i)
        columns.append(u"errors_"_s + ErrorCounts::nameOf(Gateway::ErrorCause(i)));
    columns << u"prompt_tokens"_s << u"completion_tokens"_s << u"request_bytes"_s << u"response_bytes"_s
            << u"latency_ms_sum"_s;
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        columns.append(u"lat_%1"_s.arg(i));
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        columns.append(u"ttft_%1"_s.arg(i));
    return columns.join(u", "_s);
}

// A connection of the test's own, so the comparison never goes through the
// storage code under test.
class Database final
{
public:
    explicit Database(const QString &path)
        : m_name(u"tst-usagerollup-%1"_s.arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~Database()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Database)

    QSqlDatabase &db() { return m_db; }

    bool exec(const QString &statement)
    {
        QSqlQuery query(m_db);
        if (query.exec(statement))
            return true;
        qWarning("%s failed: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return false;
    }

    qint64 count(const QString &table)
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"SELECT count(*) FROM "_s + table) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    // Rows of a rollup table keyed by their dimensions joined with '|'.
    Table rollup(const QString &table, const QString &keyColumns, bool withMeasures = true)
    {
        Table result;
        const int keyCount = int(keyColumns.count(u',') + 1);
        QSqlQuery query(m_db);
        const QString measures = withMeasures ? measureColumns() : u"requests"_s;
        if (!query.exec(u"SELECT "_s + keyColumns + u", "_s + measures + u" FROM "_s + table)) {
            qWarning("reading %s failed: %s", qPrintable(table), qPrintable(query.lastError().text()));
            return result;
        }
        while (query.next()) {
            QStringList key;
            for (int i = 0; i < keyCount; ++i)
                key.append(query.value(i).toString());
            Measures values;
            for (int i = keyCount; i < query.record().count(); ++i)
                values.append(query.value(i).toDouble());
            result.insert(key.join(u'|'), values);
        }
        return result;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

struct Expected
{
    Table hourly;
    Table daily;
    Table minutely;
    Table topics;
    Table addresses;
    Table hourlyTotals; // per hour, model and tier
    Table dailyTotals;
    Table hourlyUsers;  // per hour, user and tier
    Table dailyUsers;
    Table topicTotals;  // per day, kind, name and source
};

void addMeasures(Measures &m, const QSqlQuery &row)
{
    if (m.isEmpty())
        m = Measures(measureCount, 0.0);
    m[0] += 1;
    m[1] += row.value(u"counted_generation"_s).toInt();
    if (const auto cause = ErrorCounts::causeOf(row.value(u"status"_s).toInt(), row.value(u"outcome"_s).toString()))
        m[2 + int(*cause)] += 1;
    m[10] += row.value(u"prompt_tokens"_s).toLongLong();
    m[11] += row.value(u"completion_tokens"_s).toLongLong();
    m[12] += row.value(u"request_bytes"_s).toLongLong();
    m[13] += row.value(u"response_bytes"_s).toLongLong();
    const double latency = row.value(u"latency_ms"_s).toDouble();
    m[latencySumIndex] += latency;
    m[15 + LatencyHistogram::bucketOf(latency)] += 1;
    if (!row.value(u"time_to_first_token_ms"_s).isNull())
        m[15 + LatencyHistogram::bucketOf(row.value(u"time_to_first_token_ms"_s).toDouble()) + 15] += 1;
}

// The aggregation the rollups must equal, from the raw rows.
Expected aggregate(Database &database, const Gateway::TopicDetector &detector)
{
    Expected expected;
    QSqlQuery row(database.db());
    if (!row.exec(u"SELECT * FROM request_log"_s)) {
        qWarning("reading request_log failed: %s", qPrintable(row.lastError().text()));
        return expected;
    }
    while (row.next()) {
        const qint64 started = row.value(u"started_at"_s).toLongLong();
        const QString minute = QString::number(started - started % 60000);
        const QString hour = QString::number(started - started % 3600000);
        const QString day = QString::number(started - started % 86400000);
        const QString user = row.value(u"user_name"_s).toString();
        const QString dimensions = QStringList{user, row.value(u"key_id"_s).toString(), row.value(u"model"_s).toString(),
                                               row.value(u"tier"_s).toString()}.join(u'|');
        addMeasures(expected.hourly[hour + u'|' + dimensions], row);
        addMeasures(expected.daily[day + u'|' + dimensions], row);
        addMeasures(expected.minutely[minute + u'|' + user], row);
        const QString model = row.value(u"model"_s).toString();
        const QString tier = row.value(u"tier"_s).toString();
        addMeasures(expected.hourlyTotals[QStringList{hour, model, tier}.join(u'|')], row);
        addMeasures(expected.dailyTotals[QStringList{day, model, tier}.join(u'|')], row);
        addMeasures(expected.hourlyUsers[QStringList{hour, user, tier}.join(u'|')], row);
        addMeasures(expected.dailyUsers[QStringList{day, user, tier}.join(u'|')], row);

        const QString address = QStringList{day, row.value(u"client_address"_s).toString(), user}.join(u'|');
        expected.addresses[address] = Measures{expected.addresses.value(address, {0.0}).first() + 1};

        const QString language = row.value(u"context_language"_s).toString().trimmed().toLower();
        const QString framework = row.value(u"context_framework"_s).toString().trimmed().toLower();
        QStringList topicKeys;
        if (!language.isEmpty())
            topicKeys.append(u"language|"_s + language + u"|context"_s);
        if (!framework.isEmpty())
            topicKeys.append(u"framework|"_s + framework + u"|context"_s);
        for (const auto &topic : detector.detect(row.value(u"prompt_text"_s).toString())) {
            const bool isLanguage = topic.kind == Gateway::TopicDetector::Kind::Language;
            if (isLanguage ? language.isEmpty() : framework.isEmpty())
                topicKeys.append(Gateway::TopicDetector::kindName(topic.kind) + u'|' + topic.name + u"|detected"_s);
        }
        for (const QString &topic : std::as_const(topicKeys)) {
            const QString key = day + u'|' + user + u'|' + topic;
            expected.topics[key] = Measures{expected.topics.value(key, {0.0}).first() + 1};
            const QString totalKey = day + u'|' + topic;
            expected.topicTotals[totalKey] = Measures{expected.topicTotals.value(totalKey, {0.0}).first() + 1};
        }
    }
    return expected;
}

// The first difference between two tables, or an empty string.
QString difference(const QString &name, const Table &actual, const Table &expected)
{
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (!actual.contains(it.key()))
            return u"%1: missing group %2"_s.arg(name, it.key());
        const Measures &got = actual.value(it.key());
        if (got.size() != it.value().size())
            return u"%1 %2: %3 measures, expected %4"_s.arg(name, it.key()).arg(got.size()).arg(it.value().size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            const double want = it.value().at(i);
            // The latency sum is REAL, summed in another order.
            const bool same = i == latencySumIndex && got.size() == measureCount
                ? std::abs(got.at(i) - want) <= 1e-6 * std::max(1.0, std::abs(want))
                : got.at(i) == want;
            if (!same)
                return u"%1 %2: measure %3 is %4, expected %5"_s.arg(name, it.key()).arg(i).arg(got.at(i)).arg(want);
        }
    }
    for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (!expected.contains(it.key()))
            return u"%1: unexpected group %2"_s.arg(name, it.key());
    }
    return {};
}

QString compareAll(Database &database, const Gateway::TopicDetector &detector)
{
    const Expected expected = aggregate(database, detector);
    const QString dimensions = u"user_name, key_id, model, tier"_s;
    const QStringList differences{
        difference(u"usage_hourly"_s, database.rollup(u"usage_hourly"_s, u"hour, "_s + dimensions), expected.hourly),
        difference(u"usage_daily"_s, database.rollup(u"usage_daily"_s, u"day, "_s + dimensions), expected.daily),
        difference(u"usage_minutely"_s, database.rollup(u"usage_minutely"_s, u"minute, user_name"_s), expected.minutely),
        difference(u"usage_topics_daily"_s,
                   database.rollup(u"usage_topics_daily"_s, u"day, user_name, kind, name, source"_s, false),
                   expected.topics),
        difference(u"usage_addresses_daily"_s,
                   database.rollup(u"usage_addresses_daily"_s, u"day, client_address, user_name"_s, false),
                   expected.addresses),
        difference(u"usage_hourly_totals"_s, database.rollup(u"usage_hourly_totals"_s, u"hour, model, tier"_s),
                   expected.hourlyTotals),
        difference(u"usage_daily_totals"_s, database.rollup(u"usage_daily_totals"_s, u"day, model, tier"_s),
                   expected.dailyTotals),
        difference(u"usage_hourly_users"_s, database.rollup(u"usage_hourly_users"_s, u"hour, user_name, tier"_s),
                   expected.hourlyUsers),
        difference(u"usage_daily_users"_s, database.rollup(u"usage_daily_users"_s, u"day, user_name, tier"_s),
                   expected.dailyUsers),
        difference(u"usage_topics_daily_totals"_s,
                   database.rollup(u"usage_topics_daily_totals"_s, u"day, kind, name, source"_s, false),
                   expected.topicTotals),
    };
    for (const QString &found : differences) {
        if (!found.isEmpty())
            return found;
    }
    if (expected.hourly.isEmpty())
        return u"the request log is empty"_s;
    return {};
}

std::unique_ptr<Gateway::Storage> openStorage(const QString &dataDir)
{
    Gateway::StorageConfig config;
    config.dataDir = dataDir;
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, u"tst-usagerollup"_s);
    if (!storage->open())
        return {};
    return storage;
}

QString databasePath(const QString &dataDir)
{
    Gateway::StorageConfig config;
    config.dataDir = dataDir;
    return config.databasePath();
}

RequestLogEntry entryAt(const QDateTime &startedAt, const QString &user = u"alice"_s)
{
    RequestLogEntry entry;
    entry.requestId = u"r-%1"_s.arg(startedAt.toMSecsSinceEpoch());
    entry.startedAt = startedAt;
    entry.userName = user;
    entry.keyId = user.isEmpty() ? QString() : u"key_"_s + user;
    entry.tier = user.isEmpty() ? QString() : u"pro"_s;
    entry.clientAddress = u"127.0.0.1"_s;
    entry.method = u"POST"_s;
    entry.path = u"/api/generate"_s;
    entry.model = u"llama3.2:latest"_s;
    entry.status = 200;
    entry.outcome = u"ok"_s;
    entry.latencyMs = 12.5;
    return entry;
}

// One request of the random traffic.
struct Sent
{
    QByteArray request;
    QString contextLanguage; // context.language as sent, before trimming and lower-casing
};

const QStringList prompts{
    u"Why is the sky blue?"_s,
    u"Write a Python function that parses CSV with pandas"_s,
    u"Explain Rust lifetimes: fn main() { let mut x = 5; }"_s,
    u"How do I use useState in React with TypeScript?"_s,
    u"Refactor this golang code: package main"_s,
    u"Write a SQL query: SELECT * FROM users GROUP BY country"_s,
    u"A good poem about going home"_s,
};

QByteArray generateRequest(QRandomGenerator &random, const QByteArray &key, Sent &sent, bool stream)
{
    const QStringList models{u"llama3.2"_s, u"qwen2.5-coder:7b"_s};
    const QStringList languages{QString(), QString(), u"Python"_s, u"  rust "_s, u"TypeScript"_s};
    const QStringList frameworks{QString(), QString(), u"React"_s, u"Django"_s};

    QJsonObject body{{u"model"_s, models.at(random.bounded(int(models.size())))},
                     {u"prompt"_s, prompts.at(random.bounded(int(prompts.size())))},
                     {u"stream"_s, stream}};
    const QString language = languages.at(random.bounded(int(languages.size())));
    const QString framework = frameworks.at(random.bounded(int(frameworks.size())));
    if (!language.isEmpty() || !framework.isEmpty()) {
        QJsonObject context;
        if (!language.isEmpty())
            context.insert(u"language"_s, language);
        if (!framework.isEmpty())
            context.insert(u"framework"_s, framework);
        body.insert(u"context"_s, context);
    }
    sent.contextLanguage = language;

    QByteArray controls = "X-Fake-Tokens: " + QByteArray::number(random.bounded(1, 500)) + ','
        + QByteArray::number(random.bounded(1, 900)) + "\r\n";
    if (random.bounded(3) == 0)
        controls += "X-Fake-Delay-Ms: " + QByteArray::number(random.bounded(1, 30)) + "\r\n";
    return RawHttpClient::postRequest("/api/generate", QJsonDocument(body).toJson(QJsonDocument::Compact), key,
                                      controls);
}

QByteArray chatRequest(QRandomGenerator &random, const QByteArray &key, const QByteArray &controls = {})
{
    const QJsonObject message{{u"role"_s, u"user"_s}, {u"content"_s, prompts.at(random.bounded(int(prompts.size())))}};
    const QJsonObject body{{u"model"_s, u"llama3.2"_s}, {u"messages"_s, QJsonArray{message}}};
    return RawHttpClient::postRequest("/api/chat", QJsonDocument(body).toJson(QJsonDocument::Compact), key, controls);
}

// One random request of several users and keys; returns what was sent.
Sent randomRequest(QRandomGenerator &random, const QList<QByteArray> &keys)
{
    Sent sent;
    const QByteArray key = keys.at(random.bounded(int(keys.size())));
    switch (random.bounded(10)) {
    case 0:
    case 1:
    case 2:
        sent.request = generateRequest(random, key, sent, false);
        break;
    case 3:
    case 4:
        sent.request = generateRequest(random, key, sent, true);
        break;
    case 5:
        sent.request = chatRequest(random, key);
        break;
    case 6:
        sent.request = RawHttpClient::getRequest("/api/tags", key);
        break;
    case 7:
        sent.request = random.bounded(2) == 0 ? RawHttpClient::getRequest("/api/tags", "sk_free_notavalidkey0000000000")
                                              : RawHttpClient::getRequest("/api/tags");
        break;
    case 8:
        // The fake answers 404 for the unknown model; the gateway itself
        // rejects the malformed body with 400.
        sent.request = random.bounded(2) == 0
            ? RawHttpClient::postRequest("/api/generate", R"({"model":"no-such-model:1b","prompt":"hi","stream":false})", key)
            : RawHttpClient::postRequest("/api/generate", R"({"model":"llama3.2","prompt":)", key);
        break;
    default: {
        const QList<QByteArray> errors{"before", "during", "busy"};
        sent.request = chatRequest(random, key, "X-Fake-Error: " + errors.at(random.bounded(int(errors.size()))) + "\r\n");
        break;
    }
    }
    return sent;
}

} // namespace

class TestUsageRollup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rollupsMatchRawRowsAfterRandomTraffic()
    {
        GatewayFixture gateway;
        {
            std::unique_ptr<Gateway::Storage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            Gateway::TierRecord tiny;
            tiny.name = u"tiny"_s;
            tiny.callsPerDay = 3;
            QVERIFY(storage->saveTier(tiny));
        }
        const QList<QByteArray> extraKeys{gateway.issueKey(u"bob"_s, u"free"_s), gateway.issueKey(u"carol"_s, u"enterprise"_s),
                                          gateway.issueKey(u"carol"_s, u"enterprise"_s),
                                          gateway.issueKey(u"dave"_s, u"tiny"_s)};
        for (const QByteArray &key : extraKeys)
            QVERIFY(!key.isEmpty());
        QVERIFY(gateway.start());
        QList<QByteArray> keys = extraKeys;
        keys.append(gateway.key());

        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("random traffic seed %u", seed);
        QRandomGenerator random(seed);

        constexpr int requestCount = 120;
        int pythonContext = 0;
        int sent = 0;
        for (int i = 0; i < requestCount; ++i) {
            const Sent request = randomRequest(random, keys);
            pythonContext += request.contextLanguage == u"Python"_s ? 1 : 0;
            RawHttpClient client;
            QVERIFY(client.connectTo(gateway.port()));
            client.send(request.request);
            QVERIFY2(client.readResponse(15000).complete, request.request.constData());
            ++sent;
        }

        // Cancellations: the client leaves while the fake holds the stream.
        constexpr int cancelCount = 3;
        for (int i = 0; i < cancelCount; ++i) {
            RawHttpClient client;
            QVERIFY(client.connectTo(gateway.port()));
            client.send(chatRequest(random, gateway.key(), "X-Fake-Hold: 1\r\n"));
            QVERIFY(client.readPartial(1).body.size() >= 1);
            client.close();
            ++sent;
        }
        QVERIFY(gateway.waitForLogRows(sent, 20000));
        gateway.fake().release();
        QVERIFY(gateway.stop());

        Database database(databasePath(gateway.dataDir()));
        QCOMPARE(database.count(u"request_log"_s), qint64(sent));
        const Gateway::TopicDetector detector = Gateway::TopicDetector::load(gateway.dataDir());
        QString found = compareAll(database, detector);
        QVERIFY2(found.isEmpty(), qPrintable(found));

        // Figures this test knows without the aggregation.
        QSqlQuery query(database.db());
        QVERIFY(query.exec(u"SELECT sum(requests), sum(errors_auth), sum(errors_cancelled), sum(errors_limit),"
                           "  sum(errors_upstream), sum(errors_client), sum(generations), sum(ttft_0 + ttft_1 + ttft_2"
                           "  + ttft_3 + ttft_4 + ttft_5 + ttft_6 + ttft_7 + ttft_8 + ttft_9 + ttft_10 + ttft_11"
                           "  + ttft_12 + ttft_13 + ttft_14) FROM usage_daily"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), qint64(sent));
        QVERIFY(query.value(1).toLongLong() > 0);
        QCOMPARE(query.value(2).toLongLong(), qint64(cancelCount));
        QVERIFY(query.value(3).toLongLong() > 0); // dave's tier allows 3 calls a day
        QVERIFY(query.value(4).toLongLong() > 0);
        QVERIFY(query.value(5).toLongLong() > 0);
        QVERIFY(query.value(6).toLongLong() > 0);
        QVERIFY(query.value(7).toLongLong() > 0);
        QVERIFY(query.exec(u"SELECT coalesce(sum(requests), 0) FROM usage_topics_daily"
                           " WHERE kind = 'language' AND name = 'python' AND source = 'context'"_s));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toLongLong() <= pythonContext); // rejected requests are never inspected
        QVERIFY(query.exec(u"SELECT DISTINCT tier FROM usage_hourly ORDER BY tier"_s));
        QStringList tiers;
        while (query.next())
            tiers.append(query.value(0).toString());
        QCOMPARE(tiers, (QStringList{QString(), u"enterprise"_s, u"free"_s, u"pro"_s, u"tiny"_s}));
        query.finish();

        // Break every table, check that the comparison sees it, rebuild.
        QVERIFY(database.exec(u"UPDATE usage_hourly SET requests = requests + 7, lat_3 = lat_3 + 1"_s));
        QVERIFY(database.exec(u"DELETE FROM usage_topics_daily"_s));
        QVERIFY(database.exec(u"DELETE FROM usage_minutely WHERE rowid IN (SELECT rowid FROM usage_minutely LIMIT 1)"_s));
        QVERIFY(database.exec(u"UPDATE usage_addresses_daily SET requests = 1"_s));
        QVERIFY(database.exec(u"INSERT INTO usage_daily (day, user_name, requests) VALUES (0, 'ghost', 1)"_s));
        QVERIFY(!compareAll(database, detector).isEmpty());

        // Each coarse table alone, so that a comparison that skipped one would fail here.
        const QStringList coarseBreaks{
            u"UPDATE usage_hourly_totals SET ttft_2 = ttft_2 + 1"_s,
            u"UPDATE usage_daily_totals SET errors_limit = errors_limit + 1"_s,
            u"UPDATE usage_hourly_users SET prompt_tokens = prompt_tokens + 1"_s,
            u"DELETE FROM usage_daily_users WHERE rowid IN (SELECT rowid FROM usage_daily_users LIMIT 1)"_s,
            u"UPDATE usage_topics_daily_totals SET requests = requests + 1"_s,
        };
        for (const QString &statement : coarseBreaks) {
            QVERIFY(database.exec(u"SAVEPOINT coarse"_s));
            QVERIFY(database.exec(statement));
            QVERIFY2(!compareAll(database, detector).isEmpty(), qPrintable(statement));
            QVERIFY(database.exec(u"ROLLBACK TO coarse"_s));
            QVERIFY(database.exec(u"RELEASE coarse"_s));
        }
        for (const QString &statement : coarseBreaks)
            QVERIFY(database.exec(statement));

        std::unique_ptr<Gateway::Storage> storage = openStorage(gateway.dataDir());
        QVERIFY(storage);
        const auto rebuilt = storage->rebuildRollups();
        QVERIFY2(rebuilt, rebuilt ? "" : qPrintable(rebuilt.error().message()));
        QCOMPARE(rebuilt.value().rows, qint64(sent));
        QCOMPARE(rebuilt.value().hourlyGroups, database.count(u"usage_hourly"_s));
        // The ghost row of 1970 lies before the oldest log row, so it stays.
        QCOMPARE(rebuilt.value().dailyGroups, database.count(u"usage_daily"_s) - 1);
        QVERIFY(database.exec(u"DELETE FROM usage_daily WHERE day = 0"_s));
        found = compareAll(database, detector);
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    void tierIsStoredAndRead()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QList<RequestLogEntry> entries{entryAt(QDateTime::currentDateTimeUtc()), entryAt(QDateTime::currentDateTimeUtc(), {})};
        entries[0].tier = u"enterprise"_s;
        QVERIFY(storage->appendRequestLog(entries));
        const auto rows = storage->recentRequestLog(10);
        QVERIFY(rows);
        QCOMPARE(rows.value().size(), 2);
        QCOMPARE(rows.value().at(1).tier, u"enterprise"_s);
        QCOMPARE(rows.value().at(0).tier, QString());
    }

    void periodsAreUtcAndExact()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);

        const QDateTime midnight(QDate(2026, 3, 14), QTime(0, 0), QTimeZone::utc());
        QList<RequestLogEntry> entries{entryAt(midnight.addMSecs(-1)), entryAt(midnight),
                                       entryAt(midnight.addSecs(59)), entryAt(midnight.addSecs(60)),
                                       entryAt(midnight.addSecs(3600))};
        entries[1].promptTokens = 5; // others unknown: count as 0
        entries[1].completionTokens = 7;
        entries[1].timeToFirstTokenMs = 3.0;
        entries[1].countedGeneration = true;
        entries[2].status = 429;
        entries[2].outcome = u"rate limited"_s;
        QVERIFY(storage->appendRequestLog(entries));

        Database database(databasePath(dir.path()));
        const qint64 day = midnight.toMSecsSinceEpoch();
        const Table daily = database.rollup(u"usage_daily"_s, u"day"_s);
        QCOMPARE(daily.size(), 2);
        QCOMPARE(daily.value(QString::number(day - 86400000)).at(0), 1.0);
        const Measures today = daily.value(QString::number(day));
        QCOMPARE(today.at(0), 4.0);             // requests
        QCOMPARE(today.at(1), 1.0);             // generations
        QCOMPARE(today.at(2 + 2), 1.0);         // errors_limit
        QCOMPARE(today.at(10), 5.0);            // prompt tokens
        QCOMPARE(today.at(11), 7.0);            // completion tokens
        QCOMPARE(today.at(latencySumIndex), 50.0);
        QCOMPARE(today.at(15 + LatencyHistogram::bucketOf(12.5)), 4.0);
        QCOMPARE(today.at(30 + LatencyHistogram::bucketOf(3.0)), 1.0);
        double ttftTotal = 0;
        for (int i = 30; i < 45; ++i)
            ttftTotal += today.at(i);
        QCOMPARE(ttftTotal, 1.0);

        const Table hourly = database.rollup(u"usage_hourly"_s, u"hour"_s);
        QCOMPARE(hourly.value(QString::number(day)).at(0), 3.0);
        QCOMPARE(hourly.value(QString::number(day + 3600000)).at(0), 1.0);
        const Table minutely = database.rollup(u"usage_minutely"_s, u"minute"_s);
        QCOMPARE(minutely.value(QString::number(day)).at(0), 2.0);
        QCOMPARE(minutely.value(QString::number(day + 60000)).at(0), 1.0);

        QCOMPARE(UsageRollup::periodStart(-1, UsageRollup::dayMs), -UsageRollup::dayMs);
        QCOMPARE(UsageRollup::periodStart(0, UsageRollup::dayMs), 0);
        QCOMPARE(UsageRollup::periodStart(UsageRollup::hourMs + 5, UsageRollup::hourMs), UsageRollup::hourMs);
    }

    void laterBatchesAddToSameGroups()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        const QDateTime at(QDate(2026, 3, 14), QTime(10, 15), QTimeZone::utc());
        for (int batch = 0; batch < 3; ++batch) {
            QList<RequestLogEntry> entries{entryAt(at.addSecs(batch)), entryAt(at.addSecs(batch), u"bob"_s)};
            QVERIFY(storage->appendRequestLog(entries));
        }
        Database database(databasePath(dir.path()));
        const Table hourly = database.rollup(u"usage_hourly"_s, u"user_name"_s);
        QCOMPARE(hourly.size(), 2);
        QCOMPARE(hourly.value(u"alice"_s).at(0), 3.0);
        QCOMPARE(hourly.value(u"bob"_s).at(0), 3.0);
        QCOMPARE(database.rollup(u"usage_addresses_daily"_s, u"user_name"_s, false).value(u"bob"_s).at(0), 3.0);
    }

    void topicsFollowContextThenDetection()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        const QDateTime at(QDate(2026, 3, 14), QTime(10, 0), QTimeZone::utc());

        QList<RequestLogEntry> entries{entryAt(at), entryAt(at), entryAt(at), entryAt(at)};
        entries[0].contextLanguage = u"  Python "_s;
        entries[0].promptText = u"Port this Rust code, it uses React hooks: useState"_s;
        entries[1].promptText = u"golang or Django? golang!"_s;
        entries[2].contextFramework = u"Vue"_s;
        entries[2].promptText = u"python and react"_s;
        entries[3].promptText = u"a good day to go home"_s;
        QVERIFY(storage->appendRequestLog(entries));

        Database database(databasePath(dir.path()));
        const Table topics = database.rollup(u"usage_topics_daily"_s, u"kind, name, source"_s, false);
        const Table expected{
            {u"language|python|context"_s, {1}},
            {u"framework|react|detected"_s, {1}},
            {u"language|go|detected"_s, {1}},
            {u"framework|django|detected"_s, {1}},
            {u"framework|vue|context"_s, {1}},
            {u"language|python|detected"_s, {1}},
        };
        const QString found = difference(u"usage_topics_daily"_s, topics, expected);
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    void topicsReadOperatorTable()
    {
        QTemporaryDir dir;
        QFile table(dir.filePath(u"topics.json"_s));
        QVERIFY(table.open(QIODevice::WriteOnly));
        table.write(R"({"languages": {"zig": ["ziglang"]}})");
        table.close();

        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QList<RequestLogEntry> entries{entryAt(QDateTime::currentDateTimeUtc())};
        entries[0].promptText = u"ziglang comptime"_s;
        QVERIFY(storage->appendRequestLog(entries));
        Database database(databasePath(dir.path()));
        QCOMPARE(database.rollup(u"usage_topics_daily"_s, u"name"_s, false).keys(), QStringList{u"zig"_s});
    }

    void failedTransactionLeavesNothing_data()
    {
        QTest::addColumn<QString>("trigger");
        QTest::newRow("last rollup table fails") << u"CREATE TRIGGER fail BEFORE INSERT ON usage_addresses_daily"
                                                   " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s;
        QTest::newRow("daily rollup fails") << u"CREATE TRIGGER fail BEFORE INSERT ON usage_daily"
                                               " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s;
        QTest::newRow("user totals fail") << u"CREATE TRIGGER fail BEFORE INSERT ON usage_daily_users"
                                             " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s;
        QTest::newRow("second row fails") << u"CREATE TRIGGER fail BEFORE INSERT ON request_log"
                                             " WHEN NEW.request_id = 'second'"
                                             " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s;
    }

    void failedTransactionLeavesNothing()
    {
        QFETCH(QString, trigger);
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        Database database(databasePath(dir.path()));
        QVERIFY(database.exec(trigger));

        QList<RequestLogEntry> entries{entryAt(QDateTime::currentDateTimeUtc()), entryAt(QDateTime::currentDateTimeUtc(), u"bob"_s)};
        entries[0].requestId = u"first"_s;
        entries[1].requestId = u"second"_s;
        entries[1].contextLanguage = u"python"_s;
        const auto failed = storage->appendRequestLog(entries);
        QVERIFY(!failed);
        QVERIFY2(failed.error().message().contains(u"injected failure"_s), qPrintable(failed.error().message()));
        QCOMPARE(entries.at(0).id, 0);
        for (const QString &table : {u"request_log"_s, u"usage_hourly"_s, u"usage_daily"_s, u"usage_minutely"_s,
                                     u"usage_topics_daily"_s, u"usage_addresses_daily"_s, u"usage_hourly_totals"_s,
                                     u"usage_daily_totals"_s, u"usage_hourly_users"_s, u"usage_daily_users"_s,
                                     u"usage_topics_daily_totals"_s})
            QVERIFY2(database.count(table) == 0, qPrintable(table));

        // The same entries go through once the failure is gone.
        QVERIFY(database.exec(u"DROP TRIGGER fail"_s));
        QVERIFY(storage->appendRequestLog(entries));
        QCOMPARE(database.count(u"request_log"_s), 2);
        QCOMPARE(database.count(u"usage_daily"_s), 2);
        QCOMPARE(database.count(u"usage_topics_daily"_s), 1);
        const QString found = compareAll(database, Gateway::TopicDetector::load(dir.path()));
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    void migrationFillsCoarseTablesFromDetailedRows()
    {
        QTemporaryDir dir;
        {
            std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
            QVERIFY(storage);
            const QDateTime start(QDate(2026, 3, 1), QTime(22, 30), QTimeZone::utc());
            QList<RequestLogEntry> entries{entryAt(start), entryAt(start.addSecs(60), u"bob"_s),
                                           entryAt(start.addSecs(3600)), entryAt(start.addSecs(7200), {})};
            entries[1].model = u"qwen2.5:7b"_s;
            entries[1].contextLanguage = u"rust"_s;
            entries[2].status = 502;
            entries[2].outcome = u"upstream error"_s;
            QVERIFY(storage->appendRequestLog(entries));
        }

        // Back to version 5 as a database of that version would be; the
        // next open migrates it again and must fill the tables from the
        // detailed rows alone.
        {
            Database database(databasePath(dir.path()));
            for (const QString &table : {u"usage_hourly_totals"_s, u"usage_daily_totals"_s, u"usage_hourly_users"_s,
                                         u"usage_daily_users"_s, u"usage_topics_daily_totals"_s})
                QVERIFY(database.exec(u"DROP TABLE "_s + table));
            QVERIFY(database.exec(u"PRAGMA user_version = 5"_s));
        }
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QCOMPARE(storage->schemaVersion(), 6);

        Database database(databasePath(dir.path()));
        QCOMPARE(database.count(u"usage_daily_totals"_s), 3); // two models, and the row without a user or tier
        const QString found = compareAll(database, Gateway::TopicDetector::load(dir.path()));
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    void deleteUserDataKeepsTotalsExact()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QVERIFY(storage->ensureUser(u"alice"_s, u"pro"_s));
        QVERIFY(storage->ensureUser(u"bob"_s, u"pro"_s));
        const QDateTime start(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        QList<RequestLogEntry> entries{entryAt(start), entryAt(start.addSecs(30), u"bob"_s),
                                       entryAt(start.addSecs(90)), entryAt(start.addDays(1))};
        entries[0].contextLanguage = u"python"_s;
        entries[1].contextLanguage = u"python"_s;
        entries[2].timeToFirstTokenMs = 40;
        QVERIFY(storage->appendRequestLog(entries));

        const auto deleted = storage->deleteUserData(u"alice"_s);
        QVERIFY2(deleted, deleted ? "" : qPrintable(deleted.error().message()));
        QCOMPARE(deleted.value().value(u"usage_daily_users"_s), 2);
        QCOMPARE(deleted.value().value(u"usage_hourly_users"_s), 2);
        // The second day had alice's request only, so its totals row goes.
        QCOMPARE(deleted.value().value(u"usage_daily_totals"_s), 1);
        QCOMPARE(deleted.value().value(u"usage_hourly_totals"_s), 1);

        Database database(databasePath(dir.path()));
        QCOMPARE(database.count(u"usage_daily_totals"_s), 1);
        QCOMPARE(database.count(u"usage_topics_daily_totals"_s), 1);
        const QString found = compareAll(database, Gateway::TopicDetector::load(dir.path()));
        QVERIFY2(found.isEmpty(), qPrintable(found));
    }

    void rebuildKeepsPeriodsBeforeOldestRow()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        const QDateTime first(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc());
        const QDateTime second(QDate(2026, 3, 2), QTime(9, 30), QTimeZone::utc());
        QList<RequestLogEntry> entries{entryAt(first), entryAt(first.addSecs(5)), entryAt(second),
                                       entryAt(second.addSecs(3600))};
        QVERIFY(storage->appendRequestLog(entries));

        // As the retention purge does: the first day's rows go, its rollups stay.
        Database database(databasePath(dir.path()));
        QVERIFY(database.exec(u"DELETE FROM request_log WHERE started_at < %1"_s.arg(second.toMSecsSinceEpoch())));
        QVERIFY(database.exec(u"UPDATE usage_daily SET requests = 99"_s));

        const auto rebuilt = storage->rebuildRollups();
        QVERIFY(rebuilt);
        QCOMPARE(rebuilt.value().rows, 2);
        QCOMPARE(rebuilt.value().oldestRow, second);
        QCOMPARE(rebuilt.value().newestRow, second.addSecs(3600));
        QCOMPARE(rebuilt.value().dailyGroups, 1);
        QCOMPARE(rebuilt.value().hourlyGroups, 2);

        const Table daily = database.rollup(u"usage_daily"_s, u"day"_s);
        QCOMPARE(daily.value(QString::number(first.date().startOfDay(QTimeZone::utc()).toMSecsSinceEpoch())).at(0), 99.0);
        QCOMPARE(daily.value(QString::number(second.date().startOfDay(QTimeZone::utc()).toMSecsSinceEpoch())).at(0), 2.0);
        QCOMPARE(database.rollup(u"usage_hourly"_s, u"hour"_s).size(), 3);
    }

    void rebuildOfEmptyLogChangesNothing()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        Database database(databasePath(dir.path()));
        QVERIFY(database.exec(u"INSERT INTO usage_daily (day, user_name, requests) VALUES (0, 'old', 4)"_s));

        const auto rebuilt = storage->rebuildRollups();
        QVERIFY(rebuilt);
        QCOMPARE(rebuilt.value().rows, 0);
        QVERIFY(!rebuilt.value().oldestRow.isValid());
        QCOMPARE(database.count(u"usage_daily"_s), 1);
    }

    void rebuildFailureRollsBack()
    {
        QTemporaryDir dir;
        std::unique_ptr<Gateway::Storage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QList<RequestLogEntry> entries{entryAt(QDateTime::currentDateTimeUtc())};
        QVERIFY(storage->appendRequestLog(entries));
        Database database(databasePath(dir.path()));
        QVERIFY(database.exec(u"CREATE TRIGGER fail BEFORE INSERT ON usage_minutely"
                              " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));

        QVERIFY(!storage->rebuildRollups());
        // The DELETE of the rebuild was rolled back with it.
        QCOMPARE(database.count(u"usage_hourly"_s), 1);
        QCOMPARE(database.count(u"usage_minutely"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestUsageRollup)
#include "tst_usagerollup.moc"
