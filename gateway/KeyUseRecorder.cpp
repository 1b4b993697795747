// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyUseRecorder.h"

namespace Gateway {

void KeyUseRecorder::record(const QString &keyId, const QDateTime &at, const QString &address)
{
    QMutexLocker locker(&m_mutex);
    KeyUse &latest = m_latest[keyId];
    if (!latest.at.isValid() || at >= latest.at)
        latest = KeyUse{keyId, at, address};
}

QList<KeyUse> KeyUseRecorder::take()
{
    QMutexLocker locker(&m_mutex);
    QList<KeyUse> uses = m_latest.values();
    m_latest.clear();
    return uses;
}

} // namespace Gateway
