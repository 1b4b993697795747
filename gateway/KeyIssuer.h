// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"
#include "Result.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <chrono>

namespace Gateway {

class Storage;

// A key right after issuance: the only moment its secret exists in memory.
struct IssuedKey
{
    KeyRecord record;
    QByteArray secret; // the full key text; show once, never store or log
};

// Issues and revokes keys on a Storage; shared by the CLI and KeyManager.
class KeyIssuer final
{
public:
    struct Request
    {
        QString userName;
        QString tier;            // must exist in storage
        bool isOperator = false;
        QString label;
        QDateTime expiresAt;     // UTC, invalid for no expiry
        QString replacesKeyId;   // set by rotate()
    };

    // Creates the user when it does not exist yet (with request.tier), then a
    // key for it. Fails on an unknown tier or an empty or invalid user name.
    static Result<IssuedKey> issue(Storage &storage, const Request &request);

    // Issues a key with the same user, tier, role, label and expiry as
    // keyId and lets the old key expire after grace, so clients can switch
    // without an outage. Fails for an unknown, revoked or expired key.
    static Result<IssuedKey> rotate(Storage &storage, const QString &keyId, std::chrono::seconds grace);
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::IssuedKey)
