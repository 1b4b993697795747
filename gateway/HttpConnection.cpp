// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpConnection.h"

#include "ConnectionLimiter.h"
#include "ErrorResponder.h"
#include "HttpStatus.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcConnection, "soulfra.gateway.httpconnection")

// Qt stops reading from the kernel once this much unread input is buffered,
// so a client that floods us is slowed down by TCP instead of costing memory.
constexpr qint64 socketReadBufferBytes = 256 * 1024;

// Pipelined requests behind the one in progress are parsed later. Past this
// many buffered bytes the connection stops reading.
constexpr qsizetype maxPendingWhileBusy = 1024 * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, ConnectionLimiter *limiter,
                               RequestHandler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_limiter(limiter)
    , m_handler(std::move(handler))
    , m_parser(limits)
    , m_peerAddress(socket->peerAddress())
    , m_idleTimer(new QTimer(this))
    , m_requestTimer(new QTimer(this))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(socketReadBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_limits.idleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcConnection) << "closing idle connection from" << m_peerAddress.toString();
        m_state = State::Closing;
        m_socket->disconnectFromHost();
    });

    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(m_limits.requestTimeoutMs);
    connect(m_requestTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Reading)
            rejectRequest(408, QStringLiteral("request not received in time (limit %1 ms)").arg(m_limits.requestTimeoutMs));
    });

    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcConnection) << "socket error from" << m_peerAddress.toString() << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });

    startIdleTimer();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (!m_released && m_limiter)
        m_limiter->release(m_peerAddress);
}

void HttpConnection::setRejectionHandler(RejectionHandler handler)
{
    m_rejectionHandler = std::move(handler);
}

QHostAddress HttpConnection::peerAddress() const
{
    return m_peerAddress;
}

bool HttpConnection::isResponding() const
{
    return m_state == State::Handling || m_state == State::Responding;
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Closing)
        return;

    // While a request is in progress, keep reading so that a disconnect is
    // noticed, but only up to a bound. The rest waits in the kernel.
    const qint64 room = m_state == State::Reading ? m_socket->bytesAvailable()
                                                  : qMax<qint64>(0, maxPendingWhileBusy - m_pending.size());
    if (room > 0)
        m_pending += m_socket->read(room);

    if (m_state == State::Reading)
        processPending();
}

void HttpConnection::processPending()
{
    if (m_state != State::Reading || m_pending.isEmpty())
        return;

    if (!m_requestTimer->isActive() && !m_parser.headerComplete()) {
        m_idleTimer->stop();
        m_requestTimer->start();
        m_requestClock.start();
        m_requestStartedAt = QDateTime::currentDateTimeUtc();
    }

    const qsizetype consumed = m_parser.feed(m_pending);
    m_pending.remove(0, consumed);

    switch (m_parser.state()) {
    case HttpRequestParser::State::Failed:
        rejectRequest(m_parser.failureStatus(), m_parser.failureMessage());
        return;
    case HttpRequestParser::State::Complete:
        dispatchRequest();
        return;
    case HttpRequestParser::State::NeedMore:
        break;
    }

    // RFC 9110, section 10.1.1: a client that sent "Expect: 100-continue"
    // may wait for this interim response before sending the body.
    if (m_parser.expectsContinue() && !m_sentContinue) {
        m_sentContinue = true;
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
}

void HttpConnection::dispatchRequest()
{
    m_requestTimer->stop();
    m_idleTimer->stop();

    HttpRequest request = m_parser.takeRequest();
    request.clientAddress = m_peerAddress;
    request.receivedAt = m_requestStartedAt;
    request.sinceReceived = m_requestClock;
    m_requestMethod = request.method;
    m_requestVersion = request.version;
    m_requestKeepAlive = request.keepAlive && !m_closeRequested;
    m_state = State::Handling;

    m_handler(this, std::move(request));
}

void HttpConnection::rejectRequest(int status, const QString &message)
{
    qCInfo(lcConnection).noquote() << "rejected request from" << m_peerAddress.toString() << "with" << status << message;

    m_requestTimer->stop();
    m_requestMethod = "GET";
    m_requestVersion = 11;
    m_requestKeepAlive = false;
    m_state = State::Handling;

    // OpenAI clients read errors on /v1 only in OpenAI's shape.
    const QByteArray target = m_parser.target();
    const bool openAiShape = target.startsWith("/v1/");
    const GatewayResponse response = ErrorResponder::respond(status, message, openAiShape);
    sendResponse(status, response.headers, response.body);

    if (m_rejectionHandler)
        m_rejectionHandler(this, status, message, target);
}

void HttpConnection::writeHead(int status, HttpHeaders &headers)
{
    if (!m_requestKeepAlive)
        headers.set("Connection", "close");
    if (!headers.contains("Date"))
        headers.add("Date", HttpStatus::httpDate());

    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 ";
    head += QByteArray::number(status);
    head += ' ';
    head += HttpStatus::reasonPhrase(status);
    head += "\r\n";
    headers.appendTo(head);
    head += "\r\n";
    m_socket->write(head);
}

void HttpConnection::sendResponse(int status, HttpHeaders headers, const QByteArray &body)
{
    if (m_state != State::Handling)
        return;

    headers.remove("Transfer-Encoding");
    headers.set("Content-Length", QByteArray::number(body.size()));
    writeHead(status, headers);

    if (m_requestMethod != "HEAD")
        m_socket->write(body);

    finishExchange();
}

void HttpConnection::beginResponse(int status, HttpHeaders headers, std::optional<qint64> contentLength)
{
    if (m_state != State::Handling)
        return;

    headers.remove("Transfer-Encoding");
    headers.remove("Content-Length");

    const bool isHead = m_requestMethod == "HEAD";
    m_chunkedResponse = false;
    if (contentLength) {
        headers.add("Content-Length", QByteArray::number(*contentLength));
    } else if (!isHead && status != 204 && status != 304) {
        // HTTP/1.0 clients do not know chunked encoding, so their body ends at close.
        if (m_requestVersion >= 11) {
            m_chunkedResponse = true;
            headers.add("Transfer-Encoding", "chunked");
        } else {
            m_requestKeepAlive = false;
        }
    }

    writeHead(status, headers);
    m_state = State::Responding;
}

void HttpConnection::writeBody(QByteArrayView data)
{
    if (m_state != State::Responding || data.isEmpty() || m_requestMethod == "HEAD")
        return;

    if (m_chunkedResponse) {
        QByteArray frame;
        frame.reserve(data.size() + 16);
        frame += QByteArray::number(data.size(), 16);
        frame += "\r\n";
        frame += data;
        frame += "\r\n";
        m_socket->write(frame);
    } else {
        m_socket->write(data.data(), data.size());
    }

    if (m_socket->bytesToWrite() > highWaterBytes)
        m_aboveHighWater = true;
}

void HttpConnection::endResponse()
{
    if (m_state != State::Responding)
        return;

    if (m_chunkedResponse && m_requestMethod != "HEAD")
        m_socket->write("0\r\n\r\n");

    finishExchange();
}

void HttpConnection::abort()
{
    m_state = State::Closing;
    m_socket->abort();
    onDisconnected();
}

qint64 HttpConnection::pendingOutputBytes() const
{
    return m_socket->bytesToWrite();
}

void HttpConnection::closeWhenIdle()
{
    m_closeRequested = true;
    if (m_state == State::Reading && !m_parser.headerComplete() && m_pending.isEmpty()) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
    }
}

void HttpConnection::finishExchange()
{
    m_chunkedResponse = false;
    m_sentContinue = false;

    if (!m_requestKeepAlive || m_closeRequested) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    }

    m_state = State::Reading;
    m_parser.reset();
    startIdleTimer();

    // Process the next pipelined request from the event loop, so a long
    // pipeline never recurses through handler and response.
    if (!m_pending.isEmpty() || m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::onBytesWritten()
{
    if (m_aboveHighWater && m_socket->bytesToWrite() < highWaterBytes / 2) {
        m_aboveHighWater = false;
        Q_EMIT outputDrained();
    }
}

void HttpConnection::onDisconnected()
{
    if (m_released)
        return;

    const bool wasBusy = m_state == State::Handling || m_state == State::Responding;
    qCDebug(lcConnection) << "connection from" << m_peerAddress.toString() << "ended" << (wasBusy ? "during a request" : "");
    m_state = State::Closing;
    m_idleTimer->stop();
    m_requestTimer->stop();

    m_released = true;
    if (m_limiter)
        m_limiter->release(m_peerAddress);

    if (wasBusy)
        Q_EMIT clientGone();
    Q_EMIT finished();
    deleteLater();
}

void HttpConnection::startIdleTimer()
{
    if (m_limits.idleTimeoutMs > 0)
        m_idleTimer->start();
}

} // namespace Gateway
