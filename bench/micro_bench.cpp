// SPDX-License-Identifier: GPL-3.0-or-later
// Micro benchmarks of two per-request costs: verifying a key against the
// in-memory index, and committing request log rows.
//
//   bench_micro [rows]
#include "ApiKey.h"
#include "KeyIndex.h"
#include "KeyRecord.h"
#include "RequestLogWriter.h"
#include "StorageConfig.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace Gateway;

namespace {

double nanosecondsPerCall(const std::function<void()> &call, int calls)
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < calls; ++i)
        call();
    return double(clock.nsecsElapsed()) / calls;
}

void benchKeyVerification()
{
    // An index the size of a busy operator's: 10,000 keys.
    QList<KeyRecord> records;
    QByteArray knownKey;
    for (int i = 0; i < 10000; ++i) {
        const QByteArray key = ApiKey::generate("sk_live_");
        KeyRecord record;
        record.id = QStringLiteral("key_%1").arg(i);
        record.userId = i;
        record.userName = QStringLiteral("user%1").arg(i);
        record.tier = QStringLiteral("pro");
        record.hash = ApiKey::hash(key);
        records.append(record);
        if (i == 5000)
            knownKey = key;
    }
    KeyIndex index;
    index.replace(records);

    const QByteArray unknownKey = ApiKey::generate("sk_live_");
    const QByteArray mistyped = QByteArray(knownKey).replace(10, 1, knownKey.at(10) == 'a' ? "b" : "a");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    volatile int valid = 0;

    constexpr int calls = 1000000;
    const double known = nanosecondsPerCall([&] { valid = valid + (index.verify(knownKey, now).status == KeyIndex::Status::Valid); }, calls);
    const double unknown = nanosecondsPerCall([&] { valid = valid + (index.verify(unknownKey, now).status == KeyIndex::Status::Valid); }, calls);
    const double typo = nanosecondsPerCall([&] { valid = valid + (index.verify(mistyped, now).status == KeyIndex::Status::Valid); }, calls);

    std::printf("key verification, 10000 keys: valid %.0f ns, unknown well-formed %.0f ns, mistyped %.0f ns\n",
                known, unknown, typo);
}

void benchLogWriter(int rows)
{
    QTemporaryDir dir;
    StorageConfig config;
    config.dataDir = dir.path();

    QThread thread;
    thread.setObjectName(QStringLiteral("soulfra-log-writer"));
    thread.start();
    auto *writer = new RequestLogWriter(config);
    writer->moveToThread(&thread);
    QMetaObject::invokeMethod(writer, "start", Qt::BlockingQueuedConnection);

    RequestLogEntry entry;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.userName = QStringLiteral("alice");
    entry.keyId = QStringLiteral("key_7h3k9q2m");
    entry.clientAddress = QStringLiteral("127.0.0.1");
    entry.userAgent = QStringLiteral("ollama-js/0.6.4 (x64 linux Node.js/v20.20.2)");
    entry.method = QStringLiteral("POST");
    entry.path = QStringLiteral("/api/generate");
    entry.model = QStringLiteral("llama3.2:latest");
    entry.promptText = QStringLiteral("Why is the sky blue?");
    entry.responseText = QStringLiteral("The sky is blue because of Rayleigh scattering.");
    entry.status = 200;
    entry.outcome = QStringLiteral("ok");
    entry.promptTokens = 10;
    entry.completionTokens = 9;
    entry.latencyMs = 1.5;
    entry.upstream = QStringLiteral("http://127.0.0.1:11434");

    QObject context;
    QEventLoop loop;
    int committed = 0;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < rows; ++i) {
        entry.requestId = QString::number(i);
        writer->submit(entry, &context, [&](bool ok) {
            committed += ok ? 1 : 0;
            if (committed == rows)
                loop.quit();
        });
    }
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("log writer: %d rows committed in %.2f s, %.0f rows/s\n", rows, seconds, rows / seconds);

    QMetaObject::invokeMethod(writer, "stop", Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(writer, [writer] { delete writer; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false\nsoulfra.*.info=false"));
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;

    benchKeyVerification();
    benchLogWriter(rows);
    return 0;
}
