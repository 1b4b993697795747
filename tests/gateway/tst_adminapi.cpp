// SPDX-License-Identifier: GPL-3.0-or-later
// The admin HTTP API through its own loopback listener next to a running
// gateway: token checks, users, tiers, keys and usage, and bad input.
#include "AdminToken.h"
#include "FakeOllama.h"
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &token,
                   const QByteArray &body = {})
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        text += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty() || method == "PUT" || method == "POST")
        text += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return text + "\r\n" + body;
}

RawHttpClient::Response roundTrip(quint16 port, const QByteArray &text)
{
    RawHttpClient client;
    if (!client.connectTo(port))
        return {};
    client.send(text);
    return client.readResponse();
}

QJsonObject object(const RawHttpClient::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QJsonArray array(const RawHttpClient::Response &response)
{
    return QJsonDocument::fromJson(response.body).array();
}

} // namespace

class TestAdminApi final : public QObject
{
    Q_OBJECT

private:
    // Starts the gateway with the admin API on a free loopback port and
    // returns that port, or 0.
    quint16 startWithAdmin(GatewayFixture &gateway, QByteArray &token)
    {
        const Gateway::Result<QByteArray> created = Gateway::AdminToken::create(gateway.dataDir());
        if (!created)
            return 0;
        token = created.value();

        QSignalSpy adminStarted(&gateway.controller(), &Gateway::GatewayController::adminStarted);
        const bool started = gateway.start([](Gateway::GatewayConfig &config) {
            config.adminEnabled = true;
            config.adminListenPort = 0;
        });
        if (!started || (adminStarted.isEmpty() && !adminStarted.wait(5000)))
            return 0;
        return quint16(QUrl(adminStarted.first().first().toString()).port());
    }

private Q_SLOTS:
    void rejectsMissingAndWrongToken()
    {
        GatewayFixture gateway;
        QByteArray token;
        const quint16 port = startWithAdmin(gateway, token);
        QVERIFY(port != 0);

        const RawHttpClient::Response missing = roundTrip(port, request("GET", "/admin/users", {}));
        QCOMPARE(missing.status, 401);
        QCOMPARE(object(missing).value(u"error"_s).toString(), u"missing or invalid admin token"_s);
        QCOMPARE(roundTrip(port, request("GET", "/admin/users", token + "x")).status, 401);
        // An API key of the gateway is no admin token.
        QCOMPARE(roundTrip(port, request("GET", "/admin/users", gateway.operatorKey())).status, 401);

        QCOMPARE(roundTrip(port, request("GET", "/admin/users", token)).status, 200);
        QCOMPARE(roundTrip(port, request("GET", "/admin/nothing", token)).status, 404);
        QCOMPARE(roundTrip(port, request("POST", "/admin/users", token, "{}")).status, 405);
    }

    void managesTiersUsersAndKeys()
    {
        GatewayFixture gateway;
        QByteArray token;
        const quint16 port = startWithAdmin(gateway, token);
        QVERIFY(port != 0);

        const RawHttpClient::Response tier = roundTrip(
            port, request("PUT", "/admin/tiers/team", token,
                          R"({"callsPerDay":2,"modelPatterns":["llama3.2:*"],"queuePriority":15,"priceCentsPerMonth":4900})"));
        QCOMPARE(tier.status, 201);
        QCOMPARE(object(tier).value(u"callsPerDay"_s).toInt(), 2);
        QVERIFY(object(tier).value(u"tokensPerDay"_s).isNull());
        QCOMPARE(object(tier).value(u"keyPrefix"_s).toString(), u"sk_live_"_s);

        const RawHttpClient::Response user = roundTrip(
            port, request("PUT", "/admin/users/zoe", token, R"({"tier":"team","email":"zoe@example.com"})"));
        QCOMPARE(user.status, 201);
        QCOMPARE(object(user).value(u"tier"_s).toString(), u"team"_s);

        const RawHttpClient::Response issued =
            roundTrip(port, request("POST", "/admin/keys", token, R"({"user":"zoe","label":"ci"})"));
        QCOMPARE(issued.status, 201);
        const QByteArray key = object(issued).value(u"key"_s).toString().toLatin1();
        const QString keyId = object(issued).value(u"id"_s).toString();
        QVERIFY(key.startsWith("sk_live_"));

        // The running gateway takes the new key within a second, and the
        // tier's two calls a day. QTRY_* would send counted requests again
        // after the first success, so this polls by hand.
        const QByteArray tags = RawHttpClient::getRequest("/api/tags", key);
        int status = 401;
        for (int attempt = 0; attempt < 100 && status == 401; ++attempt) {
            status = roundTrip(gateway.port(), tags).status;
            if (status == 401)
                QTest::qWait(20);
        }
        QCOMPARE(status, 200);
        QCOMPARE(roundTrip(gateway.port(), tags).status, 200);
        QCOMPARE(roundTrip(gateway.port(), tags).status, 429);

        const RawHttpClient::Response usage = roundTrip(port, request("GET", "/admin/usage/zoe", token));
        QCOMPARE(usage.status, 200);
        QCOMPARE(object(usage).value(u"callsToday"_s).toObject().value(u"used"_s).toInt(), 2);
        QCOMPARE(object(usage).value(u"callsToday"_s).toObject().value(u"limit"_s).toInt(), 2);

        const RawHttpClient::Response detail = roundTrip(port, request("GET", "/admin/users/zoe", token));
        QCOMPARE(object(detail).value(u"keys"_s).toArray().size(), 1);
        QVERIFY(!detail.body.contains(key));

        // An override lifts the limit for this user only.
        QCOMPARE(roundTrip(port, request("PUT", "/admin/users/zoe", token, R"({"overrides":{"callsPerDay":"unlimited"}})")).status, 200);
        QTRY_COMPARE(roundTrip(gateway.port(), tags).status, 200);

        QCOMPARE(roundTrip(port, request("DELETE", "/admin/keys/" + keyId.toLatin1(), token)).status, 200);
        QTRY_COMPARE(roundTrip(gateway.port(), tags).status, 401);

        const RawHttpClient::Response inUse = roundTrip(port, request("DELETE", "/admin/tiers/team", token));
        QCOMPARE(inUse.status, 400);
        QVERIFY(object(inUse).value(u"error"_s).toString().contains(u"in use by 1 users"_s));
        QCOMPARE(roundTrip(port, request("DELETE", "/admin/users/zoe", token)).status, 200);
        QCOMPARE(roundTrip(port, request("GET", "/admin/users/zoe", token)).status, 404);
        // The user's key went with it, so the tier is unused now.
        QCOMPARE(roundTrip(port, request("DELETE", "/admin/tiers/team", token)).status, 200);
        QCOMPARE(roundTrip(port, request("GET", "/admin/tiers/team", token)).status, 404);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        QTest::newRow("not json") << QByteArray("PUT") << QByteArray("/admin/tiers/team") << QByteArray("{callsPerDay")
                                  << 400 << u"the body must be a JSON object"_s;
        QTest::newRow("negative limit") << QByteArray("PUT") << QByteArray("/admin/tiers/team") << QByteArray(R"({"callsPerDay":-1})")
                                        << 400 << u"invalid value for callsPerDay"_s;
        QTest::newRow("fraction limit") << QByteArray("PUT") << QByteArray("/admin/tiers/team") << QByteArray(R"({"tokensPerDay":1.5})")
                                        << 400 << u"invalid value for tokensPerDay"_s;
        QTest::newRow("word limit on tier") << QByteArray("PUT") << QByteArray("/admin/tiers/team") << QByteArray(R"({"callsPerDay":"unlimited"})")
                                            << 400 << u"invalid value for callsPerDay"_s;
        QTest::newRow("bad tier name") << QByteArray("PUT") << QByteArray("/admin/tiers/Team%20A") << QByteArray("{}")
                                       << 400 << u"invalid tier name"_s;
        QTest::newRow("empty patterns") << QByteArray("PUT") << QByteArray("/admin/tiers/team") << QByteArray(R"({"modelPatterns":[]})")
                                        << 400 << u"invalid modelPatterns"_s;
        QTest::newRow("user without tier") << QByteArray("PUT") << QByteArray("/admin/users/zed") << QByteArray("{}")
                                           << 400 << u"give a tier to create it"_s;
        QTest::newRow("unknown tier") << QByteArray("PUT") << QByteArray("/admin/users/zed") << QByteArray(R"({"tier":"gold"})")
                                      << 400 << u"unknown tier \"gold\""_s;
        QTest::newRow("bad status") << QByteArray("PUT") << QByteArray("/admin/users/zed") << QByteArray(R"({"tier":"free","status":"banned"})")
                                    << 400 << u"invalid status \"banned\""_s;
        QTest::newRow("unknown key") << QByteArray("DELETE") << QByteArray("/admin/keys/key_nothing1") << QByteArray()
                                     << 404 << u"no key with id"_s;
        QTest::newRow("usage of nobody") << QByteArray("GET") << QByteArray("/admin/usage/nobody") << QByteArray()
                                         << 404 << u"no user named \"nobody\""_s;
    }

    void rejectsBadInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);

        GatewayFixture gateway;
        QByteArray token;
        const quint16 port = startWithAdmin(gateway, token);
        QVERIFY(port != 0);

        const RawHttpClient::Response response = roundTrip(port, request(method, path, token, body));
        QCOMPARE(response.status, status);
        const QString error = object(response).value(u"error"_s).toString();
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(array(roundTrip(port, request("GET", "/admin/tiers", token))).size(), 4);
    }

    void missingTokenLeavesGatewayServing()
    {
        GatewayFixture gateway;
        QSignalSpy adminFailed(&gateway.controller(), &Gateway::GatewayController::adminFailed);
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) {
            config.adminEnabled = true;
            config.adminListenPort = 0;
        }));
        QVERIFY(adminFailed.wait(5000) || !adminFailed.isEmpty());
        QVERIFY(adminFailed.first().first().toString().contains(u"no admin token"_s));
        QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", gateway.key())).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
