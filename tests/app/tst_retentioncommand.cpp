// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionCommand.h"
#include "RetentionPolicy.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CommandResult runRetention(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = RetentionCommand::run(arguments, out, err);
    return result;
}

// The executable, as an operator runs it.
CommandResult runProcess(const QStringList &arguments)
{
    QProcess process;
    process.start(qEnvironmentVariable("SOULFRA_GATEWAY_BIN"), QStringList{u"retention"_s} + arguments);
    CommandResult result;
    if (!process.waitForFinished(30000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

std::unique_ptr<SqliteStorage> openStorage(const QString &dataDir)
{
    StorageConfig config;
    config.dataDir = dataDir;
    auto storage = std::make_unique<SqliteStorage>(config.databasePath(), u"test"_s);
    if (!storage->open())
        return {};
    return storage;
}

RetentionPolicy storedPolicy(const QString &dataDir)
{
    std::unique_ptr<SqliteStorage> storage = openStorage(dataDir);
    if (!storage)
        return {};
    const Result<RetentionPolicy> policy = RetentionPolicy::load(*storage);
    return policy ? policy.value() : RetentionPolicy();
}

} // namespace

class TestRetentionCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsDefaults()
    {
        QTemporaryDir dir;
        QVERIFY(openStorage(dir.path()));

        const CommandResult shown = runRetention({u"--data-dir"_s, dir.path()});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.contains(u"(full)"_s), qPrintable(shown.out));
        QVERIFY2(shown.out.contains(u"forever"_s), qPrintable(shown.out));
    }

    void setsTextAndDays()
    {
        QTemporaryDir dir;
        const CommandResult set =
            runRetention({u"--text"_s, u"first:200"_s, u"--log-days"_s, u"30"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(set.exitCode, 0);
        QVERIFY(set.out.contains(u"Saved the retention settings."_s));
        QVERIFY(set.out.contains(u"first 200 characters"_s));

        RetentionPolicy policy = storedPolicy(dir.path());
        QCOMPARE(policy.textMode, RetentionPolicy::TextMode::FirstChars);
        QCOMPARE(policy.textChars, 200);
        QCOMPARE(policy.logDays, 30);

        // One option changes one value and keeps the other.
        QCOMPARE(runRetention({u"--text"_s, u"none"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);
        policy = storedPolicy(dir.path());
        QCOMPARE(policy.textMode, RetentionPolicy::TextMode::None);
        QCOMPARE(policy.logDays, 30);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("bad text") << QStringList{u"--text"_s, u"half"_s, u"--log-days"_s, u"7"_s}
                                  << u"expected full, none or first:N"_s;
        QTest::newRow("zero chars") << QStringList{u"--text"_s, u"first:0"_s} << u"from 1 to 65536"_s;
        QTest::newRow("negative days") << QStringList{u"--text"_s, u"none"_s, u"--log-days"_s, u"-1"_s}
                                       << u"invalid log retention \"-1\""_s;
        QTest::newRow("word days") << QStringList{u"--log-days"_s, u"week"_s} << u"invalid log retention \"week\""_s;
        QTest::newRow("bad zone") << QStringList{u"--purge-now"_s, u"--time-zone"_s, u"Mars/Base"_s}
                                  << u"invalid --time-zone value \"Mars/Base\""_s;
        QTest::newRow("zone without purge") << QStringList{u"--time-zone"_s, u"Europe/Berlin"_s}
                                            << u"--time-zone applies only to --purge-now"_s;
        QTest::newRow("unknown option") << QStringList{u"--keep"_s} << u"Unknown option 'keep'"_s;
        QTest::newRow("positional") << QStringList{u"now"_s} << u"unexpected argument \"now\""_s;
    }

    void badInputChangesNothing()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);

        QTemporaryDir dir;
        QCOMPARE(runRetention({u"--text"_s, u"first:50"_s, u"--log-days"_s, u"10"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);
        const RetentionPolicy before = storedPolicy(dir.path());

        const CommandResult result = runRetention(arguments + QStringList{u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(storedPolicy(dir.path()), before);
    }

    void missingDatabaseIsUsageError()
    {
        QTemporaryDir dir;
        const CommandResult shown = runRetention({u"--data-dir"_s, dir.filePath(u"none"_s)});
        QCOMPARE(shown.exitCode, 2);
        QVERIFY(shown.err.contains(u"no gateway database"_s));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"none/gateway.sqlite"_s)));
    }

    void malformedStoredValueIsFailure()
    {
        QTemporaryDir dir;
        {
            std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
            QVERIFY(storage);
            QVERIFY(storage->saveSettings({{RetentionPolicy::logDaysSettingName, u"soon"_s}}).ok());
        }
        const CommandResult shown = runRetention({u"--data-dir"_s, dir.path()});
        QCOMPARE(shown.exitCode, 1);
        QVERIFY2(shown.err.contains(u"set both --text and --log-days"_s), qPrintable(shown.err));

        // Both values replace the broken setting.
        QCOMPARE(runRetention({u"--text"_s, u"full"_s, u"--log-days"_s, u"0"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);
        QCOMPARE(runRetention({u"--data-dir"_s, dir.path()}).exitCode, 0);
    }

    void purgeNowDeletesOldRows()
    {
        QTemporaryDir dir;
        {
            std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
            QVERIFY(storage);
            QList<RequestLogEntry> rows;
            for (const int daysAgo : {400, 200, 0}) {
                RequestLogEntry entry;
                entry.requestId = u"r%1"_s.arg(daysAgo);
                entry.startedAt = QDateTime::currentDateTimeUtc().addDays(-daysAgo);
                entry.userName = u"alice"_s;
                entry.status = 200;
                rows.append(entry);
            }
            QVERIFY(storage->appendRequestLog(rows).ok());
        }

        const CommandResult purged = runProcess({u"--log-days"_s, u"100"_s, u"--purge-now"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(purged.exitCode, 0);
        QVERIFY2(purged.out.contains(u"Purged 2 request log rows"_s), qPrintable(purged.out + purged.err));

        std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QCOMPARE(storage->requestLogCount().value(), 1);
    }

    void executableReportsUsageError()
    {
        QTemporaryDir dir;
        QVERIFY(openStorage(dir.path()));
        const CommandResult result = runProcess({u"--text"_s, u"first:x"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(u"soulfra-gateway retention: invalid text retention"_s), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestRetentionCommand)
#include "tst_retentioncommand.moc"
