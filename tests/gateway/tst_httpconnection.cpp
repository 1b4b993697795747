// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded server on the wire: limits, malformed input, keep-alive and
// pipelining, through a real gateway on loopback.
#include "FakeOllama.h"
#include "GatewayFixture.h"
#include "RawHttpClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestHttpConnection final : public QObject
{
    Q_OBJECT

private:
    static QByteArray get(const QByteArray &path, const QByteArray &key = {}, const QByteArray &extra = {})
    {
        return RawHttpClient::getRequest(path, key, extra);
    }

    static QString errorOf(const RawHttpClient::Response &response)
    {
        return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString();
    }

private Q_SLOTS:
    void answersPipelinedRequestsInOrder()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(get("/api/version") + get("/", {}) + get("/api/tags", gateway.key()) + get("/api/version"));

        const RawHttpClient::Response version = client.readResponse();
        QCOMPARE(version.status, 200);
        QVERIFY(version.body.contains("\"version\""));

        const RawHttpClient::Response root = client.readResponse();
        QCOMPARE(root.status, 200);
        QCOMPARE(root.body, QByteArray("Ollama is running"));

        const RawHttpClient::Response tags = client.readResponse();
        QCOMPARE(tags.status, 200);
        QVERIFY(tags.body.contains("llama3.2:latest"));

        const RawHttpClient::Response again = client.readResponse();
        QCOMPARE(again.status, 200);
        QVERIFY(again.body.contains("\"version\""));

        QCOMPARE(gateway.fake().requests().size(), 4);
    }

    void keepsConnectionAliveBetweenRequests()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        for (int i = 0; i < 5; ++i) {
            client.send(get("/api/version"));
            const RawHttpClient::Response response = client.readResponse();
            QCOMPARE(response.status, 200);
            QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
        }
    }

    void closesAfterConnectionClose()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(get("/api/version", {}, "Connection: close\r\n"));
        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers.value("Connection"), QByteArray("close"));
        QVERIFY(client.waitForClose());
    }

    void answersHttp10WithoutChunking()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("POST /api/generate HTTP/1.0\r\nAuthorization: Bearer " + gateway.key()
                    + "\r\nContent-Length: 37\r\n\r\n{\"model\":\"llama3.2\",\"prompt\":\"hi\"}   ");
        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, 200);
        QVERIFY(!response.headers.contains("Transfer-Encoding"));
        QVERIFY(response.body.contains("\"done\":true"));
        QVERIFY(client.waitForClose());
    }

    void rejectsMalformedRequestsAndCloses_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");

        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
        QTest::newRow("two content-length")
            << QByteArray("POST /api/chat HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}") << 400;
        QTest::newRow("content-length and transfer-encoding")
            << QByteArray("POST /api/chat HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("unsupported transfer-encoding")
            << QByteArray("POST /api/chat HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("request line too long") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n") << 431;
        QTest::newRow("header too large") << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(40000, 'b') + "\r\n\r\n") << 431;
        QByteArray manyHeaders = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 101; ++i)
            manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("too many headers") << QByteArray(manyHeaders + "\r\n") << 431;
        QTest::newRow("body over limit")
            << QByteArray("POST /api/chat HTTP/1.1\r\nHost: a\r\nContent-Length: 70000000\r\n\r\n") << 413;
    }

    void rejectsMalformedRequestsAndCloses()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);

        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(request);

        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, status);
        QCOMPARE(response.headers.value("Content-Type"), QByteArray("application/json; charset=utf-8"));
        QVERIFY2(!errorOf(response).isEmpty(), response.body.constData());
        QVERIFY(client.waitForClose());

        // Nothing of a rejected request reaches the upstream.
        QCOMPARE(gateway.fake().requests().size(), 0);

        // The operator still sees it among the failed requests.
        QVERIFY(gateway.waitForLogRows(1));
        const Gateway::RequestLogEntry row = gateway.logRows().first();
        QCOMPARE(row.status, status);
        QCOMPARE(row.outcome, QStringLiteral("rejected"));
        QCOMPARE(row.errorMessage, errorOf(response));
    }

    void smuggledRequestNeverReachesUpstream()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        // A front proxy that honoured Content-Length would see one request
        // here; one that honoured chunked would see a second, hidden one.
        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("POST /api/version HTTP/1.1\r\nHost: a\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "0\r\n\r\nGET /api/tags HTTP/1.1\r\nHost: a\r\n\r\n");

        QCOMPARE(client.readResponse().status, 400);
        QVERIFY(client.waitForClose());
        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void bodyLimitIsConfigurable()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.maxBodyBytes = 1000; }));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        const QByteArray body = "{\"model\":\"llama3.2\",\"prompt\":\"" + QByteArray(1000, 'x') + "\"}";
        client.send("POST /api/generate HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + gateway.key()
                    + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);

        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, 413);
        QCOMPARE(errorOf(response), QStringLiteral("request body too large (limit 1000 bytes)"));
    }

    void rejectsLargeOpenAiBodyInOpenAiShape()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.maxBodyBytes = 1000; }));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + gateway.key()
                    + "\r\nContent-Length: 5000000\r\n\r\n");

        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, 413);
        const QJsonObject error = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("request body too large (limit 1000 bytes)"));
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    }

    void answersExpectContinue()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        const QByteArray body = R"({"model":"llama3.2","prompt":"hi","stream":false})";
        client.send("POST /api/generate HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + gateway.key()
                    + "\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");

        QVERIFY(client.socket().waitForReadyRead(5000));
        QCOMPARE(client.socket().readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));

        client.send(body);
        QCOMPARE(client.readResponse().status, 200);
    }

    void closesIdleConnection()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.idleTimeoutMs = 300; }));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send(get("/api/version"));
        QCOMPARE(client.readResponse().status, 200);
        QVERIFY(client.waitForClose(5000));
    }

    void answersSlowRequestWith408()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.requestTimeoutMs = 300; }));

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("POST /api/generate HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"mod");

        const RawHttpClient::Response response = client.readResponse(5000);
        QCOMPARE(response.status, 408);
        QVERIFY(client.waitForClose());
        QCOMPARE(gateway.fake().requests().size(), 0);
    }

    void limitsConnectionsPerAddress()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.maxConnectionsPerAddress = 2; }));

        RawHttpClient first;
        RawHttpClient second;
        RawHttpClient third;
        QVERIFY(first.connectTo(gateway.port()));
        QVERIFY(second.connectTo(gateway.port()));
        first.send(get("/api/version"));
        QCOMPARE(first.readResponse().status, 200);
        second.send(get("/api/version"));
        QCOMPARE(second.readResponse().status, 200);

        QVERIFY(third.connectTo(gateway.port()));
        const RawHttpClient::Response rejected = third.readResponse();
        QCOMPARE(rejected.status, 503);
        QCOMPARE(errorOf(rejected), QStringLiteral("too many connections"));
        QVERIFY(third.waitForClose());

        // A slot frees up when a connection closes.
        first.close();
        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
            RawHttpClient fourth;
            QVERIFY(fourth.connectTo(gateway.port()));
            fourth.send(get("/api/version"));
            const RawHttpClient::Response response = fourth.readResponse(2000);
            status = response.status;
            if (status != 200)
                qDebug() << "attempt" << attempt << status << response.body;
            QTest::qWait(20);
        }
        QCOMPARE(status, 200);
    }

    void limitsConnectionsInTotal()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start([](Gateway::GatewayConfig &config) { config.limits.maxConnections = 1; }));

        RawHttpClient first;
        QVERIFY(first.connectTo(gateway.port()));
        first.send(get("/api/version"));
        QCOMPARE(first.readResponse().status, 200);

        RawHttpClient second;
        QVERIFY(second.connectTo(gateway.port()));
        QCOMPARE(second.readResponse().status, 503);
    }

    void answersCorsPreflightWithoutKey()
    {
        GatewayFixture gateway;
        QVERIFY(gateway.start());

        RawHttpClient client;
        QVERIFY(client.connectTo(gateway.port()));
        client.send("OPTIONS /api/chat HTTP/1.1\r\nHost: a\r\nOrigin: https://app.example.test\r\n"
                    "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization\r\n\r\n");

        const RawHttpClient::Response response = client.readResponse();
        QCOMPARE(response.status, 204);
        QCOMPARE(response.headers.value("Access-Control-Allow-Origin"), QByteArray("*"));
        QVERIFY(response.headers.value("Access-Control-Allow-Headers").contains("Authorization"));
        QCOMPARE(gateway.fake().requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpConnection)
#include "tst_httpconnection.moc"
