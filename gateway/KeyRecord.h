// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Gateway {

// An issued API key as stored: the secret itself is never kept, only its
// SHA-256 digest and a short display hint.
struct KeyRecord
{
    QString id;            // public identifier such as "key_7h3k9q2m", safe to log
    qint64 userId = 0;
    QString userName;      // filled in by queries that join users
    QString tier;          // tier the key was issued for, also encoded in its prefix
    bool isOperator = false; // may call model-store endpoints (pull, push, create, ...)
    QByteArray hash;       // SHA-256 of the whole key text, 32 raw bytes
    QString hint;          // prefix and first characters, e.g. "sk_live_4f2a…"
    QString label;
    QDateTime createdAt;   // UTC
    QDateTime expiresAt;   // UTC, invalid when the key never expires
    QDateTime revokedAt;   // UTC, invalid while the key is active
    QDateTime lastUsedAt;  // UTC, invalid when never used
    QString lastUsedAddress; // client IP address of the last use, empty when unknown
    QString replacesKeyId; // the key this one rotated out, empty for a new key
};

// One use of a key, as recorded in batches by the key manager.
struct KeyUse
{
    QString keyId;
    QDateTime at;     // UTC
    QString address;  // client IP address, empty when unknown
};

} // namespace Gateway
