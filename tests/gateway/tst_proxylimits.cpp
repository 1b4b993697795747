// SPDX-License-Identifier: GPL-3.0-or-later
// Per-user limits as clients see them through a running gateway in front of
// the fake Ollama: exact counts under concurrency, 429 and 403 responses
// and their headers, model access and filtered model lists, persistence
// across a restart, rollover and trial expiry by a test clock, and the
// priority queue in front of a saturated upstream.
#include "FakeOllama.h"
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"
#include "Storage.h"
#include "StorageConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using Gateway::TierRecord;
using Gateway::UserRecord;

namespace {

const QByteArray generateBody = "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}";
const QByteArray streamBody = "{\"model\":\"llama3.2\",\"prompt\":\"hi\"}";

struct ManualClock
{
    std::shared_ptr<std::atomic<qint64>> msecs = std::make_shared<std::atomic<qint64>>(
        QDateTime(QDate(2026, 3, 14), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch());

    std::function<QDateTime()> function() const
    {
        return [msecs = msecs] { return QDateTime::fromMSecsSinceEpoch(msecs->load(), QTimeZone::utc()); };
    }
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(msecs->load(), QTimeZone::utc()); }
    void set(const QDateTime &time) { msecs->store(time.toMSecsSinceEpoch()); }
};

std::unique_ptr<Gateway::Storage> openStorage(const QString &dataDir)
{
    Gateway::StorageConfig config;
    config.dataDir = dataDir;
    std::unique_ptr<Gateway::Storage> storage = Gateway::createStorage(config, u"test-limits"_s);
    if (!storage->open())
        return {};
    return storage;
}

TierRecord tier(const QString &name)
{
    TierRecord record;
    record.name = name;
    return record;
}

// Puts userName on a new tier before the fixture issues its keys; the key
// issued later keeps the user's tier.
bool assignTier(const QString &dataDir, const TierRecord &record, const QString &userName = u"alice"_s,
                const std::function<void(UserRecord &)> &adjust = {})
{
    std::unique_ptr<Gateway::Storage> storage = openStorage(dataDir);
    if (!storage)
        return false;
    if (const auto saved = storage->saveTier(record); !saved) {
        qWarning("saving tier %s failed: %s", qPrintable(record.name), qPrintable(saved.error().message()));
        return false;
    }
    UserRecord user;
    user.name = userName;
    user.tier = record.name;
    if (adjust)
        adjust(user);
    if (const auto saved = storage->saveUser(user); !saved) {
        qWarning("saving user %s failed: %s", qPrintable(userName), qPrintable(saved.error().message()));
        return false;
    }
    return true;
}

QJsonObject json(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

RawHttpClient::Response roundTrip(quint16 port, const QByteArray &request, int timeoutMs = 10000)
{
    RawHttpClient client;
    if (!client.connectTo(port))
        return {};
    client.send(request);
    return client.readResponse(timeoutMs);
}

// Sends every request on its own connection before reading any response.
QList<RawHttpClient::Response> concurrently(quint16 port, const QList<QByteArray> &requests)
{
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        if (!clients.back()->connectTo(port))
            return {};
    }
    for (qsizetype i = 0; i < requests.size(); ++i)
        clients[size_t(i)]->send(requests.at(i));

    QList<RawHttpClient::Response> responses;
    for (auto &client : clients)
        responses.append(client->readResponse(20000));
    return responses;
}

int countStatus(const QList<RawHttpClient::Response> &responses, int status)
{
    int count = 0;
    for (const RawHttpClient::Response &response : responses)
        count += response.status == status ? 1 : 0;
    return count;
}

} // namespace

class TestProxyLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callsExactUnderConcurrency()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 50;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        const QList<QByteArray> requests(200, RawHttpClient::getRequest("/api/tags", gateway.key()));
        const QList<RawHttpClient::Response> responses = concurrently(gateway.port(), requests);
        QCOMPARE(responses.size(), 200);
        QCOMPARE(countStatus(responses, 200), 50);
        QCOMPARE(countStatus(responses, 429), 150);

        for (const RawHttpClient::Response &response : responses) {
            if (response.status != 429)
                continue;
            QCOMPARE(response.headers.value("X-RateLimit-Limit"), QByteArray("50"));
            QCOMPARE(response.headers.value("X-RateLimit-Remaining"), QByteArray("0"));
            QVERIFY(response.headers.value("Retry-After").toLongLong() >= 1);
            QVERIFY(json(response.body).value(u"error"_s).toString().contains(u"calls per day limit of 50"_s));
        }

        // Only the admitted calls are upstream, and only they are counted.
        QCOMPARE(gateway.fake().requests().size(), 50);
        QVERIFY(gateway.waitForLogRows(200));
        int counted = 0;
        for (const Gateway::RequestLogEntry &row : gateway.logRows())
            counted += row.countedCall ? 1 : 0;
        QCOMPARE(counted, 50);
    }

    void generationsExactUnderConcurrency()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.generationsPerMonth = 5;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.maxGenerationsInFlight = 40; }));

        const QList<QByteArray> requests(40, RawHttpClient::postRequest("/api/generate", generateBody, gateway.key()));
        const QList<RawHttpClient::Response> responses = concurrently(gateway.port(), requests);
        QCOMPARE(countStatus(responses, 200), 5);
        QCOMPARE(countStatus(responses, 429), 35);

        // Calls that are not generations still work.
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key())).status, 200);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).generationsThisMonth, 5);
    }

    void requestsPerMinuteExactUnderConcurrency()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.requestsPerMinute = 10;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        const QList<QByteArray> requests(60, RawHttpClient::getRequest("/api/tags", gateway.key()));
        const QList<RawHttpClient::Response> responses = concurrently(gateway.port(), requests);
        QCOMPARE(countStatus(responses, 200), 10);
        QCOMPARE(countStatus(responses, 429), 50);
        for (const RawHttpClient::Response &response : responses) {
            if (response.status == 429)
                QVERIFY(json(response.body).value(u"error"_s).toString().contains(u"requests per minute limit of 10"_s));
        }
    }

    void newBrandsExactUnderConcurrency()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.brandsPerMonth = 3;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        QList<QByteArray> requests;
        for (int i = 0; i < 30; ++i)
            requests.append(RawHttpClient::getRequest("/api/tags", gateway.key(), "X-Brand: brand-" + QByteArray::number(i) + "\r\n"));
        const QList<RawHttpClient::Response> responses = concurrently(gateway.port(), requests);
        QCOMPARE(countStatus(responses, 200), 3);
        QCOMPARE(countStatus(responses, 403), 27);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).brandsThisMonth, 3);
    }

    void openAiShapeOn429()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 1;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/v1/models", gateway.key())).status, 200);
        const RawHttpClient::Response rejected =
            roundTrip(gateway.port(), RawHttpClient::getRequest("/v1/models", gateway.key()));
        QCOMPARE(rejected.status, 429);
        const QJsonObject error = json(rejected.body).value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"rate_limit_exceeded"_s);
        QVERIFY(error.value(u"message"_s).toString().contains(u"calls per day"_s));
    }

    void rateLimitHeadersOnSuccess()
    {
        GatewayFixture gateway;
        ManualClock clock;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 10;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start([&clock](Gateway::GatewayConfig &config) { config.clock = clock.function(); }));

        const RawHttpClient::Response response =
            roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", generateBody, gateway.key()));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers.value("X-RateLimit-Limit"), QByteArray("10"));
        QCOMPARE(response.headers.value("X-RateLimit-Remaining"), QByteArray("9"));
        const qint64 midnight = QDateTime(QDate(2026, 3, 15), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        QCOMPARE(response.headers.value("X-RateLimit-Reset"), QByteArray::number(midnight));

        // Streamed responses carry them in their head as well.
        const RawHttpClient::Response streamed =
            roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", streamBody, gateway.key()));
        QCOMPARE(streamed.headers.value("X-RateLimit-Remaining"), QByteArray("8"));
    }

    void countsSurviveRestart()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 3;
        small.generationsPerMonth = 2;
        small.brandsPerMonth = 1;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", generateBody, gateway.key(),
                                                                      "X-Brand: Acme\r\n")).status, 200);
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", generateBody, gateway.key())).status, 200);
        QVERIFY(gateway.waitForLogRows(2));
        const QUrl upstream = gateway.fake().url();
        QVERIFY(gateway.stop());

        QVERIFY(gateway.start([&upstream](Gateway::GatewayConfig &config) { config.upstream = upstream; }, false));
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", generateBody, gateway.key())).status, 429);
        const RawHttpClient::Response otherBrand = roundTrip(
            gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key(), "X-Brand: Globex\r\n"));
        QCOMPARE(otherBrand.status, 403);
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key(), "X-Brand: acme\r\n")).status, 200);
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key())).status, 429);
    }

    void dayRollsOverByClock()
    {
        GatewayFixture gateway;
        ManualClock clock;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 2;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start([&clock](Gateway::GatewayConfig &config) {
            config.clock = clock.function();
            config.limitTimeZone = QTimeZone("America/New_York");
        }));

        // 03:30 UTC on 15 March is 23:30 on the 14th in New York (EDT, UTC-4).
        clock.set(QDateTime(QDate(2026, 3, 15), QTime(3, 30), QTimeZone::utc()));
        const QByteArray request = RawHttpClient::getRequest("/api/tags", gateway.key());
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
        const RawHttpClient::Response rejected = roundTrip(gateway.port(), request);
        QCOMPARE(rejected.status, 429);
        QCOMPARE(rejected.headers.value("Retry-After"), QByteArray("1800"));
        QVERIFY(json(rejected.body).value(u"error"_s).toString().contains(u"2026-03-15T04:00:00Z"_s));

        clock.set(QDateTime(QDate(2026, 3, 15), QTime(4, 0), QTimeZone::utc()));
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
    }

    void trialEndsWithoutRestart()
    {
        GatewayFixture gateway;
        ManualClock clock;
        TierRecord fallback = tier(u"starter"_s);
        fallback.callsPerDay = 1;
        TierRecord trial = tier(u"trial"_s);
        trial.callsPerDay = 100;
        trial.fallbackTier = u"starter"_s;
        trial.trialDurationSeconds = 7 * 24 * 3600;
        {
            std::unique_ptr<Gateway::Storage> storage = openStorage(gateway.dataDir());
            QVERIFY(storage);
            QVERIFY(storage->saveTier(fallback));
        }
        QVERIFY(assignTier(gateway.dataDir(), trial, u"alice"_s, [&clock](UserRecord &user) {
            user.trialEndsAt = clock.now().addSecs(3600);
        }));
        QVERIFY(gateway.start([&clock](Gateway::GatewayConfig &config) { config.clock = clock.function(); }));

        const QByteArray request = RawHttpClient::getRequest("/api/tags", gateway.key());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(roundTrip(gateway.port(), request).status, 200);

        clock.set(clock.now().addSecs(3600));
        // The same key works on, under the fallback tier's limit, which
        // today's three calls already exceed.
        const RawHttpClient::Response limited = roundTrip(gateway.port(), request);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.headers.value("X-RateLimit-Limit"), QByteArray("1"));

        // Storage records the move within a poll interval.
        std::unique_ptr<Gateway::Storage> storage = openStorage(gateway.dataDir());
        QVERIFY(storage);
        QTRY_COMPARE_WITH_TIMEOUT(storage->findUser(u"alice"_s).value().tier, u"starter"_s, 5000);
        QVERIFY(!storage->findUser(u"alice"_s).value().trialEndsAt.isValid());

        clock.set(clock.now().addDays(1));
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
    }

    void tierChangeFromOtherProcessApplies()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());
        const QByteArray request = RawHttpClient::getRequest("/api/tags", gateway.key());
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);

        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 1;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QTRY_COMPARE_WITH_TIMEOUT(roundTrip(gateway.port(), request).status, 429, 3000);
    }

    void modelAccessChecksEveryField_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");

        const auto post = [](const QByteArray &path, const QByteArray &body) {
            return RawHttpClient::postRequest(path, body, "KEY");
        };
        QTest::newRow("generate denied") << post("/api/generate", "{\"model\":\"qwen2.5-coder:7b\",\"prompt\":\"x\",\"stream\":false}") << 403;
        QTest::newRow("chat denied") << post("/api/chat", "{\"model\":\"QWEN2.5-CODER:7B\",\"messages\":[],\"stream\":false}") << 403;
        QTest::newRow("show by name") << post("/api/show", "{\"name\":\"qwen2.5-coder:7b\"}") << 403;
        QTest::newRow("embed denied") << post("/api/embed", "{\"model\":\"nomic-embed-text\",\"input\":\"x\"}") << 403;
        QTest::newRow("openai chat denied") << post("/v1/chat/completions", "{\"model\":\"qwen2.5-coder:7b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}") << 403;
        QTest::newRow("openai model path denied") << RawHttpClient::getRequest("/v1/models/qwen2.5-coder:7b", "KEY") << 403;
        QTest::newRow("registry spelling allowed") << post("/api/generate", "{\"model\":\"registry.ollama.ai/library/llama3.2:latest\",\"prompt\":\"x\",\"stream\":false}") << 200;
        QTest::newRow("library spelling allowed") << post("/api/chat", "{\"model\":\"Library/LLAMA3.2\",\"messages\":[],\"stream\":false}") << 200;
        QTest::newRow("openai model path allowed") << RawHttpClient::getRequest("/v1/models/llama3.2", "KEY") << 200;
        QTest::newRow("other tag denied") << post("/api/generate", "{\"model\":\"llama3.2:1b\",\"prompt\":\"x\",\"stream\":false}") << 403;
    }

    void modelAccessChecksEveryField()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);

        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.modelPatterns = {u"llama3.2"_s};
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        request.replace(QByteArray("Bearer KEY"), QByteArray("Bearer " + gateway.key()));
        const RawHttpClient::Response response = roundTrip(gateway.port(), request);
        QCOMPARE(response.status, status);
        if (status == 403) {
            const QJsonValue error = json(response.body).value(u"error"_s);
            const QString message = error.isObject() ? error.toObject().value(u"message"_s).toString() : error.toString();
            QVERIFY2(message.contains(u"not allowed for tier small"_s), qPrintable(message));
            QCOMPARE(gateway.fake().requests().size(), 0);
        }
    }

    void modelListsFiltered()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.modelPatterns = {u"llama3.2"_s, u"qwen*"_s};
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        const RawHttpClient::Response tags = roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key()));
        QCOMPARE(tags.status, 200);
        QStringList names;
        for (const QJsonValue &model : json(tags.body).value(u"models"_s).toArray())
            names.append(model.toObject().value(u"name"_s).toString());
        names.sort();
        QCOMPARE(names, (QStringList{u"llama3.2:latest"_s, u"qwen2.5-coder:7b"_s}));
        QCOMPARE(tags.headers.value("Content-Length").toLongLong(), tags.body.size());

        const RawHttpClient::Response models = roundTrip(gateway.port(), RawHttpClient::getRequest("/v1/models", gateway.key()));
        QStringList ids;
        for (const QJsonValue &model : json(models.body).value(u"data"_s).toArray())
            ids.append(model.toObject().value(u"id"_s).toString());
        ids.sort();
        QCOMPARE(ids, (QStringList{u"llama3.2:latest"_s, u"qwen2.5-coder:7b"_s}));

        // A key whose tier allows every model gets the upstream's list unchanged.
        const RawHttpClient::Response all =
            roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.operatorKey()));
        QCOMPARE(json(all.body).value(u"models"_s).toArray().size(), 4);
    }

    void brandBeyondLimitForbidden()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.brandsPerMonth = 1;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key(), "X-Brand: Acme\r\n")).status, 200);
        const QByteArray body = "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"stream\":false,\"context\":{\"brand\":\"Globex\"}}";
        const RawHttpClient::Response denied =
            roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", body, gateway.key()));
        QCOMPARE(denied.status, 403);
        QVERIFY(json(denied.body).value(u"error"_s).toString().contains(u"brand 'Globex'"_s));
        QCOMPARE(gateway.fake().requests().size(), 1);
    }

    void suspendedUserForbidden()
    {
        GatewayFixture gateway;
        QVERIFY(assignTier(gateway.dataDir(), tier(u"small"_s), u"alice"_s,
                           [](UserRecord &user) { user.status = u"suspended"_s; }));
        QVERIFY(gateway.start());

        const RawHttpClient::Response response =
            roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key()));
        QCOMPARE(response.status, 403);
        QVERIFY(json(response.body).value(u"error"_s).toString().contains(u"suspended"_s));
        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void concurrentStreamsLimited()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.concurrentStreams = 2;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        const QByteArray held = RawHttpClient::postRequest("/api/generate", streamBody, gateway.key(), "X-Fake-Hold: 1\r\n");
        RawHttpClient first;
        RawHttpClient second;
        QVERIFY(first.connectTo(gateway.port()));
        QVERIFY(second.connectTo(gateway.port()));
        first.send(held);
        second.send(held);
        QCOMPARE(first.readPartial(1).status, 200);
        QCOMPARE(second.readPartial(1).status, 200);

        const RawHttpClient::Response third =
            roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", streamBody, gateway.key()));
        QCOMPARE(third.status, 429);
        QVERIFY(json(third.body).value(u"error"_s).toString().contains(u"concurrent streams"_s));
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", generateBody, gateway.key())).status, 200);

        gateway.fake().release();
        QVERIFY(first.readResponse().complete);
        QVERIFY(second.readResponse().complete);
        QTRY_COMPARE(roundTrip(gateway.port(), RawHttpClient::postRequest("/api/generate", streamBody, gateway.key())).status, 200);
    }

    void tokensCountAsReported()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.tokensPerDay = 20;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start());

        const QByteArray request =
            RawHttpClient::postRequest("/api/generate", generateBody, gateway.key(), "X-Fake-Tokens: 10,5\r\n");
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).tokensToday, 15);
        QCOMPARE(roundTrip(gateway.port(), request).status, 200);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).tokensToday, 30);

        const RawHttpClient::Response rejected = roundTrip(gateway.port(), request);
        QCOMPARE(rejected.status, 429);
        QVERIFY(json(rejected.body).value(u"error"_s).toString().contains(u"tokens per day limit of 20"_s));
    }

    void abortedStreamCountsPartialTokens()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(RawHttpClient::postRequest("/api/generate", streamBody, gateway.key(), "X-Fake-Hold: 1\r\n"));
        QCOMPARE(client.readPartial(1).status, 200);
        client.close();

        QVERIFY(gateway.waitForLogRows(1));
        const Gateway::RequestLogEntry row = gateway.logRows().first();
        QCOMPARE(row.outcome, u"client cancelled"_s);
        QCOMPARE(row.completionTokens, std::optional<qint64>(1));
        QVERIFY(row.countedCall);
        QVERIFY(!row.countedGeneration);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).tokensToday, 1);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).generationsThisMonth, 0);
        gateway.fake().release();
    }

    void queueServesByPriority()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.maxGenerationsInFlight = 1; }));
        const QByteArray freeKey = gateway.issueKey(u"frank"_s, u"free"_s);
        const QByteArray proKey = gateway.issueKey(u"paula"_s, u"pro"_s);
        const QByteArray enterpriseKey = gateway.issueKey(u"erin"_s, u"enterprise"_s);
        QTRY_COMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", enterpriseKey)).status, 200);
        gateway.fake().reset();

        RawHttpClient holder;
        QVERIFY(holder.connectTo(gateway.port()));
        holder.send(RawHttpClient::postRequest("/api/generate", streamBody, gateway.key(), "X-Fake-Hold: 1\r\n"));
        QCOMPARE(holder.readPartial(1).status, 200);

        // Arrival order: free, free, pro, enterprise.
        const QList<QPair<QByteArray, QByteArray>> waiting = {
            {freeKey, "free-1"}, {freeKey, "free-2"}, {proKey, "pro"}, {enterpriseKey, "enterprise"}};
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (const auto &[key, label] : waiting) {
            const QByteArray body = "{\"model\":\"llama3.2\",\"prompt\":\"" + label + "\",\"stream\":false}";
            clients.push_back(std::make_unique<RawHttpClient>());
            QVERIFY(clients.back()->connectTo(gateway.port()));
            clients.back()->send(RawHttpClient::postRequest("/api/generate", body, key));
            QTRY_COMPARE(gateway.controller().queuedGenerations(), int(clients.size()));
        }
        QCOMPARE(gateway.fake().requests().size(), 1);

        gateway.fake().release();
        QVERIFY(holder.readResponse().complete);
        for (auto &client : clients)
            QCOMPARE(client->readResponse().status, 200);

        QStringList order;
        const QJsonArray received = gateway.fake().requests();
        for (qsizetype i = 1; i < received.size(); ++i)
            order.append(json(received.at(i).toObject().value(u"body"_s).toString().toUtf8()).value(u"prompt"_s).toString());
        QCOMPARE(order, (QStringList{u"enterprise"_s, u"pro"_s, u"free-1"_s, u"free-2"_s}));
    }

    void queueTimeoutGets503AndCountsNothing()
    {
        GatewayFixture gateway;
        TierRecord small = tier(u"small"_s);
        small.callsPerDay = 2;
        QVERIFY(assignTier(gateway.dataDir(), small));
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) {
            config.maxGenerationsInFlight = 1;
            config.maxQueueWaitMs = 300;
        }));

        RawHttpClient holder;
        QVERIFY(holder.connectTo(gateway.port()));
        holder.send(RawHttpClient::postRequest("/api/generate", streamBody, gateway.key(), "X-Fake-Hold: 1\r\n"));
        QCOMPARE(holder.readPartial(1).status, 200);

        const RawHttpClient::Response timedOut =
            roundTrip(gateway.port(), RawHttpClient::postRequest("/v1/chat/completions",
                                                                 "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                                                                 gateway.key()));
        QCOMPARE(timedOut.status, 503);
        QCOMPARE(timedOut.headers.value("Retry-After"), QByteArray("1"));
        QCOMPARE(json(timedOut.body).value(u"error"_s).toObject().value(u"code"_s).toString(), u"queue_timeout"_s);

        gateway.fake().release();
        QVERIFY(holder.readResponse().complete);
        // The rejected request gave its call back: the second of two is left.
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key())).status, 200);
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key())).status, 429);
    }

    void disconnectLeavesQueue()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.maxGenerationsInFlight = 1; }));

        RawHttpClient holder;
        QVERIFY(holder.connectTo(gateway.port()));
        holder.send(RawHttpClient::postRequest("/api/generate", streamBody, gateway.key(), "X-Fake-Hold: 1\r\n"));
        QCOMPARE(holder.readPartial(1).status, 200);

        {
            RawHttpClient waiter;
            QVERIFY(waiter.connectTo(gateway.port()));
            waiter.send(RawHttpClient::postRequest("/api/generate", generateBody, gateway.key()));
            QTRY_COMPARE(gateway.controller().queuedGenerations(), 1);
            waiter.close();
        }
        QTRY_COMPARE(gateway.controller().queuedGenerations(), 0);

        gateway.fake().release();
        QVERIFY(holder.readResponse().complete);
        QCOMPARE(gateway.fake().requests().size(), 1);
        QCOMPARE(gateway.controller().usageOf(u"alice"_s).callsToday, 1);
    }
};

QTEST_GUILESS_MAIN(TestProxyLimits)
#include "tst_proxylimits.moc"
