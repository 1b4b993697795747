// SPDX-License-Identifier: GPL-3.0-or-later
// Fills a gateway database with generated requests through
// SqliteStorage::appendRequestLog (so the real writer maintains the usage
// rollups), then times every UsageQueries method on the filters the console
// uses, and prints the rows of each rollup table and the database size.
//
//   bench_usage [--rows N] [--data-dir DIR] [--runs R] [--batch B]
//               [--mmdb FILE] [--skip-fill]
//
// Defaults: 10,000,000 rows spread over the 90 days before now, ~1,000
// users on four tiers, 12 models, errors of every cause, streaming with time
// to first token, context languages and prompts with keywords, one client
// address per user and a pool of 3,000 that 10 % of the requests come from. Rows are generated in time order and written in batches of B
// (default 50,000) rows, one transaction each: the rollups come out the same
// as with the gateway's small batches, because they are sums, but each
// rollup group is written once per batch rather than once per row or two.
// Without --data-dir the database lives in a temporary directory that is
// removed at the end. --skip-fill reuses the rows of an earlier run.
#include "GeoIpDatabase.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"
#include "UsageQueries.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

constexpr int userCount = 1000;
constexpr int addressCount = 3000;
constexpr int defaultBatchRows = 50000;
constexpr qint64 dayMs = 24LL * 3600 * 1000;
constexpr qint64 spanDays = 90;

const QStringList models{
    u"llama3.2:3b"_s,     u"llama3.1:8b"_s,  u"qwen2.5-coder:7b"_s, u"qwen2.5:14b"_s,
    u"mistral:7b"_s,      u"gemma2:9b"_s,    u"phi3:mini"_s,        u"deepseek-coder-v2:16b"_s,
    u"codellama:13b"_s,   u"llava:7b"_s,     u"nomic-embed-text:latest"_s, u"starcoder2:3b"_s,
};
const QStringList languages{u"python"_s, u"javascript"_s, u"typescript"_s, u"rust"_s, u"go"_s, u"java"_s,
                            u"c++"_s, u"kotlin"_s};
const QStringList frameworks{u"react"_s, u"django"_s, u"flask"_s, u"vue"_s, u"spring"_s, u"qt"_s};
const QStringList prompts{
    u"Write a Python function that parses a CSV file"_s,
    u"Explain this React component and its useEffect hook"_s,
    u"Why does my Rust borrow checker complain here?"_s,
    u"Translate this paragraph into German"_s,
    u"Summarise the meeting notes below"_s,
    u"Fix the failing Django migration"_s,
};

QString userName(int index)
{
    return u"user%1"_s.arg(index, 4, 10, QChar(u'0'));
}

QString tierOf(int userIndex)
{
    // 70 % free, 20 % pro, 5 % trial, 5 % enterprise.
    const int slot = userIndex % 20;
    if (slot < 14)
        return u"free"_s;
    if (slot < 18)
        return u"pro"_s;
    return slot == 18 ? u"pro_trial"_s : u"enterprise"_s;
}

// Users are picked with a skew, so a few heavy users dominate as in real
// traffic: the square of a uniform number favours low indexes.
int pickUser(QRandomGenerator &random)
{
    const double u = random.generateDouble();
    return int(u * u * userCount) % userCount;
}

RequestLogEntry makeEntry(QRandomGenerator &random, qint64 startMs)
{
    RequestLogEntry entry;
    const int user = pickUser(random);
    entry.startedAt = QDateTime::fromMSecsSinceEpoch(startMs, QTimeZone::utc());
    entry.userName = userName(user);
    // Most users keep to one key and one favourite model.
    entry.keyId = u"key-%1-%2"_s.arg(user).arg(random.bounded(10) == 0 ? 1 : 0);
    entry.tier = tierOf(user);
    // Most requests come from the user's own address, some from a shared
    // pool (offices, mobile networks), as addresses do in real traffic.
    const int address = random.bounded(10) == 0 ? int(random.bounded(addressCount)) : user;
    entry.clientAddress = u"203.0.%1.%2"_s.arg(address / 250).arg(address % 250);
    entry.method = u"POST"_s;
    entry.path = u"/api/chat"_s;
    const qint64 favourite = user % models.size();
    entry.model = models.at(int(random.bounded(4) == 0 ? random.bounded(qint64(models.size())) : favourite));
    if (random.bounded(10) < 3)
        entry.contextLanguage = languages.at(int(random.bounded(qint64(languages.size()))));
    if (random.bounded(10) < 2)
        entry.contextFramework = frameworks.at(int(random.bounded(qint64(frameworks.size()))));
    entry.promptText = prompts.at(int(random.bounded(qint64(prompts.size()))));
    entry.requestBytes = 200 + random.bounded(2000);
    entry.upstream = u"http://127.0.0.1:11434"_s;

    // 90 % success; the rest spread over the error causes.
    const int roll = int(random.bounded(100));
    entry.status = 200;
    entry.outcome = u"ok"_s;
    if (roll < 3) {
        entry.status = 401;
        entry.outcome = u"unauthorized"_s;
        entry.userName.clear();
        entry.keyId.clear();
        entry.tier.clear();
    } else if (roll < 5) {
        entry.status = 429;
        entry.outcome = u"rate limited"_s;
    } else if (roll < 6) {
        entry.status = 503;
        entry.outcome = u"queue full"_s;
    } else if (roll < 8) {
        entry.status = 502;
        entry.outcome = u"upstream error"_s;
    } else if (roll < 9) {
        entry.outcome = u"client cancelled"_s;
    } else if (roll < 10) {
        entry.status = 400;
        entry.outcome = u"bad request"_s;
    }

    const bool ok = entry.outcome == u"ok"_s;
    entry.countedCall = entry.status != 401 && entry.status != 429 && entry.status != 503;
    entry.countedGeneration = ok;
    entry.latencyMs = ok ? 200.0 + random.bounded(8000) : 1.0 + random.bounded(50);
    if (ok) {
        entry.promptTokens = 20 + random.bounded(800);
        entry.completionTokens = 10 + random.bounded(1200);
        entry.responseBytes = 500 + random.bounded(8000);
        if (random.bounded(10) < 6)
            entry.timeToFirstTokenMs = 50.0 + random.bounded(900);
    }
    return entry;
}

bool fill(SqliteStorage &storage, qint64 rows, int batchRows, qint64 endMs)
{
    for (int user = 0; user < userCount; ++user) {
        if (!storage.ensureUser(userName(user), tierOf(user))) {
            std::fprintf(stderr, "cannot create the users\n");
            return false;
        }
    }

    QRandomGenerator random(4242);
    const qint64 startMs = endMs - spanDays * dayMs;
    const double stepMs = double(spanDays * dayMs) / double(rows);
    QElapsedTimer clock;
    clock.start();
    QList<RequestLogEntry> batch;
    batch.reserve(batchRows);
    qint64 nextReport = 500000;
    for (qint64 row = 0; row < rows; ++row) {
        batch.append(makeEntry(random, startMs + qint64(double(row) * stepMs)));
        if (batch.size() < batchRows && row + 1 < rows)
            continue;
        if (Result<Done> appended = storage.appendRequestLog(batch); !appended) {
            std::fprintf(stderr, "appendRequestLog failed: %s\n", qPrintable(appended.error().message()));
            return false;
        }
        batch.clear();
        if (row + 1 >= nextReport || row + 1 == rows) {
            std::printf("  %lld rows, %.0f rows/s\n", row + 1, double(row + 1) * 1000.0 / double(clock.elapsed() + 1));
            std::fflush(stdout);
            nextReport += 500000;
        }
    }
    return true;
}

// The end of the newest hour with traffic, so a reused database is queried
// at the time it was filled.
qint64 newestHourEnd(const QString &databasePath)
{
    qint64 end = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-newest"_s);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT MAX(hour) FROM usage_hourly"_s) && query.next())
                end = query.value(0).toLongLong() + 3600 * 1000;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench-newest"_s);
    return end;
}

struct Timing
{
    QString name;
    double medianMs = 0;
    double maxMs = 0;
    bool failed = false;
};

template<typename T>
Timing timeQuery(const QString &name, int runs, const std::function<Result<T>()> &query)
{
    QList<double> times;
    Timing timing{name};
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer clock;
        clock.start();
        const Result<T> result = query();
        times.append(double(clock.nsecsElapsed()) / 1e6);
        if (!result) {
            std::fprintf(stderr, "%s failed: %s\n", qPrintable(name), qPrintable(result.error().message()));
            timing.failed = true;
            break;
        }
    }
    std::sort(times.begin(), times.end());
    timing.medianMs = times.at(times.size() / 2);
    timing.maxMs = times.last();
    std::printf("%-48s median %8.1f ms   max %8.1f ms%s\n", qPrintable(name), timing.medianMs, timing.maxMs,
                timing.failed ? "   FAILED" : "");
    std::fflush(stdout);
    return timing;
}

UsageFilter lastDays(const QDateTime &now, int days, UsagePeriod period)
{
    UsageFilter filter;
    filter.to = now;
    filter.from = now.addDays(-days);
    filter.period = period;
    return filter;
}

// Times the queries of every view of the console over one range.
void timeRange(UsageQueries &queries, const UsageFilter &filter, const QString &label, int runs,
               const GeoIpDatabase &geoIp, QList<Timing> &timings)
{
    const QString heavyUser = userName(0);
    const QString model = models.first();
    const QTimeZone berlin("Europe/Berlin");
    const auto add = [&timings](const Timing &timing) { timings.append(timing); };

    // Dashboard: usage over time, top models and users, failures by cause.
    add(timeQuery<QList<UsageRow>>(u"series %1"_s.arg(label), runs, [&] { return queries.series(filter); }));
    UsageFilter zoned = filter;
    zoned.zone = berlin;
    add(timeQuery<QList<UsageRow>>(u"series %1 in Europe/Berlin"_s.arg(label), runs,
                                   [&] { return queries.series(zoned); }));
    // A chart of requests and tokens can ask for those measures alone.
    UsageFilter zonedLean = zoned;
    zonedLean.measures = UsageMeasures(UsageMeasure::Requests) | UsageMeasure::Tokens;
    add(timeQuery<QList<UsageRow>>(u"series %1 in Europe/Berlin, requests and tokens"_s.arg(label), runs,
                                   [&] { return queries.series(zonedLean); }));
    add(timeQuery<QList<UsageRow>>(u"series %1 by model"_s.arg(label), runs,
                                   [&] { return queries.series(filter, UsageSplit::ByModel); }));
    add(timeQuery<QList<UsageRow>>(u"series %1 by model in Europe/Berlin"_s.arg(label), runs,
                                   [&] { return queries.series(zoned, UsageSplit::ByModel); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 (errors by cause)"_s.arg(label), runs,
                                   [&] { return queries.totals(filter, UsageSplit::None); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 by model"_s.arg(label), runs,
                                   [&] { return queries.totals(filter, UsageSplit::ByModel); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 by tier"_s.arg(label), runs,
                                   [&] { return queries.totals(filter, UsageSplit::ByTier); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 top 10 users"_s.arg(label), runs,
                                   [&] { return queries.totals(filter, UsageSplit::ByUser, 10); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 top 10 users in Europe/Berlin"_s.arg(label), runs,
                                   [&] { return queries.totals(zoned, UsageSplit::ByUser, 10); }));

    // Per user: usage stacked by model, and the user's totals by model.
    UsageFilter oneUser = filter;
    oneUser.userName = heavyUser;
    add(timeQuery<QList<UsageRow>>(u"series %1 one user"_s.arg(label), runs, [&] { return queries.series(oneUser); }));
    add(timeQuery<QList<UsageRow>>(u"series %1 one user by model"_s.arg(label), runs,
                                   [&] { return queries.series(oneUser, UsageSplit::ByModel); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 one user by model"_s.arg(label), runs,
                                   [&] { return queries.totals(oneUser, UsageSplit::ByModel); }));

    // Per model: usage over time and by tier.
    UsageFilter oneModel = filter;
    oneModel.model = model;
    add(timeQuery<QList<UsageRow>>(u"series %1 one model"_s.arg(label), runs, [&] { return queries.series(oneModel); }));
    add(timeQuery<QList<UsageRow>>(u"series %1 one model by tier"_s.arg(label), runs,
                                   [&] { return queries.series(oneModel, UsageSplit::ByTier); }));
    add(timeQuery<QList<UsageRow>>(u"totals %1 one model by tier"_s.arg(label), runs,
                                   [&] { return queries.totals(oneModel, UsageSplit::ByTier); }));

    // Insights.
    add(timeQuery<PeakHours>(u"peakHours %1"_s.arg(label), runs, [&] { return queries.peakHours(filter); }));
    add(timeQuery<PeakHours>(u"peakHours %1 in Europe/Berlin"_s.arg(label), runs,
                             [&] { return queries.peakHours(zoned); }));
    add(timeQuery<QList<TopicUsage>>(u"topics %1"_s.arg(label), runs, [&] { return queries.topics(filter); }));
    if (geoIp.isOpen()) {
        add(timeQuery<QList<CountryUsage>>(u"countries %1"_s.arg(label), runs,
                                           [&] { return queries.countries(filter, geoIp); }));
    }
}

QList<Timing> timeQueries(UsageQueries &queries, const QDateTime &now, int runs, const GeoIpDatabase &geoIp)
{
    const QString heavyUser = userName(0);
    const QTimeZone berlin("Europe/Berlin");
    QList<Timing> timings;
    const auto add = [&timings](const Timing &timing) { timings.append(timing); };

    add(timeQuery<QList<UsageRow>>(u"liveMinutes 60"_s, runs, [&] { return queries.liveMinutes(now, 60); }));
    add(timeQuery<qint64>(u"activeUsers 5"_s, runs, [&] { return queries.activeUsers(now, 5); }));

    struct Range
    {
        QString label;
        int days;
        UsagePeriod period;
    };
    const QList<Range> ranges{{u"day by hour"_s, 1, UsagePeriod::Hour},
                              {u"week by hour"_s, 7, UsagePeriod::Hour},
                              {u"week by day"_s, 7, UsagePeriod::Day},
                              {u"month by day"_s, 30, UsagePeriod::Day},
                              {u"90 days by day"_s, 90, UsagePeriod::Day},
                              {u"90 days by month"_s, 90, UsagePeriod::Month}};
    for (const Range &range : ranges)
        timeRange(queries, lastDays(now, range.days, range.period), range.label, runs, geoIp, timings);

    add(timeQuery<QList<LimitUsage>>(u"limitUsage heavy user"_s, runs,
                                     [&] { return queries.limitUsage(heavyUser, now, QTimeZone::utc()); }));
    add(timeQuery<QList<LimitUsage>>(u"limitUsage heavy user in Europe/Berlin"_s, runs,
                                     [&] { return queries.limitUsage(heavyUser, now, berlin); }));
    add(timeQuery<QList<UpsellCandidate>>(u"upsellCandidates"_s, runs,
                                          [&] { return queries.upsellCandidates(now, QTimeZone::utc()); }));
    add(timeQuery<QList<UpsellCandidate>>(u"upsellCandidates in Europe/Berlin"_s, runs,
                                          [&] { return queries.upsellCandidates(now, berlin); }));
    add(timeQuery<QList<ChurnRisk>>(u"churnRisks"_s, runs, [&] { return queries.churnRisks(now); }));
    return timings;
}

// Rows of each rollup table and the size of the database with its WAL.
void printSizes(const QString &databasePath)
{
    const QString connection = u"bench-sizes"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            for (const QString &table :
                 {u"request_log"_s, u"usage_hourly"_s, u"usage_daily"_s, u"usage_hourly_users"_s, u"usage_daily_users"_s,
                  u"usage_hourly_totals"_s, u"usage_daily_totals"_s, u"usage_minutely"_s, u"usage_topics_daily"_s,
                  u"usage_addresses_daily"_s}) {
                if (query.exec(u"SELECT count(*) FROM "_s + table) && query.next())
                    std::printf("  %-24s %12lld rows\n", qPrintable(table), query.value(0).toLongLong());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);

    const qint64 bytes = QFileInfo(databasePath).size() + QFileInfo(databasePath + u"-wal"_s).size();
    std::printf("  database size %.1f MiB\n", double(bytes) / (1024.0 * 1024.0));
}

void printSummary(const QList<Timing> &timings)
{
    const Timing *slowest = nullptr;
    int over = 0;
    for (const Timing &timing : timings) {
        if (!slowest || timing.maxMs > slowest->maxMs)
            slowest = &timing;
        over += timing.maxMs >= 200.0 ? 1 : 0;
    }
    if (!slowest)
        return;
    std::printf("%lld queries, %d with a max of 200 ms or more; slowest: %s, max %.1f ms\n",
                qint64(timings.size()), over, qPrintable(slowest->name), slowest->maxMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"soulfra.*.debug=false\nsoulfra.*.info=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times the usage queries on a generated request log."_s);
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"Requests to generate (default 10000000)."_s, u"n"_s, u"10000000"_s});
    parser.addOption({u"data-dir"_s, u"Directory of the database; default: a temporary one."_s, u"dir"_s});
    parser.addOption({u"runs"_s, u"Runs of each query (default 7)."_s, u"n"_s, u"7"_s});
    parser.addOption({u"batch"_s, u"Rows per appendRequestLog transaction (default 50000)."_s, u"n"_s,
                      QString::number(defaultBatchRows)});
    parser.addOption({u"mmdb"_s, u"MaxMind or DB-IP .mmdb file; times the countries view too."_s, u"file"_s});
    parser.addOption({u"skip-fill"_s, u"Query the database in --data-dir as it is."_s});
    parser.process(app);

    bool rowsOk = false;
    bool runsOk = false;
    bool batchOk = false;
    const qint64 rows = parser.value(u"rows"_s).toLongLong(&rowsOk);
    const int runs = parser.value(u"runs"_s).toInt(&runsOk);
    const int batchRows = parser.value(u"batch"_s).toInt(&batchOk);
    if (!rowsOk || rows <= 0 || !runsOk || runs <= 0 || !batchOk || batchRows <= 0) {
        std::fprintf(stderr, "--rows, --runs and --batch need whole numbers above 0\n");
        return 2;
    }
    GeoIpDatabase geoIp;
    if (parser.isSet(u"mmdb"_s)) {
        if (Result<Done> opened = geoIp.open(parser.value(u"mmdb"_s)); !opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
            return 2;
        }
    }
    if (parser.isSet(u"skip-fill"_s) && !parser.isSet(u"data-dir"_s)) {
        std::fprintf(stderr, "--skip-fill needs --data-dir\n");
        return 2;
    }

    QTemporaryDir temporary;
    StorageConfig config;
    config.dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s) : temporary.path();

    qint64 endMs = QDateTime::currentMSecsSinceEpoch();
    if (!parser.isSet(u"skip-fill"_s)) {
        SqliteStorage storage(config.databasePath(), u"bench-fill"_s);
        if (Result<Done> opened = storage.open(); !opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
            return 1;
        }
        std::printf("filling %s with %lld requests\n", qPrintable(config.databasePath()), rows);
        QElapsedTimer clock;
        clock.start();
        if (!fill(storage, rows, batchRows, endMs))
            return 1;
        std::printf("filled in %.1f s (%.0f rows/s)\n", double(clock.elapsed()) / 1000.0,
                    double(rows) * 1000.0 / double(clock.elapsed() + 1));
    } else {
        endMs = newestHourEnd(config.databasePath());
    }

    UsageQueries queries(config, u"bench-queries"_s);
    if (Result<Done> opened = queries.open(); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(endMs, QTimeZone::utc());
    std::printf("rollup tables:\n");
    printSizes(config.databasePath());
    std::printf("queries at %s, %d runs each\n", qPrintable(now.toString(Qt::ISODate)), runs);
    const QList<Timing> timings = timeQueries(queries, now, runs, geoIp);
    printSummary(timings);
    return 0;
}
