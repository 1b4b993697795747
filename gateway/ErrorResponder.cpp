// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorResponder.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Gateway {

namespace {

// OpenAI's error "type" for a status, as its API and SDKs use it.
QString openAiType(int status)
{
    switch (status) {
    case 401:
    case 403:
    case 400:
    case 413:
        return QStringLiteral("invalid_request_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        return QStringLiteral("api_error");
    }
}

} // namespace

int ErrorResponder::statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::BadRequest:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::Forbidden:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::AlreadyExists:
        return 409;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::UpstreamUnreachable:
        return 502;
    case ErrorCode::Unavailable:
        return 503;
    case ErrorCode::UpstreamTimeout:
        return 504;
    case ErrorCode::StorageFailed:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

GatewayResponse ErrorResponder::respond(int status, const QString &message, bool openAiShape, const QString &code)
{
    GatewayResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json; charset=utf-8");

    QJsonObject body;
    if (openAiShape) {
        body.insert(QStringLiteral("error"), QJsonObject{
            {QStringLiteral("message"), message},
            {QStringLiteral("type"), openAiType(status)},
            {QStringLiteral("param"), QJsonValue::Null},
            {QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)},
        });
    } else {
        body.insert(QStringLiteral("error"), message);
    }

    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

GatewayResponse ErrorResponder::respond(const Error &error, bool openAiShape)
{
    return respond(statusFor(error.code()), error.message(), openAiShape);
}

} // namespace Gateway
