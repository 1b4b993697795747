// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpRequestParser.h"

#include <QTest>

using namespace Gateway;

class TestHttpRequestParser final : public QObject
{
    Q_OBJECT

private:
    static HttpLimits smallLimits()
    {
        HttpLimits limits;
        limits.maxRequestLineBytes = 100;
        limits.maxHeaderBytes = 512;
        limits.maxHeaderCount = 5;
        limits.maxBodyBytes = 16;
        return limits;
    }

    // Feeds data the way HttpConnection does: unconsumed bytes are presented again.
    static void feedInPieces(HttpRequestParser &parser, const QByteArray &data, qsizetype pieceSize)
    {
        QByteArray pending;
        for (qsizetype offset = 0; offset < data.size() && parser.state() == HttpRequestParser::State::NeedMore;
             offset += pieceSize) {
            pending += data.mid(offset, pieceSize);
            pending.remove(0, parser.feed(pending));
        }
    }

private Q_SLOTS:
    void parsesRequestSplitAcrossFeeds_data()
    {
        QTest::addColumn<qsizetype>("pieceSize");
        QTest::newRow("one byte") << qsizetype(1);
        QTest::newRow("seven bytes") << qsizetype(7);
        QTest::newRow("whole") << qsizetype(4096);
    }

    void parsesRequestSplitAcrossFeeds()
    {
        QFETCH(qsizetype, pieceSize);
        HttpRequestParser parser(smallLimits());

        feedInPieces(parser, "POST /api/chat?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world", pieceSize);

        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        const HttpRequest request = parser.takeRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/chat?x=1"));
        QCOMPARE(request.path, QByteArray("/api/chat"));
        QCOMPARE(request.body, QByteArray("hello world"));
        QCOMPARE(request.headers.value("host"), QByteArray("a"));
        QVERIFY(request.keepAlive);
    }

    void decodesChunkedBody()
    {
        HttpRequestParser parser(smallLimits());
        feedInPieces(parser, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 3);

        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        QCOMPARE(parser.takeRequest().body, QByteArray("hello world"));
    }

    void rejectsMalformedInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");

        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
        QTest::newRow("duplicate identical content-length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello") << 400;
        QTest::newRow("conflicting content-length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello") << 400;
        QTest::newRow("content-length then transfer-encoding")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("transfer-encoding then content-length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("unsupported transfer-encoding")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n") << 501;
        QTest::newRow("negative content-length")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("space before colon")
            << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
        QTest::newRow("missing host in 1.1") << QByteArray("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") << 400;
        QTest::newRow("duplicate host")
            << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::newRow("absolute-form target")
            << QByteArray("GET http://example.test/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 400;
        QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("request line too long") << QByteArray("GET /" + QByteArray(200, 'a') + " HTTP/1.1\r\n\r\n") << 431;
        QTest::newRow("header block too large")
            << QByteArray("GET / HTTP/1.1\r\nX-A: " + QByteArray(600, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("too many headers")
            << QByteArray("GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\n\r\n") << 431;
        QTest::newRow("declared body too large")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n") << 413;
        QTest::newRow("chunked body too large")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n" + QByteArray(17, 'x') + "\r\n0\r\n\r\n")
            << 413;
    }

    void rejectsMalformedInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);

        HttpRequestParser parser(smallLimits());
        feedInPieces(parser, input, input.size());

        QCOMPARE(parser.state(), HttpRequestParser::State::Failed);
        QCOMPARE(parser.failureStatus(), status);
        QVERIFY(!parser.failureMessage().isEmpty());
    }

    void rejectsSlowLongRequestLine()
    {
        // A request line that arrives byte by byte is caught as early as one
        // that arrives whole.
        HttpRequestParser parser(smallLimits());
        feedInPieces(parser, "GET /" + QByteArray(300, 'a'), 1);

        QCOMPARE(parser.state(), HttpRequestParser::State::Failed);
        QCOMPARE(parser.failureStatus(), 431);
    }

    void acceptsBodyAtExactLimit()
    {
        HttpRequestParser parser(smallLimits());
        feedInPieces(parser, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 16\r\n\r\n" + QByteArray(16, 'x'), 64);

        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        QCOMPARE(parser.takeRequest().body.size(), 16);
    }

    void waitsForTruncatedHeader()
    {
        HttpRequestParser parser(smallLimits());
        const QByteArray partial = "GET / HTTP/1.1\r\nHost: a\r\n";
        QVERIFY(parser.feed(partial) < partial.size());
        QCOMPARE(parser.state(), HttpRequestParser::State::NeedMore);
        QVERIFY(!parser.headerComplete());
    }

    void reportsExpectContinue()
    {
        HttpRequestParser parser(smallLimits());
        const QByteArray head = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
        QCOMPARE(parser.feed(head), head.size());
        QVERIFY(parser.expectsContinue());

        parser.feed("hello");
        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        QVERIFY(!parser.expectsContinue());
    }

    void keepAliveFollowsVersionAndConnection_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << true;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n") << false;
        QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
    }

    void keepAliveFollowsVersionAndConnection()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, keepAlive);

        HttpRequestParser parser(smallLimits());
        parser.feed(input);
        QCOMPARE(parser.state(), HttpRequestParser::State::Complete);
        QCOMPARE(parser.takeRequest().keepAlive, keepAlive);
    }

    void leavesPipelinedRequestUnconsumed()
    {
        HttpRequestParser parser(smallLimits());
        const QByteArray first = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n";
        const QByteArray second = "GET /b HTTP/1.1\r\nHost: a\r\n\r\n";

        const QByteArray both = first + second;
        QCOMPARE(parser.feed(both), first.size());
        QCOMPARE(parser.takeRequest().target, QByteArray("/a"));

        parser.reset();
        QCOMPARE(parser.feed(second), second.size());
        QCOMPARE(parser.takeRequest().target, QByteArray("/b"));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
