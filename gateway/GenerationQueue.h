// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace Gateway {

// Bounds the generations in flight upstream, because Ollama serves a few at
// a time and queues the rest without any notion of priority. Requests beyond
// the bound wait here, ordered by priority (higher first), then by arrival.
// Shared by all worker threads; every method is thread-safe.
class GenerationQueue final
{
public:
    enum class Outcome { Granted, Queued, Full };

    GenerationQueue(int maxInFlight, int maxQueued);
    Q_DISABLE_COPY_MOVE(GenerationQueue)

    // Takes a slot for ticket at once (Granted), or queues it (Queued):
    // onGranted then runs on receiver's thread once a slot is free, unless
    // receiver is gone by then. Full: maxQueued requests wait already.
    Outcome acquire(quint64 ticket, int priority, QObject *receiver, std::function<void()> onGranted);
    // Removes a waiting ticket; false when it is not waiting (granted meanwhile).
    bool withdraw(quint64 ticket);
    // Frees the slot of ticket, or removes it from the queue.
    void release(quint64 ticket);

    int inFlight() const;
    int queued() const;
    static quint64 nextTicket();

private:
    struct Waiter
    {
        quint64 ticket = 0;
        QPointer<QObject> receiver;
        std::function<void()> onGranted;
    };
    using Order = QPair<int, quint64>; // (-priority, arrival)

    void grantNextLocked();

    const int m_maxInFlight;
    const int m_maxQueued;
    mutable QMutex m_mutex;
    QSet<quint64> m_granted;
    QMap<Order, Waiter> m_waiting;
    QHash<quint64, Order> m_orderOf;
    quint64 m_arrivals = 0;
};

} // namespace Gateway
