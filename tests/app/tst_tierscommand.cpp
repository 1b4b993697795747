// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"
#include "Storage.h"
#include "StorageConfig.h"
#include "TiersCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CommandResult runTiers(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = TiersCommand::run(arguments, out, err);
    return result;
}

QJsonObject tierJson(const QString &dataDir, const QString &name)
{
    const CommandResult listed = runTiers({u"list"_s, u"--json"_s, u"--data-dir"_s, dataDir});
    for (const QJsonValue &tier : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
        if (tier.toObject().value(u"name"_s).toString() == name)
            return tier.toObject();
    }
    return {};
}

} // namespace

// Drives `soulfra-gateway tiers ...` through TiersCommand::run, as main() does.
class TestTiersCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setCreatesTierWithEveryLimit()
    {
        QTemporaryDir dir;
        const CommandResult set = runTiers({u"set"_s, u"gold"_s, u"--calls-per-day"_s, u"100"_s,
                                            u"--generations-per-month"_s, u"20"_s, u"--brands-per-month"_s, u"2"_s,
                                            u"--requests-per-minute"_s, u"30"_s, u"--tokens-per-day"_s, u"5000"_s,
                                            u"--tokens-per-month"_s, u"90000"_s, u"--concurrent-streams"_s, u"3"_s,
                                            u"--models"_s, u"llama3.2:*,qwen*"_s, u"--priority"_s, u"15"_s,
                                            u"--data-dir"_s, dir.path()});
        QCOMPARE(set.exitCode, 0);
        QVERIFY(set.out.contains(u"Created tier gold; its keys start with sk_free_."_s));

        const QJsonObject gold = tierJson(dir.path(), u"gold"_s);
        QCOMPARE(gold.value(u"calls-per-day"_s).toInt(), 100);
        QCOMPARE(gold.value(u"generations-per-month"_s).toInt(), 20);
        QCOMPARE(gold.value(u"brands-per-month"_s).toInt(), 2);
        QCOMPARE(gold.value(u"requests-per-minute"_s).toInt(), 30);
        QCOMPARE(gold.value(u"tokens-per-day"_s).toInt(), 5000);
        QCOMPARE(gold.value(u"tokens-per-month"_s).toInt(), 90000);
        QCOMPARE(gold.value(u"concurrent-streams"_s).toInt(), 3);
        QCOMPARE(gold.value(u"modelPatterns"_s).toArray(), (QJsonArray{u"llama3.2:*"_s, u"qwen*"_s}));
        QCOMPARE(gold.value(u"queuePriority"_s).toInt(), 15);
    }

    void setChangesOnlyGivenValues()
    {
        QTemporaryDir dir;
        QCOMPARE(runTiers({u"set"_s, u"free"_s, u"--calls-per-day"_s, u"unlimited"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);

        const QJsonObject free = tierJson(dir.path(), u"free"_s);
        QVERIFY(free.value(u"calls-per-day"_s).isNull());
        QCOMPARE(free.value(u"generations-per-month"_s).toInt(), 100);
        QCOMPARE(free.value(u"brands-per-month"_s).toInt(), 3);
        QCOMPARE(free.value(u"keyPrefix"_s).toString(), u"sk_free_"_s);
    }

    void listShowsUsersPerTier()
    {
        QTemporaryDir dir;
        QCOMPARE(runTiers({u"set"_s, u"gold"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);
        Gateway::StorageConfig config;
        config.dataDir = dir.path();
        std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, u"test"_s);
        QVERIFY(storage->open());
        QVERIFY(storage->ensureUser(u"ann"_s, u"gold"_s));
        QVERIFY(storage->ensureUser(u"ben"_s, u"gold"_s));

        QCOMPARE(tierJson(dir.path(), u"gold"_s).value(u"users"_s).toInt(), 2);
        const CommandResult table = runTiers({u"list"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(u"USERS"_s));
    }

    void invalidValuesAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("word") << QStringList{u"--calls-per-day"_s, u"many"_s} << u"invalid value \"many\" for --calls-per-day"_s;
        QTest::newRow("negative") << QStringList{u"--tokens-per-day"_s, u"-5"_s} << u"invalid value \"-5\" for --tokens-per-day"_s;
        QTest::newRow("fraction") << QStringList{u"--concurrent-streams"_s, u"1.5"_s} << u"invalid value \"1.5\" for --concurrent-streams"_s;
        QTest::newRow("priority range") << QStringList{u"--priority"_s, u"5000"_s} << u"invalid value \"5000\" for --priority"_s;
        QTest::newRow("priority word") << QStringList{u"--priority"_s, u"high"_s} << u"invalid value \"high\" for --priority"_s;
        QTest::newRow("model pattern") << QStringList{u"--models"_s, u"llama 3"_s} << u"invalid model pattern \"llama 3\""_s;
        QTest::newRow("no pattern") << QStringList{u"--models"_s, u","_s} << u"--models needs at least one pattern"_s;
        QTest::newRow("trial days") << QStringList{u"--trial-days"_s, u"0"_s} << u"invalid value \"0\" for --trial-days"_s;
        QTest::newRow("unknown fallback") << QStringList{u"--fallback-tier"_s, u"gold"_s} << u"unknown fallback tier \"gold\""_s;
        QTest::newRow("unknown option") << QStringList{u"--calls-per-week"_s, u"5"_s} << u"Unknown option 'calls-per-week'"_s;
    }

    void invalidValuesAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;

        const CommandResult result = runTiers(QStringList{u"set"_s, u"silver"_s} + arguments + QStringList{u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        // Nothing was saved.
        QVERIFY(tierJson(dir.path(), u"silver"_s).isEmpty());
    }

    void invalidTierNameIsUsageError()
    {
        QTemporaryDir dir;
        const CommandResult result = runTiers({u"set"_s, u"Gold Tier"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"invalid tier name \"Gold Tier\""_s));
    }

    void listOfMissingDatabaseIsUsageError()
    {
        QTemporaryDir dir;
        const CommandResult result = runTiers({u"list"_s, u"--data-dir"_s, dir.filePath(u"nothing"_s)});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"no gateway database"_s));
    }

    void unknownCommandIsUsageError()
    {
        const CommandResult result = runTiers({u"delete"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"unknown command \"delete\""_s));
    }

    void runningGatewayAppliesChange()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        const QByteArray request = RawHttpClient::getRequest("/api/tags", gateway.key());
        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(request);
        QCOMPARE(client.readResponse().status, 200);

        QCOMPARE(runTiers({u"set"_s, u"pro"_s, u"--calls-per-day"_s, u"1"_s, u"--data-dir"_s, gateway.dataDir()}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(gateway.controller().usageOf(u"alice"_s).limits.callsPerDay, std::optional<qint64>(1), 2000);
        client.send(request);
        QCOMPARE(client.readResponse().status, 429);
    }
};

QTEST_GUILESS_MAIN(TestTiersCommand)
#include "tst_tierscommand.moc"
