// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionPurger.h"

#include "LimitEnforcer.h"
#include "Storage.h"

#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcPurger, "soulfra.gateway.retentionpurger")

// The first and last offsets of civil time zones in use.
constexpr int earliestOffsetSeconds = -12 * 3600;
constexpr int latestOffsetSeconds = 14 * 3600;

QDateTime monthStart(const QDateTime &now, const QTimeZone &zone)
{
    // The same window the limit counters are rebuilt from after a restart.
    return LimitEnforcer({}, zone).windowsAt(now).monthStart;
}

} // namespace

RetentionPurger::RetentionPurger(Storage &storage, Clock clock, const QTimeZone &zone, QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_clock(std::move(clock))
    , m_zone(zone)
{
}

RetentionPurger::~RetentionPurger() = default;

void RetentionPurger::setChunkRows(int rows)
{
    m_chunkRows = qMax(1, rows);
}

QDateTime RetentionPurger::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QDateTime RetentionPurger::requestLogCutoff(const RetentionPolicy &policy, const QDateTime &now,
                                            const QTimeZone &zone)
{
    if (policy.logDays <= 0)
        return {};

    QDateTime currentMonthStart;
    if (zone.isValid()) {
        currentMonthStart = monthStart(now, zone);
    } else {
        currentMonthStart = qMin(monthStart(now, QTimeZone(earliestOffsetSeconds)),
                         monthStart(now, QTimeZone(latestOffsetSeconds)));
    }
    return qMin(now.addDays(-policy.logDays), currentMonthStart);
}

void RetentionPurger::start()
{
    if (m_timer)
        return;
    m_timer = new QTimer(this);
    m_timer->setInterval(settingsPollMs);
    connect(m_timer, &QTimer::timeout, this, &RetentionPurger::poll);
    m_timer->start();
    poll();
}

void RetentionPurger::poll()
{
    if (m_running)
        return;

    const Result<RetentionPolicy> policy = RetentionPolicy::load(m_storage);
    if (!policy) {
        // Without a valid setting nothing is deleted: a typing error must
        // not cost the operator their log.
        if (policy.error().message() != m_lastError) {
            m_lastError = policy.error().message();
            qCWarning(lcPurger).noquote() << "not purging:" << m_lastError;
        }
        return;
    }

    const bool changed = policy.value().logDays != m_lastLogDays;
    if (changed || m_nextRun.hasExpired())
        beginRun(policy.value());
}

void RetentionPurger::beginRun(const RetentionPolicy &policy)
{
    const QDateTime current = now();
    m_running = true;
    m_counts = {};
    m_lastLogDays = policy.logDays;
    m_requestLogCutoff = requestLogCutoff(policy, current, m_zone);
    m_minutelyCutoff = current.addDays(-minutelyKeepDays);
    m_minutelyPhase = !m_requestLogCutoff.isValid();
    QMetaObject::invokeMethod(this, &RetentionPurger::purgeNextChunk, Qt::QueuedConnection);
}

Result<qint64> RetentionPurger::deleteChunk(bool minutely)
{
    if (minutely)
        return m_storage.deleteMinutelyUsageBefore(m_minutelyCutoff, m_chunkRows);
    return m_storage.deleteRequestLogBefore(m_requestLogCutoff, m_chunkRows);
}

void RetentionPurger::purgeNextChunk()
{
    const Result<qint64> deleted = deleteChunk(m_minutelyPhase);
    if (!deleted) {
        failRun(deleted.error());
        return;
    }

    qint64 &count = m_minutelyPhase ? m_counts.minutelyRows : m_counts.requestLogRows;
    count += deleted.value();
    if (deleted.value() < m_chunkRows) {
        if (m_minutelyPhase) {
            finishRun();
            return;
        }
        m_minutelyPhase = true;
    }

    // Queued, so rows the writer received meanwhile commit between chunks.
    QMetaObject::invokeMethod(this, &RetentionPurger::purgeNextChunk, Qt::QueuedConnection);
}

void RetentionPurger::finishRun()
{
    m_running = false;
    m_lastError.clear();
    m_nextRun.setRemainingTime(purgeIntervalMs);
    const QString kept = m_requestLogCutoff.isValid()
        ? u"before %1"_s.arg(m_requestLogCutoff.toString(Qt::ISODate))
        : u"none: the log is kept forever"_s;
    qCInfo(lcPurger).noquote() << u"purged %1 request log rows (%2) and %3 per-minute usage rows"_s
                                      .arg(m_counts.requestLogRows)
                                      .arg(kept)
                                      .arg(m_counts.minutelyRows);
    Q_EMIT purged(m_counts.requestLogRows, m_counts.minutelyRows);
}

void RetentionPurger::failRun(const Error &error)
{
    m_running = false;
    m_nextRun.setRemainingTime(retryAfterFailureMs);
    qCWarning(lcPurger).noquote() << u"purge failed after deleting %1 request log rows and %2 per-minute usage rows,"
                                     " trying again in %3 s: %4"_s
                                         .arg(m_counts.requestLogRows)
                                         .arg(m_counts.minutelyRows)
                                         .arg(retryAfterFailureMs / 1000)
                                         .arg(error.message());
    Q_EMIT failed(error.message());
}

Result<RetentionPurger::Counts> RetentionPurger::purgeNow()
{
    const Result<RetentionPolicy> policy = RetentionPolicy::load(m_storage);
    if (!policy)
        return policy.error();

    const QDateTime current = now();
    m_counts = {};
    m_requestLogCutoff = requestLogCutoff(policy.value(), current, m_zone);
    m_minutelyCutoff = current.addDays(-minutelyKeepDays);

    for (const bool minutely : {false, true}) {
        if (!minutely && !m_requestLogCutoff.isValid())
            continue;
        qint64 &count = minutely ? m_counts.minutelyRows : m_counts.requestLogRows;
        while (true) {
            const Result<qint64> deleted = deleteChunk(minutely);
            if (!deleted)
                return deleted.error();
            count += deleted.value();
            if (deleted.value() < m_chunkRows)
                break;
        }
    }
    qCInfo(lcPurger).noquote() << u"purged %1 request log rows and %2 per-minute usage rows"_s
                                      .arg(m_counts.requestLogRows)
                                      .arg(m_counts.minutelyRows);
    return m_counts;
}

} // namespace Gateway
