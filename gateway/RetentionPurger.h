// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "RetentionPolicy.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimeZone>

#include <functional>

class QTimer;

namespace Gateway {

class Storage;

// Deletes raw request log rows older than the retention setting's days, and
// per-minute usage rollups older than two days. Hourly and daily rollups,
// topics and addresses are never touched, so charts keep their history.
//
// Rows of the current month (in the limit time zone) always stay, whatever
// the setting: after a restart the limit counters are rebuilt from them.
//
// Lives on the thread that owns storage (the request log writer's), and
// deletes in chunks of one short transaction each, with the event loop
// running between chunks, so a commit of the writer waits for at most one
// chunk.
class RetentionPurger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetentionPurger)

public:
    using Clock = std::function<QDateTime()>;

    struct Counts
    {
        qint64 requestLogRows = 0;
        qint64 minutelyRows = 0;
    };

    // clock returns the current time (UTC); empty uses the system clock.
    // zone is the limit time zone whose month start bounds the purge.
    RetentionPurger(Storage &storage, Clock clock, const QTimeZone &zone, QObject *parent = nullptr);
    ~RetentionPurger() override;

    static constexpr int defaultChunkRows = 5000;
    // How often the retention setting is read: a changed setting starts a
    // purge within this time.
    static constexpr int settingsPollMs = 3000;
    static constexpr qint64 purgeIntervalMs = 24LL * 60 * 60 * 1000;
    static constexpr int minutelyKeepDays = 2;
    // A failed run is tried again after this delay rather than at every poll.
    static constexpr int retryAfterFailureMs = 60 * 1000;

    // Rows per transaction; tests make it small to see chunking.
    void setChunkRows(int rows);

    // Purges now and then every 24 hours and whenever the setting changes,
    // chunk by chunk through the event loop; purged() reports each run.
    void start();
    // Deletes everything due now in one call, chunk by chunk, for the
    // command line and tests.
    Result<Counts> purgeNow();

    // Request log rows that started before this time are purged; invalid
    // when the policy keeps them forever. An invalid zone keeps the current
    // month of every time zone (UTC-12 to UTC+14).
    static QDateTime requestLogCutoff(const RetentionPolicy &policy, const QDateTime &now, const QTimeZone &zone);

Q_SIGNALS:
    void purged(qint64 requestLogRows, qint64 minutelyRows);
    void failed(const QString &message);

private:
    void poll();
    void beginRun(const RetentionPolicy &policy);
    void purgeNextChunk();
    void finishRun();
    void failRun(const Error &error);
    Result<qint64> deleteChunk(bool minutely);
    QDateTime now() const;

    Storage &m_storage;
    Clock m_clock;
    QTimeZone m_zone;
    int m_chunkRows = defaultChunkRows;
    QTimer *m_timer = nullptr;

    // State of the run in progress, and of the last one.
    bool m_running = false;
    bool m_minutelyPhase = false;
    QDateTime m_requestLogCutoff;
    QDateTime m_minutelyCutoff;
    Counts m_counts;
    QDeadlineTimer m_nextRun{0};  // expired at first, so start() purges at once
    int m_lastLogDays = -1;
    QString m_lastError;          // logged once until it changes
};

} // namespace Gateway
