// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpstreamConnection.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcUpstream, "soulfra.gateway.upstreamconnection")

// Unread response bytes Qt may buffer before it stops reading from the
// kernel. While reading is paused, this bounds the memory of one stream.
constexpr qint64 socketReadBufferBytes = 64 * 1024;

} // namespace

UpstreamConnection::UpstreamConnection(QString host, quint16 port, int connectTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_socket(new QTcpSocket(this))
    , m_connectTimer(new QTimer(this))
{
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setInterval(connectTimeoutMs);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_busy && m_socket->state() != QAbstractSocket::ConnectedState)
            fail(Failure::ConnectFailed, QStringLiteral("connect timed out after %1 ms").arg(m_connectTimer->interval()));
    });

    m_socket->setReadBufferSize(socketReadBufferBytes);

    connect(m_socket, &QTcpSocket::connected, this, &UpstreamConnection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &UpstreamConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &UpstreamConnection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &UpstreamConnection::onSocketError);
}

UpstreamConnection::~UpstreamConnection() = default;

bool UpstreamConnection::isReusable() const
{
    return !m_busy && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0;
}

bool UpstreamConnection::wasUsedBefore() const
{
    return m_usedBefore;
}

void UpstreamConnection::send(QByteArray head, QByteArray body, bool isHead)
{
    m_busy = true;
    m_paused = false;
    m_eofPending = false;
    m_headerSignalled = false;
    m_anyBytes = false;
    m_isHead = isHead;
    m_parser = std::make_unique<HttpResponseParser>();
    m_parser->setSkipBody(isHead);

    m_unparsed.clear();
    m_outgoing = std::move(head);
    m_outgoing += body;

    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        onConnected();
        return;
    }

    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        qCDebug(lcUpstream) << "connecting to" << m_host << m_port;
        m_connectTimer->start();
        m_socket->connectToHost(m_host, m_port);
    }
}

void UpstreamConnection::onConnected()
{
    m_connectTimer->stop();
    if (!m_busy || m_outgoing.isEmpty())
        return;

    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->write(m_outgoing);
    m_outgoing.clear();
}

void UpstreamConnection::pause()
{
    m_paused = true;
}

void UpstreamConnection::resume()
{
    if (!m_paused)
        return;

    m_paused = false;
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &UpstreamConnection::onReadyRead, Qt::QueuedConnection);
}

void UpstreamConnection::abortExchange()
{
    m_busy = false;
    m_socket->abort();
}

void UpstreamConnection::onReadyRead()
{
    if (!m_busy) {
        // Bytes on an idle keep-alive connection break the framing of the
        // next exchange, so such a connection is never reused.
        m_socket->abort();
        return;
    }

    while (!m_paused && m_busy && m_socket->bytesAvailable() > 0) {
        const QByteArray data = m_socket->read(socketReadBufferBytes);
        m_anyBytes = true;

        // Beast consumes nothing of an incomplete header or chunk size line,
        // so those bytes wait here for the rest.
        m_unparsed += data;
        const qsizetype consumed = m_parser->feed(m_unparsed);
        m_unparsed.remove(0, consumed);

        if (m_parser->failed()) {
            fail(Failure::BadResponse, m_parser->errorString());
            return;
        }

        if (m_parser->headerComplete() && !m_headerSignalled) {
            m_headerSignalled = true;
            Q_EMIT headerReceived(m_parser->status(), m_parser->headers(),
                                  m_isHead ? std::nullopt : m_parser->contentLength());
            if (!m_busy)
                return;
        }

        const QByteArray piece = m_parser->takeBody();
        if (!piece.isEmpty())
            Q_EMIT bodyReceived(piece);

        if (m_busy && m_parser->isDone()) {
            if (!m_unparsed.isEmpty())
                qCWarning(lcUpstream) << "upstream sent" << m_unparsed.size() << "bytes after its response; closing";
            finishExchange();
            return;
        }
    }

    if (m_busy && m_eofPending && m_socket->bytesAvailable() == 0)
        onSocketError();
}

void UpstreamConnection::finishExchange()
{
    const bool reusable = m_parser->keepAlive() && m_unparsed.isEmpty();
    m_unparsed.clear();
    m_busy = false;
    m_usedBefore = true;
    if (!reusable)
        m_socket->disconnectFromHost();
    Q_EMIT completed();
}

void UpstreamConnection::onSocketError()
{
    if (!m_busy)
        return;

    // While paused, buffered bytes are still unread, so the end of the
    // connection is handled once the consumer has taken them.
    if (m_paused && m_socket->bytesAvailable() > 0) {
        m_eofPending = true;
        return;
    }
    m_eofPending = false;

    // A body delimited by the end of the connection is complete now.
    if (m_parser && m_parser->headerComplete() && !m_parser->isDone()) {
        if (m_socket->bytesAvailable() > 0)
            onReadyRead();
        if (!m_busy)
            return;
        m_parser->feedEof();
        if (m_parser->isDone()) {
            const QByteArray piece = m_parser->takeBody();
            if (!piece.isEmpty())
                Q_EMIT bodyReceived(piece);
            finishExchange();
            return;
        }
    }

    const bool beforeConnect = !m_anyBytes && !m_outgoing.isEmpty();
    fail(beforeConnect ? Failure::ConnectFailed : Failure::Closed, m_socket->errorString());
}

void UpstreamConnection::fail(Failure failure, const QString &message)
{
    const bool anyBytes = m_anyBytes;
    m_unparsed.clear();
    m_busy = false;
    m_socket->abort();
    qCDebug(lcUpstream) << "exchange with" << m_host << m_port << "failed:" << message;
    Q_EMIT failed(failure, message, anyBytes);
}

} // namespace Gateway
