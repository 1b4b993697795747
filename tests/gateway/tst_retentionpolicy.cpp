// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"
#include "RetentionPolicy.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

const QString longPrompt = u"Explain how the retention of prompts works in this gateway, in detail."_s;

std::unique_ptr<SqliteStorage> openStorage(const QString &dataDir)
{
    StorageConfig config;
    config.dataDir = dataDir;
    auto storage = std::make_unique<SqliteStorage>(config.databasePath(), u"test"_s);
    if (!storage->open())
        return {};
    return storage;
}

RawHttpClient::Response generate(quint16 port, const QByteArray &key, const QString &prompt)
{
    const QByteArray body = "{\"model\":\"llama3.2\",\"stream\":false,\"prompt\":\"" + prompt.toUtf8() + "\"}";
    RawHttpClient client;
    if (!client.connectTo(port))
        return {};
    client.send(RawHttpClient::postRequest("/api/generate", body, key));
    return client.readResponse();
}

} // namespace

class TestRetentionPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseTextAcceptsEveryMode()
    {
        const Result<RetentionPolicy> full = RetentionPolicy::parseText(u" Full "_s, RetentionPolicy());
        QVERIFY(full.ok());
        QCOMPARE(full.value().textMode, RetentionPolicy::TextMode::Full);

        const Result<RetentionPolicy> none = RetentionPolicy::parseText(u"none"_s, RetentionPolicy());
        QVERIFY(none.ok());
        QCOMPARE(none.value().textMode, RetentionPolicy::TextMode::None);

        const Result<RetentionPolicy> first = RetentionPolicy::parseText(u"FIRST:200"_s, RetentionPolicy());
        QVERIFY(first.ok());
        QCOMPARE(first.value().textMode, RetentionPolicy::TextMode::FirstChars);
        QCOMPARE(first.value().textChars, 200);
        QCOMPARE(first.value().textSetting(), u"first:200"_s);

        const Result<RetentionPolicy> largest =
            RetentionPolicy::parseText(u"first:%1"_s.arg(RetentionPolicy::maxTextChars), RetentionPolicy());
        QVERIFY(largest.ok());
    }

    void parseTextKeepsLogDays()
    {
        RetentionPolicy base;
        base.logDays = 30;
        const Result<RetentionPolicy> parsed = RetentionPolicy::parseText(u"none"_s, base);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().logDays, 30);
    }

    void parseTextRejectsBadValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QString() << u"expected full, none or first:N"_s;
        QTest::newRow("unknown word") << u"some"_s << u"invalid text retention \"some\""_s;
        QTest::newRow("first without N") << u"first:"_s << u"from 1 to 65536"_s;
        QTest::newRow("first zero") << u"first:0"_s << u"from 1 to 65536"_s;
        QTest::newRow("first negative") << u"first:-5"_s << u"from 1 to 65536"_s;
        QTest::newRow("first too large") << u"first:65537"_s << u"from 1 to 65536"_s;
        QTest::newRow("first fraction") << u"first:1.5"_s << u"from 1 to 65536"_s;
        QTest::newRow("first word") << u"first:ten"_s << u"from 1 to 65536"_s;
    }

    void parseTextRejectsBadValues()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);

        const Result<RetentionPolicy> parsed = RetentionPolicy::parseText(text, RetentionPolicy());
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message().contains(message), qPrintable(parsed.error().message()));
    }

    void parseLogDaysRejectsBadValues_data()
    {
        QTest::addColumn<QString>("text");

        QTest::newRow("empty") << QString();
        QTest::newRow("negative") << u"-1"_s;
        QTest::newRow("word") << u"thirty"_s;
        QTest::newRow("fraction") << u"1.5"_s;
        QTest::newRow("too large") << u"36501"_s;
    }

    void parseLogDaysRejectsBadValues()
    {
        QFETCH(QString, text);

        const Result<int> days = RetentionPolicy::parseLogDays(text);
        QVERIFY(!days.ok());
        QCOMPARE(days.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(days.error().message().contains(u"from 0 (keep forever) to 36500"_s), qPrintable(days.error().message()));
    }

    void parseLogDaysAcceptsRange()
    {
        QCOMPARE(RetentionPolicy::parseLogDays(u"0"_s).value(), 0);
        QCOMPARE(RetentionPolicy::parseLogDays(u" 30 "_s).value(), 30);
        QCOMPARE(RetentionPolicy::parseLogDays(u"36500"_s).value(), 36500);
    }

    void unsetSettingsGiveDefaults()
    {
        QTemporaryDir dir;
        std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
        QVERIFY(storage);

        const Result<RetentionPolicy> loaded = RetentionPolicy::load(*storage);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().textMode, RetentionPolicy::TextMode::Full);
        QCOMPARE(loaded.value().logDays, 0);
        QCOMPARE(RetentionPolicy::maxTextChars, GatewayConfig().maxStoredTextChars);
    }

    void saveThenLoadRoundTrips()
    {
        QTemporaryDir dir;
        std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
        QVERIFY(storage);

        RetentionPolicy policy;
        policy.textMode = RetentionPolicy::TextMode::FirstChars;
        policy.textChars = 120;
        policy.logDays = 45;
        QVERIFY(policy.save(*storage).ok());

        const Result<RetentionPolicy> loaded = RetentionPolicy::load(*storage);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value(), policy);
        QCOMPARE(storage->setting(RetentionPolicy::textSettingName).value(), u"first:120"_s);
        QCOMPARE(storage->setting(RetentionPolicy::logDaysSettingName).value(), u"45"_s);
    }

    void saveRejectsInvalidPolicy()
    {
        QTemporaryDir dir;
        std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
        QVERIFY(storage);

        RetentionPolicy badChars;
        badChars.textMode = RetentionPolicy::TextMode::FirstChars;
        badChars.textChars = 0;
        const Result<Done> charsSaved = badChars.save(*storage);
        QVERIFY(!charsSaved.ok());
        QCOMPARE(charsSaved.error().code(), ErrorCode::InvalidArgument);

        RetentionPolicy badDays;
        badDays.logDays = -2;
        QVERIFY(!badDays.save(*storage).ok());

        QCOMPARE(storage->setting(RetentionPolicy::textSettingName).value(), QString());
        QCOMPARE(storage->setting(RetentionPolicy::logDaysSettingName).value(), QString());
    }

    void loadReportsMalformedStoredValue()
    {
        QTemporaryDir dir;
        std::unique_ptr<SqliteStorage> storage = openStorage(dir.path());
        QVERIFY(storage);
        QVERIFY(storage->saveSettings({{RetentionPolicy::logDaysSettingName, u"a week"_s}}).ok());

        const Result<RetentionPolicy> loaded = RetentionPolicy::load(*storage);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code(), ErrorCode::InvalidArgument);
        QVERIFY2(loaded.error().message().contains(u"\"a week\""_s), qPrintable(loaded.error().message()));
    }

    void firstCharsKeepsSurrogatePairs()
    {
        const QString text = u"ab\U0001F600cd"_s; // the emoji is two UTF-16 code units
        QCOMPARE(RetentionPolicy::firstChars(text, 3), u"ab"_s);
        QCOMPARE(RetentionPolicy::firstChars(text, 4), u"ab\U0001F600"_s);
        QCOMPARE(RetentionPolicy::firstChars(text, 100), text);
    }

    void applyToCutsBothTexts()
    {
        RequestLogEntry entry;
        entry.promptText = u"prompt text"_s;
        entry.responseText = u"response text"_s;

        RetentionPolicy first;
        first.textMode = RetentionPolicy::TextMode::FirstChars;
        first.textChars = 6;
        first.applyTo(entry);
        QCOMPARE(entry.promptText, u"prompt"_s);
        QCOMPARE(entry.responseText, u"respon"_s);

        RetentionPolicy none;
        none.textMode = RetentionPolicy::TextMode::None;
        none.applyTo(entry);
        QVERIFY(entry.promptText.isEmpty());
        QVERIFY(entry.responseText.isEmpty());
    }

    void gatewayStoresTextPerMode_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<int>("expectedPromptChars");

        QTest::newRow("full") << u"full"_s << int(longPrompt.size());
        QTest::newRow("first 10") << u"first:10"_s << 10;
        QTest::newRow("none") << u"none"_s << 0;
    }

    void gatewayStoresTextPerMode()
    {
        QFETCH(QString, setting);
        QFETCH(int, expectedPromptChars);

        GatewayFixture gateway;
        {
            std::unique_ptr<SqliteStorage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            QVERIFY(storage->saveSettings({{RetentionPolicy::textSettingName, setting}}).ok());
        }
        QVERIFY(gateway.start());
        QSignalSpy live(&gateway.controller(), &GatewayController::requestsLogged);

        const RawHttpClient::Response response = generate(gateway.port(), gateway.key(), longPrompt);
        QCOMPARE(response.status, 200);
        QVERIFY(gateway.waitForLogRows(1));

        const RequestLogEntry row = gateway.logRows().first();
        QCOMPARE(row.promptText, longPrompt.left(expectedPromptChars));
        if (setting == u"none"_s)
            QVERIFY(row.responseText.isEmpty());
        else if (setting == u"first:10"_s)
            QVERIFY2(!row.responseText.isEmpty() && row.responseText.size() <= 10, qPrintable(row.responseText));
        else
            QVERIFY(row.responseText.size() > 10);

        // The console's live log shows what was stored, never more.
        QTRY_VERIFY(!live.isEmpty());
        const QList<RequestLogEntry> liveRows = live.first().first().value<QList<RequestLogEntry>>();
        QVERIFY(!liveRows.isEmpty());
        QCOMPARE(liveRows.first().promptText, row.promptText);
        QCOMPARE(liveRows.first().responseText, row.responseText);
        QVERIFY(gateway.stop());
    }

    void changeAppliesWithoutRestart()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        QCOMPARE(generate(gateway.port(), gateway.key(), longPrompt).status, 200);
        QVERIFY(gateway.waitForLogRows(1));
        QCOMPARE(gateway.logRows().first().promptText, longPrompt);

        {
            std::unique_ptr<SqliteStorage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            QVERIFY(storage->saveSettings({{RetentionPolicy::textSettingName, u"none"_s}}).ok());
        }

        // The writer reads the setting again at most every 2 seconds.
        int sent = 1;
        const auto newestPromptAfterRequest = [&] {
            if (generate(gateway.port(), gateway.key(), longPrompt).status != 200)
                return QStringLiteral("request failed");
            ++sent;
            if (!gateway.waitForLogRows(sent))
                return QStringLiteral("row missing");
            return gateway.logRows().first().promptText;
        };
        QTRY_COMPARE_WITH_TIMEOUT(newestPromptAfterRequest(), QString(), 3 * SqliteStorage::retentionRefreshMs);
        QVERIFY(gateway.stop());
    }

    void malformedSettingKeepsNoText()
    {
        GatewayFixture gateway;
        {
            std::unique_ptr<SqliteStorage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            QVERIFY(storage->saveSettings({{RetentionPolicy::textSettingName, u"first:lots"_s}}).ok());
        }
        QVERIFY(gateway.start());
        QCOMPARE(generate(gateway.port(), gateway.key(), longPrompt).status, 200);
        QVERIFY(gateway.waitForLogRows(1));
        QVERIFY(gateway.logRows().first().promptText.isEmpty());
        QVERIFY(gateway.stop());
    }
};

QTEST_GUILESS_MAIN(TestRetentionPolicy)
#include "tst_retentionpolicy.moc"
