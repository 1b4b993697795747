// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"
#include "HttpResponseParser.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QTcpSocket;
class QTimer;

namespace Gateway {

// One keep-alive HTTP/1.1 connection to the upstream (Ollama), on a worker
// thread. It carries one exchange at a time: send() a request, then the
// response arrives as headerReceived(), bodyReceived() pieces and
// completed(). A response is read only as fast as the consumer takes it:
// pause() stops reading, so TCP flow control slows the upstream down.
class UpstreamConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamConnection)

public:
    enum class Failure {
        ConnectFailed, // refused, unreachable or connect timed out
        Closed,        // the upstream closed or reset the connection mid-exchange
        BadResponse,   // the response could not be parsed
    };

    UpstreamConnection(QString host, quint16 port, int connectTimeoutMs, QObject *parent = nullptr);
    ~UpstreamConnection() override;

    // True when idle and connected, so the pool may hand it out again.
    bool isReusable() const;
    // True when this connection carried an earlier exchange.
    bool wasUsedBefore() const;

    // Connects if needed and sends head (request line and header block,
    // ending with an empty line) and body. isHead: the request is HEAD, so
    // the response has no body whatever its header says.
    void send(QByteArray head, QByteArray body, bool isHead);

    void pause();
    void resume();
    // Drops the connection now, e.g. because the client went away; Ollama
    // stops generating when its client disconnects.
    void abortExchange();

Q_SIGNALS:
    void headerReceived(int status, const Gateway::HttpHeaders &headers, std::optional<qint64> contentLength);
    void bodyReceived(const QByteArray &data);
    void completed();
    // anyResponseBytes: whether part of a response had arrived before it failed.
    void failed(Gateway::UpstreamConnection::Failure failure, const QString &message, bool anyResponseBytes);

private:
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void finishExchange();
    void fail(Failure failure, const QString &message);

    QString m_host;
    quint16 m_port;
    QTcpSocket *m_socket;
    QTimer *m_connectTimer;
    std::unique_ptr<HttpResponseParser> m_parser;
    QByteArray m_outgoing;        // request bytes waiting for the connection
    QByteArray m_unparsed;        // response bytes the parser has not consumed yet
    bool m_busy = false;
    bool m_paused = false;
    bool m_eofPending = false;    // the upstream closed while reading was paused
    bool m_headerSignalled = false;
    bool m_anyBytes = false;
    bool m_usedBefore = false;
    bool m_isHead = false;
};

} // namespace Gateway
