// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QReadWriteLock>
#include <QString>

namespace Gateway {

// Who a verified key belongs to: what a request handler needs, no secret.
struct KeyIdentity
{
    QString keyId;
    qint64 userId = 0;
    QString userName;
    QString tier;
    bool isOperator = false;
};

// In-memory index of every issued key by SHA-256 digest, so that verifying a
// key costs one hash and one lookup and never a database query. Thread-safe:
// worker threads verify while the key manager replaces the contents.
class KeyIndex final
{
public:
    enum class Status { Valid, Missing, Invalid, Revoked, Expired };

    struct Verdict
    {
        Status status = Status::Missing;
        KeyIdentity identity; // set when status is Valid
    };

    KeyIndex() = default;
    Q_DISABLE_COPY_MOVE(KeyIndex)

    // Checks presentedKey (the text after "Bearer "); now is UTC.
    Verdict verify(QByteArrayView presentedKey, const QDateTime &now) const;

    // Replaces the whole index, e.g. after keys changed in storage.
    void replace(const QList<KeyRecord> &keys);
    int size() const;

private:
    struct Entry
    {
        KeyIdentity identity;
        QDateTime expiresAt;
        bool revoked = false;
    };

    mutable QReadWriteLock m_lock;
    QHash<QByteArray, Entry> m_byHash;
};

} // namespace Gateway
