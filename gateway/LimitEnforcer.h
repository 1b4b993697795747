// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ModelName.h"
#include "TierRecord.h"
#include "UsageTotals.h"
#include "UserRecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <optional>

namespace Gateway {

// Limits of one user: the tier's values with the user's overrides applied
// and an ended trial replaced by its fallback tier. An empty optional is
// unlimited.
struct EffectiveLimits
{
    QString tier;
    std::optional<qint64> callsPerDay;
    std::optional<qint64> generationsPerMonth;
    std::optional<qint64> brandsPerMonth;
    std::optional<qint64> requestsPerMinute;
    std::optional<qint64> tokensPerDay;
    std::optional<qint64> tokensPerMonth;
    std::optional<qint64> concurrentStreams;
    QStringList modelPatterns;
    int queuePriority = 0;
    bool suspended = false;
};

// One user's use of the current windows, for the console and the CLI.
struct UsageSnapshot
{
    EffectiveLimits limits;
    qint64 callsToday = 0;
    qint64 generationsThisMonth = 0;
    qint64 brandsThisMonth = 0;
    qint64 requestsLastMinute = 0;
    qint64 tokensToday = 0;
    qint64 tokensThisMonth = 0;
    qint64 openStreams = 0;
};

// Enforces every per-user limit of the gateway in memory, exactly: one mutex
// serialises the check and the count of each admission, so N remaining calls
// admit exactly N of any number of concurrent requests. Shared by all worker
// threads; every method is thread-safe.
//
// Counting rules:
// - a call counts when it is admitted; refund() takes back one that the
//   gateway rejected later (a full queue);
// - a generation is reserved at admission and counts when complete() reports it
//   completed, so reservations and completions together never pass the limit;
// - tokens count at complete(). A request is admitted while the tokens used
//   are below the limit, so requests admitted together may end above it by
//   their own tokens: the limit stops the next request, not a running one;
// - day and month windows start at midnight in the configured time zone.
//
// NOTE: the counters live in this process. Several gateways on one database
// would each admit up to the full limits, and a restarted gateway rebuilds
// only what its request log rows record.
class LimitEnforcer final
{
public:
    enum class Verdict { Admitted, Suspended, ModelDenied, BrandDenied, LimitReached };

    struct Request
    {
        QString userName;
        QString keyTier;         // used when the user is not in the directory yet
        bool generation = false; // counts against generations when it completes
        bool streaming = false;  // occupies one of the concurrent streams until complete()
        std::optional<ModelName> model;
        QString brand;
    };

    // The limit with the fewest requests left after this one, for the
    // X-RateLimit-* headers.
    struct Headroom
    {
        bool known = false; // false when no limit applies
        qint64 limit = 0;
        qint64 remaining = 0;
        QDateTime resetsAt;
    };

    // The counts of one admission, passed back to complete() or refund().
    struct Ticket
    {
        bool valid = false;
        QString userName;
        bool generation = false;
        bool streaming = false;
        QString brandKey;      // lower-case brand, empty when none was sent
        QDateTime admittedAt;
        QDateTime dayStart;
    };

    struct Decision
    {
        Verdict verdict = Verdict::Admitted;
        QString message;    // for every verdict but Admitted
        QString limitName;  // e.g. "calls per day", for LimitReached
        QDateTime resetsAt; // when the reached limit allows the next request
        Headroom headroom;
        Ticket ticket;      // valid when admitted
        int queuePriority = 0;
    };

    using Clock = std::function<QDateTime()>;

    // clock returns the current time (UTC); empty uses the system clock.
    explicit LimitEnforcer(Clock clock = {}, const QTimeZone &zone = QTimeZone::utc());
    Q_DISABLE_COPY_MOVE(LimitEnforcer)

    QDateTime now() const;
    UsageWindows windowsAt(const QDateTime &time) const;

    // Replaces the tiers and users that limits are taken from.
    void setDirectory(const QList<TierRecord> &tiers, const QList<UserRecord> &users);
    // Replaces the counters with totals read from storage for windows.
    // Totals of windows that are no longer current are ignored.
    void loadUsage(const QList<UsageTotals> &totals, const UsageWindows &windows);

    Decision admit(const Request &request);
    // Releases what admit() held and counts the outcome.
    void complete(const Ticket &ticket, bool generationCompleted, qint64 tokens);
    // Takes back everything admit() counted for a request rejected later.
    void refund(const Ticket &ticket);

    EffectiveLimits limitsFor(const QString &userName, const QString &keyTier) const;
    UsageSnapshot usageOf(const QString &userName) const;

    // True when name matches one of patterns. A pattern is an Ollama model
    // name that may contain `*` wildcards; a pattern without a tag means tag
    // latest, and `*` alone matches every model.
    static bool modelAllowed(const QStringList &patterns, const ModelName &name);

private:
    struct UserUsage
    {
        QDateTime dayStart;
        QDateTime monthStart;
        qint64 callsToday = 0;
        qint64 tokensToday = 0;
        qint64 generationsThisMonth = 0;
        qint64 tokensThisMonth = 0;
        qint64 pendingGenerations = 0;
        qint64 openStreams = 0;
        QHash<QString, qint64> brandCalls; // lower-case brand -> admitted calls this month
        QList<QDateTime> recentCalls;      // admission times within the last minute, oldest first
    };

    EffectiveLimits resolveLocked(const QString &userName, const QString &keyTier, const QDateTime &time) const;
    UserUsage &usageLocked(const QString &userName, const QDateTime &time);
    void rollLocked(UserUsage &usage, const QDateTime &time) const;
    Decision rejectIfOverLocked(const EffectiveLimits &limits, const UserUsage &usage, const Request &request,
                                const QDateTime &time, const UsageWindows &windows) const;
    Headroom headroomLocked(const EffectiveLimits &limits, const UserUsage &usage, const Request &request,
                            const QDateTime &time, const UsageWindows &windows) const;

    Clock m_clock;
    QTimeZone m_zone;
    mutable QMutex m_mutex;
    QHash<QString, TierRecord> m_tiers;
    QHash<QString, UserRecord> m_users;
    QHash<QString, UserUsage> m_usage;
};

} // namespace Gateway
