// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>

namespace Gateway {

// A complete request as received from a client.
struct HttpRequest
{
    QByteArray method;    // as sent, e.g. "POST"
    QByteArray target;    // origin-form, e.g. "/api/chat?x=1"
    QByteArray path;      // target without the query
    int version = 11;     // 10 for HTTP/1.0, 11 for HTTP/1.1
    HttpHeaders headers;
    QByteArray body;      // de-chunked
    bool keepAlive = true;
    QHostAddress clientAddress;
    QDateTime receivedAt;       // UTC, first byte of the request
    QElapsedTimer sinceReceived; // started at the first byte, for latencies
};

} // namespace Gateway
