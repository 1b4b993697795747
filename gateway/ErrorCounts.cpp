// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorCounts.h"

#include <numeric>

using namespace Qt::StringLiterals;

namespace Gateway {

std::optional<ErrorCause> ErrorCounts::causeOf(int status, const QString &outcome)
{
    if (outcome == u"client cancelled")
        return ErrorCause::Cancelled;
    // Ollama rejects a request for an unknown model or with a malformed
    // body with 4xx, which is the client's mistake relayed. Its 403 is the
    // host/origin check failing, which is the gateway's configuration.
    if (outcome.startsWith(u"upstream"))
        return status >= 400 && status < 500 && status != 403 ? ErrorCause::Client : ErrorCause::Upstream;
    if (outcome == u"rejected")
        return ErrorCause::Client; // refused at the HTTP layer: malformed or oversized
    if (outcome == u"queue full" || outcome == u"queue timeout")
        return ErrorCause::Queue;
    if (status < 400)
        return std::nullopt;

    switch (status) {
    case 401:
        return ErrorCause::Auth;
    case 403:
        return ErrorCause::Forbidden;
    case 429:
        return ErrorCause::Limit;
    default:
        break;
    }
    // Other 4xx are the client's input (malformed, too large, unknown model);
    // 5xx not named above are the gateway's own failures.
    return status < 500 ? ErrorCause::Client : ErrorCause::Other;
}

QString ErrorCounts::nameOf(ErrorCause cause)
{
    switch (cause) {
    case ErrorCause::Auth:
        return u"auth"_s;
    case ErrorCause::Forbidden:
        return u"forbidden"_s;
    case ErrorCause::Limit:
        return u"limit"_s;
    case ErrorCause::Queue:
        return u"queue"_s;
    case ErrorCause::Upstream:
        return u"upstream"_s;
    case ErrorCause::Client:
        return u"client"_s;
    case ErrorCause::Cancelled:
        return u"cancelled"_s;
    case ErrorCause::Other:
        break;
    }
    return u"other"_s;
}

qint64 ErrorCounts::total() const
{
    return std::accumulate(counts.begin(), counts.end(), qint64(0));
}

void ErrorCounts::merge(const ErrorCounts &other)
{
    for (int i = 0; i < causeCount; ++i)
        counts.at(i) += other.counts.at(i);
}

} // namespace Gateway
