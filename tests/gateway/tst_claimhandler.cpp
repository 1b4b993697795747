// SPDX-License-Identifier: GPL-3.0-or-later
// The claim page served by a running gateway: GET /claim/<code> and POST,
// as HTML and JSON, with concurrency, caps, rate limits and escaping.
#include "ClaimCode.h"
#include "EventIssuer.h"
#include "EventStore.h"
#include "GatewayController.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

class TestClaimHandler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getShowsEscapedFormWithSecurityHeaders();
    void postJsonIssuesTrialKeyThatWorksAtOnce();
    void postFormShowsKeyOnceAndNeverAgain();
    void invalidCodesGetOneAnswer();
    void missingConsentSpendsNothing();
    void rejectsOtherMethods();
    void concurrentPostsOfOneCodeIssueOneKey();
    void sharedCodeStopsAtCap();
    void rateLimitsFailuresPerAddress();
    void rateLimitsFailuresGlobally();
    void revokedBatchStopsWorking();
    void logNeverHoldsTheCode();
    void controllerCreatesEventsAndReportsClaims();
    void createEventWhileStoppedFails();

private:
    static EventIssuer::Created createEvent(GatewayFixture &gateway, const EventIssuer::Request &request);
    static EventIssuer::Request singleUse(int count);
    static EventIssuer::Request shared(const QString &code, qint64 cap);
    static RawHttpClient::Response roundTrip(quint16 port, const QByteArray &request,
                                             const QHostAddress &from = QHostAddress());
    static QByteArray postJson(const QString &code, const QByteArray &body = R"({"consent":true})");
    static QByteArray postForm(const QString &code, const QByteArray &body, const QByteArray &extra = {});
};

EventIssuer::Request TestClaimHandler::singleUse(int count)
{
    EventIssuer::Request request;
    request.name = u"DevFest 2026"_s;
    request.description = u"Try the gateway for a week."_s;
    request.singleUseCount = count;
    return request;
}

EventIssuer::Request TestClaimHandler::shared(const QString &code, qint64 cap)
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = code;
    request.maxClaims = cap;
    return request;
}

EventIssuer::Created TestClaimHandler::createEvent(GatewayFixture &gateway, const EventIssuer::Request &request)
{
    StorageConfig config;
    config.dataDir = gateway.dataDir();
    SqliteStorage storage(config.databasePath(), u"test-events"_s);
    if (!storage.open())
        return {};
    Result<EventIssuer::Created> created = EventIssuer::create(storage, request);
    return created ? created.value() : EventIssuer::Created{};
}

RawHttpClient::Response TestClaimHandler::roundTrip(quint16 port, const QByteArray &request, const QHostAddress &from)
{
    RawHttpClient client;
    if (!from.isNull() && !client.socket().bind(from))
        return {};
    if (!client.connectTo(port))
        return {};
    client.send(request);
    return client.readResponse(10000);
}

QByteArray TestClaimHandler::postJson(const QString &code, const QByteArray &body)
{
    return RawHttpClient::postRequest("/claim/" + code.toLatin1(), body, {},
                                      "Accept: application/json\r\nContent-Type: application/json\r\n");
}

QByteArray TestClaimHandler::postForm(const QString &code, const QByteArray &body, const QByteArray &extra)
{
    return RawHttpClient::postRequest("/claim/" + code.toLatin1(), body, {},
                                      "Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                          + extra);
}

void TestClaimHandler::getShowsEscapedFormWithSecurityHeaders()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    EventIssuer::Request request = singleUse(1);
    request.name = u"<b>Dev\"Fest</b> & co"_s;
    request.description = u"<script>alert(1)</script>\n<img src=x onerror=alert(2)>"_s;
    const EventIssuer::Created created = createEvent(gateway, request);
    QCOMPARE(created.codes.size(), 1);

    // Typed as a person would: lower case with dashes.
    const QByteArray typed = ClaimCode::display(created.codes.first()).toLower().toLatin1();
    const RawHttpClient::Response response = roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + typed));
    QCOMPARE(response.status, 200);
    QVERIFY(response.headers.value("Content-Type").startsWith("text/html"));

    const QByteArray csp = response.headers.value("Content-Security-Policy");
    QVERIFY(csp.startsWith("default-src 'none';"));
    QVERIFY(csp.contains("script-src 'sha256-"));
    QVERIFY(csp.contains("frame-ancestors 'none'"));
    QVERIFY(!csp.contains("unsafe-inline"));
    QCOMPARE(response.headers.value("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.headers.value("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(response.headers.value("X-Frame-Options"), QByteArray("DENY"));
    QCOMPARE(response.headers.value("Cache-Control"), QByteArray("no-store"));

    const QByteArray &body = response.body;
    QVERIFY(body.contains("&lt;b&gt;Dev&quot;Fest&lt;/b&gt; &amp; co"));
    QVERIFY(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    QVERIFY(!body.contains("<b>"));
    QVERIFY(!body.contains("<img"));
    QVERIFY(!body.contains("alert(1)</script>"));
    // No external asset of any kind: no element refers to another URL.
    static const QRegularExpression reference(u"<[a-zA-Z]+[^>]*\\s(src|href|action)="_s);
    QVERIFY(!reference.match(QString::fromUtf8(body)).hasMatch());
    QVERIFY(!body.contains("<link"));
    QVERIFY(!body.contains("http://"));
    QVERIFY(!body.contains("https://"));
    QVERIFY(body.contains("name=\"nonce\""));
    QVERIFY(body.contains("name=\"consent\""));
    QVERIFY(body.contains("name=\"email\""));
}

void TestClaimHandler::postJsonIssuesTrialKeyThatWorksAtOnce()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));

    const RawHttpClient::Response response = roundTrip(gateway.port(), postJson(created.codes.first()));
    QCOMPARE(response.status, 200);
    QVERIFY(response.headers.value("Content-Type").startsWith("application/json"));
    QCOMPARE(response.headers.value("Cache-Control"), QByteArray("no-store"));
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QByteArray key = object.value(u"api_key"_s).toString().toLatin1();
    QVERIFY(key.startsWith("sk_trial_"));
    QCOMPARE(object.value(u"tier"_s).toString(), u"pro_trial"_s);
    const QDateTime expires = QDateTime::fromString(object.value(u"expires_at"_s).toString(), Qt::ISODate);
    QVERIFY(expires.isValid());
    const qint64 days = QDateTime::currentDateTimeUtc().secsTo(expires);
    QVERIFY(days > 7 * 86400 - 60 && days <= 7 * 86400);

    // No wait: the key is in the index before the claim answers.
    const RawHttpClient::Response tags = roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", key));
    QCOMPARE(tags.status, 200);
    // A different last character, whatever the issued one was.
    QByteArray mistyped = key;
    mistyped.back() = mistyped.back() == 'x' ? 'y' : 'x';
    const RawHttpClient::Response bogus = roundTrip(gateway.port(), RawHttpClient::getRequest("/api/tags", mistyped));
    QCOMPARE(bogus.status, 401);
}

void TestClaimHandler::postFormShowsKeyOnceAndNeverAgain()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, shared(u"POSTER-2026-X"_s, 10));
    const QString code = created.codes.first();

    const RawHttpClient::Response form = roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + code.toLatin1()));
    QCOMPARE(form.status, 200);
    const qsizetype at = form.body.indexOf("name=\"nonce\" value=\"");
    QVERIFY(at > 0);
    const qsizetype start = at + qsizetype(strlen("name=\"nonce\" value=\""));
    const QByteArray nonce = form.body.mid(start, form.body.indexOf('"', start) - start);
    QCOMPARE(nonce.size(), 32);

    const QByteArray body = "nonce=" + nonce + "&email=ada%40example.org&consent=yes";
    const RawHttpClient::Response claimed = roundTrip(gateway.port(), postForm(code, body));
    QCOMPARE(claimed.status, 200);
    QVERIFY(claimed.body.contains("id=\"api-key\">sk_trial_"));
    QVERIFY(claimed.body.contains("Authorization: Bearer sk_trial_"));
    const QByteArray cookie = claimed.headers.value("Set-Cookie");
    QVERIFY(cookie.startsWith("soulfra_claimed_"));
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Strict"));
    QVERIFY(!cookie.contains("sk_"));

    // Reload: the browser sends the same form again.
    const RawHttpClient::Response reloaded = roundTrip(gateway.port(), postForm(code, body));
    QCOMPARE(reloaded.status, 409);
    QVERIFY(!reloaded.body.contains("sk_trial_"));

    // Back: the form comes again with a fresh token, but the device cookie
    // still marks this code as claimed.
    const QByteArray cookiePair = cookie.left(cookie.indexOf(';'));
    const RawHttpClient::Response back = roundTrip(
        gateway.port(), RawHttpClient::getRequest("/claim/" + code.toLatin1(), {}, "Cookie: " + cookiePair + "\r\n"));
    QCOMPARE(back.status, 409);
    const RawHttpClient::Response resubmitted = roundTrip(
        gateway.port(), postForm(code, "nonce=fresh1&consent=yes", "Cookie: a=b; " + cookiePair + "\r\n"));
    QCOMPARE(resubmitted.status, 409);

    StorageConfig config;
    config.dataDir = gateway.dataDir();
    SqliteStorage storage(config.databasePath(), u"check"_s);
    QVERIFY(storage.open());
    QCOMPARE(EventStore(storage).findEvent(created.event.id).value().claimCount, 1);
    QCOMPARE(EventStore(storage).claims(created.event.id).value().first().email, u"ada@example.org"_s);
}

void TestClaimHandler::invalidCodesGetOneAnswer()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created used = createEvent(gateway, singleUse(1));
    QCOMPARE(roundTrip(gateway.port(), postJson(used.codes.first())).status, 200);

    EventIssuer::Request past = singleUse(1);
    past.startsAt = QDateTime::currentDateTimeUtc().addDays(-9);
    past.endsAt = QDateTime::currentDateTimeUtc().addDays(-2);
    const EventIssuer::Created expired = createEvent(gateway, past);

    const QStringList codes = {ClaimCode::generate(), used.codes.first(), expired.codes.first(), u"%3Cscript%3E"_s,
                               u"UUUU-UUUU"_s};
    QByteArray htmlBody;
    QByteArray jsonBody;
    for (const QString &code : codes) {
        const RawHttpClient::Response html =
            roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + code.toLatin1()));
        QCOMPARE(html.status, 404);
        if (htmlBody.isEmpty())
            htmlBody = html.body;
        QCOMPARE(html.body, htmlBody);

        const RawHttpClient::Response json = roundTrip(gateway.port(), postJson(code));
        QCOMPARE(json.status, 404);
        if (jsonBody.isEmpty())
            jsonBody = json.body;
        QCOMPARE(json.body, jsonBody);
        QVERIFY(QJsonDocument::fromJson(json.body).object().contains(u"error"_s));
    }
}

void TestClaimHandler::missingConsentSpendsNothing()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));
    const QString code = created.codes.first();

    QCOMPARE(roundTrip(gateway.port(), postJson(code, "{}")).status, 400);
    QCOMPARE(roundTrip(gateway.port(), postJson(code, "not json")).status, 400);
    QCOMPARE(roundTrip(gateway.port(), postForm(code, "nonce=abc")).status, 400);
    QCOMPARE(roundTrip(gateway.port(), postForm(code, "nonce=a%22b&consent=yes")).status, 400);
    QCOMPARE(roundTrip(gateway.port(), postJson(code)).status, 200);
}

void TestClaimHandler::rejectsOtherMethods()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const RawHttpClient::Response response =
        roundTrip(gateway.port(), "DELETE /claim/ABCDEFGH HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(response.status, 405);
    QCOMPARE(response.headers.value("Allow"), QByteArray("GET, HEAD, POST"));
}

void TestClaimHandler::concurrentPostsOfOneCodeIssueOneKey()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));
    const QByteArray request = postJson(created.codes.first());

    // All requests are on the wire before the first answer comes back.
    constexpr int clients = 12;
    std::vector<std::unique_ptr<RawHttpClient>> sockets;
    for (int i = 0; i < clients; ++i) {
        sockets.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(sockets.back()->connectTo(gateway.port()));
    }
    for (auto &socket : sockets)
        socket->send(request);

    int ok = 0;
    int notFound = 0;
    QSet<QString> keys;
    for (auto &socket : sockets) {
        const RawHttpClient::Response response = socket->readResponse(15000);
        if (response.status == 200) {
            ++ok;
            keys.insert(QJsonDocument::fromJson(response.body).object().value(u"api_key"_s).toString());
        } else if (response.status == 404) {
            ++notFound;
        }
    }
    QCOMPARE(ok, 1);
    QCOMPARE(notFound, clients - 1);
    QCOMPARE(keys.size(), 1);
}

void TestClaimHandler::sharedCodeStopsAtCap()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, shared(u"CAPPED-2026"_s, 3));

    QSet<QString> keys;
    QList<int> statuses;
    for (int i = 0; i < 5; ++i) {
        const RawHttpClient::Response response = roundTrip(gateway.port(), postJson(u"capped-2026"_s));
        statuses.append(response.status);
        if (response.status == 200)
            keys.insert(QJsonDocument::fromJson(response.body).object().value(u"api_key"_s).toString());
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 404, 404}));
    QCOMPARE(keys.size(), 3);
}

void TestClaimHandler::rateLimitsFailuresPerAddress()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start([](GatewayConfig &config) {
        config.claimLimits.failuresPerAddress = 3;
        config.claimLimits.failuresGlobal = 1000;
    }));
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));

    for (int i = 0; i < 3; ++i)
        QCOMPARE(roundTrip(gateway.port(), postJson(ClaimCode::generate())).status, 404);

    const RawHttpClient::Response limited = roundTrip(gateway.port(), postJson(ClaimCode::generate()));
    QCOMPARE(limited.status, 429);
    bool numeric = false;
    const int retryAfter = limited.headers.value("Retry-After").toInt(&numeric);
    QVERIFY(numeric && retryAfter > 0 && retryAfter <= 600);
    QVERIFY(QJsonDocument::fromJson(limited.body).object().contains(u"error"_s));

    // Even a valid code is refused now, so a blocked guesser learns nothing.
    QCOMPARE(roundTrip(gateway.port(), postJson(created.codes.first())).status, 429);
    QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + created.codes.first().toLatin1())).status,
             429);

    // Another address is not affected.
    const QHostAddress other(u"127.0.0.2"_s);
    QCOMPARE(roundTrip(gateway.port(), postJson(created.codes.first()), other).status, 200);
}

void TestClaimHandler::rateLimitsFailuresGlobally()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start([](GatewayConfig &config) {
        config.claimLimits.failuresPerAddress = 1000;
        config.claimLimits.failuresGlobal = 4;
    }));
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));

    const QList<QHostAddress> guessers = {QHostAddress(u"127.0.0.3"_s), QHostAddress(u"127.0.0.4"_s)};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(roundTrip(gateway.port(), postJson(ClaimCode::generate()), guessers.at(i % 2)).status, 404);

    const RawHttpClient::Response limited =
        roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + created.codes.first().toLatin1()),
                  QHostAddress(u"127.0.0.5"_s));
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.body.contains("Too many attempts"));
    QVERIFY(limited.headers.value("Content-Type").startsWith("text/html"));
}

void TestClaimHandler::revokedBatchStopsWorking()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, singleUse(3));
    QCOMPARE(roundTrip(gateway.port(), postJson(created.codes.at(0))).status, 200);

    StorageConfig config;
    config.dataDir = gateway.dataDir();
    SqliteStorage storage(config.databasePath(), u"revoke"_s);
    QVERIFY(storage.open());
    QVERIFY(EventStore(storage).revokeEvent(created.event.id));

    QCOMPARE(roundTrip(gateway.port(), postJson(created.codes.at(1))).status, 404);
    QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + created.codes.at(2).toLatin1())).status,
             404);
}

void TestClaimHandler::logNeverHoldsTheCode()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    const EventIssuer::Created created = createEvent(gateway, singleUse(1));
    const QString code = created.codes.first();
    QCOMPARE(roundTrip(gateway.port(), RawHttpClient::getRequest("/claim/" + code.toLatin1())).status, 200);
    QCOMPARE(roundTrip(gateway.port(), postJson(code)).status, 200);
    QVERIFY(gateway.waitForLogRows(2));

    for (const RequestLogEntry &row : gateway.logRows()) {
        if (row.path.startsWith(u"/claim"_s)) {
            QCOMPARE(row.path, u"/claim/(code)"_s);
            QVERIFY(row.userName.isEmpty());
        }
        QVERIFY(!row.path.contains(code));
        QVERIFY(!row.responseText.contains(u"sk_trial_"_s));
    }
}

void TestClaimHandler::controllerCreatesEventsAndReportsClaims()
{
    GatewayFixture gateway;
    QVERIFY(gateway.start());
    GatewayController &controller = gateway.controller();

    QSignalSpy created(&controller, &GatewayController::eventCreated);
    controller.createEvent(singleUse(2));
    QVERIFY(created.wait(5000));
    const auto event = created.first().at(0).value<EventRecord>();
    const QStringList codes = created.first().at(1).toStringList();
    QCOMPARE(codes.size(), 2);

    QSignalSpy failed(&controller, &GatewayController::eventCreateFailed);
    EventIssuer::Request invalid = singleUse(0);
    controller.createEvent(invalid);
    QVERIFY(failed.wait(5000));

    QSignalSpy claimed(&controller, &GatewayController::claimed);
    const RawHttpClient::Response response = roundTrip(gateway.port(), postJson(codes.first()));
    QCOMPARE(response.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(claimed.size(), 1, 5000);
    const auto claim = claimed.first().first().value<ClaimRecord>();
    QCOMPARE(claim.eventId, event.id);
    QVERIFY(claim.keyId.startsWith(u"key_"_s));
    QCOMPARE(claim.userTier, u"pro_trial"_s);
    QCOMPARE(claim.clientAddress, u"127.0.0.1"_s);

    QSignalSpy listed(&controller, &GatewayController::eventsListed);
    controller.requestEvents();
    QVERIFY(listed.wait(5000));
    const auto events = listed.first().first().value<QList<EventRecord>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().claimCount, 1);

    QSignalSpy claims(&controller, &GatewayController::claimsListed);
    controller.requestClaims(event.id);
    QVERIFY(claims.wait(5000));
    QCOMPARE(claims.first().at(1).value<QList<ClaimRecord>>().size(), 1);

    QSignalSpy url(&controller, &GatewayController::publicBaseUrlRead);
    QSignalSpy urlFailed(&controller, &GatewayController::eventsFailed);
    controller.setPublicBaseUrl(u"javascript:alert(1)"_s);
    QVERIFY(urlFailed.wait(5000));
    controller.setPublicBaseUrl(u"https://gw.example.org"_s);
    QVERIFY(url.wait(5000));
    QCOMPARE(url.first().first().toString(), u"https://gw.example.org"_s);

    QSignalSpy revoked(&controller, &GatewayController::eventRevoked);
    controller.revokeEvent(event.id);
    QVERIFY(revoked.wait(5000));
    QCOMPARE(roundTrip(gateway.port(), postJson(codes.at(1))).status, 404);
}

void TestClaimHandler::createEventWhileStoppedFails()
{
    GatewayController controller;
    QSignalSpy failed(&controller, &GatewayController::eventCreateFailed);
    controller.createEvent(singleUse(1));
    QCOMPARE(failed.size(), 1);
}

QTEST_GUILESS_MAIN(TestClaimHandler)
#include "tst_claimhandler.moc"
