// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpHeaders.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace Gateway {

// A complete response the gateway produces itself.
struct GatewayResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
};

// The one place that turns gateway errors into HTTP responses: Ollama's
// {"error": "..."} on native routes and OpenAI's error object on /v1, always
// as application/json so that every client library shows the message.
class ErrorResponder final
{
public:
    static int statusFor(ErrorCode code);

    // code is OpenAI's machine-readable error code, e.g. "invalid_api_key";
    // empty becomes null.
    static GatewayResponse respond(int status, const QString &message, bool openAiShape,
                                   const QString &code = QString());
    static GatewayResponse respond(const Error &error, bool openAiShape);
};

} // namespace Gateway
