// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"
#include "HttpRequest.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Gateway {

// Parses one HTTP/1.1 request from bytes as they arrive, with Boost.Beast's
// parser underneath, and enforces the server's size limits. Beast is kept out
// of this header so that only one translation unit pays for compiling it.
//
// Usage: feed() the bytes received so far; it returns how many it consumed
// (zero while the header is incomplete, so keep and re-present the rest).
// After Complete, takeRequest() and reset() for the next request.
class HttpRequestParser final
{
public:
    enum class State { NeedMore, Complete, Failed };

    explicit HttpRequestParser(const HttpLimits &limits);
    ~HttpRequestParser();
    Q_DISABLE_COPY_MOVE(HttpRequestParser)

    qsizetype feed(QByteArrayView data);

    State state() const;
    bool headerComplete() const;
    // True when the client waits for "100 Continue" before sending its body.
    bool expectsContinue() const;
    // The status to answer a Failed request with (400, 413, 431 or 501), and why.
    int failureStatus() const;
    const QString &failureMessage() const;

    // The request target once the request line is parsed, also of a request
    // that failed later, so its error can take the route's shape.
    QByteArray target() const;

    HttpRequest takeRequest();
    void reset();

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace Gateway
