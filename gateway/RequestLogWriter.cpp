// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestLogWriter.h"

#include "RetentionPurger.h"
#include "Storage.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcLogWriter, "soulfra.gateway.requestlogwriter")

// Rows kept after failed writes. Beyond this the oldest are dropped, so a
// database that stays broken cannot exhaust memory.
constexpr qsizetype maxRetainedRows = 10000;

// Maximum request ids named in one log line. The rest are only counted.
constexpr qsizetype maxLoggedIds = 10;

template<typename Rows, typename IdOf>
QString describeRequestIds(const Rows &rows, IdOf idOf)
{
    QStringList ids;
    for (qsizetype i = 0; i < rows.size() && i < maxLoggedIds; ++i)
        ids.append(idOf(rows.at(i)));
    QString text = ids.join(u", "_s);
    if (rows.size() > maxLoggedIds)
        text += u" and %1 more"_s.arg(rows.size() - maxLoggedIds);
    return text;
}

} // namespace

RequestLogWriter::RequestLogWriter(StorageConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

RequestLogWriter::~RequestLogWriter()
{
    const int unwritten = pendingCount();
    if (unwritten > 0)
        qCWarning(lcLogWriter) << "destroyed with" << unwritten << "request log rows not written; call stop() first";
}

void RequestLogWriter::setLimitWindow(const QTimeZone &zone, std::function<QDateTime()> clock)
{
    m_limitZone = zone;
    m_clock = std::move(clock);
}

void RequestLogWriter::submit(RequestLogEntry entry, QObject *context, std::function<void(bool)> onCommitted)
{
    Pending pending{std::move(entry), context, std::move(onCommitted)};

    QMutexLocker locker(&m_mutex);
    if (m_stopped) {
        locker.unlock();
        qCWarning(lcLogWriter).noquote()
            << u"request log row %1 was submitted after stop and is not written"_s.arg(pending.entry.requestId);
        deliver(pending, false);
        return;
    }

    m_queue.append(std::move(pending));
    const bool schedule = !m_writeScheduled;
    m_writeScheduled = true;
    locker.unlock();

    // One queued call per group commit, not per row: rows that arrive while
    // the call waits or the transaction runs join the next one.
    if (schedule)
        QMetaObject::invokeMethod(this, &RequestLogWriter::writeQueued, Qt::QueuedConnection);
}

int RequestLogWriter::pendingCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_queue.size() + m_retained.size()) + m_inFlight;
}

void RequestLogWriter::start()
{
    if (m_storage)
        return;

    std::unique_ptr<Storage> storage = createStorage(m_config, u"requestlog"_s);
    if (Result<Done> opened = storage->open(); !opened) {
        qCWarning(lcLogWriter).noquote() << "cannot start:" << opened.error().message();
        failQueued(opened.error().message());
        Q_EMIT failed(opened.error().message());
        return;
    }
    m_storage = std::move(storage);

    {
        QMutexLocker locker(&m_mutex);
        m_stopped = false;
    }
    qCInfo(lcLogWriter).noquote() << "started on" << m_config.databasePath();
    Q_EMIT started();

    // The purge shares this thread and connection, so its short delete
    // transactions take turns with the group commits instead of competing.
    m_purger = new RetentionPurger(*m_storage, m_clock, m_limitZone, this);
    m_purger->start();

    // Rows submitted before start() waited for the database.
    scheduleWrite();
}

void RequestLogWriter::stop()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopped = true;
    }
    if (!m_storage) {
        failQueued(u"the request log writer is not running"_s);
        return;
    }

    // Rows of a write that fails here get one more immediate attempt, since
    // no later commit will take them.
    writeQueued();
    writeQueued();

    QList<Pending> lost;
    {
        QMutexLocker locker(&m_mutex);
        lost = std::exchange(m_retained, {});
    }
    if (!lost.isEmpty()) {
        qCWarning(lcLogWriter).noquote()
            << u"stopping without %1 request log rows that could not be written: %2"_s.arg(lost.size()).arg(
                   describeRequestIds(lost, [](const Pending &row) { return row.entry.requestId; }));
    }

    delete std::exchange(m_purger, nullptr);
    m_storage.reset();
    qCInfo(lcLogWriter) << "stopped";
}

void RequestLogWriter::scheduleWrite()
{
    QMutexLocker locker(&m_mutex);
    const bool hasRows = !m_queue.isEmpty() || !m_retained.isEmpty();
    if (!hasRows || m_writeScheduled)
        return;
    m_writeScheduled = true;
    locker.unlock();

    QMetaObject::invokeMethod(this, &RequestLogWriter::writeQueued, Qt::QueuedConnection);
}

void RequestLogWriter::writeQueued()
{
    QList<Pending> batch;
    {
        QMutexLocker locker(&m_mutex);
        m_writeScheduled = false;
        if (!m_storage)
            return; // start() schedules the queued rows once the database is open

        // Retried rows go first: they were submitted earlier.
        batch = std::exchange(m_retained, {});
        batch.append(std::exchange(m_queue, {}));
        m_inFlight = int(batch.size());
    }
    if (batch.isEmpty())
        return;

    QList<RequestLogEntry> rows;
    rows.reserve(batch.size());
    for (const Pending &pending : std::as_const(batch))
        rows.append(pending.entry);

    const Result<Done> written = m_storage->appendRequestLog(rows);
    if (!written) {
        qCWarning(lcLogWriter).noquote()
            << u"cannot write %1 request log rows (%2): %3"_s.arg(rows.size())
                   .arg(describeRequestIds(rows, [](const RequestLogEntry &row) { return row.requestId; }),
                        written.error().message());
        deliverAll(batch, false);
        keepForRetry(std::move(batch));
        Q_EMIT failed(written.error().message());
        return;
    }

    {
        QMutexLocker locker(&m_mutex);
        m_inFlight = 0;
    }
    deliverAll(batch, true);
    Q_EMIT rowsCommitted(rows);
}

void RequestLogWriter::keepForRetry(QList<Pending> failedRows)
{
    QList<Pending> dropped;
    QList<Pending> retried;
    for (Pending &pending : failedRows) {
        ++pending.attempts;
        if (pending.attempts >= maxWriteAttempts)
            dropped.append(std::move(pending));
        else
            retried.append(std::move(pending));
    }
    if (retried.size() > maxRetainedRows) {
        const qsizetype excess = retried.size() - maxRetainedRows;
        dropped.append(retried.first(excess));
        retried.remove(0, excess);
    }

    if (!dropped.isEmpty()) {
        qCWarning(lcLogWriter).noquote()
            << u"dropping %1 request log rows after %2 failed writes: %3"_s.arg(dropped.size())
                   .arg(maxWriteAttempts)
                   .arg(describeRequestIds(dropped, [](const Pending &row) { return row.entry.requestId; }));
    }

    {
        QMutexLocker locker(&m_mutex);
        m_inFlight = 0;
        m_retained = std::move(retried);
        if (m_retained.isEmpty())
            return;
    }

    // Without new submissions nothing else would trigger the next attempt.
    QTimer::singleShot(retryDelayMs, this, &RequestLogWriter::scheduleWrite);
}

void RequestLogWriter::failQueued(const QString &reason)
{
    QList<Pending> queued;
    {
        QMutexLocker locker(&m_mutex);
        queued = std::exchange(m_queue, {});
        queued.append(std::exchange(m_retained, {}));
        m_stopped = true;
    }
    if (queued.isEmpty())
        return;

    qCWarning(lcLogWriter).noquote()
        << u"not writing %1 request log rows (%2): %3"_s.arg(queued.size())
               .arg(describeRequestIds(queued, [](const Pending &row) { return row.entry.requestId; }), reason);
    for (Pending &pending : queued)
        deliver(pending, false);
}

void RequestLogWriter::deliverAll(QList<Pending> &batch, bool committed)
{
    // One posted event per context and commit, not one per row: a context
    // such as a worker thread's pool receives all its callbacks at once,
    // which saves a thread wake-up per request under load.
    QList<QPair<QObject *, QList<std::function<void(bool)>>>> groups;
    for (Pending &pending : batch) {
        if (!pending.onCommitted)
            continue;
        QObject *context = pending.context.data();
        std::function<void(bool)> callback = std::exchange(pending.onCommitted, {});
        if (!context)
            continue;

        auto group = std::find_if(groups.begin(), groups.end(), [context](const auto &entry) { return entry.first == context; });
        if (group == groups.end()) {
            groups.append(qMakePair(context, QList<std::function<void(bool)>>()));
            group = groups.end() - 1;
        }
        group->second.append(std::move(callback));
    }

    for (auto &[context, callbacks] : groups) {
        QMetaObject::invokeMethod(
            context,
            [callbacks = std::move(callbacks), committed] {
                for (const std::function<void(bool)> &callback : callbacks)
                    callback(committed);
            },
            Qt::QueuedConnection);
    }
}

void RequestLogWriter::deliver(Pending &pending, bool committed)
{
    // A row retried after a failure has no callback left: it already ran.
    if (!pending.onCommitted)
        return;
    std::function<void(bool)> callback = std::exchange(pending.onCommitted, {});

    // A context destroyed after the call is posted discards it with its other
    // posted events. NOTE: a context destroyed on another thread between this
    // check and the post is still a use after free, a window that QPointer
    // cannot close.
    QObject *context = pending.context.data();
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context, [callback = std::move(callback), committed] { callback(committed); }, Qt::QueuedConnection);
}

} // namespace Gateway
