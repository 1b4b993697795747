// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line options of the gateway for limits, the generation queue
// and the admin API.
#include "GatewayOptions.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestGatewayOptions final : public QObject
{
    Q_OBJECT

private:
    static QStringList withProgram(const QStringList &arguments)
    {
        return QStringList{u"soulfra-gateway"_s} + arguments;
    }

private Q_SLOTS:
    void defaultsForLimitsQueueAndAdmin()
    {
        GatewayOptions options;
        QCOMPARE(options.parse(withProgram({})), GatewayOptions::Outcome::Run);
        QCOMPARE(options.config().limitTimeZone, QTimeZone::utc());
        QCOMPARE(options.config().maxGenerationsInFlight, 4);
        QCOMPARE(options.config().maxQueuedGenerations, 256);
        QCOMPARE(options.config().maxQueueWaitMs, 30000);
        QVERIFY(!options.config().adminEnabled);
    }

    void setsTimeZoneQueueAndAdmin()
    {
        GatewayOptions options;
        const QStringList arguments{u"--time-zone"_s, u"Europe/Berlin"_s, u"--max-generations"_s, u"2"_s,
                                    u"--max-queued"_s, u"10"_s, u"--queue-timeout"_s, u"5"_s,
                                    u"--listen"_s, u"127.0.0.1:18000"_s, u"--admin-listen"_s, u"[::1]:18001"_s};
        QCOMPARE(options.parse(withProgram(arguments)), GatewayOptions::Outcome::Run);
        QCOMPARE(options.config().limitTimeZone, QTimeZone("Europe/Berlin"));
        QCOMPARE(options.config().maxGenerationsInFlight, 2);
        QCOMPARE(options.config().maxQueuedGenerations, 10);
        QCOMPARE(options.config().maxQueueWaitMs, 5000);
        QVERIFY(options.config().adminEnabled);
        QCOMPARE(options.config().adminListenAddress, QHostAddress(u"::1"_s));
        QCOMPARE(options.config().adminListenPort, quint16(18001));
        // The client listener keeps its own address.
        QCOMPARE(options.config().listenAddress, QHostAddress(u"127.0.0.1"_s));
        QCOMPARE(options.config().listenPort, quint16(18000));
    }

    void rejectsBadValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");

        QTest::newRow("time zone") << QStringList{u"--time-zone"_s, u"Mars/Olympus"_s} << u"invalid --time-zone value 'Mars/Olympus'"_s;
        QTest::newRow("admin address") << QStringList{u"--admin-listen"_s, u"nowhere"_s} << u"--admin-listen"_s;
        QTest::newRow("zero generations") << QStringList{u"--max-generations"_s, u"0"_s} << u"max-generations"_s;
        QTest::newRow("queue timeout word") << QStringList{u"--queue-timeout"_s, u"soon"_s} << u"queue-timeout"_s;
    }

    void rejectsBadValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);

        GatewayOptions options;
        QCOMPARE(options.parse(withProgram(arguments)), GatewayOptions::Outcome::UsageError);
        QVERIFY2(options.errorText().contains(message), qPrintable(options.errorText()));
    }

    void helpNamesNewOptions()
    {
        const QString help = GatewayOptions().helpText();
        for (const QString &option : {u"--time-zone"_s, u"--admin-listen"_s, u"--max-generations"_s, u"--max-queued"_s,
                                      u"--queue-timeout"_s})
            QVERIFY2(help.contains(option), qPrintable(option));
    }

    void helpNamesEveryCommand()
    {
        const QString help = GatewayOptions().helpText();
        for (const QString &command : {u"\n  keys "_s, u"\n  tiers "_s, u"\n  users "_s, u"\n  events "_s,
                                       u"\n  usage "_s, u"\n  rollups "_s, u"\n  retention "_s,
                                       u"\n  admin-token "_s})
            QVERIFY2(help.contains(command), qPrintable(command));
    }
};

QTEST_GUILESS_MAIN(TestGatewayOptions)
#include "tst_gatewayoptions.moc"
