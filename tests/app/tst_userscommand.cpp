// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"
#include "UsersCommand.h"

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

CommandResult runUsers(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = UsersCommand::run(arguments, out, err);
    return result;
}

QJsonObject userJson(const QString &dataDir, const QString &name)
{
    const CommandResult listed = runUsers({u"list"_s, u"--json"_s, u"--data-dir"_s, dataDir});
    for (const QJsonValue &user : QJsonDocument::fromJson(listed.out.toUtf8()).array()) {
        if (user.toObject().value(u"name"_s).toString() == name)
            return user.toObject();
    }
    return {};
}

} // namespace

// Drives `soulfra-gateway users ...` through UsersCommand::run, as main() does.
class TestUsersCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setCreatesUserOnTier()
    {
        QTemporaryDir dir;
        const CommandResult set = runUsers({u"set"_s, u"bob"_s, u"--tier"_s, u"pro"_s, u"--email"_s,
                                            u"bob@example.com"_s, u"--data-dir"_s, dir.path()});
        QCOMPARE(set.exitCode, 0);
        QVERIFY(set.out.contains(u"Created user bob."_s));

        const QJsonObject bob = userJson(dir.path(), u"bob"_s);
        QCOMPARE(bob.value(u"tier"_s).toString(), u"pro"_s);
        QCOMPARE(bob.value(u"status"_s).toString(), u"active"_s);
        QCOMPARE(bob.value(u"email"_s).toString(), u"bob@example.com"_s);
        QVERIFY(bob.value(u"trialEndsAt"_s).isNull());
    }

    void trialTierStartsTrial()
    {
        QTemporaryDir dir;
        QCOMPARE(runUsers({u"set"_s, u"tia"_s, u"--tier"_s, u"pro_trial"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);

        const QDateTime ends = QDateTime::fromString(userJson(dir.path(), u"tia"_s).value(u"trialEndsAt"_s).toString(), Qt::ISODate);
        QVERIFY(ends.isValid());
        const qint64 days = QDateTime::currentDateTimeUtc().secsTo(ends) / 3600;
        QVERIFY2(days > 7 * 24 - 2 && days <= 7 * 24, qPrintable(ends.toString(Qt::ISODate)));

        // Back on a regular tier, the trial end goes away.
        QCOMPARE(runUsers({u"set"_s, u"tia"_s, u"--tier"_s, u"pro"_s, u"--data-dir"_s, dir.path()}).exitCode, 0);
        QVERIFY(userJson(dir.path(), u"tia"_s).value(u"trialEndsAt"_s).isNull());
    }

    void overridesSetAndCleared()
    {
        QTemporaryDir dir;
        QCOMPARE(runUsers({u"set"_s, u"ent"_s, u"--tier"_s, u"enterprise"_s, u"--calls-per-day"_s, u"5"_s,
                           u"--tokens-per-month"_s, u"unlimited"_s, u"--models"_s, u"llama3.2"_s,
                           u"--data-dir"_s, dir.path()}).exitCode, 0);
        QJsonObject overrides = userJson(dir.path(), u"ent"_s).value(u"overrides"_s).toObject();
        QCOMPARE(overrides.value(u"calls-per-day"_s).toInt(), 5);
        QCOMPARE(overrides.value(u"tokens-per-month"_s).toString(), u"unlimited"_s);
        QCOMPARE(overrides.value(u"models"_s).toArray(), QJsonArray{u"llama3.2"_s});

        QCOMPARE(runUsers({u"set"_s, u"ent"_s, u"--calls-per-day"_s, u"tier"_s, u"--models"_s, u"tier"_s,
                           u"--data-dir"_s, dir.path()}).exitCode, 0);
        overrides = userJson(dir.path(), u"ent"_s).value(u"overrides"_s).toObject();
        QVERIFY(!overrides.contains(u"calls-per-day"_s));
        QVERIFY(!overrides.contains(u"models"_s));
        QCOMPARE(overrides.value(u"tokens-per-month"_s).toString(), u"unlimited"_s);
    }

    void badInputIsUsageError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("new user without tier") << QStringList{u"set"_s, u"zed"_s} << u"user \"zed\" does not exist; give --tier"_s;
        QTest::newRow("unknown tier") << QStringList{u"set"_s, u"zed"_s, u"--tier"_s, u"gold"_s} << u"unknown tier \"gold\""_s;
        QTest::newRow("bad status") << QStringList{u"set"_s, u"zed"_s, u"--tier"_s, u"free"_s, u"--status"_s, u"banned"_s}
                                    << u"invalid value \"banned\" for --status"_s;
        QTest::newRow("bad override") << QStringList{u"set"_s, u"zed"_s, u"--tier"_s, u"free"_s, u"--calls-per-day"_s, u"lots"_s}
                                      << u"invalid value \"lots\" for --calls-per-day"_s;
        QTest::newRow("missing name") << QStringList{u"set"_s} << u"missing user name"_s;
    }

    void badInputIsUsageError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;

        const CommandResult result = runUsers(arguments + QStringList{u"--data-dir"_s, dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(userJson(dir.path(), u"zed"_s).isEmpty());
    }

    void runningGatewaySuspendsUser()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        const QByteArray request = RawHttpClient::getRequest("/api/tags", gateway.key());
        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(request);
        QCOMPARE(client.readResponse().status, 200);

        QCOMPARE(runUsers({u"set"_s, u"alice"_s, u"--status"_s, u"suspended"_s, u"--data-dir"_s, gateway.dataDir()}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(gateway.controller().usageOf(u"alice"_s).limits.suspended, 2000);
        client.send(request);
        QCOMPARE(client.readResponse().status, 403);
    }
};

QTEST_GUILESS_MAIN(TestUsersCommand)
#include "tst_userscommand.moc"
