// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpResponseParser.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include <limits>

namespace Gateway {

namespace {

namespace http = boost::beast::http;
using boost::beast::string_view;

constexpr std::uint32_t maxUpstreamHeaderBytes = 64 * 1024;

QByteArray toByteArray(string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

} // namespace

class BeastResponseParser final : public http::basic_parser<false>
{
public:
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    BeastResponseParser()
    {
        header_limit(maxUpstreamHeaderBytes);
        // Responses are relayed, not stored, so their size is not limited:
        // a model pull streams progress for hours. Beast 1.74 compares a
        // Content-Length against boost::none as if none were smaller than
        // every length, so "no limit" has to be the largest value instead.
        body_limit(std::numeric_limits<std::uint64_t>::max());
        eager(true);
    }

private:
    void on_request_impl(http::verb, string_view, string_view, int, boost::system::error_code &) override {}

    void on_response_impl(int code, string_view, int, boost::system::error_code &) override
    {
        status = code;
    }

    void on_field_impl(http::field, string_view name, string_view value, boost::system::error_code &) override
    {
        headers.add(toByteArray(name), toByteArray(value));
    }

    void on_header_impl(boost::system::error_code &) override {}

    void on_body_init_impl(boost::optional<std::uint64_t> const &, boost::system::error_code &) override {}

    std::size_t on_body_impl(string_view piece, boost::system::error_code &) override
    {
        body.append(piece.data(), qsizetype(piece.size()));
        return piece.size();
    }

    void on_chunk_header_impl(std::uint64_t, string_view, boost::system::error_code &) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, string_view piece, boost::system::error_code &) override
    {
        body.append(piece.data(), qsizetype(piece.size()));
        return piece.size();
    }

    void on_finish_impl(boost::system::error_code &) override {}
};

class HttpResponseParser::Impl
{
public:
    BeastResponseParser parser;
    QString error;
};

HttpResponseParser::HttpResponseParser()
    : d(std::make_unique<Impl>())
{
}

HttpResponseParser::~HttpResponseParser() = default;

void HttpResponseParser::setSkipBody(bool skip)
{
    d->parser.skip(skip);
}

qsizetype HttpResponseParser::feed(QByteArrayView data)
{
    if (failed())
        return 0;

    qsizetype consumed = 0;
    while (consumed < data.size() && !d->parser.is_done()) {
        boost::system::error_code ec;
        const QByteArrayView rest = data.sliced(consumed);
        const std::size_t n = d->parser.put(boost::asio::const_buffer(rest.data(), std::size_t(rest.size())), ec);
        consumed += qsizetype(n);

        if (ec == http::error::need_more)
            break;

        if (ec) {
            d->error = QString::fromStdString(ec.message());
            break;
        }

        if (n == 0)
            break;
    }
    return consumed;
}

void HttpResponseParser::feedEof()
{
    if (failed() || d->parser.is_done())
        return;

    boost::system::error_code ec;
    d->parser.put_eof(ec);
    if (ec)
        d->error = QString::fromStdString(ec.message());
}

bool HttpResponseParser::failed() const
{
    return !d->error.isEmpty();
}

QString HttpResponseParser::errorString() const
{
    return d->error;
}

bool HttpResponseParser::headerComplete() const
{
    return d->parser.is_header_done();
}

bool HttpResponseParser::isDone() const
{
    return d->parser.is_done();
}

int HttpResponseParser::status() const
{
    return d->parser.status;
}

const HttpHeaders &HttpResponseParser::headers() const
{
    return d->parser.headers;
}

bool HttpResponseParser::chunked() const
{
    return d->parser.chunked();
}

bool HttpResponseParser::keepAlive() const
{
    return d->parser.keep_alive();
}

std::optional<qint64> HttpResponseParser::contentLength() const
{
    if (!d->parser.is_header_done())
        return std::nullopt;

    const boost::optional<std::uint64_t> length = d->parser.content_length();
    return length ? std::optional<qint64>(qint64(*length)) : std::nullopt;
}

QByteArray HttpResponseParser::takeBody()
{
    return std::exchange(d->parser.body, QByteArray());
}

} // namespace Gateway
