// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimRateLimiter.h"

#include <QMutexLocker>

namespace Gateway {

namespace {

// Above this many tracked addresses, stale ones are dropped on each failure,
// so spoofed-looking address churn cannot grow the table without bound.
constexpr qsizetype pruneThreshold = 10000;

int secondsUntil(qint64 fromMs, qint64 untilMs)
{
    return int(qMax<qint64>(1, (untilMs - fromMs + 999) / 1000));
}

} // namespace

ClaimRateLimiter::ClaimRateLimiter(ClaimLimits limits)
    : m_limits(limits)
{
}

void ClaimRateLimiter::prune(QList<qint64> &times, qint64 oldestMs)
{
    qsizetype stale = 0;
    while (stale < times.size() && times.at(stale) <= oldestMs)
        ++stale;
    times.remove(0, stale);
}

int ClaimRateLimiter::retryAfterSeconds(const QHostAddress &address, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);

    const qint64 addressWindowMs = qint64(m_limits.addressWindowSeconds) * 1000;
    const qint64 globalWindowMs = qint64(m_limits.globalWindowSeconds) * 1000;
    int wait = 0;

    prune(m_global, nowMs - globalWindowMs);
    if (m_global.size() >= m_limits.failuresGlobal)
        wait = secondsUntil(nowMs, m_global.first() + globalWindowMs);

    auto it = m_byAddress.find(address);
    if (it != m_byAddress.end()) {
        prune(it.value(), nowMs - addressWindowMs);
        if (it.value().size() >= m_limits.failuresPerAddress)
            wait = qMax(wait, secondsUntil(nowMs, it.value().first() + addressWindowMs));
        else if (it.value().isEmpty())
            m_byAddress.erase(it);
    }
    return wait;
}

void ClaimRateLimiter::recordFailure(const QHostAddress &address, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);

    m_global.append(nowMs);
    m_byAddress[address].append(nowMs);
    if (m_byAddress.size() > pruneThreshold)
        pruneAddresses(nowMs);
}

void ClaimRateLimiter::pruneAddresses(qint64 nowMs)
{
    const qint64 oldestMs = nowMs - qint64(m_limits.addressWindowSeconds) * 1000;
    for (auto it = m_byAddress.begin(); it != m_byAddress.end();) {
        prune(it.value(), oldestMs);
        it = it.value().isEmpty() ? m_byAddress.erase(it) : std::next(it);
    }
}

} // namespace Gateway
