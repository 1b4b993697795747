// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageRollup.h"

#include "PreparedStatements.h"

#include "ErrorCounts.h"
#include "LatencyHistogram.h"
#include "TopicDetector.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

// Measure columns of every rollup table but topics and addresses, in the
// order measureValues() binds them.
QStringList measureColumns()
{
    QStringList columns{u"requests"_s, u"generations"_s};
    for (int i = 0; i < ErrorCounts::causeCount; ++i)
        columns.append(u"errors_"_s + ErrorCounts::nameOf(ErrorCause(i)));
    columns << u"prompt_tokens"_s << u"completion_tokens"_s << u"request_bytes"_s << u"response_bytes"_s
            << u"latency_ms_sum"_s;
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        columns.append(u"lat_%1"_s.arg(i));
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        columns.append(u"ttft_%1"_s.arg(i));
    return columns;
}

QVariantList measureValues(const UsageRow &row)
{
    QVariantList values{row.requests, row.generations};
    for (const qint64 count : row.errors.counts)
        values.append(count);
    values << row.promptTokens << row.completionTokens << row.requestBytes << row.responseBytes << row.latencyMsSum;
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        values.append(row.latency.count(i));
    for (int i = 0; i < LatencyHistogram::bucketCount; ++i)
        values.append(row.timeToFirstToken.count(i));
    return values;
}

// INSERT ... ON CONFLICT DO UPDATE that adds the bound counts to the row of
// the group, or creates it.
QString upsertStatement(const QString &table, const QStringList &keyColumns, const QStringList &countColumns)
{
    const QStringList columns = keyColumns + countColumns;
    QStringList placeholders;
    placeholders.fill(u"?"_s, columns.size());
    QStringList updates;
    for (const QString &column : countColumns)
        updates.append(column % u" = "_s % column % u" + excluded."_s % column);

    return u"INSERT INTO "_s % table % u" ("_s % columns.join(u", "_s) % u") VALUES ("_s
        % placeholders.join(u", "_s) % u") ON CONFLICT ("_s % keyColumns.join(u", "_s)
        % u") DO UPDATE SET "_s % updates.join(u", "_s);
}

// Empty dimensions are '' in the rollups because they are part of the
// primary key, where NULL would never conflict and so never be summed. A
// null QString would be bound as NULL.
QString dimension(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

void addMeasures(UsageRow &row, const RequestLogEntry &entry)
{
    row.requests += 1;
    row.generations += entry.countedGeneration ? 1 : 0;
    if (const std::optional<ErrorCause> cause = ErrorCounts::causeOf(entry.status, entry.outcome))
        row.errors[*cause] += 1;
    row.promptTokens += entry.promptTokens.value_or(0);
    row.completionTokens += entry.completionTokens.value_or(0);
    row.requestBytes += entry.requestBytes;
    row.responseBytes += entry.responseBytes;
    row.latencyMsSum += entry.latencyMs;
    row.latency.add(entry.latencyMs);
    if (entry.timeToFirstTokenMs)
        row.timeToFirstToken.add(*entry.timeToFirstTokenMs);
}

Error prepareFailure(const QString &table, const QString &error)
{
    return Error(ErrorCode::StorageFailed, u"preparing the update of %1 failed: %2"_s.arg(table, error));
}

Error writeFailure(const QString &table, const QSqlQuery &query)
{
    return Error(ErrorCode::StorageFailed, u"updating %1 failed: %2"_s.arg(table, query.lastError().text()));
}

// The dimensions of a rollup table after its period column.
enum class Dimensions {
    All,       // user_name, key_id, model, tier
    User,      // user_name
    ModelTier, // model, tier
    UserTier,  // user_name, tier
};

QStringList columnsOf(Dimensions dimensions)
{
    switch (dimensions) {
    case Dimensions::All:
        return {u"user_name"_s, u"key_id"_s, u"model"_s, u"tier"_s};
    case Dimensions::User:
        return {u"user_name"_s};
    case Dimensions::ModelTier:
        return {u"model"_s, u"tier"_s};
    case Dimensions::UserTier:
        return {u"user_name"_s, u"tier"_s};
    }
    return {};
}

void appendDimensions(QVariantList &values, const UsageRollup::GroupKey &key, Dimensions dimensions)
{
    switch (dimensions) {
    case Dimensions::All:
        values << key.userName << key.keyId << key.model << key.tier;
        return;
    case Dimensions::User:
        values << key.userName;
        return;
    case Dimensions::ModelTier:
        values << key.model << key.tier;
        return;
    case Dimensions::UserTier:
        values << key.userName << key.tier;
        return;
    }
}

// One rollup table of UsageRow measures and its UPSERT statement.
struct GroupTable
{
    QString name;
    Dimensions dimensions = Dimensions::All;
    QString statement;

    GroupTable(const QString &table, const QString &periodColumn, Dimensions tableDimensions)
        : name(table)
        , dimensions(tableDimensions)
        , statement(upsertStatement(table, QStringList{periodColumn} + columnsOf(tableDimensions), measureColumns()))
    {
    }
};

// Runs the prepared UPSERT statement once per group.
Result<Done> writeGroups(PreparedStatements &statements, const GroupTable &table,
                         const QHash<UsageRollup::GroupKey, UsageRow> &groups)
{
    if (groups.isEmpty())
        return Done{};

    QString error;
    QSqlQuery *prepared = statements.get(table.statement, error);
    if (!prepared)
        return prepareFailure(table.name, error);
    QSqlQuery &query = *prepared;
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const UsageRollup::GroupKey &key = it.key();
        QVariantList values{key.period};
        appendDimensions(values, key, table.dimensions);
        values.append(measureValues(it.value()));
        for (const QVariant &value : std::as_const(values))
            query.addBindValue(value);
        if (!query.exec())
            return writeFailure(table.name, query);
    }
    return Done{};
}

// Writes usage_topics_daily, or usage_topics_daily_totals (without the user) when totals is set.
Result<Done> writeTopics(PreparedStatements &statements, const QHash<UsageRollup::TopicKey, qint64> &topics,
                         bool totals)
{
    if (topics.isEmpty())
        return Done{};

    const QString table = totals ? u"usage_topics_daily_totals"_s : u"usage_topics_daily"_s;
    static const QString statement = upsertStatement(
        u"usage_topics_daily"_s, {u"day"_s, u"user_name"_s, u"kind"_s, u"name"_s, u"source"_s}, {u"requests"_s});
    static const QString totalsStatement = upsertStatement(
        u"usage_topics_daily_totals"_s, {u"day"_s, u"kind"_s, u"name"_s, u"source"_s}, {u"requests"_s});
    QString error;
    QSqlQuery *prepared = statements.get(totals ? totalsStatement : statement, error);
    if (!prepared)
        return prepareFailure(table, error);
    QSqlQuery &query = *prepared;
    for (auto it = topics.begin(); it != topics.end(); ++it) {
        const UsageRollup::TopicKey &key = it.key();
        QVariantList values{key.day};
        if (!totals)
            values.append(key.userName);
        values << key.kind << key.name << key.source << it.value();
        for (const QVariant &value : std::as_const(values))
            query.addBindValue(value);
        if (!query.exec())
            return writeFailure(table, query);
    }
    return Done{};
}

Result<Done> writeAddresses(PreparedStatements &statements,
                            const QHash<UsageRollup::AddressKey, qint64> &addresses)
{
    if (addresses.isEmpty())
        return Done{};

    const QString table = u"usage_addresses_daily"_s;
    static const QString statement =
        upsertStatement(table, {u"day"_s, u"client_address"_s, u"user_name"_s}, {u"requests"_s});
    QString error;
    QSqlQuery *prepared = statements.get(statement, error);
    if (!prepared)
        return prepareFailure(table, error);
    QSqlQuery &query = *prepared;
    for (auto it = addresses.begin(); it != addresses.end(); ++it) {
        const UsageRollup::AddressKey &key = it.key();
        for (const QVariant &value : QVariantList{key.day, key.clientAddress, key.userName, it.value()})
            query.addBindValue(value);
        if (!query.exec())
            return writeFailure(table, query);
    }
    return Done{};
}

} // namespace

UsageRollup::UsageRollup(const TopicDetector *topics)
    : m_topicDetector(topics)
{
}

qint64 UsageRollup::periodStart(qint64 ms, qint64 periodMs)
{
    qint64 start = ms - ms % periodMs;
    if (ms % periodMs < 0)
        start -= periodMs;
    return start;
}

void UsageRollup::add(const RequestLogEntry &entry)
{
    const qint64 startedMs = entry.startedAt.toMSecsSinceEpoch();
    const qint64 minute = periodStart(startedMs, minuteMs);
    const qint64 hour = periodStart(startedMs, hourMs);
    const qint64 day = periodStart(startedMs, dayMs);

    const QString user = dimension(entry.userName);
    const QString keyId = dimension(entry.keyId);
    const QString model = dimension(entry.model);
    const QString tier = dimension(entry.tier);
    addMeasures(m_hourly[GroupKey{hour, user, keyId, model, tier}], entry);
    addMeasures(m_daily[GroupKey{day, user, keyId, model, tier}], entry);
    addMeasures(m_minutely[GroupKey{minute, user, u""_s, u""_s, u""_s}], entry);
    addMeasures(m_hourlyTotals[GroupKey{hour, u""_s, u""_s, model, tier}], entry);
    addMeasures(m_dailyTotals[GroupKey{day, u""_s, u""_s, model, tier}], entry);
    addMeasures(m_hourlyUsers[GroupKey{hour, user, u""_s, u""_s, tier}], entry);
    addMeasures(m_dailyUsers[GroupKey{day, user, u""_s, u""_s, tier}], entry);
    m_addresses[AddressKey{day, dimension(entry.clientAddress), user}] += 1;
    addTopics(day, user, entry);
    ++m_rows;
}

void UsageRollup::addTopics(qint64 day, const QString &user, const RequestLogEntry &entry)
{
    const QString language = entry.contextLanguage.trimmed().toLower();
    const QString framework = entry.contextFramework.trimmed().toLower();
    const QString languageKind = TopicDetector::kindName(TopicDetector::Kind::Language);
    const QString frameworkKind = TopicDetector::kindName(TopicDetector::Kind::Framework);
    if (!language.isEmpty())
        addTopic(TopicKey{day, user, languageKind, language, u"context"_s});
    if (!framework.isEmpty())
        addTopic(TopicKey{day, user, frameworkKind, framework, u"context"_s});

    // A kind the client named is not detected as well, so a request counts
    // once per kind it names however its prompt reads.
    const bool detectLanguage = language.isEmpty();
    const bool detectFramework = framework.isEmpty();
    if (!m_topicDetector || (!detectLanguage && !detectFramework) || entry.promptText.isEmpty())
        return;
    for (const TopicDetector::Topic &topic : m_topicDetector->detect(entry.promptText)) {
        const bool isLanguage = topic.kind == TopicDetector::Kind::Language;
        if (isLanguage ? !detectLanguage : !detectFramework)
            continue;
        const QString &kind = isLanguage ? languageKind : frameworkKind;
        addTopic(TopicKey{day, user, kind, topic.name, u"detected"_s});
    }
}

void UsageRollup::addTopic(TopicKey key)
{
    m_topics[key] += 1;
    key.userName = u""_s;
    m_topicTotals[key] += 1;
}

void UsageRollup::clear()
{
    m_rows = 0;
    m_hourly.clear();
    m_daily.clear();
    m_minutely.clear();
    m_hourlyTotals.clear();
    m_dailyTotals.clear();
    m_hourlyUsers.clear();
    m_dailyUsers.clear();
    m_topics.clear();
    m_topicTotals.clear();
    m_addresses.clear();
}

Result<Done> UsageRollup::write(PreparedStatements &statements) const
{
    // Built once: the log writer calls this for every commit.
    static const GroupTable hourly(u"usage_hourly"_s, u"hour"_s, Dimensions::All);
    static const GroupTable daily(u"usage_daily"_s, u"day"_s, Dimensions::All);
    static const GroupTable minutely(u"usage_minutely"_s, u"minute"_s, Dimensions::User);
    static const GroupTable hourlyTotals(u"usage_hourly_totals"_s, u"hour"_s, Dimensions::ModelTier);
    static const GroupTable dailyTotals(u"usage_daily_totals"_s, u"day"_s, Dimensions::ModelTier);
    static const GroupTable hourlyUsers(u"usage_hourly_users"_s, u"hour"_s, Dimensions::UserTier);
    static const GroupTable dailyUsers(u"usage_daily_users"_s, u"day"_s, Dimensions::UserTier);

    const std::pair<const GroupTable *, const QHash<GroupKey, UsageRow> *> tables[] = {
        {&hourly, &m_hourly},           {&daily, &m_daily},           {&minutely, &m_minutely},
        {&hourlyTotals, &m_hourlyTotals}, {&dailyTotals, &m_dailyTotals}, {&hourlyUsers, &m_hourlyUsers},
        {&dailyUsers, &m_dailyUsers},
    };
    for (const auto &[table, groups] : tables) {
        if (Result<Done> written = writeGroups(statements, *table, *groups); !written)
            return written;
    }
    if (Result<Done> written = writeTopics(statements, m_topics, false); !written)
        return written;
    if (Result<Done> written = writeTopics(statements, m_topicTotals, true); !written)
        return written;
    return writeAddresses(statements, m_addresses);
}

size_t qHash(const UsageRollup::GroupKey &key, size_t seed)
{
    return qHashMulti(seed, key.period, key.userName, key.keyId, key.model, key.tier);
}

size_t qHash(const UsageRollup::TopicKey &key, size_t seed)
{
    return qHashMulti(seed, key.day, key.userName, key.kind, key.name, key.source);
}

size_t qHash(const UsageRollup::AddressKey &key, size_t seed)
{
    return qHashMulti(seed, key.day, key.clientAddress, key.userName);
}

} // namespace Gateway
