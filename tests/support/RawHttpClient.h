// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"
#include "HttpResponseParser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QTcpSocket>

#include <memory>

// A test client that writes raw bytes to the gateway and reads responses
// back, to test what ordinary HTTP clients never send: malformed requests,
// pipelines, half-sent bodies. Responses are parsed with the gateway's
// Beast-based response parser. Blocking waits are fine here: the gateway
// under test runs on its own threads.
class RawHttpClient final
{
public:
    struct Response
    {
        bool complete = false;     // a whole response arrived
        int status = 0;
        Gateway::HttpHeaders headers;
        QByteArray body;           // de-chunked
        QList<QByteArray> pieces;  // body pieces in arrival order
        QList<qint64> pieceTimesMs; // arrival time of each piece, from the request
    };

    // Request texts with a foreign Host, as a client behind a tunnel sends
    // them. An empty key sends no Authorization; extra contains whole header lines.
    static QByteArray getRequest(const QByteArray &path, const QByteArray &key = {}, const QByteArray &extra = {});
    static QByteArray postRequest(const QByteArray &path, const QByteArray &body, const QByteArray &key,
                                  const QByteArray &extra = {});

    bool connectTo(quint16 port, int timeoutMs = 5000);
    void send(const QByteArray &bytes);
    // Reads one response. isHead: the response belongs to a HEAD request.
    Response readResponse(int timeoutMs = 10000, bool isHead = false);
    // Reads until the body of the current response has at least minBodyBytes
    // (returns the part read so far, complete false) or the response ends.
    // Call again to continue the same response.
    Response readPartial(qsizetype minBodyBytes, int timeoutMs = 10000);
    // True when the server closes the connection within timeoutMs.
    bool waitForClose(int timeoutMs = 5000);
    void close();
    QTcpSocket &socket() { return m_socket; }

private:
    Response read(qsizetype minBodyBytes, int timeoutMs, bool isHead);

    QTcpSocket m_socket;
    std::unique_ptr<Gateway::HttpResponseParser> m_parser; // of the response being read
    Response m_current;
    QByteArray m_buffer; // received bytes not consumed by a response yet
};
