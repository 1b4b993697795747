// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace Gateway {

// Parses an upstream HTTP/1.1 response as it streams in, with Boost.Beast's
// parser underneath. The body is delivered de-chunked in pieces: after each
// feed(), takeBody() returns what was decoded so far, so nothing but the
// current read is ever held.
class HttpResponseParser final
{
public:
    HttpResponseParser();
    ~HttpResponseParser();
    Q_DISABLE_COPY_MOVE(HttpResponseParser)

    // The response answers a HEAD request: it has a header and no body.
    void setSkipBody(bool skip);

    // Consumes bytes; returns how many (zero while the header is incomplete).
    qsizetype feed(QByteArrayView data);
    // Tells the parser the connection was closed; completes a response whose
    // body runs until end of file.
    void feedEof();

    bool failed() const;
    QString errorString() const;
    bool headerComplete() const;
    bool isDone() const;

    int status() const;
    const HttpHeaders &headers() const;
    bool chunked() const;
    bool keepAlive() const;
    std::optional<qint64> contentLength() const;

    QByteArray takeBody();

private:
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace Gateway
