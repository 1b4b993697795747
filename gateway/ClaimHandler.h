// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorResponder.h"
#include "HttpRequest.h"

#include <QString>

#include <functional>

class QObject;

namespace Gateway {

struct GatewayContext;

// Serves /claim/<code>: GET shows the claim form for a usable code, POST
// redeems it for a trial key, as an HTML page or, with Accept:
// application/json, as {"api_key", "tier", "expires_at"}. Unknown, used,
// revoked and expired codes get one identical answer, and failed attempts
// count against ClaimRateLimiter.
class ClaimHandler final
{
public:
    using Respond = std::function<void(const GatewayResponse &response, const QString &outcome)>;

    static bool handles(QByteArrayView path);
    // The path as the request log stores it: the code never reaches storage.
    static QString loggedPath();

    // Answers through respond, on receiver's thread, once storage replied.
    static void handle(const HttpRequest &request, const GatewayContext &context, QObject *receiver,
                       Respond respond);
};

} // namespace Gateway
