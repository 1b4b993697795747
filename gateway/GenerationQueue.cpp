// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationQueue.h"

#include <QLoggingCategory>
#include <QMutexLocker>

#include <atomic>

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcQueue, "soulfra.gateway.generationqueue")

std::atomic<quint64> ticketCounter{0};

} // namespace

GenerationQueue::GenerationQueue(int maxInFlight, int maxQueued)
    : m_maxInFlight(qMax(1, maxInFlight))
    , m_maxQueued(qMax(0, maxQueued))
{
}

quint64 GenerationQueue::nextTicket()
{
    return ++ticketCounter;
}

GenerationQueue::Outcome GenerationQueue::acquire(quint64 ticket, int priority, QObject *receiver,
                                                  std::function<void()> onGranted)
{
    const QMutexLocker locker(&m_mutex);
    if (m_granted.size() < m_maxInFlight && m_waiting.isEmpty()) {
        m_granted.insert(ticket);
        return Outcome::Granted;
    }
    if (m_waiting.size() >= m_maxQueued)
        return Outcome::Full;

    const Order order{-priority, ++m_arrivals};
    m_waiting.insert(order, Waiter{ticket, receiver, std::move(onGranted)});
    m_orderOf.insert(ticket, order);
    qCDebug(lcQueue) << "queued" << ticket << "priority" << priority << "waiting" << m_waiting.size();
    return Outcome::Queued;
}

bool GenerationQueue::withdraw(quint64 ticket)
{
    const QMutexLocker locker(&m_mutex);
    const auto order = m_orderOf.constFind(ticket);
    if (order == m_orderOf.cend())
        return false;
    m_waiting.remove(*order);
    m_orderOf.erase(order);
    return true;
}

void GenerationQueue::release(quint64 ticket)
{
    const QMutexLocker locker(&m_mutex);
    if (const auto order = m_orderOf.constFind(ticket); order != m_orderOf.cend()) {
        m_waiting.remove(*order);
        m_orderOf.erase(order);
        return;
    }
    if (m_granted.remove(ticket))
        grantNextLocked();
}

void GenerationQueue::grantNextLocked()
{
    while (m_granted.size() < m_maxInFlight && !m_waiting.isEmpty()) {
        Waiter waiter = m_waiting.take(m_waiting.firstKey());
        m_orderOf.remove(waiter.ticket);
        if (!waiter.receiver)
            continue;

        // The slot belongs to the ticket from now on. Its owner releases it
        // when it finishes, also when it is destroyed before the grant runs.
        m_granted.insert(waiter.ticket);
        QMetaObject::invokeMethod(waiter.receiver.data(), std::move(waiter.onGranted), Qt::QueuedConnection);
    }
}

int GenerationQueue::inFlight() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_granted.size());
}

int GenerationQueue::queued() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_waiting.size());
}

} // namespace Gateway
