// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "ClaimCode.h"
#include "EventIssuer.h"
#include "EventStore.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QFile>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

class TestEventIssuer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createsSingleUseBatch();
    void storesOnlyCodeHashes();
    void createsSharedEventWithOperatorCode();
    void rejectsInvalidRequests_data();
    void rejectsInvalidRequests();
    void rejectsDuplicateSharedCode();
    void redeemsSingleUseCodeOnce();
    void acceptsCodeInAnyTypedForm();
    void trialKeyExpiresAfterTrialDays();
    void sharedCodeStopsAtCap();
    void unknownUsedExpiredAndRevokedGiveSameError();
    void reusedNonceNeverClaimsTwice();
    void rejectsInvalidEmail();
    void concurrentRedemptionsOfOneCodeIssueOneKey();
    void countsClaimsAndPaidUsers();
    void storesSettings();

private:
    EventIssuer::Created create(const EventIssuer::Request &request);
    EventIssuer::Request singleUse(int count) const;
    Result<EventIssuer::Claimed> redeem(const QString &code, const QString &nonce = QString());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStorage> m_storage;
};

void TestEventIssuer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StorageConfig config;
    config.dataDir = m_dir->path();
    m_storage = std::make_unique<SqliteStorage>(config.databasePath(), u"events"_s);
    QVERIFY(m_storage->open());
}

void TestEventIssuer::cleanup()
{
    m_storage.reset();
    m_dir.reset();
}

EventIssuer::Request TestEventIssuer::singleUse(int count) const
{
    EventIssuer::Request request;
    request.name = u"DevFest 2026"_s;
    request.description = u"Welcome!"_s;
    request.singleUseCount = count;
    return request;
}

EventIssuer::Created TestEventIssuer::create(const EventIssuer::Request &request)
{
    Result<EventIssuer::Created> created = EventIssuer::create(*m_storage, request);
    if (!created)
        qWarning("%s", qPrintable(created.error().message()));
    return created ? created.value() : EventIssuer::Created{};
}

Result<EventIssuer::Claimed> TestEventIssuer::redeem(const QString &code, const QString &nonce)
{
    EventIssuer::ClaimRequest request;
    request.codeText = code;
    request.nonce = nonce;
    request.clientAddress = u"127.0.0.1"_s;
    return EventIssuer::redeem(*m_storage, request);
}

void TestEventIssuer::createsSingleUseBatch()
{
    const EventIssuer::Created created = create(singleUse(25));
    QCOMPARE(created.codes.size(), 25);
    QCOMPARE(QSet<QString>(created.codes.cbegin(), created.codes.cend()).size(), 25);
    QVERIFY(created.event.id.startsWith(u"evt_"_s));
    QCOMPARE(created.event.codeCount, 25);
    QCOMPARE(created.event.tier, u"pro_trial"_s);
    QCOMPARE(created.event.trialDays, 7);
    QCOMPARE(created.event.codeKind, EventRecord::CodeKind::SingleUse);
    QVERIFY(created.event.endsAt > created.event.startsAt);
    for (const QString &code : created.codes)
        QCOMPARE(code.size(), ClaimCode::generatedLength);
}

void TestEventIssuer::storesOnlyCodeHashes()
{
    const EventIssuer::Created created = create(singleUse(3));
    m_storage.reset();

    QFile file(m_dir->path() + u"/gateway.sqlite"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    QFile wal(file.fileName() + u"-wal"_s);
    if (wal.open(QIODevice::ReadOnly))
        bytes += wal.readAll();
    for (const QString &code : created.codes) {
        QVERIFY(!bytes.contains(code.toLatin1()));
        QVERIFY(bytes.contains(ClaimCode::hash(code)));
    }
}

void TestEventIssuer::createsSharedEventWithOperatorCode()
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = u"devf-est2-026x"_s;
    request.maxClaims = 50;
    const EventIssuer::Created created = create(request);
    QCOMPARE(created.codes, QStringList{u"DEVFEST2026X"_s});
    QCOMPARE(created.event.maxClaims, std::optional<qint64>(50));
    QCOMPARE(created.event.codeKind, EventRecord::CodeKind::Shared);

    request.sharedCode.clear();
    const EventIssuer::Created random = create(request);
    QCOMPARE(random.codes.size(), 1);
    QCOMPARE(random.codes.first().size(), ClaimCode::generatedLength);
}

void TestEventIssuer::rejectsInvalidRequests_data()
{
    QTest::addColumn<int>("field");
    QTest::newRow("empty name") << 0;
    QTest::newRow("name with newline") << 1;
    QTest::newRow("no codes") << 2;
    QTest::newRow("too many codes") << 3;
    QTest::newRow("zero trial days") << 4;
    QTest::newRow("unknown tier") << 5;
    QTest::newRow("shared code with U") << 6;
    QTest::newRow("short shared code") << 7;
    QTest::newRow("zero cap") << 8;
    QTest::newRow("ends before start") << 9;
}

void TestEventIssuer::rejectsInvalidRequests()
{
    QFETCH(int, field);
    EventIssuer::Request request = singleUse(2);
    switch (field) {
    case 0: request.name = u"  "_s; break;
    case 1: request.name = u"a\nb"_s; break;
    case 2: request.singleUseCount = 0; break;
    case 3: request.singleUseCount = EventIssuer::maxSingleUseCodes + 1; break;
    case 4: request.trialDays = 0; break;
    case 5: request.tier = u"gold"_s; break;
    case 6: request.codeKind = EventRecord::CodeKind::Shared; request.sharedCode = u"UUUUUUUUUU"_s; break;
    case 7: request.codeKind = EventRecord::CodeKind::Shared; request.sharedCode = u"ABC"_s; break;
    case 8: request.codeKind = EventRecord::CodeKind::Shared; request.maxClaims = 0; break;
    case 9:
        request.startsAt = QDateTime::currentDateTimeUtc();
        request.endsAt = request.startsAt.addSecs(-1);
        break;
    }
    Result<EventIssuer::Created> created = EventIssuer::create(*m_storage, request);
    QVERIFY(!created);
    QCOMPARE(created.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(EventStore(*m_storage).events().value().size(), 0);
}

void TestEventIssuer::rejectsDuplicateSharedCode()
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = u"POSTER2026"_s;
    QVERIFY(EventIssuer::create(*m_storage, request));
    Result<EventIssuer::Created> again = EventIssuer::create(*m_storage, request);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::AlreadyExists);
    QCOMPARE(EventStore(*m_storage).events().value().size(), 1);
}

void TestEventIssuer::redeemsSingleUseCodeOnce()
{
    const EventIssuer::Created created = create(singleUse(2));
    Result<EventIssuer::Claimed> first = redeem(created.codes.at(0));
    QVERIFY(first);
    QVERIFY(first.value().key.secret.startsWith("sk_trial_"));
    QVERIFY(ApiKey::isWellFormed(first.value().key.secret));
    QCOMPARE(first.value().key.record.tier, u"pro_trial"_s);

    Result<EventIssuer::Claimed> second = redeem(created.codes.at(0));
    QVERIFY(!second);
    QCOMPARE(second.error().code(), ErrorCode::NotFound);

    // The other code of the batch still works.
    QVERIFY(redeem(created.codes.at(1)));
    QCOMPARE(EventStore(*m_storage).findEvent(created.event.id).value().claimCount, 2);
}

void TestEventIssuer::acceptsCodeInAnyTypedForm()
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = u"0011-ABCD-EFGH"_s;
    create(request);
    QVERIFY(redeem(u"oOiL-abcd-efgh"_s));
    QVERIFY(redeem(u"0011ABCDEFGH"_s));
    QVERIFY(redeem(u"o o 1 1 a b c d e f g h"_s));
}

void TestEventIssuer::trialKeyExpiresAfterTrialDays()
{
    EventIssuer::Request request = singleUse(1);
    request.trialDays = 3;
    const EventIssuer::Created created = create(request);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    Result<EventIssuer::Claimed> claimed = redeem(created.codes.first());
    QVERIFY(claimed);
    const QDateTime expires = claimed.value().key.record.expiresAt;
    QVERIFY(expires >= before.addDays(3).addSecs(-1));
    QVERIFY(expires <= QDateTime::currentDateTimeUtc().addDays(3).addSecs(1));

    // The trial user's own trial ends with the key, not after the tier's 7 days.
    const Result<UserRecord> user = m_storage->findUser(claimed.value().key.record.userName);
    QVERIFY(user);
    QCOMPARE(user.value().trialEndsAt, expires);
}

void TestEventIssuer::sharedCodeStopsAtCap()
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = u"CAPPED2026"_s;
    request.maxClaims = 3;
    const EventIssuer::Created created = create(request);

    QSet<QByteArray> keys;
    for (int i = 0; i < 3; ++i) {
        Result<EventIssuer::Claimed> claimed = redeem(created.codes.first());
        QVERIFY(claimed);
        keys.insert(claimed.value().key.secret);
    }
    QCOMPARE(keys.size(), 3);

    Result<EventIssuer::Claimed> over = redeem(created.codes.first());
    QVERIFY(!over);
    QCOMPARE(over.error().code(), ErrorCode::NotFound);
    QCOMPARE(EventStore(*m_storage).findEvent(created.event.id).value().claimCount, 3);
    QCOMPARE(EventStore(*m_storage).claims(created.event.id).value().size(), 3);
}

void TestEventIssuer::unknownUsedExpiredAndRevokedGiveSameError()
{
    const EventIssuer::Created used = create(singleUse(1));
    QVERIFY(redeem(used.codes.first()));

    EventIssuer::Request past = singleUse(1);
    past.startsAt = QDateTime::currentDateTimeUtc().addDays(-10);
    past.endsAt = QDateTime::currentDateTimeUtc().addDays(-1);
    const EventIssuer::Created expired = create(past);

    EventIssuer::Request future = singleUse(1);
    future.startsAt = QDateTime::currentDateTimeUtc().addDays(1);
    future.endsAt = QDateTime::currentDateTimeUtc().addDays(2);
    const EventIssuer::Created notYet = create(future);

    const EventIssuer::Created revoked = create(singleUse(2));
    QVERIFY(EventStore(*m_storage).revokeEvent(revoked.event.id));

    const QStringList codes = {ClaimCode::generate(), used.codes.first(), expired.codes.first(),
                               notYet.codes.first(), revoked.codes.at(0), revoked.codes.at(1), u"not a code"_s};
    for (const QString &code : codes) {
        Result<EventIssuer::Claimed> claimed = redeem(code);
        QVERIFY(!claimed);
        QCOMPARE(claimed.error().code(), ErrorCode::NotFound);
        QCOMPARE(claimed.error().message(), u"this code is not valid, already used or expired"_s);
    }
}

void TestEventIssuer::reusedNonceNeverClaimsTwice()
{
    EventIssuer::Request request = singleUse(0);
    request.codeKind = EventRecord::CodeKind::Shared;
    request.sharedCode = u"RELOAD2026"_s;
    const EventIssuer::Created created = create(request);
    QVERIFY(redeem(created.codes.first(), u"abc123"_s));
    Result<EventIssuer::Claimed> again = redeem(created.codes.first(), u"abc123"_s);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::AlreadyExists);
    QCOMPARE(EventStore(*m_storage).findEvent(created.event.id).value().claimCount, 1);
}

void TestEventIssuer::rejectsInvalidEmail()
{
    const EventIssuer::Created created = create(singleUse(1));
    EventIssuer::ClaimRequest request;
    request.codeText = created.codes.first();
    request.email = u"not an email"_s;
    Result<EventIssuer::Claimed> claimed = EventIssuer::redeem(*m_storage, request);
    QVERIFY(!claimed);
    QCOMPARE(claimed.error().code(), ErrorCode::InvalidArgument);
    // The code is not spent by a rejected attempt.
    request.email = u"ada@example.org"_s;
    QVERIFY(EventIssuer::redeem(*m_storage, request));
    QCOMPARE(EventStore(*m_storage).claims(created.event.id).value().first().email, u"ada@example.org"_s);
}

void TestEventIssuer::concurrentRedemptionsOfOneCodeIssueOneKey()
{
    const EventIssuer::Created created = create(singleUse(1));
    const QString code = created.codes.first();
    const QString path = m_storage->databasePath();

    // Each thread has its own connection, as separate processes would, so
    // only SQLite's locking and the conditional UPDATE keep the code single-use.
    constexpr int threadCount = 8;
    QMutex mutex;
    int keys = 0;
    int notFound = 0;
    int other = 0;
    QList<QThread *> threads;
    for (int i = 0; i < threadCount; ++i) {
        threads.append(QThread::create([&, i] {
            SqliteStorage storage(path, u"racer%1"_s.arg(i));
            if (!storage.open()) {
                QMutexLocker locker(&mutex);
                ++other;
                return;
            }
            EventIssuer::ClaimRequest request;
            request.codeText = code;
            Result<EventIssuer::Claimed> claimed = EventIssuer::redeem(storage, request);
            QMutexLocker locker(&mutex);
            if (claimed)
                ++keys;
            else if (claimed.error().code() == ErrorCode::NotFound)
                ++notFound;
            else
                ++other;
        }));
    }
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(30000));
        delete thread;
    }
    QCOMPARE(keys, 1);
    QCOMPARE(notFound, threadCount - 1);
    QCOMPARE(other, 0);
    QCOMPARE(EventStore(*m_storage).claims(created.event.id).value().size(), 1);
}

void TestEventIssuer::countsClaimsAndPaidUsers()
{
    const EventIssuer::Created created = create(singleUse(2));
    Result<EventIssuer::Claimed> claimed = redeem(created.codes.first());
    QVERIFY(claimed);

    const QList<ClaimRecord> claims = EventStore(*m_storage).claims(created.event.id).value();
    QCOMPARE(claims.size(), 1);
    QCOMPARE(claims.first().keyId, claimed.value().key.record.id);
    QCOMPARE(claims.first().userTier, u"pro_trial"_s);
    QCOMPARE(claims.first().clientAddress, u"127.0.0.1"_s);

    EventRecord event = EventStore(*m_storage).findEvent(created.event.id).value();
    QCOMPARE(event.claimCount, 1);
    QCOMPARE(event.paidCount, 0);

    // The claimant later pays: their user moves to the priced pro tier.
    QSqlQuery query(QSqlDatabase::database(m_storage->connectionName(), false));
    QVERIFY(query.prepare(u"UPDATE users SET tier = 'pro' WHERE name = ?"_s));
    query.addBindValue(claimed.value().key.record.userName);
    QVERIFY(query.exec());
    event = EventStore(*m_storage).findEvent(created.event.id).value();
    QCOMPARE(event.paidCount, 1);
    QCOMPARE(EventStore(*m_storage).claims(created.event.id).value().first().userTier, u"pro"_s);
}

void TestEventIssuer::storesSettings()
{
    EventStore store(*m_storage);
    QCOMPARE(store.setting(u"public_base_url"_s).value(), QString());
    QVERIFY(store.setSetting(u"public_base_url"_s, u"https://gw.example.org"_s));
    QVERIFY(store.setSetting(u"public_base_url"_s, u"https://gw2.example.org"_s));
    QCOMPARE(store.setting(u"public_base_url"_s).value(), u"https://gw2.example.org"_s);
}

QTEST_GUILESS_MAIN(TestEventIssuer)
#include "tst_eventissuer.moc"
