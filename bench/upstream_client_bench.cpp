// SPDX-License-Identifier: GPL-3.0-or-later
// Compares the two ways the gateway could talk to Ollama on its hot path:
// QNetworkAccessManager and the gateway's own UpstreamConnection (QTcpSocket
// plus Beast's parser). Both run on one thread against the same in-process
// upstream, which answers every request from memory, so the figures measure
// client overhead only.
//
//   bench_upstream_client [requests] [concurrency]
#include "ConnectionLimiter.h"
#include "HttpConnection.h"
#include "HttpLimits.h"
#include "UpstreamConnection.h"
#include "UpstreamPool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Gateway;

namespace {

const QByteArray responseBody =
    R"({"model":"llama3.2","created_at":"2026-01-01T00:00:00Z","response":"Hello from the fast upstream","done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":5})";

// An upstream on its own thread built from the gateway's server side.
class FastUpstream final : public QTcpServer
{
public:
    FastUpstream()
        : m_limiter(100000, 100000)
    {
    }

    // The connections release their slots in m_limiter when they end, so
    // they must go before the members do.
    ~FastUpstream() override
    {
        qDeleteAll(findChildren<HttpConnection *>());
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket;
        socket->setSocketDescriptor(descriptor);
        m_limiter.tryAcquire(socket->peerAddress());
        new HttpConnection(socket, HttpLimits(), &m_limiter, [](HttpConnection *connection, HttpRequest &&) {
            HttpHeaders headers;
            headers.add("Content-Type", "application/json; charset=utf-8");
            connection->sendResponse(200, headers, responseBody);
        }, this);
    }

private:
    ConnectionLimiter m_limiter;
};

struct Figures
{
    double requestsPerSecond = 0;
    double p50Us = 0;
    double p99Us = 0;
};

Figures summarise(std::vector<qint64> &latenciesNs, qint64 elapsedNs)
{
    std::sort(latenciesNs.begin(), latenciesNs.end());
    Figures figures;
    figures.requestsPerSecond = double(latenciesNs.size()) / (double(elapsedNs) / 1e9);
    figures.p50Us = double(latenciesNs[latenciesNs.size() / 2]) / 1e3;
    figures.p99Us = double(latenciesNs[latenciesNs.size() * 99 / 100]) / 1e3;
    return figures;
}

// Keeps `concurrency` requests in flight until `total` have completed; start(slot, done) sends one.
Figures drive(int total, int concurrency, const std::function<void(std::function<void()>)> &send)
{
    std::vector<qint64> latencies;
    latencies.reserve(size_t(total));
    int started = 0;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;

    std::function<void()> next = [&] {
        if (started >= total)
            return;
        ++started;
        const qint64 begin = clock.nsecsElapsed();
        send([&, begin] {
            latencies.push_back(clock.nsecsElapsed() - begin);
            if (int(latencies.size()) == total)
                loop.quit();
            else
                next();
        });
    };

    for (int i = 0; i < concurrency; ++i)
        next();
    loop.exec();
    return summarise(latencies, clock.nsecsElapsed());
}

Figures benchLean(quint16 port, int total, int concurrency)
{
    UpstreamPool pool(QStringLiteral("127.0.0.1"), port, 64, 5000);
    const QByteArray head = "POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 34\r\n\r\n";
    const QByteArray body = R"({"model":"llama3.2","prompt":"hi"})";

    return drive(total, concurrency, [&](std::function<void()> done) {
        UpstreamConnection *connection = pool.acquire();
        QObject::connect(connection, &UpstreamConnection::completed, connection, [&pool, connection, done] {
            pool.release(connection);
            done();
        });
        QObject::connect(connection, &UpstreamConnection::failed, connection, [] { std::fprintf(stderr, "lean request failed\n"); });
        connection->send(head, body, false);
    });
}

Figures benchNetworkAccessManager(quint16 port, int total, int concurrency)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/generate").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body = R"({"model":"llama3.2","prompt":"hi"})";

    return drive(total, concurrency, [&](std::function<void()> done) {
        QNetworkReply *reply = manager.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] {
            reply->readAll();
            reply->deleteLater();
            done();
        });
    });
}

void print(const char *name, int concurrency, const Figures &figures)
{
    std::printf("%-24s concurrency %3d: %9.0f requests/s, p50 %7.1f us, p99 %7.1f us\n", name, concurrency,
                figures.requestsPerSecond, figures.p50Us, figures.p99Us);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false"));
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 20000;

    QThread upstreamThread;
    upstreamThread.setObjectName(QStringLiteral("fast-upstream"));
    upstreamThread.start();
    auto *upstream = new FastUpstream;
    upstream->listen(QHostAddress::LocalHost, 0);
    const quint16 port = upstream->serverPort();
    upstream->moveToThread(&upstreamThread);

    std::vector<int> levels = {1, 6};
    if (argc > 2)
        levels = {QByteArray(argv[2]).toInt()};

    for (int concurrency : levels) {
        // Warm-up rounds open the connections both clients keep alive.
        benchLean(port, 500, concurrency);
        benchNetworkAccessManager(port, 500, concurrency);

        for (int round = 0; round < 2; ++round) {
            print("UpstreamConnection", concurrency, benchLean(port, total, concurrency));
            print("QNetworkAccessManager", concurrency, benchNetworkAccessManager(port, total, concurrency));
        }
    }

    QMetaObject::invokeMethod(upstream, [upstream] { delete upstream; }, Qt::BlockingQueuedConnection);
    upstreamThread.quit();
    upstreamThread.wait();
    return 0;
}
