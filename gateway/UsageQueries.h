// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "StorageConfig.h"
#include "UsageRow.h"

#include <QSqlDatabase>

#include <array>
#include <optional>

namespace Gateway {

class GeoIpDatabase;

// Requests per weekday and hour of day, in the filter's zone.
struct PeakHours
{
    // [weekday 0 = Monday .. 6 = Sunday][hour 0..23]
    std::array<std::array<qint64, 24>, 7> requests{};
};

// A language or framework seen in traffic.
struct TopicUsage
{
    QString kind;        // "language" or "framework"
    QString name;        // e.g. "python", "react"
    qint64 fromContext = 0;  // requests whose client named it in context
    qint64 detected = 0;     // requests where the prompt's keywords named it
    qint64 requests() const { return fromContext + detected; }
};

// Requests per country, from client addresses and a .mmdb database.
struct CountryUsage
{
    QString isoCode;     // "DE"; empty for addresses the database does not know
    QString name;        // "Germany" in English, or empty
    qint64 requests = 0;
    qint64 users = 0;    // distinct users seen from that country
};

// One limit of a user's tier against what the user used in its window.
struct LimitUsage
{
    QString limit;       // "calls_per_day", "generations_per_month", "tokens_per_day", ...
    qint64 used = 0;
    std::optional<qint64> allowed; // empty: unlimited
    QDateTime windowStart;         // UTC
};

// A free user close to a limit often enough to be offered a paid tier.
struct UpsellCandidate
{
    QString userName;
    QString tier;
    int daysNearLimit = 0;   // of the last 7, days with >= 80 % of a limit
    QStringList limits;      // limits that were reached, as in LimitUsage::limit
    double highestShare = 0; // highest used/allowed seen in those days
};

// A user whose weekly use fell by half or more.
struct ChurnRisk
{
    QString userName;
    QString tier;
    qint64 previousWeek = 0; // requests in the 7 days before the last 7
    qint64 lastWeek = 0;     // requests in the last 7 days
    double drop() const { return previousWeek > 0 ? 1.0 - double(lastWeek) / double(previousWeek) : 0.0; }
};

// Read-only queries over the usage rollups (schema version 6) for the
// dashboard, the insights and `soulfra-gateway usage`. None scans the raw
// request log. Uses its own connection, on the thread that called open().
class UsageQueries final
{
    Q_DISABLE_COPY_MOVE(UsageQueries)

public:
    explicit UsageQueries(StorageConfig config, QString connectionName);
    ~UsageQueries();

    // Opens the database; fails when it does not exist or has a schema older
    // than version 6 (a gateway started once migrates it).
    Result<Done> open();

    // One row per period with traffic (and per split value), oldest first.
    Result<QList<UsageRow>> series(const UsageFilter &filter, UsageSplits split = UsageSplit::None);
    // Sums over the whole filter range, one row per split value, most
    // requests first; limit <= 0 returns all.
    Result<QList<UsageRow>> totals(const UsageFilter &filter, UsageSplits split, int limit = 0);

    // Per minute of the `minutes` minutes before now, every minute present
    // (zero rows for minutes without traffic), oldest first.
    Result<QList<UsageRow>> liveMinutes(const QDateTime &now, int minutes = 60);
    // Distinct users with a request in the `minutes` minutes before now.
    Result<qint64> activeUsers(const QDateTime &now, int minutes = 5);

    Result<PeakHours> peakHours(const UsageFilter &filter);
    Result<QList<TopicUsage>> topics(const UsageFilter &filter);
    Result<QList<CountryUsage>> countries(const UsageFilter &filter, const GeoIpDatabase &geoIp);

    // Each limit of the user's effective tier against use in its current
    // window (days and months in zone).
    Result<QList<LimitUsage>> limitUsage(const QString &userName, const QDateTime &now, const QTimeZone &zone);
    // Users of tier (normally "free") with >= 80 % of a daily or monthly
    // limit on at least 3 of the 7 days before now.
    Result<QList<UpsellCandidate>> upsellCandidates(const QDateTime &now, const QTimeZone &zone,
                                                    const QString &tier = QStringLiteral("free"));
    // Users whose requests in the last 7 days are at most half of those in
    // the 7 days before, among users with at least minPreviousRequests then.
    Result<QList<ChurnRisk>> churnRisks(const QDateTime &now, qint64 minPreviousRequests = 10);

private:
    StorageConfig m_config;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace Gateway
