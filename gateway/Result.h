// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Gateway {

// Error kinds that the gateway library reports. ErrorResponder maps each kind
// to an HTTP status, so a new kind needs a mapping there too.
enum class ErrorCode {
    InvalidArgument,   // a caller passed a value that can never work
    NotFound,
    AlreadyExists,
    StorageFailed,     // the database rejected or failed an operation
    Unauthorized,      // missing, malformed, unknown, revoked or expired key
    Forbidden,         // valid key without the right to do this
    BadRequest,        // client input the gateway cannot forward
    PayloadTooLarge,
    UpstreamUnreachable,
    UpstreamTimeout,
    Unavailable,       // the gateway is stopping or overloaded
    Internal,
};

class Error final
{
public:
    Error(ErrorCode code, QString message)
        : m_code(code)
        , m_message(std::move(message))
    {
    }

    ErrorCode code() const { return m_code; }
    const QString &message() const { return m_message; }

private:
    ErrorCode m_code;
    QString m_message;
};

// A value or an Error. Functions of the gateway library return this in place
// of throwing, so each front end (HTTP, CLI, console) decides how to show it.
template<typename T>
class Result final
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): a value is a success
        : m_state(std::move(value))
    {
    }
    Result(Error error) // NOLINT(google-explicit-constructor): an Error is a failure
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Success without a value, for Result<Done>.
struct Done final
{
};

} // namespace Gateway
