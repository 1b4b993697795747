// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"
#include "HttpLimits.h"
#include "HttpRequest.h"
#include "HttpRequestParser.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

class QTcpSocket;
class QTimer;

namespace Gateway {

class ConnectionLimiter;

// One client connection on a worker thread: reads requests through
// HttpRequestParser, enforces the limits, hands each complete request to the
// handler and writes its response. Requests on a keep-alive connection are
// handled one at a time, so pipelined requests get their responses in order.
//
// The handler answers through sendResponse(), or beginResponse(),
// writeBody() and endResponse() for a streamed body. Objects that answer
// asynchronously should be children of the connection: it deletes itself
// (and them) when the client goes away, after emitting clientGone().
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    using RequestHandler = std::function<void(HttpConnection *connection, HttpRequest &&request)>;
    // Told of each request rejected before it reached the handler (400, 408,
    // 413, 431, 501), with the target when the request line was parsed.
    using RejectionHandler = std::function<void(HttpConnection *connection, int status, const QString &message,
                                                const QByteArray &target)>;

    // Takes ownership of socket, which must already be connected. The
    // connection calls limiter->release() for its address when it ends.
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, ConnectionLimiter *limiter,
                   RequestHandler handler, QObject *parent = nullptr);
    ~HttpConnection() override;

    void setRejectionHandler(RejectionHandler handler);

    QHostAddress peerAddress() const;
    bool isResponding() const;

    void sendResponse(int status, HttpHeaders headers, const QByteArray &body);
    // Without contentLength the body is sent chunked (or until close for
    // HTTP/1.0 clients).
    void beginResponse(int status, HttpHeaders headers, std::optional<qint64> contentLength);
    void writeBody(QByteArrayView data);
    void endResponse();
    // Ends the connection at once, e.g. when the upstream failed mid-stream
    // and the client must see a truncated response rather than a clean end.
    void abort();

    // Bytes accepted by writeBody() that the kernel has not taken yet.
    qint64 pendingOutputBytes() const;
    // Above this many pending bytes a producer should pause (backpressure).
    static constexpr qint64 highWaterBytes = 512 * 1024;

    // Closes the connection after the current response, or now when idle.
    void closeWhenIdle();

Q_SIGNALS:
    // The client disconnected while a request was in progress.
    void clientGone();
    // Pending output fell below half of highWaterBytes after being above it.
    void outputDrained();
    void finished();

private:
    enum class State { Reading, Handling, Responding, Closing };

    void onReadyRead();
    void processPending();
    void dispatchRequest();
    void rejectRequest(int status, const QString &message);
    void writeHead(int status, HttpHeaders &headers);
    void finishExchange();
    void onBytesWritten();
    void onDisconnected();
    void startIdleTimer();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    ConnectionLimiter *m_limiter;
    RequestHandler m_handler;
    RejectionHandler m_rejectionHandler;
    HttpRequestParser m_parser;
    QHostAddress m_peerAddress;

    QTimer *m_idleTimer;
    QTimer *m_requestTimer;
    QElapsedTimer m_requestClock;    // started at the first byte of the current request
    QDateTime m_requestStartedAt;

    State m_state = State::Reading;
    QByteArray m_pending;            // received bytes not yet consumed by the parser
    QByteArray m_requestMethod;      // of the request in progress
    int m_requestVersion = 11;
    bool m_requestKeepAlive = true;
    bool m_chunkedResponse = false;
    bool m_closeAfterResponse = false;
    bool m_sentContinue = false;
    bool m_aboveHighWater = false;
    bool m_closeRequested = false;
    bool m_released = false;
};

} // namespace Gateway
