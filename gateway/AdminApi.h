// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ErrorResponder.h"
#include "HttpRequest.h"

#include <QByteArray>

namespace Gateway {

class LimitEnforcer;
class Storage;

// The admin HTTP API's routes, for servers without a display. Every request
// needs "Authorization: Bearer <admin token>". Bodies and responses are JSON;
// errors use Ollama's {"error": "..."} shape.
//
//   GET    /admin/users              every user
//   GET    /admin/users/NAME         one user with its keys and usage
//   PUT    /admin/users/NAME         create or change (fields given change)
//   DELETE /admin/users/NAME         delete the user and its keys
//   GET    /admin/tiers              every tier
//   PUT    /admin/tiers/NAME         create or change (fields given change)
//   DELETE /admin/tiers/NAME         delete an unused tier
//   GET    /admin/keys               every key (never a secret)
//   POST   /admin/keys               issue a key; the response shows it once
//   DELETE /admin/keys/ID            revoke a key
//   GET    /admin/usage/NAME         a user's use of the current windows
//
// Limits are numbers, or null for unlimited; in a user's "overrides", null
// removes the override and "unlimited" lifts the limit.
class AdminApi final
{
public:
    // limits may be null; usage then reads as zero.
    AdminApi(Storage &storage, LimitEnforcer *limits, QByteArray tokenDigest);

    GatewayResponse handle(const HttpRequest &request);

private:
    GatewayResponse route(const HttpRequest &request);
    GatewayResponse users(const HttpRequest &request, const QString &name);
    GatewayResponse tiers(const HttpRequest &request, const QString &name);
    GatewayResponse keys(const HttpRequest &request, const QString &id);
    GatewayResponse usage(const QString &name);

    Storage &m_storage;
    LimitEnforcer *m_limits;
    QByteArray m_tokenDigest;
};

} // namespace Gateway
