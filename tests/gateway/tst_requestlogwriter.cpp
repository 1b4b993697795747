// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestLogWriter.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QFile>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

RequestLogEntry makeEntry(const QString &requestId)
{
    RequestLogEntry entry;
    entry.requestId = requestId;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.method = u"POST"_s;
    entry.path = u"/api/chat"_s;
    entry.status = 200;
    entry.latencyMs = 1.5;
    return entry;
}

// A thread with an event loop and one QObject on it, to receive callbacks.
struct ContextThread
{
    ContextThread()
    {
        thread.start();
        context.moveToThread(&thread);
    }
    ~ContextThread()
    {
        thread.quit();
        thread.wait();
    }
    Q_DISABLE_COPY_MOVE(ContextThread)

    QThread thread;
    QObject context;
};

} // namespace

class TestRequestLogWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void committedRowCallsBackOnContextThread();
    void rowsFromSeveralThreadsShareTransactions();
    void rowsQueuedBeforeStartAreWritten();
    void destroyedContextGetsNoCallback();
    void stopCommitsQueuedRows();
    void submitAfterStopFailsAtOnce();
    void failedWriteReportsFalseAndRetries();
    void rowsAreDroppedAfterMaxAttempts();
    void startFailureFailsQueuedRows();

private:
    void createWriter();
    void startWriter();
    void blockWriterThread();
    qint64 rowsInDatabase();
    bool execRaw(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    StorageConfig m_config;
    std::unique_ptr<QThread> m_thread;
    RequestLogWriter *m_writer = nullptr; // deleted on its thread when the thread finishes
    QSemaphore m_entered;
    QSemaphore m_release;

    std::atomic<int> m_transactions{0};
    std::atomic<int> m_committedRows{0};
    QList<QList<RequestLogEntry>> m_commits; // filled on the test thread
    QStringList m_failures;
    int m_started = 0;
};

void TestRequestLogWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config.dataDir = m_dir->path();
    m_transactions = 0;
    m_committedRows = 0;
    m_commits.clear();
    m_failures.clear();
    m_started = 0;
}

void TestRequestLogWriter::cleanup()
{
    if (m_writer) {
        QMetaObject::invokeMethod(m_writer, &RequestLogWriter::stop, Qt::BlockingQueuedConnection);
        m_thread->quit();
        QVERIFY(m_thread->wait(10000));
        m_writer = nullptr;
    }
    m_thread.reset();
    m_dir.reset();
}

void TestRequestLogWriter::createWriter()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(u"request-log"_s);
    m_writer = new RequestLogWriter(m_config);
    m_writer->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_writer, &QObject::deleteLater);

    // Counted on the writer thread, so the count is exact even while rows
    // still wait in the test thread's event queue.
    connect(m_writer, &RequestLogWriter::rowsCommitted, m_writer,
            [this](const QList<RequestLogEntry> &rows) {
                ++m_transactions;
                m_committedRows += int(rows.size());
            },
            Qt::DirectConnection);
    connect(m_writer, &RequestLogWriter::rowsCommitted, this,
            [this](const QList<RequestLogEntry> &rows) { m_commits.append(rows); });
    connect(m_writer, &RequestLogWriter::failed, this, [this](const QString &message) { m_failures.append(message); });
    connect(m_writer, &RequestLogWriter::started, this, [this] { ++m_started; });

    m_thread->start();
}

void TestRequestLogWriter::startWriter()
{
    createWriter();
    QMetaObject::invokeMethod(m_writer, &RequestLogWriter::start, Qt::QueuedConnection);
    QTRY_COMPARE(m_started, 1);
}

// Keeps the writer thread busy until m_release is released, so that rows
// submitted meanwhile queue up as they would behind a slow transaction.
void TestRequestLogWriter::blockWriterThread()
{
    QMetaObject::invokeMethod(
        m_writer,
        [this] {
            m_entered.release();
            m_release.acquire();
        },
        Qt::QueuedConnection);
    m_entered.acquire();
}

qint64 TestRequestLogWriter::rowsInDatabase()
{
    SqliteStorage storage(m_config.databasePath(), u"observer"_s);
    if (!storage.open())
        return -1;
    const Result<qint64> count = storage.requestLogCount();
    return count ? count.value() : -1;
}

bool TestRequestLogWriter::execRaw(const QString &sql)
{
    const QString name = u"raw"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_config.databasePath());
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

void TestRequestLogWriter::committedRowCallsBackOnContextThread()
{
    startWriter();

    QList<bool> results;
    QThread *calledOn = nullptr;
    m_writer->submit(makeEntry(u"req-single"_s), this, [&](bool committed) {
        results.append(committed);
        calledOn = QThread::currentThread();
    });
    QTRY_COMPARE(results, QList<bool>{true});
    QCOMPARE(calledOn, QThread::currentThread());
    QCOMPARE(m_writer->pendingCount(), 0);

    QTRY_COMPARE(m_commits.size(), 1);
    QCOMPARE(m_commits.first().size(), 1);
    QCOMPARE(m_commits.first().first().requestId, u"req-single"_s);
    QVERIFY(m_commits.first().first().id > 0);
    QCOMPARE(rowsInDatabase(), qint64(1));
}

void TestRequestLogWriter::rowsFromSeveralThreadsShareTransactions()
{
    startWriter();

    constexpr int threadCount = 4;
    constexpr int rowsPerThread = 250;
    constexpr int rowCount = threadCount * rowsPerThread;
    std::vector<std::unique_ptr<ContextThread>> contexts;
    for (int i = 0; i < threadCount; ++i)
        contexts.push_back(std::make_unique<ContextThread>());

    std::vector<std::atomic<int>> calls(rowCount);
    std::atomic<int> callbacks{0};
    std::atomic<int> wrongThread{0};
    std::atomic<int> notCommitted{0};

    auto submitter = [&](int threadIndex, int firstRow, int lastRow) {
        return QThread::create([&, threadIndex, firstRow, lastRow] {
            QObject *context = &contexts[size_t(threadIndex)]->context;
            QThread *expected = &contexts[size_t(threadIndex)]->thread;
            for (int row = firstRow; row < lastRow; ++row) {
                m_writer->submit(makeEntry(u"req-%1"_s.arg(row)), context, [&, row, expected](bool committed) {
                    if (QThread::currentThread() != expected)
                        ++wrongThread;
                    if (!committed)
                        ++notCommitted;
                    ++calls[size_t(row)];
                    ++callbacks;
                });
            }
        });
    };

    // First half: every row is queued while the writer is busy, so they must
    // share a transaction. Second half: submitters race the writer.
    blockWriterThread();
    std::vector<std::unique_ptr<QThread>> firstWave;
    for (int i = 0; i < threadCount; ++i)
        firstWave.emplace_back(submitter(i, i * rowsPerThread, i * rowsPerThread + rowsPerThread / 2));
    for (auto &thread : firstWave)
        thread->start();
    for (auto &thread : firstWave)
        QVERIFY(thread->wait(10000));
    QCOMPARE(m_writer->pendingCount(), rowCount / 2);
    m_release.release();

    std::vector<std::unique_ptr<QThread>> secondWave;
    for (int i = 0; i < threadCount; ++i)
        secondWave.emplace_back(submitter(i, i * rowsPerThread + rowsPerThread / 2, (i + 1) * rowsPerThread));
    for (auto &thread : secondWave)
        thread->start();
    for (auto &thread : secondWave)
        QVERIFY(thread->wait(10000));

    QTRY_COMPARE_WITH_TIMEOUT(callbacks.load(), rowCount, 30000);
    QCOMPARE(wrongThread.load(), 0);
    QCOMPARE(notCommitted.load(), 0);
    for (int row = 0; row < rowCount; ++row)
        QVERIFY2(calls[size_t(row)] == 1, qPrintable(u"row %1 called back %2 times"_s.arg(row).arg(calls[size_t(row)].load())));

    QCOMPARE(m_committedRows.load(), rowCount);
    QVERIFY2(m_transactions.load() < rowCount, qPrintable(u"%1 transactions"_s.arg(m_transactions.load())));
    QVERIFY(m_transactions.load() <= 1 + rowCount / 2);
    QCOMPARE(rowsInDatabase(), qint64(rowCount));
    QCOMPARE(m_writer->pendingCount(), 0);
}

void TestRequestLogWriter::rowsQueuedBeforeStartAreWritten()
{
    createWriter();

    int committed = 0;
    for (int i = 0; i < 10; ++i)
        m_writer->submit(makeEntry(u"early-%1"_s.arg(i)), this, [&](bool ok) { committed += ok ? 1 : 0; });
    QCOMPARE(m_writer->pendingCount(), 10);

    QMetaObject::invokeMethod(m_writer, &RequestLogWriter::start, Qt::QueuedConnection);
    QTRY_COMPARE(committed, 10);
    QCOMPARE(rowsInDatabase(), qint64(10));
}

void TestRequestLogWriter::destroyedContextGetsNoCallback()
{
    startWriter();
    blockWriterThread();

    int orphanCalls = 0;
    auto orphan = std::make_unique<QObject>();
    m_writer->submit(makeEntry(u"req-orphan"_s), orphan.get(), [&](bool) { ++orphanCalls; });
    bool witnessCalled = false;
    m_writer->submit(makeEntry(u"req-witness"_s), this, [&](bool) { witnessCalled = true; });
    orphan.reset();
    m_release.release();

    // Both callbacks are posted to this thread in submission order, so the
    // orphan's would have run before the witness's.
    QTRY_VERIFY(witnessCalled);
    QCOMPARE(orphanCalls, 0);
    QCOMPARE(rowsInDatabase(), qint64(2)); // the row itself is still logged
}

void TestRequestLogWriter::stopCommitsQueuedRows()
{
    startWriter();

    int committed = 0;
    int pendingAfterStop = -1;
    // Submit and stop in one go on the writer thread, so the write that
    // submit() scheduled cannot run first: only stop() can commit the rows.
    QMetaObject::invokeMethod(
        m_writer,
        [&] {
            for (int i = 0; i < 50; ++i)
                m_writer->submit(makeEntry(u"req-stop-%1"_s.arg(i)), this, [&](bool ok) { committed += ok ? 1 : 0; });
            m_writer->stop();
            pendingAfterStop = m_writer->pendingCount();
        },
        Qt::BlockingQueuedConnection);

    QCOMPARE(pendingAfterStop, 0);
    QCOMPARE(rowsInDatabase(), qint64(50));
    QTRY_COMPARE(committed, 50);
}

void TestRequestLogWriter::submitAfterStopFailsAtOnce()
{
    startWriter();
    QMetaObject::invokeMethod(m_writer, &RequestLogWriter::stop, Qt::BlockingQueuedConnection);

    QList<bool> results;
    m_writer->submit(makeEntry(u"req-late"_s), this, [&](bool committed) { results.append(committed); });
    QTRY_COMPARE(results, QList<bool>{false});
    QCOMPARE(m_writer->pendingCount(), 0);
    QCOMPARE(rowsInDatabase(), qint64(0));
}

void TestRequestLogWriter::failedWriteReportsFalseAndRetries()
{
    startWriter();
    QVERIFY(execRaw(u"ALTER TABLE request_log RENAME TO request_log_hidden"_s));

    QList<bool> first;
    m_writer->submit(makeEntry(u"req-fails-once"_s), this, [&](bool committed) { first.append(committed); });
    QTRY_COMPARE(first, QList<bool>{false});
    QTRY_VERIFY(!m_failures.isEmpty());
    QCOMPARE(m_writer->pendingCount(), 1); // kept for the next write
    QCOMPARE(m_transactions.load(), 0);

    QVERIFY(execRaw(u"ALTER TABLE request_log_hidden RENAME TO request_log"_s));
    QList<bool> second;
    m_writer->submit(makeEntry(u"req-after-repair"_s), this, [&](bool committed) { second.append(committed); });
    QTRY_COMPARE(second, QList<bool>{true});

    QTRY_COMPARE(rowsInDatabase(), qint64(2));
    QCOMPARE(first, QList<bool>{false}); // its callback ran once only
    QCOMPARE(m_writer->pendingCount(), 0);
    QStringList committedIds;
    for (const QList<RequestLogEntry> &rows : std::as_const(m_commits)) {
        for (const RequestLogEntry &row : rows)
            committedIds.append(row.requestId);
    }
    QCOMPARE(committedIds, (QStringList{u"req-fails-once"_s, u"req-after-repair"_s}));
}

void TestRequestLogWriter::rowsAreDroppedAfterMaxAttempts()
{
    startWriter();
    QVERIFY(execRaw(u"ALTER TABLE request_log RENAME TO request_log_hidden"_s));

    QList<bool> results;
    m_writer->submit(makeEntry(u"req-doomed"_s), this, [&](bool committed) { results.append(committed); });

    // The writer retries on its own timer and drops the row after the last attempt.
    const int timeoutMs = RequestLogWriter::maxWriteAttempts * RequestLogWriter::retryDelayMs + 5000;
    QTRY_COMPARE_WITH_TIMEOUT(m_failures.size(), RequestLogWriter::maxWriteAttempts, timeoutMs);
    QCOMPARE(m_writer->pendingCount(), 0);
    QCOMPARE(results, QList<bool>{false});

    QVERIFY(execRaw(u"ALTER TABLE request_log_hidden RENAME TO request_log"_s));
    QCOMPARE(rowsInDatabase(), qint64(0));
}

void TestRequestLogWriter::startFailureFailsQueuedRows()
{
    QFile blocker(m_dir->filePath(u"not-a-directory"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_config.dataDir = blocker.fileName();

    createWriter();
    QList<bool> results;
    m_writer->submit(makeEntry(u"req-nowhere"_s), this, [&](bool committed) { results.append(committed); });
    QMetaObject::invokeMethod(m_writer, &RequestLogWriter::start, Qt::QueuedConnection);

    QTRY_COMPARE(m_failures.size(), 1);
    QTRY_COMPARE(results, QList<bool>{false});
    QCOMPARE(m_started, 0);
    QCOMPARE(m_writer->pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "tst_requestlogwriter.moc"
