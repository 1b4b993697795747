// SPDX-License-Identifier: GPL-3.0-or-later
// An Ollama-shaped upstream for benchmarks that answers from memory, so the
// proxies in front of it are what gets measured. Built on the gateway's own
// HTTP server classes, one event loop per thread.
//
//   bench_fast_upstream [--port N] [--threads N]
//
// Prints "LISTENING <port>". Routes:
//   GET /                      "Ollama is running"
//   POST /api/generate         one JSON object, or with "stream":true paced
//                              NDJSON: X-Bench-Lines lines (default 50), one
//                              every X-Bench-Interval-Ms (default 20). Each
//                              line carries "emitted_ns", CLOCK_MONOTONIC in
//                              nanoseconds, so a client on this machine can
//                              measure how late it arrived.
#include "ConnectionLimiter.h"
#include "HttpConnection.h"
#include "HttpLimits.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

using namespace Gateway;

namespace {

const QByteArray generateReply =
    R"({"model":"llama3.2","created_at":"2026-01-01T00:00:00Z","response":"The sky is blue because of Rayleigh scattering.","done":true,"done_reason":"stop","total_duration":5000000,"load_duration":1000000,"prompt_eval_count":10,"prompt_eval_duration":2000000,"eval_count":9,"eval_duration":2000000})";

qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Writes one paced NDJSON stream; deletes itself when done or when the
// client goes away.
class PacedStream final : public QObject
{
public:
    PacedStream(HttpConnection *connection, int lines, int intervalMs)
        : QObject(connection)
        , m_connection(connection)
        , m_lines(lines)
    {
        HttpHeaders headers;
        headers.add("Content-Type", "application/x-ndjson");
        connection->beginResponse(200, headers, std::nullopt);

        m_timer.setInterval(intervalMs);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &PacedStream::emitLine);
        connect(connection, &HttpConnection::clientGone, this, [this] { m_timer.stop(); });
        m_timer.start();
        emitLine();
    }

private:
    void emitLine()
    {
        if (!m_connection)
            return;

        ++m_sent;
        const bool last = m_sent >= m_lines;
        QByteArray line = R"({"model":"llama3.2","created_at":"2026-01-01T00:00:00Z","response":"word","emitted_ns":)";
        line += QByteArray::number(monotonicNs());
        line += last ? R"(,"done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":)" + QByteArray::number(m_lines) + "}\n"
                     : QByteArray(R"(,"done":false})" "\n");
        m_connection->writeBody(line);

        if (last) {
            m_timer.stop();
            m_connection->endResponse();
            deleteLater();
        }
    }

    QPointer<HttpConnection> m_connection;
    QTimer m_timer;
    int m_lines;
    int m_sent = 0;
};

void handle(HttpConnection *connection, HttpRequest &&request)
{
    if (request.path == "/api/generate" && request.body.contains("\"stream\":true")) {
        bool ok = false;
        int lines = request.headers.value("X-Bench-Lines").toInt(&ok);
        if (!ok || lines <= 0)
            lines = 50;
        int interval = request.headers.value("X-Bench-Interval-Ms").toInt(&ok);
        if (!ok || interval < 0)
            interval = 20;
        new PacedStream(connection, lines, interval);
        return;
    }

    HttpHeaders headers;
    if (request.path == "/api/generate") {
        headers.add("Content-Type", "application/json; charset=utf-8");
        connection->sendResponse(200, headers, generateReply);
        return;
    }
    headers.add("Content-Type", "text/plain; charset=utf-8");
    connection->sendResponse(200, headers, "Ollama is running");
}

class UpstreamWorker final : public QObject
{
public:
    explicit UpstreamWorker(ConnectionLimiter *limiter)
        : m_limiter(limiter)
    {
    }

    ~UpstreamWorker() override
    {
        qDeleteAll(findChildren<HttpConnection *>());
    }

    void adopt(qintptr descriptor)
    {
        auto *socket = new QTcpSocket;
        socket->setSocketDescriptor(descriptor);
        m_limiter->tryAcquire(socket->peerAddress());
        HttpLimits limits;
        limits.idleTimeoutMs = 0;
        new HttpConnection(socket, limits, m_limiter, handle, this);
    }

private:
    ConnectionLimiter *m_limiter;
};

class UpstreamServer final : public QTcpServer
{
public:
    explicit UpstreamServer(std::vector<UpstreamWorker *> workers)
        : m_workers(std::move(workers))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        UpstreamWorker *worker = m_workers[m_next++ % m_workers.size()];
        QMetaObject::invokeMethod(worker, [worker, descriptor] { worker->adopt(descriptor); });
    }

private:
    std::vector<UpstreamWorker *> m_workers;
    size_t m_next = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("soulfra.*.debug=false\nsoulfra.*.info=false"));

    quint16 port = 0;
    int threadCount = 2;
    const QStringList arguments = app.arguments();
    for (int i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments.at(i) == QLatin1String("--port"))
            port = quint16(arguments.at(i + 1).toUInt());
        else if (arguments.at(i) == QLatin1String("--threads"))
            threadCount = qMax(1, arguments.at(i + 1).toInt());
    }

    ConnectionLimiter limiter(1000000, 1000000);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<UpstreamWorker *> workers;
    for (int i = 0; i < threadCount; ++i) {
        threads.push_back(std::make_unique<QThread>());
        threads.back()->setObjectName(QStringLiteral("fast-upstream-%1").arg(i));
        threads.back()->start();
        workers.push_back(new UpstreamWorker(&limiter));
        workers.back()->moveToThread(threads.back().get());
    }

    UpstreamServer server(workers);
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "bench_fast_upstream: cannot listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("LISTENING %u\n", unsigned(server.serverPort()));
    std::fflush(stdout);

    const int status = QCoreApplication::exec();
    for (size_t i = 0; i < workers.size(); ++i) {
        QMetaObject::invokeMethod(workers[i], [worker = workers[i]] { delete worker; }, Qt::BlockingQueuedConnection);
        threads[i]->quit();
        threads[i]->wait();
    }
    return status;
}
