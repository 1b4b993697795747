// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqliteStorage.h"

#include "PreparedStatements.h"
#include "UsageRollup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcStorage, "soulfra.gateway.sqlitestorage")

std::atomic<quint64> connectionCounter{0};

constexpr unsigned long walRetryDelayMs = 10;

// Measures of every rollup table of version 5, summed by UsageRollup.
const QString rollupMeasures =
    u"  requests INTEGER NOT NULL DEFAULT 0,"
    "  generations INTEGER NOT NULL DEFAULT 0,"
    "  errors_auth INTEGER NOT NULL DEFAULT 0,"
    "  errors_forbidden INTEGER NOT NULL DEFAULT 0,"
    "  errors_limit INTEGER NOT NULL DEFAULT 0,"
    "  errors_queue INTEGER NOT NULL DEFAULT 0,"
    "  errors_upstream INTEGER NOT NULL DEFAULT 0,"
    "  errors_client INTEGER NOT NULL DEFAULT 0,"
    "  errors_cancelled INTEGER NOT NULL DEFAULT 0,"
    "  errors_other INTEGER NOT NULL DEFAULT 0,"
    "  prompt_tokens INTEGER NOT NULL DEFAULT 0,"
    "  completion_tokens INTEGER NOT NULL DEFAULT 0,"
    "  request_bytes INTEGER NOT NULL DEFAULT 0,"
    "  response_bytes INTEGER NOT NULL DEFAULT 0,"
    "  latency_ms_sum REAL NOT NULL DEFAULT 0,"
    "  lat_0 INTEGER NOT NULL DEFAULT 0,"
    "  lat_1 INTEGER NOT NULL DEFAULT 0,"
    "  lat_2 INTEGER NOT NULL DEFAULT 0,"
    "  lat_3 INTEGER NOT NULL DEFAULT 0,"
    "  lat_4 INTEGER NOT NULL DEFAULT 0,"
    "  lat_5 INTEGER NOT NULL DEFAULT 0,"
    "  lat_6 INTEGER NOT NULL DEFAULT 0,"
    "  lat_7 INTEGER NOT NULL DEFAULT 0,"
    "  lat_8 INTEGER NOT NULL DEFAULT 0,"
    "  lat_9 INTEGER NOT NULL DEFAULT 0,"
    "  lat_10 INTEGER NOT NULL DEFAULT 0,"
    "  lat_11 INTEGER NOT NULL DEFAULT 0,"
    "  lat_12 INTEGER NOT NULL DEFAULT 0,"
    "  lat_13 INTEGER NOT NULL DEFAULT 0,"
    "  lat_14 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_0 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_1 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_2 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_3 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_4 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_5 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_6 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_7 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_8 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_9 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_10 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_11 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_12 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_13 INTEGER NOT NULL DEFAULT 0,"
    "  ttft_14 INTEGER NOT NULL DEFAULT 0,"_s;

// Names of the columns in rollupMeasures, in their order.
QStringList rollupMeasureNames()
{
    QStringList names;
    for (const QString &definition : rollupMeasures.split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = definition.trimmed();
        if (!trimmed.isEmpty())
            names.append(trimmed.section(u' ', 0, 0));
    }
    return names;
}

// A coarse rollup table keyed by its period column and two dimensions, and
// the statement that fills it from the detailed table of that period.
QStringList coarseRollupTable(const QString &table, const QString &period, const QString &first,
                              const QString &second, const QString &detailedTable)
{
    const QStringList names = rollupMeasureNames();
    QStringList sums;
    for (const QString &name : names)
        sums.append(u"SUM("_s % name % u')');
    const QString keys = period % u", "_s % first % u", "_s % second;

    return {
        u"CREATE TABLE "_s % table % u" ("_s % period % u" INTEGER NOT NULL, "_s % first
            % u" TEXT NOT NULL DEFAULT '', "_s % second % u" TEXT NOT NULL DEFAULT '',"_s % rollupMeasures
            % u"  PRIMARY KEY ("_s % keys % u"))"_s,
        u"INSERT INTO "_s % table % u" ("_s % keys % u", "_s % names.join(u", "_s) % u") SELECT "_s % keys
            % u", "_s % sums.join(u", "_s) % u" FROM "_s % detailedTable % u" GROUP BY "_s % keys,
    };
}

// Version 6: the same measures summed over fewer dimensions, so that a chart
// without a user or key reads one row per model and tier, and a chart of
// users one row per user and tier, rather than one per user, key, model and
// tier; and topics summed over users. UsageRollup maintains them with the
// detailed tables; the migration fills them from the detailed rows already
// there.
QStringList coarseRollupMigration()
{
    QStringList statements;
    statements += coarseRollupTable(u"usage_hourly_totals"_s, u"hour"_s, u"model"_s, u"tier"_s, u"usage_hourly"_s);
    statements += coarseRollupTable(u"usage_daily_totals"_s, u"day"_s, u"model"_s, u"tier"_s, u"usage_daily"_s);
    statements += coarseRollupTable(u"usage_hourly_users"_s, u"hour"_s, u"user_name"_s, u"tier"_s, u"usage_hourly"_s);
    statements += coarseRollupTable(u"usage_daily_users"_s, u"day"_s, u"user_name"_s, u"tier"_s, u"usage_daily"_s);
    statements.append(u"CREATE INDEX usage_hourly_users_user ON usage_hourly_users(user_name, hour)"_s);
    statements.append(u"CREATE INDEX usage_daily_users_user ON usage_daily_users(user_name, day)"_s);

    // Topics of all users, for the topics view without a user filter.
    statements.append(u"CREATE TABLE usage_topics_daily_totals ("
                      "  day INTEGER NOT NULL,"
                      "  kind TEXT NOT NULL CHECK (kind IN ('language', 'framework')),"
                      "  name TEXT NOT NULL,"
                      "  source TEXT NOT NULL CHECK (source IN ('context', 'detected')),"
                      "  requests INTEGER NOT NULL DEFAULT 0,"
                      "  PRIMARY KEY (day, kind, name, source)"
                      ")"_s);
    statements.append(u"INSERT INTO usage_topics_daily_totals (day, kind, name, source, requests)"
                      " SELECT day, kind, name, source, SUM(requests) FROM usage_topics_daily"
                      " GROUP BY day, kind, name, source"_s);
    return statements;
}

// Each inner list is one migration, applied in one transaction. The index in
// the outer list plus one is the schema version it produces, so a migration
// is never edited once released: append a new one instead.
//
// Times are INTEGER milliseconds since the Unix epoch, UTC. Empty text is
// stored as NULL. NULL limits in tiers mean unlimited.
QList<QStringList> migrations()
{
    return {
        {
            u"CREATE TABLE tiers ("
            "  name TEXT PRIMARY KEY,"
            "  key_prefix TEXT NOT NULL,"
            "  price_cents_per_month INTEGER NOT NULL DEFAULT 0,"
            "  calls_per_day INTEGER,"
            "  generations_per_month INTEGER,"
            "  brands_per_month INTEGER,"
            "  support TEXT NOT NULL DEFAULT '',"
            "  sort_order INTEGER NOT NULL DEFAULT 0"
            ")"_s,

            // Defaults of the product: the enterprise price is negotiated per
            // customer, so it is stored as 0 and support names it "custom".
            u"INSERT INTO tiers (name, key_prefix, price_cents_per_month, calls_per_day,"
            "                   generations_per_month, brands_per_month, support, sort_order) VALUES"
            "  ('free', 'sk_free_', 0, 1000, 100, 3, 'community', 1),"
            "  ('pro', 'sk_live_', 1900, 50000, NULL, 10, 'priority', 2),"
            "  ('pro_trial', 'sk_trial_', 0, 50000, NULL, 10, 'priority', 3),"
            "  ('enterprise', 'sk_ent_', 0, NULL, NULL, NULL, 'custom', 4)"_s,

            u"CREATE TABLE users ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL UNIQUE,"
            "  tier TEXT NOT NULL REFERENCES tiers(name) ON UPDATE CASCADE,"
            "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),"
            "  email TEXT,"
            "  github_login TEXT,"
            "  created_at INTEGER NOT NULL"
            ")"_s,

            u"CREATE TABLE api_keys ("
            "  id TEXT PRIMARY KEY,"
            "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
            "  tier TEXT NOT NULL REFERENCES tiers(name) ON UPDATE CASCADE,"
            "  is_operator INTEGER NOT NULL DEFAULT 0 CHECK (is_operator IN (0, 1)),"
            "  hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),"
            "  hint TEXT NOT NULL,"
            "  label TEXT,"
            "  created_at INTEGER NOT NULL,"
            "  expires_at INTEGER,"
            "  revoked_at INTEGER,"
            "  last_used_at INTEGER"
            ")"_s,
            u"CREATE INDEX api_keys_user_id ON api_keys(user_id)"_s,

            // A single row that triggers bump whenever users or keys change,
            // from any connection, so a gateway can poll one integer to learn
            // that the CLI changed keys. last_used_at is deliberately not in
            // the UPDATE OF list: recording key use must not force reloads.
            u"CREATE TABLE keys_revision ("
            "  id INTEGER PRIMARY KEY CHECK (id = 1),"
            "  revision INTEGER NOT NULL"
            ")"_s,
            u"INSERT INTO keys_revision (id, revision) VALUES (1, 0)"_s,
            u"CREATE TRIGGER users_insert_bumps_revision AFTER INSERT ON users BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER users_update_bumps_revision AFTER UPDATE ON users BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER users_delete_bumps_revision AFTER DELETE ON users BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER api_keys_insert_bumps_revision AFTER INSERT ON api_keys BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER api_keys_update_bumps_revision"
            "  AFTER UPDATE OF user_id, tier, is_operator, hash, expires_at, revoked_at ON api_keys BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER api_keys_delete_bumps_revision AFTER DELETE ON api_keys BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,

            u"CREATE TABLE request_log ("
            "  id INTEGER PRIMARY KEY,"
            "  request_id TEXT,"
            "  started_at INTEGER NOT NULL,"
            "  user_name TEXT,"
            "  key_id TEXT,"
            "  client_address TEXT,"
            "  user_agent TEXT,"
            "  method TEXT,"
            "  path TEXT,"
            "  model TEXT,"
            "  brand TEXT,"
            "  context_language TEXT,"
            "  context_framework TEXT,"
            "  prompt_text TEXT,"
            "  response_text TEXT,"
            "  status INTEGER NOT NULL,"
            "  outcome TEXT,"
            "  error_message TEXT,"
            "  prompt_tokens INTEGER,"
            "  completion_tokens INTEGER,"
            "  request_bytes INTEGER NOT NULL DEFAULT 0,"
            "  response_bytes INTEGER NOT NULL DEFAULT 0,"
            "  latency_ms REAL NOT NULL,"
            "  time_to_first_token_ms REAL,"
            "  upstream TEXT"
            ")"_s,
            u"CREATE INDEX request_log_started_at ON request_log(started_at)"_s,
            u"CREATE INDEX request_log_user_name ON request_log(user_name, started_at)"_s,
        },
        {
            // Limits beyond calls, generations and brands. NULL is unlimited.
            // model_patterns is a comma-separated list of patterns such as
            // "llama3.2:*"; "*" allows every model.
            u"ALTER TABLE tiers ADD COLUMN requests_per_minute INTEGER"_s,
            u"ALTER TABLE tiers ADD COLUMN tokens_per_day INTEGER"_s,
            u"ALTER TABLE tiers ADD COLUMN tokens_per_month INTEGER"_s,
            u"ALTER TABLE tiers ADD COLUMN concurrent_streams INTEGER"_s,
            u"ALTER TABLE tiers ADD COLUMN model_patterns TEXT NOT NULL DEFAULT '*'"_s,
            u"ALTER TABLE tiers ADD COLUMN queue_priority INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE tiers ADD COLUMN trial_duration_seconds INTEGER"_s,
            u"ALTER TABLE tiers ADD COLUMN fallback_tier TEXT"_s,
            u"UPDATE tiers SET queue_priority = 10 WHERE name IN ('pro', 'pro_trial')"_s,
            u"UPDATE tiers SET queue_priority = 20 WHERE name = 'enterprise'"_s,
            u"UPDATE tiers SET trial_duration_seconds = 604800, fallback_tier = 'free' WHERE name = 'pro_trial'"_s,

            // Per-user overrides: NULL keeps the tier's value, -1 is unlimited.
            u"ALTER TABLE users ADD COLUMN calls_per_day INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN generations_per_month INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN brands_per_month INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN requests_per_minute INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN tokens_per_day INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN tokens_per_month INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN concurrent_streams INTEGER"_s,
            u"ALTER TABLE users ADD COLUMN model_patterns TEXT"_s,
            u"ALTER TABLE users ADD COLUMN trial_ends_at INTEGER"_s,

            // The request log is the record the limit counters are rebuilt
            // from after a restart. Rows written before this version have no
            // flags; every authenticated response that was not a rejection
            // counts as an admitted call.
            u"ALTER TABLE request_log ADD COLUMN counted_call INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE request_log ADD COLUMN counted_generation INTEGER NOT NULL DEFAULT 0"_s,
            u"UPDATE request_log SET counted_call = 1"
            "  WHERE key_id IS NOT NULL AND status NOT IN (401, 403, 429)"_s,

            // Tier changes reach a running gateway through the same revision
            // counter as user and key changes.
            u"CREATE TRIGGER tiers_insert_bumps_revision AFTER INSERT ON tiers BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER tiers_update_bumps_revision AFTER UPDATE ON tiers BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
            u"CREATE TRIGGER tiers_delete_bumps_revision AFTER DELETE ON tiers BEGIN"
            "  UPDATE keys_revision SET revision = revision + 1 WHERE id = 1; END"_s,
        },
        {
            // Version 3: events that hand out trial keys through claim codes.
            // Codes are stored only as SHA-256 of their canonical form.
            // claim_count is raised by one conditional UPDATE per claim, which
            // keeps a cap exact across processes.
            u"CREATE TABLE settings ("
            "  name TEXT PRIMARY KEY,"
            "  value TEXT NOT NULL"
            ")"_s,
            u"CREATE TABLE events ("
            "  id TEXT PRIMARY KEY,"
            "  name TEXT NOT NULL,"
            "  description TEXT,"
            "  starts_at INTEGER NOT NULL,"
            "  ends_at INTEGER NOT NULL,"
            "  tier TEXT NOT NULL REFERENCES tiers(name) ON UPDATE CASCADE,"
            "  trial_days INTEGER NOT NULL CHECK (trial_days > 0),"
            "  max_claims INTEGER CHECK (max_claims IS NULL OR max_claims > 0),"
            "  claim_count INTEGER NOT NULL DEFAULT 0,"
            "  code_kind TEXT NOT NULL CHECK (code_kind IN ('shared', 'single_use')),"
            "  created_at INTEGER NOT NULL,"
            "  revoked_at INTEGER"
            ")"_s,
            u"CREATE TABLE claim_codes ("
            "  hash BLOB PRIMARY KEY CHECK (length(hash) = 32),"
            "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
            "  created_at INTEGER NOT NULL,"
            "  redeemed_at INTEGER,"
            "  revoked_at INTEGER"
            ")"_s,
            u"CREATE INDEX claim_codes_event_id ON claim_codes(event_id)"_s,
            u"CREATE TABLE claims ("
            "  id INTEGER PRIMARY KEY,"
            "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
            "  code_hash BLOB NOT NULL,"
            "  nonce TEXT UNIQUE,"
            "  key_id TEXT REFERENCES api_keys(id) ON DELETE SET NULL,"
            "  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
            "  email TEXT,"
            "  client_address TEXT,"
            "  claimed_at INTEGER NOT NULL"
            ")"_s,
            u"CREATE INDEX claims_event_id ON claims(event_id, claimed_at)"_s,
        },
        {
            // Version 4: the address a key was last used from, and the key a
            // rotated key replaced (the old one expires after a grace period).
            u"ALTER TABLE api_keys ADD COLUMN last_used_address TEXT"_s,
            u"ALTER TABLE api_keys ADD COLUMN replaces_key_id TEXT"_s,
        },
        {
            // Version 5: usage rollups, written by the request log writer in
            // the transaction of the rows they summarise, so charts never scan
            // the raw log. Periods are UTC: hour, day and minute hold the
            // period's start in ms since the epoch. Empty dimensions are ''
            // (not NULL) because they are part of the primary key.
            //
            // lat_N and ttft_N count requests whose latency or time to first
            // token fell into bucket N of LatencyHistogram (its bounds are
            // fixed, so they must not change without a migration).
            // errors_* count requests by ErrorCause; requests counts all rows.
            u"ALTER TABLE request_log ADD COLUMN tier TEXT"_s,
            u"CREATE TABLE usage_hourly ("
            "  hour INTEGER NOT NULL,"
            "  user_name TEXT NOT NULL DEFAULT '',"
            "  key_id TEXT NOT NULL DEFAULT '',"
            "  model TEXT NOT NULL DEFAULT '',"
            "  tier TEXT NOT NULL DEFAULT '',"_s
            % rollupMeasures
            % u"  PRIMARY KEY (hour, user_name, key_id, model, tier)"
            ")"_s,
            u"CREATE INDEX usage_hourly_user ON usage_hourly(user_name, hour)"_s,
            u"CREATE INDEX usage_hourly_model ON usage_hourly(model, hour)"_s,
            u"CREATE TABLE usage_daily ("
            "  day INTEGER NOT NULL,"
            "  user_name TEXT NOT NULL DEFAULT '',"
            "  key_id TEXT NOT NULL DEFAULT '',"
            "  model TEXT NOT NULL DEFAULT '',"
            "  tier TEXT NOT NULL DEFAULT '',"_s
            % rollupMeasures
            % u"  PRIMARY KEY (day, user_name, key_id, model, tier)"
            ")"_s,
            u"CREATE INDEX usage_daily_user ON usage_daily(user_name, day)"_s,
            u"CREATE INDEX usage_daily_model ON usage_daily(model, day)"_s,

            // The live dashboard's last hour, per minute and user; rows older
            // than two days are purged.
            u"CREATE TABLE usage_minutely ("
            "  minute INTEGER NOT NULL,"
            "  user_name TEXT NOT NULL DEFAULT '',"_s
            % rollupMeasures
            % u"  PRIMARY KEY (minute, user_name)"
            ")"_s,

            // Languages and frameworks per day: source is 'context' when the
            // client named them, 'detected' when found in the prompt.
            u"CREATE TABLE usage_topics_daily ("
            "  day INTEGER NOT NULL,"
            "  user_name TEXT NOT NULL DEFAULT '',"
            "  kind TEXT NOT NULL CHECK (kind IN ('language', 'framework')),"
            "  name TEXT NOT NULL,"
            "  source TEXT NOT NULL CHECK (source IN ('context', 'detected')),"
            "  requests INTEGER NOT NULL DEFAULT 0,"
            "  PRIMARY KEY (day, user_name, kind, name, source)"
            ")"_s,

            // Client addresses per day, resolved to countries only when the
            // view is shown, so a new .mmdb file applies to old traffic too.
            u"CREATE TABLE usage_addresses_daily ("
            "  day INTEGER NOT NULL,"
            "  client_address TEXT NOT NULL,"
            "  user_name TEXT NOT NULL DEFAULT '',"
            "  requests INTEGER NOT NULL DEFAULT 0,"
            "  PRIMARY KEY (day, client_address, user_name)"
            ")"_s,
        },
        coarseRollupMigration(),
    };
}

const QString keyColumns =
    u"SELECT k.id, k.user_id, u.name, k.tier, k.is_operator, k.hash, k.hint, k.label,"
    "       k.created_at, k.expires_at, k.revoked_at, k.last_used_at, k.last_used_address, k.replaces_key_id"
    "  FROM api_keys k JOIN users u ON u.id = k.user_id"_s;

const QString userColumns =
    u"SELECT id, name, tier, status, email, github_login, created_at, calls_per_day,"
    "       generations_per_month, brands_per_month, requests_per_minute, tokens_per_day,"
    "       tokens_per_month, concurrent_streams, model_patterns, trial_ends_at FROM users"_s;

const QString tierColumns =
    u"SELECT name, key_prefix, price_cents_per_month, calls_per_day, generations_per_month,"
    "       brands_per_month, support, requests_per_minute, tokens_per_day, tokens_per_month,"
    "       concurrent_streams, model_patterns, queue_priority, trial_duration_seconds,"
    "       fallback_tier, sort_order"
    "  FROM tiers"_s;

const QString requestLogColumns =
    u"SELECT id, request_id, started_at, user_name, key_id, client_address, user_agent, method,"
    "       path, model, brand, context_language, context_framework, prompt_text, response_text,"
    "       status, outcome, error_message, prompt_tokens, completion_tokens, request_bytes,"
    "       response_bytes, latency_ms, time_to_first_token_ms, upstream, counted_call,"
    "       counted_generation, tier"
    "  FROM request_log"_s;

QVariant timeValue(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return time.toMSecsSinceEpoch();
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Empty text becomes NULL, so "unknown" has one representation on disk.
QVariant textValue(const QString &text)
{
    if (text.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return text;
}

template<typename T>
QVariant optionalValue(const std::optional<T> &value)
{
    if (!value)
        return QVariant(QMetaType::fromType<T>());
    return QVariant::fromValue(*value);
}

std::optional<qint64> optionalInteger(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

std::optional<double> optionalReal(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

QStringList patternsFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    QStringList patterns = value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &pattern : patterns)
        pattern = pattern.trimmed();
    patterns.removeAll(QString());
    return patterns;
}

UserRecord userFrom(const QSqlQuery &query)
{
    UserRecord user;
    user.id = query.value(0).toLongLong();
    user.name = query.value(1).toString();
    user.tier = query.value(2).toString();
    user.status = query.value(3).toString();
    user.email = query.value(4).toString();
    user.githubLogin = query.value(5).toString();
    user.createdAt = timeFrom(query.value(6));
    user.callsPerDay = optionalInteger(query.value(7));
    user.generationsPerMonth = optionalInteger(query.value(8));
    user.brandsPerMonth = optionalInteger(query.value(9));
    user.requestsPerMinute = optionalInteger(query.value(10));
    user.tokensPerDay = optionalInteger(query.value(11));
    user.tokensPerMonth = optionalInteger(query.value(12));
    user.concurrentStreams = optionalInteger(query.value(13));
    user.modelPatterns = patternsFrom(query.value(14));
    user.trialEndsAt = timeFrom(query.value(15));
    return user;
}

KeyRecord keyFrom(const QSqlQuery &query)
{
    KeyRecord key;
    key.id = query.value(0).toString();
    key.userId = query.value(1).toLongLong();
    key.userName = query.value(2).toString();
    key.tier = query.value(3).toString();
    key.isOperator = query.value(4).toInt() != 0;
    key.hash = query.value(5).toByteArray();
    key.hint = query.value(6).toString();
    key.label = query.value(7).toString();
    key.createdAt = timeFrom(query.value(8));
    key.expiresAt = timeFrom(query.value(9));
    key.revokedAt = timeFrom(query.value(10));
    key.lastUsedAt = timeFrom(query.value(11));
    key.lastUsedAddress = query.value(12).toString();
    key.replacesKeyId = query.value(13).toString();
    return key;
}

TierRecord tierFrom(const QSqlQuery &query)
{
    TierRecord tier;
    tier.name = query.value(0).toString();
    tier.keyPrefix = query.value(1).toString();
    tier.priceCentsPerMonth = query.value(2).toLongLong();
    tier.callsPerDay = optionalInteger(query.value(3));
    tier.generationsPerMonth = optionalInteger(query.value(4));
    tier.brandsPerMonth = optionalInteger(query.value(5));
    tier.support = query.value(6).toString();
    tier.requestsPerMinute = optionalInteger(query.value(7));
    tier.tokensPerDay = optionalInteger(query.value(8));
    tier.tokensPerMonth = optionalInteger(query.value(9));
    tier.concurrentStreams = optionalInteger(query.value(10));
    tier.modelPatterns = patternsFrom(query.value(11));
    tier.queuePriority = query.value(12).toInt();
    tier.trialDurationSeconds = optionalInteger(query.value(13));
    tier.fallbackTier = query.value(14).toString();
    tier.sortOrder = query.value(15).toInt();
    return tier;
}

RequestLogEntry requestLogEntryFrom(const QSqlQuery &query)
{
    RequestLogEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.requestId = query.value(1).toString();
    entry.startedAt = timeFrom(query.value(2));
    entry.userName = query.value(3).toString();
    entry.keyId = query.value(4).toString();
    entry.clientAddress = query.value(5).toString();
    entry.userAgent = query.value(6).toString();
    entry.method = query.value(7).toString();
    entry.path = query.value(8).toString();
    entry.model = query.value(9).toString();
    entry.brand = query.value(10).toString();
    entry.contextLanguage = query.value(11).toString();
    entry.contextFramework = query.value(12).toString();
    entry.promptText = query.value(13).toString();
    entry.responseText = query.value(14).toString();
    entry.status = query.value(15).toInt();
    entry.outcome = query.value(16).toString();
    entry.errorMessage = query.value(17).toString();
    entry.promptTokens = optionalInteger(query.value(18));
    entry.completionTokens = optionalInteger(query.value(19));
    entry.requestBytes = query.value(20).toLongLong();
    entry.responseBytes = query.value(21).toLongLong();
    entry.latencyMs = query.value(22).toDouble();
    entry.timeToFirstTokenMs = optionalReal(query.value(23));
    entry.upstream = query.value(24).toString();
    entry.countedCall = query.value(25).toInt() != 0;
    entry.countedGeneration = query.value(26).toInt() != 0;
    entry.tier = query.value(27).toString();
    return entry;
}

void bindRequestLogEntry(QSqlQuery &query, const RequestLogEntry &entry)
{
    query.addBindValue(textValue(entry.requestId));
    query.addBindValue(timeValue(entry.startedAt.isValid() ? entry.startedAt
                                                           : QDateTime::currentDateTimeUtc()));
    query.addBindValue(textValue(entry.userName));
    query.addBindValue(textValue(entry.keyId));
    query.addBindValue(textValue(entry.clientAddress));
    query.addBindValue(textValue(entry.userAgent));
    query.addBindValue(textValue(entry.method));
    query.addBindValue(textValue(entry.path));
    query.addBindValue(textValue(entry.model));
    query.addBindValue(textValue(entry.brand));
    query.addBindValue(textValue(entry.contextLanguage));
    query.addBindValue(textValue(entry.contextFramework));
    query.addBindValue(textValue(entry.promptText));
    query.addBindValue(textValue(entry.responseText));
    query.addBindValue(entry.status);
    query.addBindValue(textValue(entry.outcome));
    query.addBindValue(textValue(entry.errorMessage));
    query.addBindValue(optionalValue(entry.promptTokens));
    query.addBindValue(optionalValue(entry.completionTokens));
    query.addBindValue(entry.requestBytes);
    query.addBindValue(entry.responseBytes);
    query.addBindValue(entry.latencyMs);
    query.addBindValue(optionalValue(entry.timeToFirstTokenMs));
    query.addBindValue(textValue(entry.upstream));
    query.addBindValue(entry.countedCall ? 1 : 0);
    query.addBindValue(entry.countedGeneration ? 1 : 0);
    query.addBindValue(textValue(entry.tier));
}

} // namespace

SqliteStorage::SqliteStorage(QString databasePath, const QString &connectionName)
    : m_databasePath(std::move(databasePath))
    , m_connectionName(connectionName % QChar(u'#') % QString::number(++connectionCounter))
{
}

SqliteStorage::~SqliteStorage()
{
    if (!m_db.isValid())
        return;

    // removeDatabase() requires that no QSqlDatabase copy of the connection
    // is left, including our own member and the prepared statements.
    m_statements.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

PreparedStatements &SqliteStorage::statements()
{
    if (!m_statements)
        m_statements = std::make_unique<PreparedStatements>(m_db);
    return *m_statements;
}

int SqliteStorage::latestSchemaVersion()
{
    return int(migrations().size());
}

Result<Done> SqliteStorage::open()
{
    if (m_db.isOpen())
        return Done{};

    const QFileInfo file(m_databasePath);
    const QString directory = file.absolutePath();
    const bool existed = QFileInfo::exists(directory);
    if (!QDir().mkpath(directory)) {
        const QString reason = QFileInfo(directory).isFile() ? u"a file of that name exists"_s
                                                             : u"check the path and its permissions"_s;
        return Error(ErrorCode::StorageFailed,
                     u"cannot create the data directory %1: %2"_s.arg(directory, reason));
    }

    // The log contains prompts and responses, so only the owner may read the
    // directory and the database (SQLite gives its -wal and -shm files the
    // database's permissions).
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!existed)
        QFile::setPermissions(directory, ownerOnly | QFileDevice::ExeOwner);
    // NewOnly never truncates a database another process created meanwhile.
    QFile created(m_databasePath);
    if (created.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        created.close();
        QFile::setPermissions(m_databasePath, ownerOnly);
    }

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_databasePath);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!m_db.open()) {
        return Error(ErrorCode::StorageFailed,
                     u"cannot open %1: %2"_s.arg(m_databasePath, m_db.lastError().text()));
    }

    if (Result<Done> configured = configureConnection(); !configured) {
        m_db.close();
        return configured;
    }
    if (Result<Done> migrated = migrate(); !migrated) {
        m_db.close();
        return migrated;
    }

    qCDebug(lcStorage).noquote() << "opened" << m_databasePath << "schema version" << m_schemaVersion;
    return Done{};
}

Result<Done> SqliteStorage::configureConnection()
{
    QSqlQuery query(m_db);

    // The connect option already sets the busy timeout. The PRAGMA sets it
    // again, so the value does not depend on how the driver reads options.
    if (!query.exec(u"PRAGMA busy_timeout = %1"_s.arg(busyTimeoutMs)))
        return failure(u"setting the busy timeout"_s, query);

    // WAL lets the gateway read while the CLI writes, and makes commits cheap.
    // A file system without shared memory support silently keeps the old
    // journal mode, so the returned mode is checked.
    //
    // Switching a new file to WAL needs the file to itself. When another
    // connection (the CLI, or a second gateway thread) opens it at the same
    // moment, SQLite returns the old mode instead of waiting, so retry for
    // up to the busy timeout.
    QString mode;
    QElapsedTimer waited;
    waited.start();
    while (true) {
        const bool ran = query.exec(u"PRAGMA journal_mode = WAL"_s) && query.next();
        const bool timeLeft = waited.elapsed() < busyTimeoutMs;
        if (!ran) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6) come back without the
            // busy handler running when two connections switch at once.
            const QString code = query.lastError().nativeErrorCode();
            const bool busy = code == u"5"_s || code == u"6"_s;
            if (!busy || !timeLeft)
                return failure(u"enabling WAL"_s, query);
        } else {
            mode = query.value(0).toString();
            query.finish();
            if (mode.compare(u"wal"_s, Qt::CaseInsensitive) == 0 || !timeLeft)
                break;
        }
        QThread::msleep(walRetryDelayMs);
    }
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        return Error(ErrorCode::StorageFailed,
                     u"%1 cannot use write-ahead logging (journal mode is %2)"_s.arg(m_databasePath, mode));
    }

    // In WAL mode, NORMAL keeps the database consistent. A power loss can
    // drop the last commits, but a killed process loses none of them.
    if (!query.exec(u"PRAGMA synchronous = NORMAL"_s))
        return failure(u"setting synchronous mode"_s, query);
    if (!query.exec(u"PRAGMA foreign_keys = ON"_s))
        return failure(u"enabling foreign keys"_s, query);
    return Done{};
}

Result<int> SqliteStorage::readUserVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return failure(u"reading the schema version"_s, query);
    return query.value(0).toInt();
}

Result<Done> SqliteStorage::migrate()
{
    const QList<QStringList> steps = migrations();
    const int latest = int(steps.size());

    Result<int> found = readUserVersion();
    if (!found)
        return found.error();
    if (found.value() > latest) {
        return Error(ErrorCode::StorageFailed,
                     u"%1 has schema version %2, newer than the %3 this program supports; "
                     "use a newer soulfra-gateway"_s.arg(m_databasePath).arg(found.value()).arg(latest));
    }

    for (int version = found.value() + 1; version <= latest; ++version) {
        if (Result<Done> begun = beginWrite(); !begun)
            return begun;

        // Another process may have applied this migration while this one
        // waited for the write lock, so check again inside the transaction.
        Result<int> current = readUserVersion();
        if (!current) {
            rollback();
            return current.error();
        }
        if (current.value() >= version) {
            rollback();
            continue;
        }

        QSqlQuery query(m_db);
        for (const QString &statement : steps.at(version - 1)) {
            if (!query.exec(statement)) {
                const Error error = failure(u"schema migration %1"_s.arg(version), query);
                rollback();
                return error;
            }
        }
        if (!query.exec(u"PRAGMA user_version = %1"_s.arg(version))) {
            const Error error = failure(u"recording schema version %1"_s.arg(version), query);
            rollback();
            return error;
        }
        if (Result<Done> committed = commit(); !committed)
            return committed;
        qCInfo(lcStorage).noquote() << "migrated" << m_databasePath << "to schema version" << version;
    }

    Result<int> applied = readUserVersion();
    if (!applied)
        return applied.error();
    m_schemaVersion = applied.value();
    return Done{};
}

Result<Done> SqliteStorage::beginWrite()
{
    // IMMEDIATE takes the write lock at once, waiting up to the busy timeout.
    // A deferred transaction that reads first could fail with SQLITE_BUSY
    // when it upgrades to a write, without waiting.
    QSqlQuery query(m_db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return failure(u"starting a write transaction"_s, query);
    return Done{};
}

Result<Done> SqliteStorage::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"COMMIT"_s)) {
        const Error error = failure(u"committing"_s, query);
        rollback();
        return error;
    }
    return Done{};
}

void SqliteStorage::rollback()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"ROLLBACK"_s))
        qCWarning(lcStorage).noquote() << "rollback failed in" << m_databasePath << query.lastError().text();
}

Result<Done> SqliteStorage::ensureOpen() const
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database %1 is not open"_s.arg(m_databasePath));
    return Done{};
}

Error SqliteStorage::failure(const QString &action, const QSqlQuery &query) const
{
    const QString message = u"%1 failed in %2: %3"_s.arg(action, m_databasePath, query.lastError().text());
    // Debug only: the error is returned as a value, and the caller logs it
    // or shows it (the command line prints it, so a warning would repeat it).
    qCDebug(lcStorage).noquote() << message;
    return Error(ErrorCode::StorageFailed, message);
}

Result<UserRecord> SqliteStorage::findUser(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    if (!query.prepare(userColumns % u" WHERE name = ?"_s))
        return failure(u"looking up user %1"_s.arg(name), query);
    query.addBindValue(name);
    if (!query.exec())
        return failure(u"looking up user %1"_s.arg(name), query);
    if (!query.next())
        return Error(ErrorCode::NotFound, u"no user named \"%1\""_s.arg(name));
    return userFrom(query);
}

Result<UserRecord> SqliteStorage::ensureUser(const QString &name, const QString &tier)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (name.isEmpty())
        return Error(ErrorCode::InvalidArgument, u"a user name must not be empty"_s);

    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    // An existing user keeps its tier: issuing a trial key must not demote a
    // paying customer.
    if (Result<UserRecord> existing = findUser(name); existing.ok() || existing.error().code() != ErrorCode::NotFound) {
        rollback();
        return existing;
    }

    QSqlQuery query(m_db);
    if (!query.prepare(u"SELECT trial_duration_seconds FROM tiers WHERE name = ?"_s)) {
        const Error error = failure(u"looking up tier %1"_s.arg(tier), query);
        rollback();
        return error;
    }
    query.addBindValue(tier);
    if (!query.exec()) {
        const Error error = failure(u"looking up tier %1"_s.arg(tier), query);
        rollback();
        return error;
    }
    if (!query.next()) {
        rollback();
        return Error(ErrorCode::InvalidArgument, u"unknown tier \"%1\""_s.arg(tier));
    }
    const std::optional<qint64> trialSeconds = optionalInteger(query.value(0));
    query.finish();

    UserRecord user;
    user.name = name;
    user.tier = tier;
    user.createdAt = QDateTime::currentDateTimeUtc();
    if (trialSeconds)
        user.trialEndsAt = user.createdAt.addSecs(*trialSeconds);
    if (!query.prepare(u"INSERT INTO users (name, tier, status, created_at, trial_ends_at) VALUES (?, ?, ?, ?, ?)"_s)) {
        const Error error = failure(u"creating user %1"_s.arg(name), query);
        rollback();
        return error;
    }
    query.addBindValue(user.name);
    query.addBindValue(user.tier);
    query.addBindValue(user.status);
    query.addBindValue(timeValue(user.createdAt));
    query.addBindValue(timeValue(user.trialEndsAt));
    if (!query.exec()) {
        const Error error = failure(u"creating user %1"_s.arg(name), query);
        rollback();
        return error;
    }
    user.id = query.lastInsertId().toLongLong();
    query.finish();

    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCDebug(lcStorage).noquote() << "created user" << user.id << "with tier" << tier;
    return user;
}

Result<QList<UserRecord>> SqliteStorage::users()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(userColumns % u" ORDER BY name"_s))
        return failure(u"listing users"_s, query);

    QList<UserRecord> result;
    while (query.next())
        result.append(userFrom(query));
    return result;
}

Result<QList<TierRecord>> SqliteStorage::tiers()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(tierColumns % u" ORDER BY sort_order, name"_s)) {
        return failure(u"listing tiers"_s, query);
    }

    QList<TierRecord> result;
    while (query.next())
        result.append(tierFrom(query));
    return result;
}

Result<Done> SqliteStorage::execute(QSqlQuery &query, const QString &statement, const QVariantList &values,
                                    const QString &action)
{
    if (!query.prepare(statement))
        return failure(action, query);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(action, query);
    return Done{};
}

Result<TierRecord> SqliteStorage::findTier(const QString &name)
{
    QSqlQuery query(m_db);
    if (Result<Done> ran = execute(query, tierColumns % u" WHERE name = ?"_s, {name}, u"looking up tier %1"_s.arg(name)); !ran)
        return ran.error();
    if (!query.next())
        return Error(ErrorCode::NotFound, u"no tier named \"%1\""_s.arg(name));
    return tierFrom(query);
}

Result<TierRecord> SqliteStorage::saveTier(const TierRecord &tier)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (tier.name.isEmpty())
        return Error(ErrorCode::InvalidArgument, u"a tier name must not be empty"_s);
    if (!tier.fallbackTier.isEmpty() && tier.fallbackTier == tier.name)
        return Error(ErrorCode::InvalidArgument, u"tier \"%1\" cannot fall back to itself"_s.arg(tier.name));

    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    if (!tier.fallbackTier.isEmpty()) {
        if (Result<TierRecord> fallback = findTier(tier.fallbackTier); !fallback) {
            rollback();
            if (fallback.error().code() == ErrorCode::NotFound)
                return Error(ErrorCode::InvalidArgument, u"unknown fallback tier \"%1\""_s.arg(tier.fallbackTier));
            return fallback;
        }
    }

    // Keys carry one of the built-in prefixes only (ApiKey checks them), so
    // a new tier borrows the one that describes it.
    QString keyPrefix = tier.keyPrefix;
    if (keyPrefix.isEmpty()) {
        if (tier.trialDurationSeconds)
            keyPrefix = u"sk_trial_"_s;
        else
            keyPrefix = tier.priceCentsPerMonth > 0 ? u"sk_live_"_s : u"sk_free_"_s;
    }
    const QVariantList values = {
        tier.name, keyPrefix, tier.priceCentsPerMonth, optionalValue(tier.callsPerDay),
        optionalValue(tier.generationsPerMonth), optionalValue(tier.brandsPerMonth), tier.support,
        optionalValue(tier.requestsPerMinute), optionalValue(tier.tokensPerDay), optionalValue(tier.tokensPerMonth),
        optionalValue(tier.concurrentStreams), tier.modelPatterns.join(QLatin1Char(',')), tier.queuePriority,
        optionalValue(tier.trialDurationSeconds), textValue(tier.fallbackTier), tier.sortOrder,
    };
    QSqlQuery query(m_db);
    const QString statement =
        u"INSERT INTO tiers (name, key_prefix, price_cents_per_month, calls_per_day, generations_per_month,"
        "  brands_per_month, support, requests_per_minute, tokens_per_day, tokens_per_month,"
        "  concurrent_streams, model_patterns, queue_priority, trial_duration_seconds, fallback_tier, sort_order)"
        " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET key_prefix = excluded.key_prefix,"
        "  price_cents_per_month = excluded.price_cents_per_month, calls_per_day = excluded.calls_per_day,"
        "  generations_per_month = excluded.generations_per_month, brands_per_month = excluded.brands_per_month,"
        "  support = excluded.support, requests_per_minute = excluded.requests_per_minute,"
        "  tokens_per_day = excluded.tokens_per_day, tokens_per_month = excluded.tokens_per_month,"
        "  concurrent_streams = excluded.concurrent_streams, model_patterns = excluded.model_patterns,"
        "  queue_priority = excluded.queue_priority, trial_duration_seconds = excluded.trial_duration_seconds,"
        "  fallback_tier = excluded.fallback_tier, sort_order = excluded.sort_order"_s;
    if (Result<Done> ran = execute(query, statement, values, u"saving tier %1"_s.arg(tier.name)); !ran) {
        rollback();
        return ran.error();
    }
    query.finish();

    Result<TierRecord> stored = findTier(tier.name);
    if (!stored) {
        rollback();
        return stored;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCDebug(lcStorage).noquote() << "saved tier" << tier.name;
    return stored;
}

Result<UserRecord> SqliteStorage::saveUser(const UserRecord &user)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (user.name.isEmpty())
        return Error(ErrorCode::InvalidArgument, u"a user name must not be empty"_s);
    if (user.status != u"active"_s && user.status != u"suspended"_s)
        return Error(ErrorCode::InvalidArgument,
                     u"invalid status \"%1\": expected active or suspended"_s.arg(user.status));

    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    Result<TierRecord> tier = findTier(user.tier);
    if (!tier) {
        rollback();
        if (tier.error().code() == ErrorCode::NotFound)
            return Error(ErrorCode::InvalidArgument, u"unknown tier \"%1\""_s.arg(user.tier));
        return tier.error();
    }

    // A trial starts when the user moves onto the trial tier; saving the
    // user again on the same tier keeps the end already set.
    QDateTime trialEndsAt = user.trialEndsAt;
    Result<UserRecord> existing = findUser(user.name);
    if (!existing && existing.error().code() != ErrorCode::NotFound) {
        rollback();
        return existing;
    }
    const bool tierChanged = !existing || existing.value().tier != user.tier;
    if (!trialEndsAt.isValid() && tier.value().trialDurationSeconds) {
        trialEndsAt = !tierChanged && existing.value().trialEndsAt.isValid()
            ? existing.value().trialEndsAt
            : QDateTime::currentDateTimeUtc().addSecs(*tier.value().trialDurationSeconds);
    }
    if (!tier.value().trialDurationSeconds)
        trialEndsAt = QDateTime();

    const QVariantList values = {
        user.name, user.tier, user.status, textValue(user.email), textValue(user.githubLogin),
        timeValue(existing ? existing.value().createdAt : QDateTime::currentDateTimeUtc()),
        optionalValue(user.callsPerDay), optionalValue(user.generationsPerMonth), optionalValue(user.brandsPerMonth),
        optionalValue(user.requestsPerMinute), optionalValue(user.tokensPerDay), optionalValue(user.tokensPerMonth),
        optionalValue(user.concurrentStreams), textValue(user.modelPatterns.join(QLatin1Char(','))),
        timeValue(trialEndsAt),
    };
    QSqlQuery query(m_db);
    const QString statement =
        u"INSERT INTO users (name, tier, status, email, github_login, created_at, calls_per_day,"
        "  generations_per_month, brands_per_month, requests_per_minute, tokens_per_day, tokens_per_month,"
        "  concurrent_streams, model_patterns, trial_ends_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET tier = excluded.tier, status = excluded.status,"
        "  email = excluded.email, github_login = excluded.github_login,"
        "  calls_per_day = excluded.calls_per_day, generations_per_month = excluded.generations_per_month,"
        "  brands_per_month = excluded.brands_per_month, requests_per_minute = excluded.requests_per_minute,"
        "  tokens_per_day = excluded.tokens_per_day, tokens_per_month = excluded.tokens_per_month,"
        "  concurrent_streams = excluded.concurrent_streams, model_patterns = excluded.model_patterns,"
        "  trial_ends_at = excluded.trial_ends_at"_s;
    if (Result<Done> ran = execute(query, statement, values, u"saving user %1"_s.arg(user.name)); !ran) {
        rollback();
        return ran.error();
    }
    query.finish();

    Result<UserRecord> stored = findUser(user.name);
    if (!stored) {
        rollback();
        return stored;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCDebug(lcStorage).noquote() << "saved user" << stored.value().id << "with tier" << user.tier;
    return stored;
}

Result<Done> SqliteStorage::deleteUser(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open;
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    // api_keys references users with ON DELETE CASCADE, so the keys go too.
    QSqlQuery query(m_db);
    if (Result<Done> ran = execute(query, u"DELETE FROM users WHERE name = ?"_s, {name}, u"deleting user %1"_s.arg(name)); !ran) {
        rollback();
        return ran;
    }
    if (query.numRowsAffected() == 0) {
        rollback();
        return Error(ErrorCode::NotFound, u"no user named \"%1\""_s.arg(name));
    }
    query.finish();
    if (Result<Done> committed = commit(); !committed)
        return committed;
    qCInfo(lcStorage).noquote() << "deleted a user and its keys";
    return Done{};
}

Result<Done> SqliteStorage::deleteTier(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open;
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    QSqlQuery query(m_db);
    const QString uses =
        u"SELECT (SELECT count(*) FROM users WHERE tier = ?), (SELECT count(*) FROM api_keys WHERE tier = ?),"
        "       (SELECT count(*) FROM tiers WHERE fallback_tier = ?)"_s;
    if (Result<Done> ran = execute(query, uses, {name, name, name}, u"checking tier %1"_s.arg(name)); !ran || !query.next()) {
        rollback();
        return ran ? failure(u"checking tier %1"_s.arg(name), query) : ran;
    }
    const qint64 users = query.value(0).toLongLong();
    const qint64 keys = query.value(1).toLongLong();
    const qint64 fallbacks = query.value(2).toLongLong();
    query.finish();
    if (users > 0 || keys > 0 || fallbacks > 0) {
        rollback();
        return Error(ErrorCode::InvalidArgument,
                     u"tier \"%1\" is in use by %2 users, %3 keys and %4 trial tiers; move them to another tier first"_s
                         .arg(name).arg(users).arg(keys).arg(fallbacks));
    }

    if (Result<Done> ran = execute(query, u"DELETE FROM tiers WHERE name = ?"_s, {name}, u"deleting tier %1"_s.arg(name)); !ran) {
        rollback();
        return ran;
    }
    if (query.numRowsAffected() == 0) {
        rollback();
        return Error(ErrorCode::NotFound, u"no tier named \"%1\""_s.arg(name));
    }
    query.finish();
    if (Result<Done> committed = commit(); !committed)
        return committed;
    qCInfo(lcStorage).noquote() << "deleted tier" << name;
    return Done{};
}

Result<QStringList> SqliteStorage::endTrials(const QDateTime &now)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    const QString due =
        u" FROM users u JOIN tiers t ON t.name = u.tier"
        " WHERE u.trial_ends_at IS NOT NULL AND u.trial_ends_at <= ? AND t.fallback_tier IS NOT NULL"_s;
    QSqlQuery query(m_db);
    if (Result<Done> ran = execute(query, u"SELECT u.name"_s % due, {timeValue(now)}, u"finding ended trials"_s); !ran) {
        rollback();
        return ran.error();
    }
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    query.finish();
    if (names.isEmpty()) {
        rollback();
        return names;
    }

    const QString statement =
        u"UPDATE users SET tier = (SELECT fallback_tier FROM tiers WHERE tiers.name = users.tier),"
        "  trial_ends_at = NULL"
        " WHERE id IN (SELECT u.id"_s % due % u")"_s;
    if (Result<Done> ran = execute(query, statement, {timeValue(now)}, u"ending trials"_s); !ran) {
        rollback();
        return ran.error();
    }
    query.finish();
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCInfo(lcStorage).noquote() << "trials ended for" << names.size() << "users";
    return names;
}

Result<QList<UsageTotals>> SqliteStorage::usageTotals(const UsageWindows &windows)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    // The day always lies inside the month, so one scan from the month start
    // covers both windows.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString totals =
        u"SELECT user_name, sum(started_at >= ?), sum(counted_generation),"
        "  sum(CASE WHEN started_at >= ? THEN coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0) ELSE 0 END),"
        "  sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0))"
        " FROM request_log WHERE counted_call = 1 AND user_name IS NOT NULL AND started_at >= ?"
        " GROUP BY user_name"_s;
    const QVariantList totalValues = {timeValue(windows.dayStart), timeValue(windows.dayStart),
                                      timeValue(windows.monthStart)};
    if (Result<Done> ran = execute(query, totals, totalValues, u"reading usage totals"_s); !ran)
        return ran.error();

    QList<UsageTotals> result;
    QHash<QString, qsizetype> indexByUser;
    while (query.next()) {
        UsageTotals usage;
        usage.userName = query.value(0).toString();
        usage.callsToday = query.value(1).toLongLong();
        usage.generationsThisMonth = query.value(2).toLongLong();
        usage.tokensToday = query.value(3).toLongLong();
        usage.tokensThisMonth = query.value(4).toLongLong();
        indexByUser.insert(usage.userName, result.size());
        result.append(usage);
    }
    query.finish();

    const QString brands =
        u"SELECT DISTINCT user_name, brand FROM request_log"
        " WHERE counted_call = 1 AND user_name IS NOT NULL AND brand IS NOT NULL AND started_at >= ?"_s;
    if (Result<Done> ran = execute(query, brands, {timeValue(windows.monthStart)}, u"reading brands"_s); !ran)
        return ran.error();
    while (query.next()) {
        const auto found = indexByUser.constFind(query.value(0).toString());
        if (found != indexByUser.cend())
            result[*found].brandsThisMonth.append(query.value(1).toString());
    }
    query.finish();

    const QString recent =
        u"SELECT user_name, started_at FROM request_log"
        " WHERE counted_call = 1 AND user_name IS NOT NULL AND started_at >= ? ORDER BY started_at"_s;
    if (Result<Done> ran = execute(query, recent, {timeValue(windows.minuteStart)}, u"reading recent calls"_s); !ran)
        return ran.error();
    while (query.next()) {
        const auto found = indexByUser.constFind(query.value(0).toString());
        if (found != indexByUser.cend())
            result[*found].recentCalls.append(timeFrom(query.value(1)));
    }
    return result;
}

Result<KeyRecord> SqliteStorage::findKey(const QString &keyId)
{
    QSqlQuery query(m_db);
    if (!query.prepare(keyColumns % u" WHERE k.id = ?"_s))
        return failure(u"looking up key %1"_s.arg(keyId), query);
    query.addBindValue(keyId);
    if (!query.exec())
        return failure(u"looking up key %1"_s.arg(keyId), query);
    if (!query.next())
        return Error(ErrorCode::NotFound, u"no key with id \"%1\""_s.arg(keyId));
    return keyFrom(query);
}

Result<KeyRecord> SqliteStorage::insertKey(const KeyRecord &key)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (key.id.isEmpty() || key.userId <= 0 || key.hash.size() != 32 || key.hint.isEmpty()
        || key.tier.isEmpty() || !key.createdAt.isValid()) {
        return Error(ErrorCode::InvalidArgument,
                     u"key %1 lacks an id, user, tier, SHA-256 hash, hint or creation time"_s.arg(key.id));
    }

    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    // Checked inside the write transaction, so no other connection can insert
    // the same id between the check and the insert.
    QSqlQuery query(m_db);
    if (!query.prepare(u"SELECT 1 FROM api_keys WHERE id = ? OR hash = ?"_s)) {
        const Error error = failure(u"checking key %1"_s.arg(key.id), query);
        rollback();
        return error;
    }
    query.addBindValue(key.id);
    query.addBindValue(key.hash);
    if (!query.exec()) {
        const Error error = failure(u"checking key %1"_s.arg(key.id), query);
        rollback();
        return error;
    }
    if (query.next()) {
        rollback();
        return Error(ErrorCode::AlreadyExists, u"a key with id %1 or the same hash exists"_s.arg(key.id));
    }
    query.finish();

    const bool prepared = query.prepare(
        u"INSERT INTO api_keys (id, user_id, tier, is_operator, hash, hint, label,"
        "                       created_at, expires_at, revoked_at, last_used_at, replaces_key_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!prepared) {
        const Error error = failure(u"inserting key %1"_s.arg(key.id), query);
        rollback();
        return error;
    }
    query.addBindValue(key.id);
    query.addBindValue(key.userId);
    query.addBindValue(key.tier);
    query.addBindValue(key.isOperator ? 1 : 0);
    query.addBindValue(key.hash);
    query.addBindValue(key.hint);
    query.addBindValue(textValue(key.label));
    query.addBindValue(timeValue(key.createdAt));
    query.addBindValue(timeValue(key.expiresAt));
    query.addBindValue(timeValue(key.revokedAt));
    query.addBindValue(timeValue(key.lastUsedAt));
    query.addBindValue(textValue(key.replacesKeyId));
    if (!query.exec()) {
        const Error error = failure(u"inserting key %1"_s.arg(key.id), query);
        rollback();
        return error;
    }
    query.finish();

    Result<KeyRecord> stored = findKey(key.id);
    if (!stored) {
        rollback();
        return stored;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCDebug(lcStorage).noquote() << "inserted key" << key.id << "for user" << key.userId;
    return stored;
}

Result<QList<KeyRecord>> SqliteStorage::keys()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(keyColumns % u" ORDER BY k.created_at, k.id"_s))
        return failure(u"listing keys"_s, query);

    QList<KeyRecord> result;
    while (query.next())
        result.append(keyFrom(query));
    return result;
}

Result<KeyRecord> SqliteStorage::revokeKey(const QString &keyId)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    // A key revoked twice keeps its first revocation time.
    QSqlQuery query(m_db);
    if (!query.prepare(u"UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s)) {
        const Error error = failure(u"revoking key %1"_s.arg(keyId), query);
        rollback();
        return error;
    }
    query.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
    query.addBindValue(keyId);
    if (!query.exec()) {
        const Error error = failure(u"revoking key %1"_s.arg(keyId), query);
        rollback();
        return error;
    }
    query.finish();

    Result<KeyRecord> revoked = findKey(keyId);
    if (!revoked) {
        rollback();
        return revoked;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCDebug(lcStorage).noquote() << "revoked key" << keyId;
    return revoked;
}

Result<qint64> SqliteStorage::keysRevision()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT revision FROM keys_revision WHERE id = 1"_s) || !query.next())
        return failure(u"reading the keys revision"_s, query);
    return query.value(0).toLongLong();
}

Result<KeyRecord> SqliteStorage::expireKey(const QString &keyId, const QDateTime &at)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    // An earlier expiry stays: rotating never extends a key's life.
    QSqlQuery query(m_db);
    if (!query.prepare(u"UPDATE api_keys SET expires_at = min(coalesce(expires_at, :at1), :at2) WHERE id = :id"_s)) {
        const Error error = failure(u"expiring key %1"_s.arg(keyId), query);
        rollback();
        return error;
    }
    query.bindValue(u":at1"_s, timeValue(at));
    query.bindValue(u":at2"_s, timeValue(at));
    query.bindValue(u":id"_s, keyId);
    if (!query.exec()) {
        const Error error = failure(u"expiring key %1"_s.arg(keyId), query);
        rollback();
        return error;
    }
    if (query.numRowsAffected() == 0) {
        rollback();
        return Error(ErrorCode::NotFound, u"no key with id %1"_s.arg(keyId));
    }
    query.finish();

    Result<KeyRecord> stored = findKey(keyId);
    if (!stored) {
        rollback();
        return stored;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    return stored;
}

Result<Done> SqliteStorage::touchKeys(const QList<KeyUse> &lastUsed)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open;
    if (lastUsed.isEmpty())
        return Done{};
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    // max() keeps the newest time when batches from two processes overlap.
    QSqlQuery query(m_db);
    // The address goes with the newest time only.
    if (!query.prepare(u"UPDATE api_keys SET"
                       "  last_used_address = CASE WHEN coalesce(last_used_at, 0) <= :at1 AND :address1 IS NOT NULL"
                       "                           THEN :address2 ELSE last_used_address END,"
                       "  last_used_at = max(coalesce(last_used_at, 0), :at2)"
                       " WHERE id = :id"_s)) {
        const Error error = failure(u"recording key use"_s, query);
        rollback();
        return error;
    }
    for (const KeyUse &use : lastUsed) {
        const QVariant address = use.address.isEmpty() ? QVariant() : QVariant(use.address);
        query.bindValue(u":at1"_s, timeValue(use.at));
        query.bindValue(u":address1"_s, address);
        query.bindValue(u":address2"_s, address);
        query.bindValue(u":at2"_s, timeValue(use.at));
        query.bindValue(u":id"_s, use.keyId);
        if (!query.exec()) {
            const Error error = failure(u"recording use of key %1"_s.arg(use.keyId), query);
            rollback();
            return error;
        }
    }
    query.finish();
    return commit();
}

Result<Done> SqliteStorage::appendRequestLog(QList<RequestLogEntry> &entries)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open;
    if (entries.isEmpty())
        return Done{};

    // The row and its rollups must agree on the time, so a row without one
    // gets it here rather than when it is bound.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (RequestLogEntry &entry : entries) {
        if (!entry.startedAt.isValid())
            entry.startedAt = now;
    }
    // Before anything changes the entries: topics are detected in the whole
    // prompt, whatever the retention policy keeps of it.
    UsageRollup rollup(&topicDetector());
    for (const RequestLogEntry &entry : std::as_const(entries))
        rollup.add(entry);

    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    // After the rollups (they detect languages in the full prompt) and before
    // the INSERT. The entries change in place, so the console's live log
    // never shows text the operator chose not to keep either.
    applyTextRetention(entries);

    QSqlQuery query(m_db);
    const bool prepared = query.prepare(
        u"INSERT INTO request_log (request_id, started_at, user_name, key_id, client_address,"
        "  user_agent, method, path, model, brand, context_language, context_framework,"
        "  prompt_text, response_text, status, outcome, error_message, prompt_tokens,"
        "  completion_tokens, request_bytes, response_bytes, latency_ms,"
        "  time_to_first_token_ms, upstream, counted_call, counted_generation, tier)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    if (!prepared) {
        const Error error = failure(u"preparing the request log insert"_s, query);
        rollback();
        return error;
    }

    QList<qint64> ids;
    ids.reserve(entries.size());
    for (const RequestLogEntry &entry : std::as_const(entries)) {
        bindRequestLogEntry(query, entry);
        if (!query.exec()) {
            const Error error = failure(u"writing request log row %1"_s.arg(entry.requestId), query);
            rollback();
            return error;
        }
        ids.append(query.lastInsertId().toLongLong());
    }
    query.finish();

    if (Result<Done> summed = rollup.write(statements()); !summed) {
        const Error error(ErrorCode::StorageFailed, u"%1 in %2"_s.arg(summed.error().message(), m_databasePath));
        rollback();
        return error;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed;

    // Ids are set only after the commit, so a failed write leaves them 0.
    for (qsizetype i = 0; i < entries.size(); ++i)
        entries[i].id = ids.at(i);
    return Done{};
}

Result<QList<RequestLogEntry>> SqliteStorage::recentRequestLog(int limit)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (limit <= 0)
        return Error(ErrorCode::InvalidArgument, u"request log limit %1 is not positive"_s.arg(limit));

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(requestLogColumns % u" ORDER BY id DESC LIMIT ?"_s))
        return failure(u"reading the request log"_s, query);
    query.addBindValue(limit);
    if (!query.exec())
        return failure(u"reading the request log"_s, query);

    QList<RequestLogEntry> result;
    while (query.next())
        result.append(requestLogEntryFrom(query));
    return result;
}

Result<qint64> SqliteStorage::requestLogCount()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT count(*) FROM request_log"_s) || !query.next())
        return failure(u"counting request log rows"_s, query);
    return query.value(0).toLongLong();
}

const TopicDetector &SqliteStorage::topicDetector()
{
    if (!m_topics)
        m_topics = TopicDetector::load(QFileInfo(m_databasePath).absolutePath());
    return *m_topics;
}

Result<RollupRebuild> SqliteStorage::rebuildRollups()
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    Result<RollupRebuild> rebuilt = rebuildRollupsInTransaction();
    if (!rebuilt) {
        rollback();
        return rebuilt;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCInfo(lcStorage).noquote() << "rebuilt usage rollups of" << m_databasePath << "from" << rebuilt.value().rows
                                << "request log rows";
    return rebuilt;
}

Result<RollupRebuild> SqliteStorage::rebuildRollupsInTransaction()
{
    // Rows read per query, and rows summed in memory before the rollups are
    // written, which bounds memory on a log of millions of rows.
    constexpr int readChunkRows = 5000;
    constexpr qint64 flushRows = 100000;

    RollupRebuild summary;
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT min(started_at), max(started_at) FROM request_log"_s) || !query.next())
        return failure(u"reading the request log range"_s, query);
    if (query.value(0).isNull())
        return summary;
    const qint64 oldestMs = query.value(0).toLongLong();
    summary.oldestRow = timeFrom(query.value(0));
    summary.newestRow = timeFrom(query.value(1));
    query.finish();

    // Each table is cleared from the period that contains the oldest row.
    // Earlier periods have no rows left to rebuild them from.
    // NOTE: when the retention purge cut into that period (anywhere but at a
    // UTC midnight), its rollups shrink to the rows that are left.
    struct Table
    {
        QString name;
        QString periodColumn;
        qint64 periodMs;
        qint64 *groups;
    };
    const QList<Table> tables{
        {u"usage_hourly"_s, u"hour"_s, UsageRollup::hourMs, &summary.hourlyGroups},
        {u"usage_daily"_s, u"day"_s, UsageRollup::dayMs, &summary.dailyGroups},
        {u"usage_minutely"_s, u"minute"_s, UsageRollup::minuteMs, &summary.minutelyGroups},
        {u"usage_topics_daily"_s, u"day"_s, UsageRollup::dayMs, &summary.topicGroups},
        {u"usage_addresses_daily"_s, u"day"_s, UsageRollup::dayMs, &summary.addressGroups},
        {u"usage_hourly_totals"_s, u"hour"_s, UsageRollup::hourMs, &summary.hourlyTotalsGroups},
        {u"usage_daily_totals"_s, u"day"_s, UsageRollup::dayMs, &summary.dailyTotalsGroups},
        {u"usage_hourly_users"_s, u"hour"_s, UsageRollup::hourMs, &summary.hourlyUsersGroups},
        {u"usage_daily_users"_s, u"day"_s, UsageRollup::dayMs, &summary.dailyUsersGroups},
        {u"usage_topics_daily_totals"_s, u"day"_s, UsageRollup::dayMs, &summary.topicTotalsGroups},
    };
    for (const Table &table : tables) {
        const qint64 from = UsageRollup::periodStart(oldestMs, table.periodMs);
        const QString statement = u"DELETE FROM "_s % table.name % u" WHERE "_s % table.periodColumn % u" >= ?"_s;
        if (Result<Done> cleared = execute(query, statement, {from}, u"clearing "_s + table.name); !cleared)
            return cleared.error();
    }

    UsageRollup rollup(&topicDetector());
    qint64 lastId = std::numeric_limits<qint64>::min();
    while (true) {
        QSqlQuery read(m_db);
        read.setForwardOnly(true);
        if (!read.prepare(requestLogColumns % u" WHERE id > ? ORDER BY id LIMIT ?"_s))
            return failure(u"reading the request log"_s, read);
        read.addBindValue(lastId);
        read.addBindValue(readChunkRows);
        if (!read.exec())
            return failure(u"reading the request log"_s, read);
        int chunkRows = 0;
        while (read.next()) {
            const RequestLogEntry entry = requestLogEntryFrom(read);
            rollup.add(entry);
            lastId = entry.id;
            ++chunkRows;
        }
        read.finish();
        summary.rows += chunkRows;

        const bool last = chunkRows < readChunkRows;
        if (last || rollup.rowCount() >= flushRows) {
            if (Result<Done> written = rollup.write(statements()); !written)
                return Error(ErrorCode::StorageFailed, u"%1 in %2"_s.arg(written.error().message(), m_databasePath));
            rollup.clear();
        }
        if (last)
            break;
    }

    for (const Table &table : tables) {
        const qint64 from = UsageRollup::periodStart(oldestMs, table.periodMs);
        const QString statement =
            u"SELECT count(*) FROM "_s % table.name % u" WHERE "_s % table.periodColumn % u" >= ?"_s;
        if (Result<Done> counted = execute(query, statement, {from}, u"counting "_s + table.name); !counted)
            return counted.error();
        if (!query.next())
            return failure(u"counting "_s + table.name, query);
        *table.groups = query.value(0).toLongLong();
        query.finish();
    }
    return summary;
}

Result<QString> SqliteStorage::setting(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    QSqlQuery query(m_db);
    if (Result<Done> ran = execute(query, u"SELECT value FROM settings WHERE name = ?"_s, {name},
                                   u"reading setting %1"_s.arg(name));
        !ran) {
        return ran.error();
    }
    if (!query.next())
        return QString();
    return query.value(0).toString();
}

Result<Done> SqliteStorage::saveSettings(const QList<std::pair<QString, QString>> &values)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open;
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    QSqlQuery query(m_db);
    const QString statement = u"INSERT INTO settings (name, value) VALUES (?, ?)"
                              " ON CONFLICT(name) DO UPDATE SET value = excluded.value"_s;
    for (const auto &[name, value] : values) {
        if (Result<Done> ran = execute(query, statement, {name, value}, u"writing setting %1"_s.arg(name)); !ran) {
            rollback();
            return ran;
        }
    }
    query.finish();
    return commit();
}

void SqliteStorage::applyTextRetention(QList<RequestLogEntry> &entries)
{
    if (!m_retentionAge.isValid() || m_retentionAge.hasExpired(retentionRefreshMs)) {
        m_retentionAge.start();
        const Result<RetentionPolicy> loaded = RetentionPolicy::load(*this);
        if (loaded) {
            m_retention = loaded.value();
            m_retentionError.clear();
        } else if (loaded.error().message() != m_retentionError) {
            m_retentionError = loaded.error().message();
            qCWarning(lcStorage).noquote() << "cannot read the retention settings:" << m_retentionError;
        }
        // A malformed stored value keeps no text at all: keeping text the
        // operator meant to drop is the worse mistake. A failed read keeps
        // the policy read before.
        if (!loaded && loaded.error().code() == ErrorCode::InvalidArgument)
            m_retention.textMode = RetentionPolicy::TextMode::None;
    }

    if (m_retention.textMode == RetentionPolicy::TextMode::Full)
        return;
    for (RequestLogEntry &entry : entries)
        m_retention.applyTo(entry);
}

Result<qint64> SqliteStorage::deleteChunk(const QString &table, const QString &column, const QDateTime &before,
                                          int maxRows)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (maxRows <= 0)
        return Error(ErrorCode::InvalidArgument, u"cannot delete %1 rows at a time from %2"_s.arg(maxRows).arg(table));
    if (!before.isValid())
        return Error(ErrorCode::InvalidArgument, u"no cut-off time given for deleting from %1"_s.arg(table));
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    // Oldest first through the index on column, so each chunk is a short
    // transaction and the request log writer waits at most that long.
    QSqlQuery query(m_db);
    const QString statement = u"DELETE FROM %1 WHERE rowid IN"
                              " (SELECT rowid FROM %1 WHERE %2 < ? ORDER BY %2 LIMIT ?)"_s.arg(table, column);
    if (Result<Done> ran = execute(query, statement, {timeValue(before), maxRows}, u"purging %1"_s.arg(table)); !ran) {
        rollback();
        return ran.error();
    }
    const qint64 deleted = query.numRowsAffected();
    query.finish();
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    return deleted;
}

Result<qint64> SqliteStorage::deleteRequestLogBefore(const QDateTime &before, int maxRows)
{
    return deleteChunk(u"request_log"_s, u"started_at"_s, before, maxRows);
}

Result<qint64> SqliteStorage::deleteMinutelyUsageBefore(const QDateTime &before, int maxRows)
{
    return deleteChunk(u"usage_minutely"_s, u"minute"_s, before, maxRows);
}

Result<QJsonArray> SqliteStorage::selectJson(const QString &statement, const QVariantList &values,
                                             const QString &action)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (Result<Done> ran = execute(query, statement, values, action); !ran)
        return ran.error();

    // Column names stay as in the schema; times are ms since the epoch, UTC.
    QJsonArray rows;
    while (query.next()) {
        const QSqlRecord record = query.record();
        QJsonObject row;
        for (int column = 0; column < record.count(); ++column) {
            const QVariant value = query.value(column);
            QJsonValue json;
            if (value.isNull())
                json = QJsonValue(QJsonValue::Null);
            else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
                json = double(value.toLongLong());
            else if (value.typeId() == QMetaType::Double)
                json = value.toDouble();
            else if (value.typeId() == QMetaType::QByteArray)
                json = QString::fromLatin1(value.toByteArray().toBase64());
            else
                json = value.toString();
            row.insert(record.fieldName(column), json);
        }
        rows.append(row);
    }
    return rows;
}

Result<QJsonObject> SqliteStorage::exportUserData(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();

    // One read transaction, so every table comes from the same snapshot
    // while the gateway keeps writing.
    QSqlQuery begin(m_db);
    if (!begin.exec(u"BEGIN"_s))
        return failure(u"starting a read transaction"_s, begin);

    const auto finish = [this](Result<QJsonObject> result) {
        rollback();
        return result;
    };

    Result<QJsonArray> user = selectJson(u"SELECT * FROM users WHERE name = ?"_s, {name}, u"reading user %1"_s.arg(name));
    if (!user)
        return finish(user.error());
    if (user.value().isEmpty())
        return finish(Error(ErrorCode::NotFound, u"no user named \"%1\""_s.arg(name)));
    const QJsonObject userRow = user.value().first().toObject();
    const qint64 userId = qint64(userRow.value(u"id"_s).toDouble());

    // Key hashes and claim nonces stay out: they are credentials, not data
    // about the user.
    const QString claimsOfUser =
        u"SELECT c.id, c.event_id, e.name AS event_name, c.key_id, c.email, c.client_address, c.claimed_at"
        " FROM claims c LEFT JOIN events e ON e.id = c.event_id"
        " WHERE c.user_id = ? OR c.key_id IN (SELECT id FROM api_keys WHERE user_id = ?) ORDER BY c.claimed_at, c.id"_s;
    const QList<std::tuple<QString, QString, QVariantList>> sections = {
        {u"tier"_s, u"SELECT * FROM tiers WHERE name = ?"_s, {userRow.value(u"tier"_s).toString()}},
        {u"keys"_s,
         u"SELECT id, tier, is_operator, hint, label, created_at, expires_at, revoked_at, last_used_at,"
         " last_used_address, replaces_key_id FROM api_keys WHERE user_id = ? ORDER BY created_at, id"_s,
         {userId}},
        {u"requestLog"_s, u"SELECT * FROM request_log WHERE user_name = ? ORDER BY id"_s, {name}},
        {u"usageHourly"_s, u"SELECT * FROM usage_hourly WHERE user_name = ? ORDER BY hour, key_id, model, tier"_s, {name}},
        {u"usageDaily"_s, u"SELECT * FROM usage_daily WHERE user_name = ? ORDER BY day, key_id, model, tier"_s, {name}},
        {u"usageMinutely"_s, u"SELECT * FROM usage_minutely WHERE user_name = ? ORDER BY minute"_s, {name}},
        {u"topics"_s, u"SELECT * FROM usage_topics_daily WHERE user_name = ? ORDER BY day, kind, name, source"_s, {name}},
        {u"addresses"_s, u"SELECT * FROM usage_addresses_daily WHERE user_name = ? ORDER BY day, client_address"_s, {name}},
        {u"claims"_s, claimsOfUser, {userId, userId}},
    };

    QJsonObject exported{
        {u"format"_s, u"soulfra-gateway user data"_s},
        {u"version"_s, 1},
        {u"exportedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"user"_s, userRow},
    };
    for (const auto &[key, statement, values] : sections) {
        Result<QJsonArray> rows = selectJson(statement, values, u"exporting %1 of user %2"_s.arg(key, name));
        if (!rows)
            return finish(rows.error());
        if (key == u"tier"_s)
            exported.insert(key, rows.value().isEmpty() ? QJsonValue(QJsonValue::Null) : rows.value().first());
        else
            exported.insert(key, rows.value());
    }
    return finish(exported);
}

Result<Done> SqliteStorage::subtractUserFromTotals(QSqlQuery &query, const QString &name)
{
    const QStringList measures = rollupMeasureNames();
    QStringList sums;
    QStringList updates;
    for (const QString &measure : measures) {
        sums.append(u"SUM("_s % measure % u") AS "_s % measure);
        updates.append(measure % u" = t."_s % measure % u" - s."_s % measure);
    }

    const QList<std::pair<QString, QString>> tables{{u"usage_hourly_totals"_s, u"hour"_s},
                                                   {u"usage_daily_totals"_s, u"day"_s}};
    for (const auto &[table, period] : tables) {
        const QString detailed = period == u"hour"_s ? u"usage_hourly"_s : u"usage_daily"_s;
        const QString statement = u"UPDATE "_s % table % u" AS t SET "_s % updates.join(u", "_s) % u" FROM (SELECT "_s
            % period % u", model, tier, "_s % sums.join(u", "_s) % u" FROM "_s % detailed
            % u" WHERE user_name = ? GROUP BY "_s % period % u", model, tier) AS s WHERE t."_s % period % u" = s."_s
            % period % u" AND t.model = s.model AND t.tier = s.tier"_s;
        if (Result<Done> ran = execute(query, statement, {name}, u"subtracting user %1 from %2"_s.arg(name, table)); !ran)
            return ran;
        query.finish();
    }

    const QString topics =
        u"UPDATE usage_topics_daily_totals AS t SET requests = t.requests - s.requests FROM (SELECT day, kind, name,"
        " source, SUM(requests) AS requests FROM usage_topics_daily WHERE user_name = ? GROUP BY day, kind, name,"
        " source) AS s WHERE t.day = s.day AND t.kind = s.kind AND t.name = s.name AND t.source = s.source"_s;
    if (Result<Done> ran = execute(query, topics, {name}, u"subtracting user %1 from topic totals"_s.arg(name)); !ran)
        return ran;
    query.finish();
    return Done{};
}

Result<QMap<QString, qint64>> SqliteStorage::deleteUserData(const QString &name)
{
    if (Result<Done> open = ensureOpen(); !open)
        return open.error();
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    QSqlQuery query(m_db);
    if (Result<Done> ran = execute(query, u"SELECT id FROM users WHERE name = ?"_s, {name}, u"looking up user %1"_s.arg(name)); !ran) {
        rollback();
        return ran.error();
    }
    if (!query.next()) {
        rollback();
        return Error(ErrorCode::NotFound, u"no user named \"%1\""_s.arg(name));
    }
    const qint64 userId = query.value(0).toLongLong();
    query.finish();

    // The totals tables have no user column, so the user's share is taken
    // out of them while its detailed rows still tell what that share is.
    if (Result<Done> subtracted = subtractUserFromTotals(query, name); !subtracted) {
        rollback();
        return subtracted.error();
    }

    // Claims first: they refer to the keys, which go with the user. Rollup
    // rows are matched by user name only, so no other user's rows change.
    // Totals rows are deleted only when no request of another user is left in them.
    const QList<std::tuple<QString, QString, QVariantList>> steps = {
        {u"claims"_s,
         u"DELETE FROM claims WHERE user_id = ? OR key_id IN (SELECT id FROM api_keys WHERE user_id = ?)"_s,
         {userId, userId}},
        {u"request_log"_s, u"DELETE FROM request_log WHERE user_name = ?"_s, {name}},
        {u"usage_hourly"_s, u"DELETE FROM usage_hourly WHERE user_name = ?"_s, {name}},
        {u"usage_daily"_s, u"DELETE FROM usage_daily WHERE user_name = ?"_s, {name}},
        {u"usage_hourly_users"_s, u"DELETE FROM usage_hourly_users WHERE user_name = ?"_s, {name}},
        {u"usage_daily_users"_s, u"DELETE FROM usage_daily_users WHERE user_name = ?"_s, {name}},
        {u"usage_hourly_totals"_s, u"DELETE FROM usage_hourly_totals WHERE requests = 0"_s, {}},
        {u"usage_daily_totals"_s, u"DELETE FROM usage_daily_totals WHERE requests = 0"_s, {}},
        {u"usage_topics_daily_totals"_s, u"DELETE FROM usage_topics_daily_totals WHERE requests = 0"_s, {}},
        {u"usage_minutely"_s, u"DELETE FROM usage_minutely WHERE user_name = ?"_s, {name}},
        {u"usage_topics_daily"_s, u"DELETE FROM usage_topics_daily WHERE user_name = ?"_s, {name}},
        {u"usage_addresses_daily"_s, u"DELETE FROM usage_addresses_daily WHERE user_name = ?"_s, {name}},
        {u"api_keys"_s, u"DELETE FROM api_keys WHERE user_id = ?"_s, {userId}},
        {u"users"_s, u"DELETE FROM users WHERE id = ?"_s, {userId}},
    };
    QMap<QString, qint64> deleted;
    for (const auto &[table, statement, values] : steps) {
        if (Result<Done> ran = execute(query, statement, values, u"deleting %1 of user %2"_s.arg(table, name)); !ran) {
            rollback();
            return ran.error();
        }
        deleted.insert(table, query.numRowsAffected());
        query.finish();
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();

    qint64 total = 0;
    for (const qint64 rows : std::as_const(deleted))
        total += rows;
    qCInfo(lcStorage).noquote() << "deleted a user with all its data," << total << "rows";
    return deleted;
}

} // namespace Gateway
