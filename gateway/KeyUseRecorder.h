// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"

#include <QHash>
#include <QList>
#include <QMutex>

namespace Gateway {

// Collects the latest use of each key from every worker thread, so that a
// request costs one short lock here instead of a queued call to the key
// manager's thread. The key manager takes the batch once a second.
class KeyUseRecorder final
{
public:
    KeyUseRecorder() = default;
    Q_DISABLE_COPY_MOVE(KeyUseRecorder)

    // Thread-safe. Keeps only the newest use per key.
    void record(const QString &keyId, const QDateTime &at, const QString &address);
    // Thread-safe. Returns the uses recorded since the last call.
    QList<KeyUse> take();

private:
    QMutex m_mutex;
    QHash<QString, KeyUse> m_latest; // guarded by m_mutex, one entry per key
};

} // namespace Gateway
