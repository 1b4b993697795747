// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyIndex.h"

#include "ApiKey.h"

namespace Gateway {

KeyIndex::Verdict KeyIndex::verify(QByteArrayView presentedKey, const QDateTime &now) const
{
    Verdict verdict;
    if (presentedKey.isEmpty()) {
        verdict.status = Status::Missing;
        return verdict;
    }

    // The checksum rejects typos and invented keys without touching the index.
    // Malformed and unknown keys share one status so a client cannot tell
    // which check failed.
    if (!ApiKey::isWellFormed(presentedKey)) {
        verdict.status = Status::Invalid;
        return verdict;
    }

    const QByteArray digest = ApiKey::hash(presentedKey);
    Entry entry;
    {
        QReadLocker locker(&m_lock);
        const auto found = m_byHash.constFind(digest);
        if (found == m_byHash.constEnd()) {
            verdict.status = Status::Invalid;
            return verdict;
        }
        entry = found.value();
    }

    if (entry.revoked) {
        verdict.status = Status::Revoked;
        return verdict;
    }
    if (entry.expiresAt.isValid() && now >= entry.expiresAt) {
        verdict.status = Status::Expired;
        return verdict;
    }

    verdict.status = Status::Valid;
    verdict.identity = entry.identity;
    return verdict;
}

void KeyIndex::replace(const QList<KeyRecord> &keys)
{
    // Built outside the lock so verifying threads wait only for the swap.
    QHash<QByteArray, Entry> byHash;
    byHash.reserve(keys.size());
    for (const KeyRecord &key : keys) {
        Entry entry;
        entry.identity.keyId = key.id;
        entry.identity.userId = key.userId;
        entry.identity.userName = key.userName;
        entry.identity.tier = key.tier;
        entry.identity.isOperator = key.isOperator;
        entry.expiresAt = key.expiresAt;
        entry.revoked = key.revokedAt.isValid();
        byHash.insert(key.hash, entry);
    }

    QWriteLocker locker(&m_lock);
    m_byHash.swap(byHash);
}

int KeyIndex::size() const
{
    QReadLocker locker(&m_lock);
    return int(m_byHash.size());
}

} // namespace Gateway
