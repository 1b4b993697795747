// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionLimiter.h"

namespace Gateway {

ConnectionLimiter::ConnectionLimiter(int maxTotal, int maxPerAddress)
    : m_maxTotal(maxTotal)
    , m_maxPerAddress(maxPerAddress)
{
}

bool ConnectionLimiter::tryAcquire(const QHostAddress &address)
{
    QMutexLocker locker(&m_mutex);

    if (m_total >= m_maxTotal)
        return false;

    int &fromAddress = m_perAddress[address];
    if (fromAddress >= m_maxPerAddress)
        return false;

    ++fromAddress;
    ++m_total;
    return true;
}

void ConnectionLimiter::release(const QHostAddress &address)
{
    QMutexLocker locker(&m_mutex);

    auto it = m_perAddress.find(address);
    if (it == m_perAddress.end())
        return;

    --m_total;
    if (--it.value() <= 0)
        m_perAddress.erase(it);
}

int ConnectionLimiter::total() const
{
    QMutexLocker locker(&m_mutex);
    return m_total;
}

} // namespace Gateway
