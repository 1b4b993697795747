// SPDX-License-Identifier: GPL-3.0-or-later
// Per-user limits in memory: exact counts under concurrency, windows that
// roll over at midnight in the configured zone, trials, overrides, model
// patterns and the counters rebuilt from storage totals.
#include "LimitEnforcer.h"

#include <QAtomicInteger>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using Gateway::LimitEnforcer;
using Gateway::ModelName;
using Gateway::TierRecord;
using Gateway::UserRecord;

namespace {

// A clock the test moves by hand; read from many threads.
struct ManualClock
{
    std::atomic<qint64> msecs{QDateTime(QDate(2026, 3, 14), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch()};

    LimitEnforcer::Clock function()
    {
        return [this] { return QDateTime::fromMSecsSinceEpoch(msecs.load(), QTimeZone::utc()); };
    }
    void set(const QDateTime &time) { msecs.store(time.toMSecsSinceEpoch()); }
    void advanceSecs(qint64 seconds) { msecs.fetch_add(seconds * 1000); }
};

TierRecord unlimitedTier(const QString &name)
{
    TierRecord tier;
    tier.name = name;
    tier.keyPrefix = u"sk_test_"_s;
    return tier;
}

UserRecord user(const QString &name, const QString &tier)
{
    UserRecord record;
    record.name = name;
    record.tier = tier;
    return record;
}

LimitEnforcer::Request call(const QString &userName = u"alice"_s)
{
    LimitEnforcer::Request request;
    request.userName = userName;
    return request;
}

LimitEnforcer::Request generation(const QString &userName = u"alice"_s)
{
    LimitEnforcer::Request request = call(userName);
    request.generation = true;
    return request;
}

// Runs admit() from threadCount threads at once; returns the admitted count.
int admitConcurrently(LimitEnforcer &limits, const LimitEnforcer::Request &request, int threadCount,
                      QList<LimitEnforcer::Decision> *decisions = nullptr)
{
    QAtomicInteger<int> admitted = 0;
    std::atomic<bool> go{false};
    QList<LimitEnforcer::Decision> results(threadCount);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < threadCount; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            while (!go.load())
                QThread::yieldCurrentThread();
            results[i] = limits.admit(request);
            if (results[i].verdict == LimitEnforcer::Verdict::Admitted)
                admitted.fetchAndAddRelaxed(1);
        }));
        threads.back()->start();
    }
    go.store(true);
    for (auto &thread : threads)
        thread->wait();
    if (decisions)
        *decisions = results;
    return admitted.loadRelaxed();
}

} // namespace

class TestLimitEnforcer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callsPerDayExactUnderConcurrency()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 50;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        QList<LimitEnforcer::Decision> decisions;
        QCOMPARE(admitConcurrently(limits, call(), 200, &decisions), 50);

        int rejected = 0;
        for (const LimitEnforcer::Decision &decision : std::as_const(decisions)) {
            if (decision.verdict != LimitEnforcer::Verdict::LimitReached)
                continue;
            ++rejected;
            QCOMPARE(decision.limitName, u"calls per day"_s);
            QCOMPARE(decision.resetsAt, QDateTime(QDate(2026, 3, 15), QTime(0, 0), QTimeZone::utc()));
            QVERIFY(decision.message.contains(u"calls per day limit of 50"_s));
        }
        QCOMPARE(rejected, 150);
        QCOMPARE(limits.usageOf(u"alice"_s).callsToday, 50);
    }

    void generationsReservedUntilComplete()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.generationsPerMonth = 50;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        QList<LimitEnforcer::Decision> decisions;
        QCOMPARE(admitConcurrently(limits, generation(), 200, &decisions), 50);

        // A failed generation gives its reservation back; a completed one keeps it.
        int settled = 0;
        for (const LimitEnforcer::Decision &decision : std::as_const(decisions)) {
            if (!decision.ticket.valid)
                continue;
            limits.complete(decision.ticket, settled < 40, 0);
            ++settled;
        }
        QCOMPARE(limits.usageOf(u"alice"_s).generationsThisMonth, 40);
        QCOMPARE(admitConcurrently(limits, generation(), 100), 10);

        // Calls that are not generations are not held back by this limit.
        QCOMPARE(limits.admit(call()).verdict, LimitEnforcer::Verdict::Admitted);
    }

    void requestsPerMinuteSlide()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.requestsPerMinute = 10;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        QCOMPARE(admitConcurrently(limits, call(), 40), 10);

        clock.advanceSecs(30);
        const LimitEnforcer::Decision rejected = limits.admit(call());
        QCOMPARE(rejected.verdict, LimitEnforcer::Verdict::LimitReached);
        QCOMPARE(rejected.limitName, u"requests per minute"_s);
        QCOMPARE(limits.now().secsTo(rejected.resetsAt), 30);

        clock.advanceSecs(30);
        QCOMPARE(admitConcurrently(limits, call(), 40), 10);
    }

    void tokensStopNextRequest()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.tokensPerDay = 100;
        tier.tokensPerMonth = 150;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        LimitEnforcer::Decision first = limits.admit(generation());
        QCOMPARE(first.verdict, LimitEnforcer::Verdict::Admitted);
        limits.complete(first.ticket, true, 99);
        LimitEnforcer::Decision second = limits.admit(generation());
        QCOMPARE(second.verdict, LimitEnforcer::Verdict::Admitted);
        limits.complete(second.ticket, true, 5);

        const LimitEnforcer::Decision overDay = limits.admit(call());
        QCOMPARE(overDay.verdict, LimitEnforcer::Verdict::LimitReached);
        QCOMPARE(overDay.limitName, u"tokens per day"_s);

        // The next day has a fresh day allowance but shares the month's.
        clock.advanceSecs(24 * 3600);
        LimitEnforcer::Decision third = limits.admit(call());
        QCOMPARE(third.verdict, LimitEnforcer::Verdict::Admitted);
        limits.complete(third.ticket, false, 50);
        const LimitEnforcer::Decision overMonth = limits.admit(call());
        QCOMPARE(overMonth.limitName, u"tokens per month"_s);
        QCOMPARE(overMonth.resetsAt, QDateTime(QDate(2026, 4, 1), QTime(0, 0), QTimeZone::utc()));
    }

    void concurrentStreamsExact()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.concurrentStreams = 3;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        LimitEnforcer::Request stream = generation();
        stream.streaming = true;
        QList<LimitEnforcer::Decision> decisions;
        QCOMPARE(admitConcurrently(limits, stream, 50, &decisions), 3);

        // A request that does not stream is not limited by open streams.
        QCOMPARE(limits.admit(generation()).verdict, LimitEnforcer::Verdict::Admitted);

        for (const LimitEnforcer::Decision &decision : std::as_const(decisions)) {
            if (decision.ticket.valid) {
                limits.complete(decision.ticket, true, 0);
                break;
            }
        }
        QCOMPARE(admitConcurrently(limits, stream, 50), 1);
    }

    void brandsBeyondLimitForbidden()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.brandsPerMonth = 2;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        LimitEnforcer::Request request = call();
        request.brand = u"Acme"_s;
        QCOMPARE(limits.admit(request).verdict, LimitEnforcer::Verdict::Admitted);
        request.brand = u"acme "_s; // the same brand, spelled differently
        QCOMPARE(limits.admit(request).verdict, LimitEnforcer::Verdict::Admitted);
        request.brand = u"Globex"_s;
        QCOMPARE(limits.admit(request).verdict, LimitEnforcer::Verdict::Admitted);

        request.brand = u"Initech"_s;
        const LimitEnforcer::Decision denied = limits.admit(request);
        QCOMPARE(denied.verdict, LimitEnforcer::Verdict::BrandDenied);
        QVERIFY(denied.message.contains(u"Initech"_s));
        QVERIFY(denied.message.contains(u"2 brands per month"_s));

        // Known brands and requests without a brand go on working.
        request.brand = u"GLOBEX"_s;
        QCOMPARE(limits.admit(request).verdict, LimitEnforcer::Verdict::Admitted);
        QCOMPARE(limits.admit(call()).verdict, LimitEnforcer::Verdict::Admitted);

        // A new month starts with no brands.
        clock.set(QDateTime(QDate(2026, 4, 1), QTime(0, 0), QTimeZone::utc()));
        request.brand = u"Initech"_s;
        QCOMPARE(limits.admit(request).verdict, LimitEnforcer::Verdict::Admitted);
    }

    void newBrandsExactUnderConcurrency()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.brandsPerMonth = 1;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        QAtomicInteger<int> admitted = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 20; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                LimitEnforcer::Request request = call();
                request.brand = u"brand-%1"_s.arg(i);
                if (limits.admit(request).verdict == LimitEnforcer::Verdict::Admitted)
                    admitted.fetchAndAddRelaxed(1);
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            thread->wait();
        QCOMPARE(admitted.loadRelaxed(), 1);
        QCOMPARE(limits.usageOf(u"alice"_s).brandsThisMonth, 1);
    }

    void dayRollsOverAtMidnightInZone()
    {
        ManualClock clock;
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        LimitEnforcer limits(clock.function(), berlin);
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 2;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        // 22:30 UTC on 14 March is 23:30 in Berlin (CET, UTC+1).
        clock.set(QDateTime(QDate(2026, 3, 14), QTime(22, 30), QTimeZone::utc()));
        QCOMPARE(admitConcurrently(limits, call(), 5), 2);
        const LimitEnforcer::Decision rejected = limits.admit(call());
        QCOMPARE(rejected.resetsAt, QDateTime(QDate(2026, 3, 14), QTime(23, 0), QTimeZone::utc()));

        clock.set(QDateTime(QDate(2026, 3, 14), QTime(22, 59, 59), QTimeZone::utc()));
        QCOMPARE(limits.admit(call()).verdict, LimitEnforcer::Verdict::LimitReached);
        clock.set(QDateTime(QDate(2026, 3, 14), QTime(23, 0), QTimeZone::utc()));
        QCOMPARE(admitConcurrently(limits, call(), 5), 2);
    }

    void monthRollsOverAtMidnight()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.generationsPerMonth = 1;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        clock.set(QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59), QTimeZone::utc()));
        const LimitEnforcer::Decision first = limits.admit(generation());
        limits.complete(first.ticket, true, 0);
        const LimitEnforcer::Decision rejected = limits.admit(generation());
        QCOMPARE(rejected.verdict, LimitEnforcer::Verdict::LimitReached);
        QCOMPARE(rejected.resetsAt, QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()));

        clock.set(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()));
        QCOMPARE(limits.admit(generation()).verdict, LimitEnforcer::Verdict::Admitted);
    }

    void trialEndsOnTime()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord free = unlimitedTier(u"free"_s);
        free.callsPerDay = 1;
        TierRecord trial = unlimitedTier(u"pro_trial"_s);
        trial.callsPerDay = 100;
        trial.fallbackTier = u"free"_s;
        trial.trialDurationSeconds = 7 * 24 * 3600;
        UserRecord bob = user(u"bob"_s, u"pro_trial"_s);
        bob.trialEndsAt = limits.now().addSecs(3600);
        limits.setDirectory({free, trial}, {bob});

        QCOMPARE(admitConcurrently(limits, call(u"bob"_s), 5), 5);
        QCOMPARE(limits.limitsFor(u"bob"_s, {}).tier, u"pro_trial"_s);

        clock.advanceSecs(3599);
        QCOMPARE(limits.limitsFor(u"bob"_s, {}).tier, u"pro_trial"_s);
        clock.advanceSecs(1);
        QCOMPARE(limits.limitsFor(u"bob"_s, {}).tier, u"free"_s);
        QCOMPARE(limits.admit(call(u"bob"_s)).verdict, LimitEnforcer::Verdict::LimitReached);
    }

    void userOverridesReplaceTierLimits()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"enterprise"_s);
        tier.callsPerDay = 1;
        tier.generationsPerMonth = 5;
        UserRecord custom = user(u"carol"_s, u"enterprise"_s);
        custom.callsPerDay = UserRecord::unlimitedOverride;
        custom.generationsPerMonth = 2;
        custom.modelPatterns = {u"qwen2.5-coder:*"_s};
        limits.setDirectory({tier}, {custom, user(u"dave"_s, u"enterprise"_s)});

        const Gateway::EffectiveLimits carol = limits.limitsFor(u"carol"_s, {});
        QVERIFY(!carol.callsPerDay);
        QCOMPARE(carol.generationsPerMonth, std::optional<qint64>(2));
        QCOMPARE(carol.modelPatterns, QStringList{u"qwen2.5-coder:*"_s});

        const Gateway::EffectiveLimits dave = limits.limitsFor(u"dave"_s, {});
        QCOMPARE(dave.callsPerDay, std::optional<qint64>(1));
        QCOMPARE(dave.generationsPerMonth, std::optional<qint64>(5));
        QCOMPARE(admitConcurrently(limits, call(u"carol"_s), 20), 20);
    }

    void suspendedUserForbidden()
    {
        LimitEnforcer limits;
        UserRecord eve = user(u"eve"_s, u"free"_s);
        eve.status = u"suspended"_s;
        limits.setDirectory({unlimitedTier(u"free"_s)}, {eve});

        const LimitEnforcer::Decision decision = limits.admit(call(u"eve"_s));
        QCOMPARE(decision.verdict, LimitEnforcer::Verdict::Suspended);
        QVERIFY(!decision.ticket.valid);
        QCOMPARE(limits.usageOf(u"eve"_s).callsToday, 0);
    }

    void rejectedRequestsCountNothing()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 3;
        tier.modelPatterns = {u"llama3.2"_s};
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        LimitEnforcer::Request denied = generation();
        denied.model = ModelName::parse(u"qwen2.5-coder:7b"_s);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(limits.admit(denied).verdict, LimitEnforcer::Verdict::ModelDenied);
        QCOMPARE(limits.usageOf(u"alice"_s).callsToday, 0);

        // A refunded call (the queue rejected it) is given back as well.
        const LimitEnforcer::Decision admitted = limits.admit(call());
        limits.refund(admitted.ticket);
        QCOMPARE(limits.usageOf(u"alice"_s).callsToday, 0);
        QCOMPARE(admitConcurrently(limits, call(), 10), 3);
    }

    void headroomNamesTightestLimit()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 1000;
        tier.generationsPerMonth = 3;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        const LimitEnforcer::Decision plain = limits.admit(call());
        QVERIFY(plain.headroom.known);
        QCOMPARE(plain.headroom.limit, 1000);
        QCOMPARE(plain.headroom.remaining, 999);

        const LimitEnforcer::Decision counted = limits.admit(generation());
        QCOMPARE(counted.headroom.limit, 3);
        QCOMPARE(counted.headroom.remaining, 2);
        QCOMPARE(counted.headroom.resetsAt, QDateTime(QDate(2026, 4, 1), QTime(0, 0), QTimeZone::utc()));

        limits.setDirectory({unlimitedTier(u"small"_s)}, {user(u"alice"_s, u"small"_s)});
        QVERIFY(!limits.admit(call()).headroom.known);
    }

    void loadUsageRestoresCounters()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 10;
        tier.generationsPerMonth = 5;
        tier.brandsPerMonth = 1;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        Gateway::UsageTotals totals;
        totals.userName = u"alice"_s;
        totals.callsToday = 8;
        totals.generationsThisMonth = 5;
        totals.brandsThisMonth = {u"Acme"_s};
        limits.loadUsage({totals}, limits.windowsAt(limits.now()));

        QCOMPARE(limits.admit(generation()).verdict, LimitEnforcer::Verdict::LimitReached);
        LimitEnforcer::Request branded = call();
        branded.brand = u"Globex"_s;
        QCOMPARE(limits.admit(branded).verdict, LimitEnforcer::Verdict::BrandDenied);
        QCOMPARE(admitConcurrently(limits, call(), 10), 2);
    }

    void loadUsageIgnoresOldWindows()
    {
        ManualClock clock;
        LimitEnforcer limits(clock.function());
        TierRecord tier = unlimitedTier(u"small"_s);
        tier.callsPerDay = 10;
        limits.setDirectory({tier}, {user(u"alice"_s, u"small"_s)});

        Gateway::UsageTotals totals;
        totals.userName = u"alice"_s;
        totals.callsToday = 10;
        const Gateway::UsageWindows yesterday = limits.windowsAt(limits.now().addDays(-1));
        limits.loadUsage({totals}, yesterday);
        QCOMPARE(limits.usageOf(u"alice"_s).callsToday, 0);
    }

    void modelPatternsMatchEverySpelling_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("allowed");

        QTest::newRow("star") << u"*"_s << u"anything/at:all"_s << true;
        QTest::newRow("bare name") << u"llama3.2"_s << u"llama3.2"_s << true;
        QTest::newRow("bare name, explicit latest") << u"llama3.2"_s << u"llama3.2:latest"_s << true;
        QTest::newRow("upper case") << u"llama3.2"_s << u"LLAMA3.2:LATEST"_s << true;
        QTest::newRow("library prefix") << u"llama3.2"_s << u"library/llama3.2"_s << true;
        QTest::newRow("registry prefix") << u"llama3.2"_s << u"registry.ollama.ai/library/llama3.2:latest"_s << true;
        QTest::newRow("scheme and registry") << u"llama3.2"_s << u"https://registry.ollama.ai/library/llama3.2"_s << true;
        QTest::newRow("surrounding space") << u"llama3.2"_s << u"  llama3.2  "_s << true;
        QTest::newRow("other tag") << u"llama3.2"_s << u"llama3.2:3b"_s << false;
        QTest::newRow("cloud source") << u"llama3.2"_s << u"llama3.2:cloud"_s << false;
        QTest::newRow("other registry") << u"llama3.2"_s << u"example.com/library/llama3.2"_s << false;
        QTest::newRow("other namespace") << u"llama3.2"_s << u"someone/llama3.2"_s << false;
        QTest::newRow("tag wildcard") << u"llama3.2:*"_s << u"LLAMA3.2:3B"_s << true;
        QTest::newRow("tag wildcard, registry spelling") << u"llama3.2:*"_s << u"registry.ollama.ai/library/llama3.2:1b"_s << true;
        QTest::newRow("tag wildcard, other model") << u"llama3.2:*"_s << u"llama3.1:8b"_s << false;
        QTest::newRow("tag wildcard, longer name") << u"llama3.2:*"_s << u"llama3.2-vision:11b"_s << false;
        QTest::newRow("name wildcard") << u"qwen*"_s << u"qwen2.5-coder:7b"_s << true;
        QTest::newRow("upper-case pattern") << u"LLAMA3.2:*"_s << u"llama3.2:3b"_s << true;
        QTest::newRow("namespaced pattern") << u"library/llama3.2:*"_s << u"llama3.2:3b"_s << true;
        QTest::newRow("pattern with latest") << u"llama3.2:latest"_s << u"llama3.2"_s << true;
    }

    void modelPatternsMatchEverySpelling()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, model);
        QFETCH(bool, allowed);

        const std::optional<ModelName> name = ModelName::parse(model);
        QVERIFY(name);
        QCOMPARE(LimitEnforcer::modelAllowed({pattern}, *name), allowed);
    }

    void emptyPatternListAllowsNothing()
    {
        const std::optional<ModelName> name = ModelName::parse(u"llama3.2"_s);
        QVERIFY(name);
        QVERIFY(!LimitEnforcer::modelAllowed({}, *name));
        QVERIFY(LimitEnforcer::modelAllowed({u"qwen*"_s, u"llama3.2"_s}, *name));
    }
};

QTEST_GUILESS_MAIN(TestLimitEnforcer)
#include "tst_limitenforcer.moc"
