// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawHttpClient.h"

#include <QHostAddress>

QByteArray RawHttpClient::getRequest(const QByteArray &path, const QByteArray &key, const QByteArray &extra)
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: gw.example.test:11434\r\n";
    if (!key.isEmpty())
        request += "Authorization: Bearer " + key + "\r\n";
    return request + extra + "\r\n";
}

QByteArray RawHttpClient::postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &key,
                                      const QByteArray &extra)
{
    QByteArray request = "POST " + path + " HTTP/1.1\r\nHost: gw.example.test:11434\r\n";
    if (!key.isEmpty())
        request += "Authorization: Bearer " + key + "\r\n";
    request += extra;
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return request;
}

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(timeoutMs);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.waitForBytesWritten(5000);
}

RawHttpClient::Response RawHttpClient::readResponse(int timeoutMs, bool isHead)
{
    return read(-1, timeoutMs, isHead);
}

RawHttpClient::Response RawHttpClient::readPartial(qsizetype minBodyBytes, int timeoutMs)
{
    return read(minBodyBytes, timeoutMs, false);
}

RawHttpClient::Response RawHttpClient::read(qsizetype minBodyBytes, int timeoutMs, bool isHead)
{
    if (!m_parser) {
        m_parser = std::make_unique<Gateway::HttpResponseParser>();
        m_parser->setSkipBody(isHead);
        m_current = Response();
    }

    QElapsedTimer clock;
    clock.start();
    bool reachedEof = false;

    while (true) {
        const qsizetype consumed = m_parser->feed(m_buffer);
        m_buffer.remove(0, consumed);
        if (reachedEof)
            m_parser->feedEof();

        const QByteArray piece = m_parser->takeBody();
        if (!piece.isEmpty()) {
            m_current.body += piece;
            m_current.pieces.append(piece);
            m_current.pieceTimesMs.append(clock.elapsed());
        }

        if (m_parser->headerComplete()) {
            m_current.status = m_parser->status();
            m_current.headers = m_parser->headers();
        }

        if (m_parser->failed() || reachedEof)
            break;

        if (m_parser->isDone()) {
            m_current.complete = true;
            break;
        }

        if (minBodyBytes >= 0 && m_current.body.size() >= minBodyBytes)
            return m_current;

        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return m_current;

        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(int(qMin<qint64>(left, 100)))) {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                reachedEof = true;
            continue;
        }
        m_buffer += m_socket.readAll();
    }

    if (m_parser->isDone())
        m_current.complete = true;

    Response done = m_current;
    m_parser.reset();
    return done;
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (m_socket.state() == QAbstractSocket::ConnectedState) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return false;
        if (m_socket.waitForReadyRead(int(qMin<qint64>(left, 100))))
            m_buffer += m_socket.readAll();
    }
    return true;
}

void RawHttpClient::close()
{
    m_socket.abort();
}
