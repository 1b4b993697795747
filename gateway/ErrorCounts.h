// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <array>
#include <optional>

namespace Gateway {

// Cause of a failed request, as the dashboard groups failures. Each cause
// is a column errors_<name> of the usage rollups.
enum class ErrorCause {
    Auth,      // missing, unknown, revoked or expired key (401)
    Forbidden, // suspended user, model or endpoint not allowed (403)
    Limit,     // a tier limit was reached (429)
    Queue,     // the generation queue was full or the wait timed out (503)
    Upstream,  // Ollama failed, was unreachable or timed out
    Client,    // a request the gateway could not forward (4xx other than the above)
    Cancelled, // the client went away before the response ended
    Other,
};

// Requests per ErrorCause.
struct ErrorCounts
{
    static constexpr int causeCount = 8;

    // The cause of a logged request, or nothing for a success. outcome is
    // RequestLogEntry::outcome ("ok", "rate limited", ...).
    static std::optional<ErrorCause> causeOf(int status, const QString &outcome);
    // Column suffix and stable name in exports: "auth", "forbidden", ...
    static QString nameOf(ErrorCause cause);

    qint64 &operator[](ErrorCause cause) { return counts.at(int(cause)); }
    qint64 operator[](ErrorCause cause) const { return counts.at(int(cause)); }
    qint64 total() const;
    void merge(const ErrorCounts &other);
    bool operator==(const ErrorCounts &other) const = default;

    std::array<qint64, causeCount> counts{};
};

} // namespace Gateway
