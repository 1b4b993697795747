// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageQueries.h"

#include "GeoIpDatabase.h"
#include "LimitEnforcer.h"

#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <map>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcUsageQueries, "soulfra.gateway.usagequeries")

std::atomic<quint64> connectionCounter{0};

// The first schema version with every rollup table the queries read.
constexpr int rollupSchemaVersion = 6;
constexpr int busyTimeoutMs = 5000;

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;
constexpr qint64 weekMs = 7 * dayMs;

// A day or month counts towards an upsell when use reaches 4/5 of a limit.
constexpr qint64 nearLimitNumerator = 4;
constexpr qint64 nearLimitDenominator = 5;
constexpr int upsellDays = 7;
constexpr int upsellMinimumDays = 3;

const QString callsPerDayName = u"calls_per_day"_s;
const QString generationsPerMonthName = u"generations_per_month"_s;
const QString tokensPerDayName = u"tokens_per_day"_s;
const QString tokensPerMonthName = u"tokens_per_month"_s;

qint64 floorTo(qint64 ms, qint64 unit)
{
    const qint64 quotient = ms / unit;
    return (ms % unit != 0 && ms < 0 ? quotient - 1 : quotient) * unit;
}

qint64 ceilTo(qint64 ms, qint64 unit)
{
    const qint64 floor = floorTo(ms, unit);
    return floor == ms ? ms : floor + unit;
}

QDateTime utcAt(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QDateTime localMidnight(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toUTC();
}

// Measure columns in the order readMeasures() reads them, each with the
// group it belongs to.
QList<std::pair<QString, UsageMeasure>> measureColumns()
{
    QList<std::pair<QString, UsageMeasure>> columns{{u"requests"_s, UsageMeasure::Requests},
                                                    {u"generations"_s, UsageMeasure::Generations}};
    for (int cause = 0; cause < ErrorCounts::causeCount; ++cause)
        columns.append({u"errors_"_s + ErrorCounts::nameOf(ErrorCause(cause)), UsageMeasure::Errors});
    columns << std::pair{u"prompt_tokens"_s, UsageMeasure::Tokens} << std::pair{u"completion_tokens"_s, UsageMeasure::Tokens}
            << std::pair{u"request_bytes"_s, UsageMeasure::Bytes} << std::pair{u"response_bytes"_s, UsageMeasure::Bytes}
            << std::pair{u"latency_ms_sum"_s, UsageMeasure::Latency};
    for (int bucket = 0; bucket < LatencyHistogram::bucketCount; ++bucket)
        columns.append({u"lat_"_s + QString::number(bucket), UsageMeasure::Latency});
    for (int bucket = 0; bucket < LatencyHistogram::bucketCount; ++bucket)
        columns.append({u"ttft_"_s + QString::number(bucket), UsageMeasure::TimeToFirstToken});
    return columns;
}

// The select list of the measures: a SUM for each column of the groups in
// measures (and requests), a constant 0 for the others, so that
// readMeasures() finds every column where it expects it. SQLite reads only
// the columns a statement names, so each left-out group saves work.
QString measureSums(UsageMeasures measures)
{
    QStringList parts;
    for (const auto &[column, group] : measureColumns()) {
        const bool wanted = group == UsageMeasure::Requests || measures.testFlag(group);
        parts.append(wanted ? u"SUM("_s + column + u')' : u"0"_s);
    }
    return parts.join(u", "_s);
}

void readMeasures(const QSqlQuery &query, int first, UsageRow &row)
{
    int column = first;
    row.requests = query.value(column++).toLongLong();
    row.generations = query.value(column++).toLongLong();
    for (int cause = 0; cause < ErrorCounts::causeCount; ++cause)
        row.errors.counts.at(cause) = query.value(column++).toLongLong();
    row.promptTokens = query.value(column++).toLongLong();
    row.completionTokens = query.value(column++).toLongLong();
    row.requestBytes = query.value(column++).toLongLong();
    row.responseBytes = query.value(column++).toLongLong();
    row.latencyMsSum = query.value(column++).toDouble();
    for (int bucket = 0; bucket < LatencyHistogram::bucketCount; ++bucket)
        row.latency.setCount(bucket, query.value(column++).toLongLong());
    for (int bucket = 0; bucket < LatencyHistogram::bucketCount; ++bucket)
        row.timeToFirstToken.setCount(bucket, query.value(column++).toLongLong());
}

void addMeasures(UsageRow &into, const UsageRow &from)
{
    into.requests += from.requests;
    into.generations += from.generations;
    into.promptTokens += from.promptTokens;
    into.completionTokens += from.completionTokens;
    into.requestBytes += from.requestBytes;
    into.responseBytes += from.responseBytes;
    into.latencyMsSum += from.latencyMsSum;
    into.errors.merge(from.errors);
    into.latency.merge(from.latency);
    into.timeToFirstToken.merge(from.timeToFirstToken);
}

// Calls that counted against calls_per_day. The rollups keep no count of
// admitted calls, so this takes every request but those rejected before
// admission: a missing or invalid key, a forbidden model, a reached limit or
// a full queue (which refunds the call).
// NOTE: an estimate. Requests rejected by the HTTP layer (errors_client
// with outcome "rejected") are counted here although they never reached
// the limit check.
qint64 admittedCalls(const UsageRow &row)
{
    return row.requests - row.errors[ErrorCause::Auth] - row.errors[ErrorCause::Forbidden]
        - row.errors[ErrorCause::Limit] - row.errors[ErrorCause::Queue];
}

// Split dimensions as rollup columns, in a fixed order.
QStringList splitColumns(UsageSplits splits)
{
    QStringList columns;
    if (splits.testFlag(UsageSplit::ByUser))
        columns.append(u"user_name"_s);
    if (splits.testFlag(UsageSplit::ByModel))
        columns.append(u"model"_s);
    if (splits.testFlag(UsageSplit::ByTier))
        columns.append(u"tier"_s);
    if (splits.testFlag(UsageSplit::ByKey))
        columns.append(u"key_id"_s);
    return columns;
}

void readSplits(const QSqlQuery &query, int first, UsageSplits splits, UsageRow &row)
{
    int column = first;
    if (splits.testFlag(UsageSplit::ByUser))
        row.userName = query.value(column++).toString();
    if (splits.testFlag(UsageSplit::ByModel))
        row.model = query.value(column++).toString();
    if (splits.testFlag(UsageSplit::ByTier))
        row.tier = query.value(column++).toString();
    if (splits.testFlag(UsageSplit::ByKey))
        row.keyId = query.value(column++).toString();
}

// The rollup tables a query reads, from the smallest that has every
// dimension it filters or splits by. All three hold the same sums.
enum class Grain {
    Totals,   // usage_hourly_totals, usage_daily_totals: model and tier
    Users,    // usage_hourly_users, usage_daily_users: user and tier
    Detailed, // usage_hourly, usage_daily: user, key, model and tier
};

Grain grainOf(const UsageFilter &filter, UsageSplits splits)
{
    if (splits.testFlag(UsageSplit::ByKey))
        return Grain::Detailed;
    const bool byUser = !filter.userName.isEmpty() || splits.testFlag(UsageSplit::ByUser);
    const bool byModel = !filter.model.isEmpty() || splits.testFlag(UsageSplit::ByModel);
    if (!byUser)
        return Grain::Totals;
    return byModel ? Grain::Detailed : Grain::Users;
}

QString hourlyTableOf(Grain grain)
{
    switch (grain) {
    case Grain::Totals:
        return u"usage_hourly_totals"_s;
    case Grain::Users:
        return u"usage_hourly_users"_s;
    case Grain::Detailed:
        break;
    }
    return u"usage_hourly"_s;
}

QString dailyTableOf(Grain grain)
{
    switch (grain) {
    case Grain::Totals:
        return u"usage_daily_totals"_s;
    case Grain::Users:
        return u"usage_daily_users"_s;
    case Grain::Detailed:
        break;
    }
    return u"usage_daily"_s;
}

// Rows of one rollup table whose period starts in [from, to).
struct TimeSlice
{
    QString table;
    QString column;
    qint64 from = 0;
    qint64 to = 0;
};

// Covers [from, to) with daily rows for the whole UTC days inside it and
// hourly rows for the parts before and after, which gives the same sums as
// hourly rows alone from far fewer rows. Hourly rows count by the hour they
// start in, so a range that is not on whole hours is read as if it were.
QList<TimeSlice> slicesOf(qint64 from, qint64 to, bool useDaily, Grain grain)
{
    const QString hourly = hourlyTableOf(grain);
    const qint64 firstDay = ceilTo(from, dayMs);
    const qint64 endDay = floorTo(to, dayMs);
    if (!useDaily || firstDay >= endDay)
        return {{hourly, u"hour"_s, from, to}};

    QList<TimeSlice> slices;
    if (from < firstDay)
        slices.append({hourly, u"hour"_s, from, firstDay});
    slices.append({dailyTableOf(grain), u"day"_s, firstDay, endDay});
    if (endDay < to)
        slices.append({hourly, u"hour"_s, endDay, to});
    return slices;
}

// The UTC days of the daily tables that stand for [from, to): those whose
// midday lies in the range, so a range from midnight to midnight in another
// zone takes the UTC days it overlaps most. A range shorter than that takes
// the UTC day it starts in.
std::pair<qint64, qint64> dailyRangeOf(const UsageFilter &filter)
{
    const qint64 from = filter.from.toMSecsSinceEpoch();
    const qint64 to = filter.to.toMSecsSinceEpoch();
    const qint64 halfDay = dayMs / 2;
    qint64 first = ceilTo(from - halfDay, dayMs);
    qint64 end = ceilTo(to - halfDay, dayMs);
    if (first >= end) {
        first = floorTo(from, dayMs);
        end = first + dayMs;
    }
    return {first, end};
}

// SQL for the zone's offset from UTC in ms at the hour in column, with the
// zone's transitions in [from, to) as bound values, so that a range across a
// daylight saving change puts each hour into its own local day.
QString offsetExpression(const QTimeZone &zone, qint64 from, qint64 to, QVariantList &values)
{
    const QDateTime start = utcAt(from);
    qint64 offsetMs = qint64(zone.offsetFromUtc(start)) * 1000;
    const QTimeZone::OffsetDataList transitions = zone.transitions(start, utcAt(to));
    if (transitions.isEmpty()) {
        values.append(offsetMs);
        return u"?"_s;
    }

    QString expression = u"(CASE"_s;
    for (const QTimeZone::OffsetData &transition : transitions) {
        expression += u" WHEN hour < ? THEN ?"_s;
        values << transition.atUtc.toMSecsSinceEpoch() << offsetMs;
        offsetMs = qint64(transition.offsetFromUtc) * 1000;
    }
    values.append(offsetMs);
    return expression + u" ELSE ? END)"_s;
}

Error queryFailure(const QString &action, const QSqlQuery &query)
{
    const QString message = u"%1 failed: %2"_s.arg(action, query.lastError().text());
    qCDebug(lcUsageQueries).noquote() << message;
    return Error(ErrorCode::StorageFailed, message);
}

Result<Done> runQuery(QSqlQuery &query, const QString &statement, const QVariantList &values, const QString &action)
{
    if (!query.prepare(statement))
        return queryFailure(action, query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return queryFailure(action, query);
    return Done{};
}

// Appends "AND column = ?" for the set texts of the filter that the table
// has. Topic and address tables have a user but no model or tier; grainOf()
// never picks a table without a dimension that the filter sets.
QString filterClause(const UsageFilter &filter, bool hasModelAndTier, QVariantList &values)
{
    QString clause;
    if (!filter.userName.isEmpty()) {
        clause += u" AND user_name = ?"_s;
        values.append(filter.userName);
    }
    if (hasModelAndTier && !filter.model.isEmpty()) {
        clause += u" AND model = ?"_s;
        values.append(filter.model);
    }
    if (hasModelAndTier && !filter.tier.isEmpty()) {
        clause += u" AND tier = ?"_s;
        values.append(filter.tier);
    }
    return clause;
}

// One grouped rollup row: the bucket value (0 without one) and the sums.
struct Group
{
    qint64 bucket = 0;
    UsageRow row;
};

// Sums the measures of a slice per bucket and split value. bucketSql is an
// SQL expression over the slice's time column (%1), empty for none; its
// bound values come first. exactUser matches one user name, also the empty
// one of requests without a user, which filter.userName cannot.
Result<QList<Group>> sumSlice(QSqlDatabase &db, const TimeSlice &slice, const UsageFilter &filter,
                              UsageSplits splits, const QString &bucketSql, const QVariantList &bucketValues,
                              const std::optional<QString> &exactUser = std::nullopt)
{
    QVariantList values = bucketValues;
    const QStringList groupColumns = splitColumns(splits);
    QStringList selected{bucketSql.isEmpty() ? u"0"_s : bucketSql.arg(slice.column)};
    selected += groupColumns;
    selected.append(measureSums(filter.measures));

    values << slice.from << slice.to;
    QString statement = u"SELECT "_s + selected.join(u", "_s) + u" FROM "_s + slice.table + u" WHERE "_s
        + slice.column + u" >= ? AND "_s + slice.column + u" < ?"_s + filterClause(filter, true, values);
    if (exactUser) {
        statement += u" AND user_name = ?"_s;
        values.append(*exactUser);
    }
    QStringList grouping = groupColumns;
    if (!bucketSql.isEmpty())
        grouping.prepend(u"1"_s);
    if (!grouping.isEmpty())
        statement += u" GROUP BY "_s + grouping.join(u", "_s);

    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (Result<Done> ran = runQuery(query, statement, values, u"reading "_s + slice.table); !ran)
        return ran.error();

    QList<Group> groups;
    while (query.next()) {
        // SUM over no rows gives one row of NULLs when nothing is grouped.
        const int firstMeasure = 1 + int(groupColumns.size());
        if (query.value(firstMeasure).isNull())
            continue;

        Group group;
        group.bucket = query.value(0).toLongLong();
        readSplits(query, 1, splits, group.row);
        readMeasures(query, firstMeasure, group.row);
        groups.append(group);
    }
    return groups;
}

using RowKey = std::tuple<qint64, QString, QString, QString, QString>;

RowKey keyOf(qint64 periodStart, const UsageRow &row)
{
    return {periodStart, row.userName, row.model, row.tier, row.keyId};
}

// Bucketing of a series: the SQL that groups rows of a table into periods
// and the period's UTC start for a bucket value.
struct Periods
{
    UsagePeriod period = UsagePeriod::Day;
    QTimeZone zone = QTimeZone::utc();
    bool utcDays = true; // days and months are UTC days, so daily rows apply

    bool usesDaily() const
    {
        return utcDays && (period == UsagePeriod::Day || period == UsagePeriod::Month);
    }

    QString bucketSql(const TimeSlice &slice, QVariantList &values) const
    {
        if (period == UsagePeriod::Hour || slice.column == u"day"_s)
            return u"%1"_s;
        if (utcDays)
            return u"(%1 / %2) * %2"_s.arg(u"%1"_s, QString::number(dayMs));
        // Local day number: days since 1970-01-01 in the zone.
        return u"(%1 + "_s + offsetExpression(zone, slice.from, slice.to, values) + u") / "_s
            + QString::number(dayMs);
    }

    QDateTime startOf(qint64 bucket) const
    {
        if (period == UsagePeriod::Hour)
            return utcAt(bucket);
        QDate date = utcDays ? utcAt(bucket).date() : QDate(1970, 1, 1).addDays(bucket);
        if (period == UsagePeriod::Month)
            date = QDate(date.year(), date.month(), 1);
        return utcDays ? QDateTime(date, QTime(0, 0), QTimeZone::utc()) : localMidnight(date, zone);
    }
};

// NOTE: days and months in a zone other than UTC are read from hourly rows,
// up to 24 times as many as the daily rows of the UTC path, so long ranges
// in such a zone are the slowest series. In bench_usage at 1 M requests, 90
// days with all measures took about 200 ms, and a quarter of that with only
// the measures a chart shows.
Result<QList<UsageRow>> sumSeries(QSqlDatabase &db, const UsageFilter &filter, UsageSplits splits)
{
    Periods periods;
    periods.period = filter.period;
    periods.zone = filter.zone.isValid() ? filter.zone : QTimeZone::utc();
    periods.utcDays = periods.zone == QTimeZone::utc() || periods.zone.id() == "UTC";

    std::map<RowKey, UsageRow> merged;
    const qint64 from = filter.from.toMSecsSinceEpoch();
    const qint64 to = filter.to.toMSecsSinceEpoch();
    for (const TimeSlice &slice : slicesOf(from, to, periods.usesDaily(), grainOf(filter, splits))) {
        QVariantList bucketValues;
        const QString bucketSql = periods.bucketSql(slice, bucketValues);
        Result<QList<Group>> groups = sumSlice(db, slice, filter, splits, bucketSql, bucketValues);
        if (!groups)
            return groups.error();
        for (Group &group : groups.value()) {
            group.row.periodStart = periods.startOf(group.bucket);
            const RowKey key = keyOf(group.row.periodStart.toMSecsSinceEpoch(), group.row);
            auto [slot, inserted] = merged.try_emplace(key, group.row);
            if (!inserted)
                addMeasures(slot->second, group.row);
        }
    }

    QList<UsageRow> rows;
    rows.reserve(qsizetype(merged.size()));
    for (auto &entry : merged)
        rows.append(std::move(entry.second));
    return rows;
}

Result<QList<UsageRow>> sumTotals(QSqlDatabase &db, const UsageFilter &filter, UsageSplits splits,
                                  const std::optional<QString> &exactUser = std::nullopt)
{
    std::map<RowKey, UsageRow> merged;
    const Grain grain = grainOf(filter, splits);
    for (const TimeSlice &slice : slicesOf(filter.from.toMSecsSinceEpoch(), filter.to.toMSecsSinceEpoch(), true, grain)) {
        Result<QList<Group>> groups = sumSlice(db, slice, filter, splits, {}, {}, exactUser);
        if (!groups)
            return groups.error();
        for (const Group &group : groups.value()) {
            auto [slot, inserted] = merged.try_emplace(keyOf(0, group.row), group.row);
            if (!inserted)
                addMeasures(slot->second, group.row);
        }
    }

    QList<UsageRow> rows;
    for (auto &entry : merged)
        rows.append(std::move(entry.second));
    return rows;
}

// Orders totals by requests, most first. Ties keep the order of the split
// values, so equal rows never swap places between two refreshes of a chart.
void sortByRequests(QList<UsageRow> &rows)
{
    std::stable_sort(rows.begin(), rows.end(),
                     [](const UsageRow &a, const UsageRow &b) { return a.requests > b.requests; });
}

// Returns the top `limit` rows of totals split by user, with the same rows,
// order and sums as sorting all of them. The ranking sums only requests over
// the whole range. Every other measure is then summed for the users of the
// top rows alone, through the user index of the rollup tables, because
// summing all ~50 measures of every user costs several times as much.
Result<QList<UsageRow>> sumTopUsers(QSqlDatabase &db, const UsageFilter &filter, UsageSplits splits, int limit)
{
    UsageFilter ranking = filter;
    ranking.measures = UsageMeasure::Requests;
    Result<QList<UsageRow>> ranked = sumTotals(db, ranking, splits);
    if (!ranked)
        return ranked;
    QList<UsageRow> top = std::move(ranked).value();
    sortByRequests(top);
    if (top.size() > limit)
        top.resize(limit);
    if (filter.measures == UsageMeasures(UsageMeasure::Requests))
        return top;

    std::map<RowKey, UsageRow> full;
    QSet<QString> summedUsers;
    for (const UsageRow &row : std::as_const(top)) {
        if (summedUsers.contains(row.userName))
            continue;
        summedUsers.insert(row.userName);
        Result<QList<UsageRow>> ofUser = sumTotals(db, filter, splits, row.userName);
        if (!ofUser)
            return ofUser;
        for (const UsageRow &summed : ofUser.value())
            full.insert_or_assign(keyOf(0, summed), summed);
    }
    for (UsageRow &row : top) {
        const auto found = full.find(keyOf(0, row));
        if (found != full.end())
            row = found->second;
    }
    return top;
}

// Tiers and users with the columns that limits depend on.
struct Directory
{
    QList<TierRecord> tiers;
    QList<UserRecord> users;
};

std::optional<qint64> optionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

Result<Directory> readDirectory(QSqlDatabase &db)
{
    Directory directory;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString tierStatement =
        u"SELECT name, calls_per_day, generations_per_month, tokens_per_day, tokens_per_month, fallback_tier,"
        "       trial_duration_seconds FROM tiers"_s;
    if (Result<Done> ran = runQuery(query, tierStatement, {}, u"reading tiers"_s); !ran)
        return ran.error();
    while (query.next()) {
        TierRecord tier;
        tier.name = query.value(0).toString();
        tier.callsPerDay = optionalInteger(query.value(1));
        tier.generationsPerMonth = optionalInteger(query.value(2));
        tier.tokensPerDay = optionalInteger(query.value(3));
        tier.tokensPerMonth = optionalInteger(query.value(4));
        tier.fallbackTier = query.value(5).toString();
        tier.trialDurationSeconds = optionalInteger(query.value(6));
        directory.tiers.append(tier);
    }

    const QString userStatement =
        u"SELECT name, tier, status, calls_per_day, generations_per_month, tokens_per_day, tokens_per_month,"
        "       trial_ends_at FROM users"_s;
    if (Result<Done> ran = runQuery(query, userStatement, {}, u"reading users"_s); !ran)
        return ran.error();
    while (query.next()) {
        UserRecord user;
        user.name = query.value(0).toString();
        user.tier = query.value(1).toString();
        user.status = query.value(2).toString();
        user.callsPerDay = optionalInteger(query.value(3));
        user.generationsPerMonth = optionalInteger(query.value(4));
        user.tokensPerDay = optionalInteger(query.value(5));
        user.tokensPerMonth = optionalInteger(query.value(6));
        if (!query.value(7).isNull())
            user.trialEndsAt = utcAt(query.value(7).toLongLong());
        directory.users.append(user);
    }
    return directory;
}

// A LimitEnforcer resolves effective limits (overrides, ended trials) the
// same way the gateway admits requests; it is used here for nothing else.
std::unique_ptr<LimitEnforcer> limitResolver(const Directory &directory, const QDateTime &now, const QTimeZone &zone)
{
    const QDateTime fixedNow = now.toUTC();
    auto resolver = std::make_unique<LimitEnforcer>([fixedNow] { return fixedNow; }, zone);
    resolver->setDirectory(directory.tiers, directory.users);
    return resolver;
}

// Use so far of one window, from the start of the window to the end of the
// hour of now (rollups have no finer periods, and later hours are empty).
struct WindowUse
{
    qint64 calls = 0;
    qint64 generations = 0;
    qint64 tokens = 0;
};

// The measures useOf() reads.
constexpr UsageMeasures windowUseMeasures = UsageMeasures(UsageMeasure::Requests) | UsageMeasure::Generations
    | UsageMeasure::Errors | UsageMeasure::Tokens;

WindowUse useOf(const UsageRow &row)
{
    return {admittedCalls(row), row.generations, row.tokens()};
}

qint64 endOfHour(const QDateTime &now)
{
    return floorTo(now.toMSecsSinceEpoch(), hourMs) + hourMs;
}

bool nearLimit(qint64 used, const std::optional<qint64> &allowed)
{
    // A limit of 0 forbids the use outright, which no paid tier changes.
    if (!allowed || *allowed <= 0)
        return false;
    return used * nearLimitDenominator >= *allowed * nearLimitNumerator;
}

double shareOf(qint64 used, const std::optional<qint64> &allowed)
{
    return allowed && *allowed > 0 ? double(used) / double(*allowed) : 0.0;
}

} // namespace

UsageQueries::UsageQueries(StorageConfig config, QString connectionName)
    : m_config(std::move(config))
    , m_connectionName(connectionName % QChar(u'#') % QString::number(++connectionCounter))
{
}

UsageQueries::~UsageQueries()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<Done> UsageQueries::open()
{
    if (m_db.isOpen())
        return Done{};

    // Opening a missing file would create an empty database.
    const QString path = m_config.databasePath();
    if (!QFileInfo::exists(path)) {
        return Error(ErrorCode::NotFound,
                     u"no gateway database at %1; check the data directory, or start the gateway once"_s.arg(path));
    }

    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!m_db.open())
        return Error(ErrorCode::StorageFailed, u"cannot open %1: %2"_s.arg(path, m_db.lastError().text()));

    // Every query here reads; query_only turns a mistake into an error
    // rather than a write next to the gateway's.
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA query_only = ON"_s) || !query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        const Error error(ErrorCode::StorageFailed,
                          u"cannot read %1: %2"_s.arg(path, query.lastError().text()));
        query.finish();
        m_db.close();
        return error;
    }
    const int version = query.value(0).toInt();
    query.finish();
    if (version < rollupSchemaVersion) {
        m_db.close();
        return Error(ErrorCode::StorageFailed,
                     u"%1 has schema version %2, older than version %3 with the usage rollups; start the gateway "
                     "once on this data directory to migrate it"_s.arg(path).arg(version).arg(rollupSchemaVersion));
    }

    qCDebug(lcUsageQueries).noquote() << "opened" << path << "schema version" << version;
    return Done{};
}

Result<QList<UsageRow>> UsageQueries::series(const UsageFilter &filter, UsageSplits split)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error(ErrorCode::InvalidArgument, u"a usage series needs a start and an end"_s);
    if (filter.period == UsagePeriod::Minute) {
        if (!filter.model.isEmpty() || !filter.tier.isEmpty() || (split & ~UsageSplits(UsageSplit::ByUser)))
            return Error(ErrorCode::InvalidArgument, u"per-minute usage is kept per user only"_s);

        // Minute rows: the hourly machinery with the minute table.
        QList<UsageRow> rows;
        const TimeSlice slice{u"usage_minutely"_s, u"minute"_s, filter.from.toMSecsSinceEpoch(),
                              filter.to.toMSecsSinceEpoch()};
        UsageFilter userOnly;
        userOnly.userName = filter.userName;
        userOnly.measures = filter.measures;
        Result<QList<Group>> groups = sumSlice(m_db, slice, userOnly, split, u"%1"_s, {});
        if (!groups)
            return groups.error();
        for (Group &group : groups.value()) {
            group.row.periodStart = utcAt(group.bucket);
            rows.append(group.row);
        }
        std::stable_sort(rows.begin(), rows.end(), [](const UsageRow &a, const UsageRow &b) {
            return std::tie(a.periodStart, a.userName) < std::tie(b.periodStart, b.userName);
        });
        return rows;
    }
    return sumSeries(m_db, filter, split);
}

Result<QList<UsageRow>> UsageQueries::totals(const UsageFilter &filter, UsageSplits split, int limit)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error(ErrorCode::InvalidArgument, u"usage totals need a start and an end"_s);

    if (limit > 0 && split.testFlag(UsageSplit::ByUser) && filter.userName.isEmpty())
        return sumTopUsers(m_db, filter, split, limit);

    Result<QList<UsageRow>> summed = sumTotals(m_db, filter, split);
    if (!summed)
        return summed;
    QList<UsageRow> rows = std::move(summed).value();
    sortByRequests(rows);
    if (limit > 0 && rows.size() > limit)
        rows.resize(limit);
    return rows;
}

// The current minute counts as the last of the window although it is still
// running, so traffic shows up on the live chart at once.
Result<QList<UsageRow>> UsageQueries::liveMinutes(const QDateTime &now, int minutes)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (minutes <= 0)
        return Error(ErrorCode::InvalidArgument, u"the live window needs at least one minute"_s);

    const qint64 end = floorTo(now.toMSecsSinceEpoch(), minuteMs) + minuteMs;
    const qint64 start = end - qint64(minutes) * minuteMs;
    const TimeSlice slice{u"usage_minutely"_s, u"minute"_s, start, end};
    Result<QList<Group>> groups = sumSlice(m_db, slice, UsageFilter{}, UsageSplit::None, u"%1"_s, {});
    if (!groups)
        return groups.error();

    QHash<qint64, UsageRow> byMinute;
    for (const Group &group : groups.value())
        byMinute.insert(group.bucket, group.row);

    QList<UsageRow> rows;
    rows.reserve(minutes);
    for (qint64 minute = start; minute < end; minute += minuteMs) {
        UsageRow row = byMinute.value(minute);
        row.periodStart = utcAt(minute);
        rows.append(row);
    }
    return rows;
}

// Same window as liveMinutes(); requests without a user (a missing or
// unknown key) are nobody's.
Result<qint64> UsageQueries::activeUsers(const QDateTime &now, int minutes)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (minutes <= 0)
        return Error(ErrorCode::InvalidArgument, u"the active-user window needs at least one minute"_s);

    const qint64 end = floorTo(now.toMSecsSinceEpoch(), minuteMs) + minuteMs;
    const qint64 start = end - qint64(minutes) * minuteMs;
    QSqlQuery query(m_db);
    const QString statement = u"SELECT COUNT(DISTINCT user_name) FROM usage_minutely"
                              " WHERE minute >= ? AND minute < ? AND user_name <> '' AND requests > 0"_s;
    if (Result<Done> ran = runQuery(query, statement, {start, end}, u"counting active users"_s); !ran)
        return ran.error();
    if (!query.next())
        return queryFailure(u"counting active users"_s, query);
    return query.value(0).toLongLong();
}

Result<PeakHours> UsageQueries::peakHours(const UsageFilter &filter)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error(ErrorCode::InvalidArgument, u"peak hours need a start and an end"_s);

    QVariantList values{filter.from.toMSecsSinceEpoch(), filter.to.toMSecsSinceEpoch()};
    const QString statement = u"SELECT hour, SUM(requests) FROM "_s % hourlyTableOf(grainOf(filter, UsageSplit::None))
        % u" WHERE hour >= ? AND hour < ?"_s
        + filterClause(filter, true, values) + u" GROUP BY hour"_s;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (Result<Done> ran = runQuery(query, statement, values, u"reading peak hours"_s); !ran)
        return ran.error();

    const QTimeZone zone = filter.zone.isValid() ? filter.zone : QTimeZone::utc();
    PeakHours peaks;
    while (query.next()) {
        const QDateTime local = utcAt(query.value(0).toLongLong()).toTimeZone(zone);
        const int weekday = local.date().dayOfWeek() - 1; // Qt counts Monday as 1
        peaks.requests.at(weekday).at(local.time().hour()) += query.value(1).toLongLong();
    }
    return peaks;
}

// Topics are kept per UTC day and user only: the filter's model and tier do
// not apply, and a range in another zone reads the UTC days it overlaps most.
Result<QList<TopicUsage>> UsageQueries::topics(const UsageFilter &filter)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error(ErrorCode::InvalidArgument, u"topics need a start and an end"_s);

    const auto [firstDay, endDay] = dailyRangeOf(filter);
    QVariantList values{firstDay, endDay};
    // Without a user, the table summed over users has the same answer in far fewer rows.
    const QString table = filter.userName.isEmpty() ? u"usage_topics_daily_totals"_s : u"usage_topics_daily"_s;
    const QString statement = u"SELECT kind, name, source, SUM(requests) FROM "_s % table
        % u" WHERE day >= ? AND day < ?"_s % filterClause(filter, false, values) % u" GROUP BY kind, name, source"_s;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (Result<Done> ran = runQuery(query, statement, values, u"reading topics"_s); !ran)
        return ran.error();

    std::map<std::pair<QString, QString>, TopicUsage> byTopic;
    while (query.next()) {
        const QString kind = query.value(0).toString();
        const QString name = query.value(1).toString();
        TopicUsage &topic = byTopic[{kind, name}];
        topic.kind = kind;
        topic.name = name;
        if (query.value(2).toString() == u"context"_s)
            topic.fromContext += query.value(3).toLongLong();
        else
            topic.detected += query.value(3).toLongLong();
    }

    QList<TopicUsage> result;
    for (const auto &entry : byTopic)
        result.append(entry.second);
    std::stable_sort(result.begin(), result.end(),
                     [](const TopicUsage &a, const TopicUsage &b) { return a.requests() > b.requests(); });
    return result;
}

// Addresses are kept per UTC day and user, as topics are. Addresses the
// database does not know are summed in one row with an empty code.
Result<QList<CountryUsage>> UsageQueries::countries(const UsageFilter &filter, const GeoIpDatabase &geoIp)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    if (!geoIp.isOpen())
        return Error(ErrorCode::InvalidArgument, u"no GeoIP database is open"_s);
    if (!filter.from.isValid() || !filter.to.isValid())
        return Error(ErrorCode::InvalidArgument, u"countries need a start and an end"_s);

    const auto [firstDay, endDay] = dailyRangeOf(filter);
    QVariantList values{firstDay, endDay};
    const QString statement =
        u"SELECT client_address, user_name, SUM(requests) FROM usage_addresses_daily WHERE day >= ? AND day < ?"_s
        + filterClause(filter, false, values) + u" GROUP BY client_address, user_name"_s;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (Result<Done> ran = runQuery(query, statement, values, u"reading client addresses"_s); !ran)
        return ran.error();

    QHash<QString, std::optional<GeoIpCountry>> resolved;
    QHash<QString, CountryUsage> byCountry;
    QHash<QString, QSet<QString>> usersByCountry;
    while (query.next()) {
        const QString address = query.value(0).toString();
        auto known = resolved.constFind(address);
        if (known == resolved.cend())
            known = resolved.insert(address, geoIp.countryOf(address));
        const GeoIpCountry country = known->value_or(GeoIpCountry{});

        CountryUsage &usage = byCountry[country.isoCode];
        usage.isoCode = country.isoCode;
        usage.name = country.name;
        usage.requests += query.value(2).toLongLong();
        const QString user = query.value(1).toString();
        if (!user.isEmpty())
            usersByCountry[country.isoCode].insert(user);
    }

    QList<CountryUsage> result;
    for (CountryUsage &usage : byCountry) {
        usage.users = usersByCountry.value(usage.isoCode).size();
        result.append(usage);
    }
    std::sort(result.begin(), result.end(), [](const CountryUsage &a, const CountryUsage &b) {
        return a.requests != b.requests ? a.requests > b.requests : a.isoCode < b.isoCode;
    });
    return result;
}

Result<QList<LimitUsage>> UsageQueries::limitUsage(const QString &userName, const QDateTime &now, const QTimeZone &zone)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    Result<Directory> directory = readDirectory(m_db);
    if (!directory)
        return directory.error();
    const auto resolver = limitResolver(directory.value(), now, zone.isValid() ? zone : QTimeZone::utc());
    const EffectiveLimits limits = resolver->limitsFor(userName, QString());
    const UsageWindows windows = resolver->windowsAt(now.toUTC());

    UsageFilter filter;
    filter.userName = userName;
    filter.to = utcAt(endOfHour(now));
    filter.measures = windowUseMeasures;
    WindowUse used[2];
    const QDateTime starts[2] = {windows.dayStart, windows.monthStart};
    for (int window = 0; window < 2; ++window) {
        filter.from = starts[window];
        Result<QList<UsageRow>> summed = sumTotals(m_db, filter, UsageSplit::None);
        if (!summed)
            return summed.error();
        if (!summed.value().isEmpty())
            used[window] = useOf(summed.value().first());
    }

    const WindowUse &today = used[0];
    const WindowUse &thisMonth = used[1];
    return QList<LimitUsage>{
        {callsPerDayName, today.calls, limits.callsPerDay, windows.dayStart},
        {generationsPerMonthName, thisMonth.generations, limits.generationsPerMonth, windows.monthStart},
        {tokensPerDayName, today.tokens, limits.tokensPerDay, windows.dayStart},
        {tokensPerMonthName, thisMonth.tokens, limits.tokensPerMonth, windows.monthStart},
    };
}

// The 7 days are today in zone and the 6 before it. A monthly limit counts
// on a day when the use of its month up to the end of that day reaches 80 %.
Result<QList<UpsellCandidate>> UsageQueries::upsellCandidates(const QDateTime &now, const QTimeZone &zone,
                                                               const QString &tier)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    const QTimeZone dayZone = zone.isValid() ? zone : QTimeZone::utc();
    Result<Directory> directory = readDirectory(m_db);
    if (!directory)
        return directory.error();
    const auto resolver = limitResolver(directory.value(), now, dayZone);

    // Step 1: the users of the tier, with their limits.
    QHash<QString, EffectiveLimits> limitsByUser;
    for (const UserRecord &user : directory.value().users) {
        const EffectiveLimits limits = resolver->limitsFor(user.name, QString());
        if (limits.tier == tier)
            limitsByUser.insert(user.name, limits);
    }
    if (limitsByUser.isEmpty())
        return QList<UpsellCandidate>{};

    // Step 2: use per user and local day in the window, and the use of the
    // first day's month before the window.
    const QDate today = now.toTimeZone(dayZone).date();
    const QDate firstDate = today.addDays(1 - upsellDays);
    UsageFilter window;
    window.from = localMidnight(firstDate, dayZone);
    window.to = utcAt(endOfHour(now));
    window.period = UsagePeriod::Day;
    window.zone = dayZone;
    window.measures = windowUseMeasures;
    Result<QList<UsageRow>> days = sumSeries(m_db, window, UsageSplit::ByUser);
    if (!days)
        return days.error();

    UsageFilter monthBefore;
    monthBefore.from = localMidnight(QDate(firstDate.year(), firstDate.month(), 1), dayZone);
    monthBefore.to = window.from;
    monthBefore.measures = windowUseMeasures;
    QHash<QString, WindowUse> usedBefore;
    if (monthBefore.from < monthBefore.to) {
        Result<QList<UsageRow>> before = sumTotals(m_db, monthBefore, UsageSplit::ByUser);
        if (!before)
            return before.error();
        for (const UsageRow &row : before.value())
            usedBefore.insert(row.userName, useOf(row));
    }

    QHash<QString, QMap<QDate, WindowUse>> dailyUse;
    for (const UsageRow &row : days.value()) {
        if (limitsByUser.contains(row.userName))
            dailyUse[row.userName].insert(row.periodStart.toTimeZone(dayZone).date(), useOf(row));
    }

    // Step 3: the days near a limit.
    QList<UpsellCandidate> candidates;
    for (auto user = dailyUse.cbegin(); user != dailyUse.cend(); ++user) {
        const EffectiveLimits &limits = limitsByUser.value(user.key());
        UpsellCandidate candidate;
        candidate.userName = user.key();
        candidate.tier = limits.tier;
        WindowUse monthToDate = usedBefore.value(user.key());
        for (QDate date = firstDate; date <= today; date = date.addDays(1)) {
            if (date.day() == 1 && date != firstDate)
                monthToDate = {};
            const WindowUse day = user.value().value(date);
            monthToDate.generations += day.generations;
            monthToDate.tokens += day.tokens;

            const std::pair<QString, std::pair<qint64, std::optional<qint64>>> checks[] = {
                {callsPerDayName, {day.calls, limits.callsPerDay}},
                {tokensPerDayName, {day.tokens, limits.tokensPerDay}},
                {generationsPerMonthName, {monthToDate.generations, limits.generationsPerMonth}},
                {tokensPerMonthName, {monthToDate.tokens, limits.tokensPerMonth}},
            };
            bool near = false;
            for (const auto &[name, check] : checks) {
                if (!nearLimit(check.first, check.second))
                    continue;
                near = true;
                if (!candidate.limits.contains(name))
                    candidate.limits.append(name);
                candidate.highestShare = std::max(candidate.highestShare, shareOf(check.first, check.second));
            }
            if (near)
                candidate.daysNearLimit += 1;
        }
        if (candidate.daysNearLimit >= upsellMinimumDays)
            candidates.append(candidate);
    }

    std::sort(candidates.begin(), candidates.end(), [](const UpsellCandidate &a, const UpsellCandidate &b) {
        return std::tie(b.daysNearLimit, b.highestShare, a.userName) < std::tie(a.daysNearLimit, a.highestShare, b.userName);
    });
    return candidates;
}

// Weeks end with the hour of now: the last week is the 7 days before the
// end of that hour, the previous week the 7 days before those.
Result<QList<ChurnRisk>> UsageQueries::churnRisks(const QDateTime &now, qint64 minPreviousRequests)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the usage database is not open"_s);
    Result<Directory> directory = readDirectory(m_db);
    if (!directory)
        return directory.error();
    const auto resolver = limitResolver(directory.value(), now, QTimeZone::utc());

    const qint64 end = endOfHour(now);
    UsageFilter lastWeek;
    lastWeek.from = utcAt(end - weekMs);
    lastWeek.to = utcAt(end);
    lastWeek.measures = UsageMeasure::Requests;
    UsageFilter previousWeek = lastWeek;
    previousWeek.from = utcAt(end - 2 * weekMs);
    previousWeek.to = lastWeek.from;

    Result<QList<UsageRow>> previous = sumTotals(m_db, previousWeek, UsageSplit::ByUser);
    if (!previous)
        return previous.error();
    Result<QList<UsageRow>> last = sumTotals(m_db, lastWeek, UsageSplit::ByUser);
    if (!last)
        return last.error();
    QHash<QString, qint64> lastByUser;
    for (const UsageRow &row : last.value())
        lastByUser.insert(row.userName, row.requests);

    QList<ChurnRisk> risks;
    for (const UsageRow &row : previous.value()) {
        if (row.userName.isEmpty() || row.requests < std::max<qint64>(minPreviousRequests, 1))
            continue;
        ChurnRisk risk;
        risk.userName = row.userName;
        risk.previousWeek = row.requests;
        risk.lastWeek = lastByUser.value(row.userName);
        // At most half, in integers so that exactly 50 % is in.
        if (risk.lastWeek * 2 > risk.previousWeek)
            continue;
        risk.tier = resolver->limitsFor(row.userName, QString()).tier;
        risks.append(risk);
    }

    std::sort(risks.begin(), risks.end(), [](const ChurnRisk &a, const ChurnRisk &b) {
        if (a.drop() != b.drop())
            return a.drop() > b.drop();
        if (a.previousWeek != b.previousWeek)
            return a.previousWeek > b.previousWeek;
        return a.userName < b.userName;
    });
    return risks;
}

} // namespace Gateway
