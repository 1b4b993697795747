// SPDX-License-Identifier: GPL-3.0-or-later
// The soulfra-gateway executable in headless mode, driven from outside:
// start-up, command line errors, graceful stop and a kill under load.
#include "FakeOllama.h"
#include "KeyIssuer.h"
#include "Storage.h"
#include "StorageConfig.h"
#include "TestPaths.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestHeadless final : public QObject
{
    Q_OBJECT

private:
    struct Gateway
    {
        std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        quint16 port = 0;
        QByteArray output;
    };

    static QByteArray issueKey(const QString &dataDir)
    {
        ::Gateway::StorageConfig config;
        config.dataDir = dataDir;
        auto storage = ::Gateway::createStorage(config, QStringLiteral("tst-headless"));
        if (!storage->open())
            return {};
        ::Gateway::KeyIssuer::Request request;
        request.userName = QStringLiteral("alice");
        request.tier = QStringLiteral("pro");
        const auto issued = ::Gateway::KeyIssuer::issue(*storage, request);
        return issued ? issued.value().secret : QByteArray();
    }

    // Starts the executable and waits for its "listening on" line.
    static bool startGateway(Gateway &gateway, const QStringList &arguments)
    {
        gateway.process->setProgram(TestPaths::gatewayBinary());
        gateway.process->setArguments(arguments);
        gateway.process->setProcessChannelMode(QProcess::SeparateChannels);
        gateway.process->start();
        if (!gateway.process->waitForStarted(5000))
            return false;

        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10000) {
            if (!gateway.process->waitForReadyRead(200) && gateway.process->state() != QProcess::Running)
                return false;
            gateway.output += gateway.process->readAllStandardOutput();
            const qsizetype at = gateway.output.indexOf("listening on http://127.0.0.1:");
            if (at >= 0) {
                const qsizetype start = at + qsizetype(strlen("listening on http://127.0.0.1:"));
                const qsizetype end = gateway.output.indexOf('\n', start);
                if (end < 0)
                    continue;
                gateway.port = quint16(gateway.output.mid(start, end - start).toUInt());
                return gateway.port != 0;
            }
        }
        return false;
    }

    static QList<::Gateway::RequestLogEntry> readLog(const QString &dataDir)
    {
        ::Gateway::StorageConfig config;
        config.dataDir = dataDir;
        auto storage = ::Gateway::createStorage(config, QStringLiteral("tst-headless-read"));
        if (!storage->open())
            return {};
        const auto rows = storage->recentRequestLog(1000000);
        return rows ? rows.value() : QList<::Gateway::RequestLogEntry>();
    }

    static QNetworkRequest generateRequest(quint16 port, const QByteArray &key, const QByteArray &requestId)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/generate").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + key);
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader("X-Request-ID", requestId);
        request.setRawHeader("X-Fake-Delay-Ms", "3");
        return request;
    }

private Q_SLOTS:
    void printsHelpWithEveryOption()
    {
        QProcess process;
        process.start(TestPaths::gatewayBinary(), {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);

        const QByteArray help = process.readAllStandardOutput();
        for (const char *option : {"--headless", "--listen", "--upstream", "--data-dir", "--max-body-bytes",
                                   "--max-header-bytes", "--max-header-count", "--idle-timeout", "--request-timeout",
                                   "--upstream-timeout", "--drain-timeout", "--max-connections-per-ip", "keys create"}) {
            QVERIFY2(help.contains(option), option);
        }
        QVERIFY(help.contains("default: 127.0.0.1:11435"));
        QVERIFY(help.contains("SECONDS"));
    }

    void rejectsBadArgumentsWithExitCode2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("--headless"), QStringLiteral("--frobnicate")} << QByteArray("frobnicate");
        QTest::newRow("bad listen") << QStringList{QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("nowhere")} << QByteArray("nowhere");
        QTest::newRow("bad port") << QStringList{QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:99999")} << QByteArray("99999");
        QTest::newRow("bad upstream") << QStringList{QStringLiteral("--headless"), QStringLiteral("--upstream"), QStringLiteral("ftp://x")} << QByteArray("ftp://x");
        QTest::newRow("bad number") << QStringList{QStringLiteral("--headless"), QStringLiteral("--max-body-bytes"), QStringLiteral("lots")} << QByteArray("lots");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--headless"), QStringLiteral("--listen")} << QByteArray("listen");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("serve")} << QByteArray("serve");
    }

    void rejectsBadArgumentsWithExitCode2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, named);

        QProcess process;
        process.start(TestPaths::gatewayBinary(), arguments);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QByteArray error = process.readAllStandardError();
        QVERIFY2(error.contains(named), error.constData());
    }

    void exitsWith1WhenPortIsTaken()
    {
        QTemporaryDir dataDir;
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));

        QProcess process;
        process.start(TestPaths::gatewayBinary(),
                      {QStringLiteral("--headless"), QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort()), QStringLiteral("--data-dir"), dataDir.path()});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("cannot start"));
    }

    void stopsCleanlyOnSigterm()
    {
        QTemporaryDir dataDir;
        FakeOllama fake;
        QVERIFY(fake.start());

        Gateway gateway;
        QVERIFY(startGateway(gateway, {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--upstream"), fake.url().toString(), QStringLiteral("--data-dir"), dataDir.path()}));

        ::kill(pid_t(gateway.process->processId()), SIGTERM);
        QVERIFY(gateway.process->waitForFinished(10000));
        QCOMPARE(gateway.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(gateway.process->exitCode(), 0);
        QVERIFY(gateway.process->readAllStandardOutput().contains("stopped"));
    }

    void finishesInFlightStreamOnSigterm()
    {
        QTemporaryDir dataDir;
        const QByteArray key = issueKey(dataDir.path());
        QVERIFY(!key.isEmpty());
        FakeOllama fake;
        QVERIFY(fake.start());

        Gateway gateway;
        QVERIFY(startGateway(gateway, {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--upstream"), fake.url().toString(), QStringLiteral("--data-dir"), dataDir.path()}));

        QNetworkAccessManager network;
        QNetworkRequest request = generateRequest(gateway.port, key, "drain-1");
        request.setRawHeader("X-Fake-Hold", "1");
        QNetworkReply *reply = network.post(request, R"({"model":"llama3.2","prompt":"hi"})");
        QSignalSpy firstBytes(reply, &QNetworkReply::readyRead);
        QVERIFY(firstBytes.wait(10000));

        ::kill(pid_t(gateway.process->processId()), SIGTERM);
        // The gateway keeps serving the stream it has; release it.
        QTest::qWait(300);
        QCOMPARE(gateway.process->state(), QProcess::Running);
        fake.release();

        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->readAll().contains("\"done\":true"));

        QVERIFY(gateway.process->waitForFinished(10000));
        QCOMPARE(gateway.process->exitCode(), 0);

        const QList<::Gateway::RequestLogEntry> rows = readLog(dataDir.path());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().requestId, QStringLiteral("drain-1"));
        QCOMPARE(rows.first().outcome, QStringLiteral("ok"));
    }

    void secondSignalExitsWithoutCrash()
    {
        QTemporaryDir dataDir;
        const QByteArray key = issueKey(dataDir.path());
        QVERIFY(!key.isEmpty());
        FakeOllama fake;
        QVERIFY(fake.start());

        Gateway gateway;
        QVERIFY(startGateway(gateway, {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--upstream"), fake.url().toString(), QStringLiteral("--data-dir"), dataDir.path()}));

        QNetworkAccessManager network;
        QNetworkRequest request = generateRequest(gateway.port, key, "impatient-1");
        request.setRawHeader("X-Fake-Hold", "1");
        QNetworkReply *reply = network.post(request, R"({"model":"llama3.2","prompt":"hi"})");
        QSignalSpy firstBytes(reply, &QNetworkReply::readyRead);
        QVERIFY(firstBytes.wait(10000));

        // An impatient operator presses Ctrl+C twice while a stream runs.
        ::kill(pid_t(gateway.process->processId()), SIGINT);
        QTest::qWait(300);
        ::kill(pid_t(gateway.process->processId()), SIGINT);

        QVERIFY(gateway.process->waitForFinished(10000));
        QCOMPARE(gateway.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(gateway.process->exitCode(), 1);
        fake.release();
    }

    void sigkillUnderLoadLosesNoCompletedRow()
    {
        QTemporaryDir dataDir;
        const QByteArray key = issueKey(dataDir.path());
        QVERIFY(!key.isEmpty());
        FakeOllama fake;
        QVERIFY(fake.start());

        Gateway gateway;
        QVERIFY(startGateway(gateway, {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--upstream"), fake.url().toString(), QStringLiteral("--data-dir"), dataDir.path()}));

        QNetworkAccessManager network;
        QSet<QByteArray> completed;
        int sent = 0;
        bool killed = false;

        // Keeps 24 requests in flight; each response that arrives complete
        // is a request whose row must survive the kill.
        std::function<void()> sendOne = [&] {
            if (killed)
                return;
            const QByteArray id = "load-" + QByteArray::number(sent++);
            QNetworkReply *reply = network.post(generateRequest(gateway.port, key, id),
                                                R"({"model":"llama3.2","prompt":"hi","stream":false})");
            connect(reply, &QNetworkReply::finished, this, [&, reply, id] {
                reply->deleteLater();
                if (reply->error() == QNetworkReply::NoError && reply->readAll().contains("\"done\":true"))
                    completed.insert(id);
                sendOne();
            });
        };
        for (int i = 0; i < 24; ++i)
            sendOne();

        QTRY_VERIFY_WITH_TIMEOUT(completed.size() >= 200, 30000);
        ::kill(pid_t(gateway.process->processId()), SIGKILL);
        killed = true;
        QVERIFY(gateway.process->waitForFinished(10000));
        QCOMPARE(gateway.process->exitStatus(), QProcess::CrashExit);
        QTest::qWait(200); // replies already in the socket buffers still finish

        const QList<::Gateway::RequestLogEntry> rows = readLog(dataDir.path());
        QVERIFY(!rows.isEmpty());

        QSet<QByteArray> logged;
        for (const ::Gateway::RequestLogEntry &row : rows)
            logged.insert(row.requestId.toLatin1());

        QStringList missing;
        for (const QByteArray &id : std::as_const(completed)) {
            if (!logged.contains(id))
                missing.append(QString::fromLatin1(id));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 of %2 completed requests have no row: %3")
                                                   .arg(missing.size()).arg(completed.size()).arg(missing.mid(0, 5).join(QLatin1Char(' ')))));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
