// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpRequestParser.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include <QLoggingCategory>

#include <optional>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcParser, "soulfra.gateway.httprequestparser")

namespace http = boost::beast::http;
using boost::beast::string_view;

QByteArray toByteArray(string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

} // namespace

// Collects the request through Beast's callbacks. Beast checks the grammar,
// chunked framing, Content-Length/Transfer-Encoding conflicts and the header
// and body limits; the checks Beast leaves to applications are done here.
class BeastRequestParser final : public http::basic_parser<true>
{
public:
    HttpRequest request;
    int status = 0;
    QString message;

    explicit BeastRequestParser(const HttpLimits &limits)
        : m_limits(limits)
    {
        header_limit(std::uint32_t(limits.maxHeaderBytes));
        body_limit(std::uint64_t(limits.maxBodyBytes));
        eager(true);
    }

    void fail(boost::system::error_code &ec, int httpStatus, QString text)
    {
        status = httpStatus;
        message = std::move(text);
        // Any error stops Beast; bad_value is only a carrier for ours.
        ec = http::error::bad_value;
    }

private:
    void on_request_impl(http::verb, string_view method, string_view target, int version,
                         boost::system::error_code &ec) override
    {
        request.method = toByteArray(method);
        request.target = toByteArray(target);
        request.version = version;

        if (version != 10 && version != 11) {
            fail(ec, 505, QStringLiteral("unsupported HTTP version"));
            return;
        }

        // Only origin-form targets (RFC 9112, section 3.2.1) reach a gateway
        // that is not a forward proxy; "*" is for OPTIONS.
        if (!request.target.startsWith('/') && request.target != "*") {
            fail(ec, 400, QStringLiteral("request target must start with '/'"));
            return;
        }

        const qsizetype query = request.target.indexOf('?');
        request.path = query < 0 ? request.target : request.target.left(query);
    }

    void on_response_impl(int, string_view, int, boost::system::error_code &) override {}

    void on_field_impl(http::field, string_view name, string_view value, boost::system::error_code &ec) override
    {
        if (request.headers.size() >= m_limits.maxHeaderCount) {
            fail(ec, 431, QStringLiteral("too many header fields (limit %1)").arg(m_limits.maxHeaderCount));
            return;
        }

        request.headers.add(toByteArray(name), toByteArray(value));
    }

    void on_header_impl(boost::system::error_code &ec) override
    {
        // Beast accepts repeated identical Content-Length fields, as RFC 9112
        // section 6.3 allows. Two length fields are still a smuggling vector
        // when an intermediary in front picks the other one, so reject them.
        if (request.headers.count("Content-Length") > 1) {
            fail(ec, 400, QStringLiteral("duplicate Content-Length header"));
            return;
        }

        if (request.headers.contains("Transfer-Encoding")) {
            if (request.headers.contains("Content-Length")) {
                fail(ec, 400, QStringLiteral("both Content-Length and Transfer-Encoding present"));
                return;
            }
            if (request.headers.count("Transfer-Encoding") > 1
                || request.headers.value("Transfer-Encoding").trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
                fail(ec, 501, QStringLiteral("unsupported Transfer-Encoding (only chunked is accepted)"));
                return;
            }
        }

        if (request.headers.count("Host") > 1) {
            fail(ec, 400, QStringLiteral("duplicate Host header"));
            return;
        }

        // RFC 9112, section 3.2: an HTTP/1.1 request without Host is a 400.
        if (request.version == 11 && !request.headers.contains("Host")) {
            fail(ec, 400, QStringLiteral("missing Host header"));
            return;
        }

        request.keepAlive = keep_alive();
    }

    void on_body_init_impl(boost::optional<std::uint64_t> const &length, boost::system::error_code &) override
    {
        if (length && *length <= std::uint64_t(m_limits.maxBodyBytes))
            request.body.reserve(qsizetype(*length));
    }

    std::size_t on_body_impl(string_view body, boost::system::error_code &) override
    {
        request.body.append(body.data(), qsizetype(body.size()));
        return body.size();
    }

    void on_chunk_header_impl(std::uint64_t, string_view, boost::system::error_code &) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, boost::system::error_code &) override
    {
        request.body.append(body.data(), qsizetype(body.size()));
        return body.size();
    }

    void on_finish_impl(boost::system::error_code &) override {}

    const HttpLimits &m_limits;
};

class HttpRequestParser::Impl
{
public:
    explicit Impl(const HttpLimits &serverLimits)
        : limits(serverLimits)
    {
        reset();
    }

    void reset()
    {
        parser = std::make_unique<BeastRequestParser>(limits);
        state = State::NeedMore;
        consumedTotal = 0;
        failureStatus = 0;
        failureMessage.clear();
    }

    void failWith(int status, QString message)
    {
        state = State::Failed;
        failureStatus = status;
        failureMessage = std::move(message);
        qCDebug(lcParser) << "rejecting request:" << failureStatus << failureMessage;
    }

    HttpLimits limits;
    std::unique_ptr<BeastRequestParser> parser;
    State state = State::NeedMore;
    qsizetype consumedTotal = 0; // bytes of the current request consumed so far
    int failureStatus = 0;
    QString failureMessage;
};

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : d(std::make_unique<Impl>(limits))
{
}

HttpRequestParser::~HttpRequestParser() = default;

qsizetype HttpRequestParser::feed(QByteArrayView data)
{
    if (d->state != State::NeedMore || data.isEmpty())
        return 0;

    BeastRequestParser &parser = *d->parser;

    // Beast has no separate limit for the request line, so look for its end
    // before the header is parsed. Beast consumes nothing before the request
    // line is complete, so until then data starts with the request line.
    if (d->consumedTotal == 0) {
        const qsizetype lineEnd = data.indexOf('\n');
        const qsizetype lineLength = lineEnd < 0 ? data.size() : lineEnd;
        if (lineLength > d->limits.maxRequestLineBytes) {
            d->failWith(431, QStringLiteral("request line too long (limit %1 bytes)").arg(d->limits.maxRequestLineBytes));
            return 0;
        }
    }

    qsizetype consumed = 0;
    while (consumed < data.size() && !parser.is_done()) {
        boost::system::error_code ec;
        const QByteArrayView rest = data.sliced(consumed);
        const std::size_t n = parser.put(boost::asio::const_buffer(rest.data(), std::size_t(rest.size())), ec);
        consumed += qsizetype(n);

        if (ec == http::error::need_more)
            break;

        if (ec) {
            if (parser.status != 0)
                d->failWith(parser.status, parser.message);
            else if (ec == http::error::header_limit)
                d->failWith(431, QStringLiteral("request header too large (limit %1 bytes)").arg(d->limits.maxHeaderBytes));
            else if (ec == http::error::body_limit)
                d->failWith(413, QStringLiteral("request body too large (limit %1 bytes)").arg(d->limits.maxBodyBytes));
            else if (ec == http::error::bad_content_length)
                d->failWith(400, QStringLiteral("invalid or conflicting Content-Length"));
            else if (ec == http::error::bad_transfer_encoding)
                d->failWith(400, QStringLiteral("invalid Transfer-Encoding"));
            else
                d->failWith(400, QStringLiteral("malformed request: %1").arg(QString::fromStdString(ec.message())));
            return consumed;
        }

        if (n == 0)
            break;
    }

    if (parser.is_done())
        d->state = State::Complete;

    d->consumedTotal += consumed;
    return consumed;
}

HttpRequestParser::State HttpRequestParser::state() const
{
    return d->state;
}

bool HttpRequestParser::headerComplete() const
{
    return d->parser->is_header_done();
}

bool HttpRequestParser::expectsContinue() const
{
    return d->parser->is_header_done() && !d->parser->is_done()
        && d->parser->request.headers.value("Expect").trimmed().compare("100-continue", Qt::CaseInsensitive) == 0;
}

int HttpRequestParser::failureStatus() const
{
    return d->failureStatus;
}

const QString &HttpRequestParser::failureMessage() const
{
    return d->failureMessage;
}

QByteArray HttpRequestParser::target() const
{
    return d->parser->request.target;
}

HttpRequest HttpRequestParser::takeRequest()
{
    return std::move(d->parser->request);
}

void HttpRequestParser::reset()
{
    d->reset();
}

} // namespace Gateway
