// SPDX-License-Identifier: GPL-3.0-or-later
// The bound on generations in flight: slots, order by priority then
// arrival, a full queue, and requests that leave it.
#include "GenerationQueue.h"

#include <QObject>
#include <QTest>

using Gateway::GenerationQueue;

class TestGenerationQueue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void grantsUpToMaxAtOnce()
    {
        GenerationQueue queue(2, 10);
        QObject receiver;
        QCOMPARE(queue.acquire(1, 0, &receiver, [] {}), GenerationQueue::Outcome::Granted);
        QCOMPARE(queue.acquire(2, 0, &receiver, [] {}), GenerationQueue::Outcome::Granted);
        QCOMPARE(queue.acquire(3, 0, &receiver, [] {}), GenerationQueue::Outcome::Queued);
        QCOMPARE(queue.inFlight(), 2);
        QCOMPARE(queue.queued(), 1);
    }

    void grantsByPriorityThenArrival()
    {
        GenerationQueue queue(1, 10);
        QObject receiver;
        QList<int> order;
        QCOMPARE(queue.acquire(100, 0, &receiver, [] {}), GenerationQueue::Outcome::Granted);

        // Arrival order: free 1, free 2, pro 3, enterprise 4, pro 5.
        const QList<QPair<quint64, int>> waiting = {{1, 0}, {2, 0}, {3, 10}, {4, 20}, {5, 10}};
        for (const auto &[ticket, priority] : waiting) {
            const int id = int(ticket);
            QCOMPARE(queue.acquire(ticket, priority, &receiver, [&order, id] { order.append(id); }),
                     GenerationQueue::Outcome::Queued);
        }

        quint64 holder = 100;
        for (int i = 0; i < waiting.size(); ++i) {
            queue.release(holder);
            QTRY_COMPARE(order.size(), i + 1);
            holder = quint64(order.last());
            QCOMPARE(queue.inFlight(), 1);
        }
        QCOMPARE(order, (QList<int>{4, 3, 5, 1, 2}));
    }

    void rejectsWhenQueueFull()
    {
        GenerationQueue queue(1, 2);
        QObject receiver;
        QCOMPARE(queue.acquire(1, 0, &receiver, [] {}), GenerationQueue::Outcome::Granted);
        QCOMPARE(queue.acquire(2, 0, &receiver, [] {}), GenerationQueue::Outcome::Queued);
        QCOMPARE(queue.acquire(3, 0, &receiver, [] {}), GenerationQueue::Outcome::Queued);
        QCOMPARE(queue.acquire(4, 99, &receiver, [] {}), GenerationQueue::Outcome::Full);
    }

    void withdrawnTicketIsNeverGranted()
    {
        GenerationQueue queue(1, 10);
        QObject receiver;
        bool granted2 = false;
        bool granted3 = false;
        queue.acquire(1, 0, &receiver, [] {});
        queue.acquire(2, 0, &receiver, [&granted2] { granted2 = true; });
        queue.acquire(3, 0, &receiver, [&granted3] { granted3 = true; });

        QVERIFY(queue.withdraw(2));
        QVERIFY(!queue.withdraw(2));
        QCOMPARE(queue.queued(), 1);

        queue.release(1);
        QTRY_VERIFY(granted3);
        QVERIFY(!granted2);
        QVERIFY(!queue.withdraw(3)); // granted, no longer waiting
    }

    void deletedReceiverFreesSlot()
    {
        GenerationQueue queue(1, 10);
        QObject holder;
        bool granted = false;
        queue.acquire(1, 0, &holder, [] {});
        {
            QObject gone;
            queue.acquire(2, 0, &gone, [] {});
        }
        queue.acquire(3, 0, &holder, [&granted] { granted = true; });

        queue.release(1);
        QTRY_VERIFY(granted);
        QCOMPARE(queue.inFlight(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGenerationQueue)
#include "tst_generationqueue.moc"
