// SPDX-License-Identifier: GPL-3.0-or-later
#include "LimitEnforcer.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcLimits, "soulfra.gateway.limitenforcer")

constexpr qint64 minuteSeconds = 60;

// A user override replaces the tier's value; unlimitedOverride lifts it.
std::optional<qint64> overridden(const std::optional<qint64> &tierValue, const std::optional<qint64> &userValue)
{
    if (!userValue)
        return tierValue;
    if (*userValue == UserRecord::unlimitedOverride)
        return std::nullopt;
    return userValue;
}

QString isoTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString limitReachedMessage(const QString &limitName, qint64 limit, const QDateTime &resetsAt)
{
    return u"%1 limit of %2 reached; it resets at %3"_s.arg(limitName).arg(limit).arg(isoTime(resetsAt));
}

// Matches a wildcard pattern against the spellings of a model name that an
// operator may write: `llama3.2:3b`, `library/llama3.2:3b` and the full name.
bool wildcardMatches(const QString &pattern, const ModelName &name)
{
    const QRegularExpression expression(
        QRegularExpression::anchoredPattern(QRegularExpression::escape(pattern).replace(u"\\*"_s, u".*"_s)));
    const QString namespaced = name.namespaceName() % u'/' % name.model() % u':' % name.tag();
    return expression.match(name.display()).hasMatch() || expression.match(namespaced).hasMatch()
        || expression.match(name.canonical()).hasMatch();
}

} // namespace

LimitEnforcer::LimitEnforcer(Clock clock, const QTimeZone &zone)
    : m_clock(std::move(clock))
    , m_zone(zone.isValid() ? zone : QTimeZone::utc())
{
}

QDateTime LimitEnforcer::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

UsageWindows LimitEnforcer::windowsAt(const QDateTime &time) const
{
    const QDate localDate = time.toTimeZone(m_zone).date();

    UsageWindows windows;
    windows.dayStart = QDateTime(localDate, QTime(0, 0), m_zone).toUTC();
    windows.monthStart = QDateTime(QDate(localDate.year(), localDate.month(), 1), QTime(0, 0), m_zone).toUTC();
    windows.minuteStart = time.addSecs(-minuteSeconds);
    return windows;
}

void LimitEnforcer::setDirectory(const QList<TierRecord> &tiers, const QList<UserRecord> &users)
{
    QHash<QString, TierRecord> tiersByName;
    for (const TierRecord &tier : tiers)
        tiersByName.insert(tier.name, tier);
    QHash<QString, UserRecord> usersByName;
    for (const UserRecord &user : users)
        usersByName.insert(user.name, user);

    const QMutexLocker locker(&m_mutex);
    m_tiers = std::move(tiersByName);
    m_users = std::move(usersByName);
}

void LimitEnforcer::loadUsage(const QList<UsageTotals> &totals, const UsageWindows &windows)
{
    const QMutexLocker locker(&m_mutex);
    const UsageWindows current = windowsAt(now());

    m_usage.clear();
    for (const UsageTotals &total : totals) {
        UserUsage &usage = m_usage[total.userName];
        usage.dayStart = current.dayStart;
        usage.monthStart = current.monthStart;
        if (windows.monthStart != current.monthStart)
            continue;

        usage.generationsThisMonth = total.generationsThisMonth;
        usage.tokensThisMonth = total.tokensThisMonth;
        for (const QString &brand : total.brandsThisMonth)
            usage.brandCalls[brand.toLower()] += 1;
        if (windows.dayStart == current.dayStart) {
            usage.callsToday = total.callsToday;
            usage.tokensToday = total.tokensToday;
        }
        usage.recentCalls = total.recentCalls;
    }
    qCInfo(lcLimits) << "usage loaded for" << totals.size() << "users";
}

EffectiveLimits LimitEnforcer::limitsFor(const QString &userName, const QString &keyTier) const
{
    const QMutexLocker locker(&m_mutex);
    return resolveLocked(userName, keyTier, now());
}

EffectiveLimits LimitEnforcer::resolveLocked(const QString &userName, const QString &keyTier,
                                             const QDateTime &time) const
{
    const auto user = m_users.constFind(userName);
    QString tierName = user != m_users.cend() ? user->tier : keyTier;

    // A trial ends by the clock, not when storage catches up, so it ends on
    // time even between two reloads of the directory.
    const auto tier = m_tiers.constFind(tierName);
    if (user != m_users.cend() && user->trialEndsAt.isValid() && time >= user->trialEndsAt && tier != m_tiers.cend()
        && !tier->fallbackTier.isEmpty()) {
        tierName = tier->fallbackTier;
    }

    EffectiveLimits limits;
    limits.tier = tierName;
    const auto effectiveTier = m_tiers.constFind(tierName);
    if (effectiveTier == m_tiers.cend()) {
        // NOTE: a key whose user and tier are both unknown (the directory is
        // older than the key) gets no limits until the next reload, at most
        // a second later.
        limits.modelPatterns = {u"*"_s};
    } else {
        limits.callsPerDay = effectiveTier->callsPerDay;
        limits.generationsPerMonth = effectiveTier->generationsPerMonth;
        limits.brandsPerMonth = effectiveTier->brandsPerMonth;
        limits.requestsPerMinute = effectiveTier->requestsPerMinute;
        limits.tokensPerDay = effectiveTier->tokensPerDay;
        limits.tokensPerMonth = effectiveTier->tokensPerMonth;
        limits.concurrentStreams = effectiveTier->concurrentStreams;
        limits.modelPatterns = effectiveTier->modelPatterns;
        limits.queuePriority = effectiveTier->queuePriority;
    }

    if (user == m_users.cend())
        return limits;

    limits.callsPerDay = overridden(limits.callsPerDay, user->callsPerDay);
    limits.generationsPerMonth = overridden(limits.generationsPerMonth, user->generationsPerMonth);
    limits.brandsPerMonth = overridden(limits.brandsPerMonth, user->brandsPerMonth);
    limits.requestsPerMinute = overridden(limits.requestsPerMinute, user->requestsPerMinute);
    limits.tokensPerDay = overridden(limits.tokensPerDay, user->tokensPerDay);
    limits.tokensPerMonth = overridden(limits.tokensPerMonth, user->tokensPerMonth);
    limits.concurrentStreams = overridden(limits.concurrentStreams, user->concurrentStreams);
    if (!user->modelPatterns.isEmpty())
        limits.modelPatterns = user->modelPatterns;
    limits.suspended = user->status == u"suspended"_s;
    return limits;
}

void LimitEnforcer::rollLocked(UserUsage &usage, const QDateTime &time) const
{
    const UsageWindows windows = windowsAt(time);
    if (usage.dayStart != windows.dayStart) {
        usage.dayStart = windows.dayStart;
        usage.callsToday = 0;
        usage.tokensToday = 0;
    }
    if (usage.monthStart != windows.monthStart) {
        usage.monthStart = windows.monthStart;
        usage.generationsThisMonth = 0;
        usage.tokensThisMonth = 0;
        usage.brandCalls.clear();
    }
    while (!usage.recentCalls.isEmpty() && usage.recentCalls.first() <= windows.minuteStart)
        usage.recentCalls.removeFirst();
}

LimitEnforcer::UserUsage &LimitEnforcer::usageLocked(const QString &userName, const QDateTime &time)
{
    UserUsage &usage = m_usage[userName];
    rollLocked(usage, time);
    return usage;
}

LimitEnforcer::Decision LimitEnforcer::admit(const Request &request)
{
    const QMutexLocker locker(&m_mutex);
    const QDateTime time = now();
    const UsageWindows windows = windowsAt(time);
    const EffectiveLimits limits = resolveLocked(request.userName, request.keyTier, time);
    UserUsage &usage = usageLocked(request.userName, time);

    Decision decision = rejectIfOverLocked(limits, usage, request, time, windows);
    decision.queuePriority = limits.queuePriority;
    if (decision.verdict != Verdict::Admitted)
        return decision;

    // Everything is counted under the same lock that checked it.
    usage.callsToday += 1;
    usage.recentCalls.append(time);
    if (request.generation)
        usage.pendingGenerations += 1;
    if (request.streaming)
        usage.openStreams += 1;
    const QString brandKey = request.brand.trimmed().toLower();
    if (!brandKey.isEmpty())
        usage.brandCalls[brandKey] += 1;

    decision.ticket.valid = true;
    decision.ticket.userName = request.userName;
    decision.ticket.generation = request.generation;
    decision.ticket.streaming = request.streaming;
    decision.ticket.brandKey = brandKey;
    decision.ticket.admittedAt = time;
    decision.ticket.dayStart = windows.dayStart;
    decision.headroom = headroomLocked(limits, usage, request, time, windows);
    return decision;
}

LimitEnforcer::Decision LimitEnforcer::rejectIfOverLocked(const EffectiveLimits &limits, const UserUsage &usage,
                                                          const Request &request, const QDateTime &time,
                                                          const UsageWindows &windows) const
{
    Decision decision;
    if (limits.suspended) {
        decision.verdict = Verdict::Suspended;
        decision.message = u"the account of user %1 is suspended"_s.arg(request.userName);
        return decision;
    }

    if (request.model && !modelAllowed(limits.modelPatterns, *request.model)) {
        decision.verdict = Verdict::ModelDenied;
        decision.message = u"model '%1' is not allowed for tier %2"_s.arg(request.model->display(), limits.tier);
        return decision;
    }

    const QDateTime nextDay = windowsAt(windows.dayStart.addSecs(36 * 3600)).dayStart;
    const QDateTime nextMonth = windowsAt(windows.monthStart.addDays(40)).monthStart;

    const auto reached = [&decision](const QString &name, qint64 limit, const QDateTime &resetsAt) {
        decision.verdict = Verdict::LimitReached;
        decision.limitName = name;
        decision.resetsAt = resetsAt;
        decision.message = limitReachedMessage(name, limit, resetsAt);
        decision.headroom = {true, limit, 0, resetsAt};
        return decision;
    };

    if (limits.requestsPerMinute && qint64(usage.recentCalls.size()) >= *limits.requestsPerMinute) {
        const QDateTime resetsAt = usage.recentCalls.isEmpty() ? time.addSecs(minuteSeconds)
                                                               : usage.recentCalls.first().addSecs(minuteSeconds);
        return reached(u"requests per minute"_s, *limits.requestsPerMinute, resetsAt);
    }
    if (limits.callsPerDay && usage.callsToday >= *limits.callsPerDay)
        return reached(u"calls per day"_s, *limits.callsPerDay, nextDay);
    if (request.generation && limits.generationsPerMonth
        && usage.generationsThisMonth + usage.pendingGenerations >= *limits.generationsPerMonth) {
        return reached(u"generations per month"_s, *limits.generationsPerMonth, nextMonth);
    }
    if (limits.tokensPerDay && usage.tokensToday >= *limits.tokensPerDay)
        return reached(u"tokens per day"_s, *limits.tokensPerDay, nextDay);
    if (limits.tokensPerMonth && usage.tokensThisMonth >= *limits.tokensPerMonth)
        return reached(u"tokens per month"_s, *limits.tokensPerMonth, nextMonth);
    if (request.streaming && limits.concurrentStreams && usage.openStreams >= *limits.concurrentStreams) {
        // When a stream ends is unknown, so one second is only a retry hint.
        Decision full = reached(u"concurrent streams"_s, *limits.concurrentStreams, time.addSecs(1));
        full.message = u"concurrent streams limit of %1 reached; retry when one of your streams ends"_s
                           .arg(*limits.concurrentStreams);
        return full;
    }

    const QString brandKey = request.brand.trimmed().toLower();
    if (!brandKey.isEmpty() && limits.brandsPerMonth && !usage.brandCalls.contains(brandKey)
        && qint64(usage.brandCalls.size()) >= *limits.brandsPerMonth) {
        decision.verdict = Verdict::BrandDenied;
        decision.message = u"brand '%1' would exceed the limit of %2 brands per month of tier %3; "
                           "the limit resets at %4"_s.arg(request.brand.trimmed().left(100))
                               .arg(*limits.brandsPerMonth)
                               .arg(limits.tier, isoTime(nextMonth));
        return decision;
    }
    return decision;
}

LimitEnforcer::Headroom LimitEnforcer::headroomLocked(const EffectiveLimits &limits, const UserUsage &usage,
                                                      const Request &request, const QDateTime &time,
                                                      const UsageWindows &windows) const
{
    const QDateTime nextDay = windowsAt(windows.dayStart.addSecs(36 * 3600)).dayStart;
    const QDateTime nextMonth = windowsAt(windows.monthStart.addDays(40)).monthStart;

    Headroom tightest;
    const auto consider = [&tightest](const std::optional<qint64> &limit, qint64 used, const QDateTime &resetsAt) {
        if (!limit)
            return;
        const qint64 remaining = qMax<qint64>(0, *limit - used);
        const bool tighter = !tightest.known || remaining < tightest.remaining
            || (remaining == tightest.remaining && *limit < tightest.limit);
        if (tighter)
            tightest = {true, *limit, remaining, resetsAt};
    };

    const QDateTime minuteReset = usage.recentCalls.isEmpty() ? time.addSecs(minuteSeconds)
                                                              : usage.recentCalls.first().addSecs(minuteSeconds);
    consider(limits.requestsPerMinute, usage.recentCalls.size(), minuteReset);
    consider(limits.callsPerDay, usage.callsToday, nextDay);
    if (request.generation)
        consider(limits.generationsPerMonth, usage.generationsThisMonth + usage.pendingGenerations, nextMonth);
    consider(limits.tokensPerDay, usage.tokensToday, nextDay);
    consider(limits.tokensPerMonth, usage.tokensThisMonth, nextMonth);
    return tightest;
}

void LimitEnforcer::complete(const Ticket &ticket, bool generationCompleted, qint64 tokens)
{
    if (!ticket.valid)
        return;

    const QMutexLocker locker(&m_mutex);
    UserUsage &usage = usageLocked(ticket.userName, now());
    if (ticket.streaming)
        usage.openStreams = qMax<qint64>(0, usage.openStreams - 1);
    if (ticket.generation)
        usage.pendingGenerations = qMax<qint64>(0, usage.pendingGenerations - 1);

    // NOTE: a generation admitted before midnight that completes after it
    // counts in the new window here, but in the window of its start when the
    // counters are rebuilt from the request log after a restart.
    if (generationCompleted)
        usage.generationsThisMonth += 1;
    if (tokens > 0) {
        usage.tokensToday += tokens;
        usage.tokensThisMonth += tokens;
    }
}

void LimitEnforcer::refund(const Ticket &ticket)
{
    if (!ticket.valid)
        return;

    const QMutexLocker locker(&m_mutex);
    UserUsage &usage = usageLocked(ticket.userName, now());
    if (ticket.streaming)
        usage.openStreams = qMax<qint64>(0, usage.openStreams - 1);
    if (ticket.generation)
        usage.pendingGenerations = qMax<qint64>(0, usage.pendingGenerations - 1);
    if (ticket.dayStart == usage.dayStart)
        usage.callsToday = qMax<qint64>(0, usage.callsToday - 1);
    usage.recentCalls.removeOne(ticket.admittedAt);

    if (!ticket.brandKey.isEmpty()) {
        const auto brand = usage.brandCalls.find(ticket.brandKey);
        if (brand != usage.brandCalls.end() && --brand.value() <= 0)
            usage.brandCalls.erase(brand);
    }
}

UsageSnapshot LimitEnforcer::usageOf(const QString &userName) const
{
    const QMutexLocker locker(&m_mutex);
    const QDateTime time = now();

    UsageSnapshot snapshot;
    snapshot.limits = resolveLocked(userName, QString(), time);

    const auto found = m_usage.constFind(userName);
    if (found == m_usage.cend())
        return snapshot;
    UserUsage usage = *found;
    rollLocked(usage, time);

    snapshot.callsToday = usage.callsToday;
    snapshot.generationsThisMonth = usage.generationsThisMonth;
    snapshot.brandsThisMonth = usage.brandCalls.size();
    snapshot.requestsLastMinute = usage.recentCalls.size();
    snapshot.tokensToday = usage.tokensToday;
    snapshot.tokensThisMonth = usage.tokensThisMonth;
    snapshot.openStreams = usage.openStreams;
    return snapshot;
}

bool LimitEnforcer::modelAllowed(const QStringList &patterns, const ModelName &name)
{
    for (const QString &rawPattern : patterns) {
        const QString pattern = rawPattern.trimmed().toLower();
        if (pattern.isEmpty())
            continue;
        if (pattern == u"*"_s)
            return true;

        if (!pattern.contains(u'*')) {
            const std::optional<ModelName> exact = ModelName::parse(pattern);
            if (exact && *exact == name)
                return true;
            continue;
        }

        // A pattern without a tag names tag latest, as a model name does,
        // unless its last part ends in a wildcard ("llama*").
        QString withTag = pattern;
        const QString lastPart = pattern.section(u'/', -1);
        if (!lastPart.contains(u':') && !lastPart.endsWith(u'*'))
            withTag += u":latest"_s;
        if (wildcardMatches(withTag, name))
            return true;
    }
    return false;
}

} // namespace Gateway
