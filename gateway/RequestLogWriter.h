// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RequestLogEntry.h"
#include "StorageConfig.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace Gateway {

class RetentionPurger;
class Storage;

// Writes request log rows on its own thread in group commits: every row
// submitted while one transaction is being written goes into the next one.
//
// A request handler submits its row and sends the last byte of its response
// only from onCommitted, so a process killed at any moment never loses the
// row of a request whose response completed.
class RequestLogWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogWriter)

public:
    explicit RequestLogWriter(StorageConfig config, QObject *parent = nullptr);
    ~RequestLogWriter() override;

    // Thread-safe. Queues entry; onCommitted(true) runs on context's thread
    // once the row is durable in the database, onCommitted(false) if writing
    // failed. Nothing runs when context is null or destroyed first. After a
    // failed write the row is kept and written again with the next commit,
    // up to maxWriteAttempts times, but its callback has already run.
    void submit(RequestLogEntry entry, QObject *context, std::function<void(bool committed)> onCommitted);

    // Thread-safe: rows submitted but not yet committed.
    int pendingCount() const;

    // How often a row is tried before it is dropped with a warning.
    static constexpr int maxWriteAttempts = 5;
    // Delay before a failed write is tried again when no new rows arrive.
    static constexpr int retryDelayMs = 1000;

    // Zone and clock of the limit windows: the retention purge keeps the
    // rows of the current month, which the limit counters are rebuilt from.
    // Call before start().
    void setLimitWindow(const QTimeZone &zone, std::function<QDateTime()> clock);

    // Both run on the writer's thread (call through QMetaObject::invokeMethod).
    // start() also starts the daily retention purge.
    Q_INVOKABLE void start();
    // Commits everything still queued, then closes the database.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void started();
    void failed(const QString &message);
    // Rows of one committed transaction, in submission order, ids set.
    void rowsCommitted(const QList<Gateway::RequestLogEntry> &rows);

private:
    struct Pending
    {
        RequestLogEntry entry;
        QPointer<QObject> context;
        std::function<void(bool)> onCommitted;
        int attempts = 0; // failed writes so far
    };

    void scheduleWrite();
    void writeQueued();
    void deliverAll(QList<Pending> &batch, bool committed);
    void keepForRetry(QList<Pending> failedRows);
    void failQueued(const QString &reason);
    static void deliver(Pending &pending, bool committed);

    StorageConfig m_config;
    std::unique_ptr<Storage> m_storage;
    QTimeZone m_limitZone = QTimeZone::utc();
    std::function<QDateTime()> m_clock;
    RetentionPurger *m_purger = nullptr; // child, uses m_storage
    mutable QMutex m_mutex;
    QList<Pending> m_queue;       // guarded by m_mutex
    QList<Pending> m_retained;    // rows of failed writes, guarded by m_mutex
    int m_inFlight = 0;            // rows in the transaction being written, guarded by m_mutex
    bool m_writeScheduled = false; // guarded by m_mutex
    bool m_stopped = false;        // guarded by m_mutex, makes submit() fail at once
};

} // namespace Gateway
