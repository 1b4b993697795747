// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "KeyIndex.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

struct IssuedForTest
{
    QByteArray secret;
    KeyRecord record;
};

IssuedForTest makeKey(const QString &id, const QByteArray &prefix = "sk_live_"_ba)
{
    IssuedForTest issued;
    issued.secret = ApiKey::generate(prefix);
    issued.record.id = id;
    issued.record.userId = 7;
    issued.record.userName = u"alice"_s;
    issued.record.tier = u"pro"_s;
    issued.record.isOperator = prefix == "sk_op_"_ba;
    issued.record.hash = ApiKey::hash(issued.secret);
    issued.record.hint = ApiKey::hint(issued.secret);
    issued.record.createdAt = QDateTime::currentDateTimeUtc();
    return issued;
}

const QDateTime now = QDateTime::currentDateTimeUtc();

} // namespace

class TestKeyIndex final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyKeyIsMissing();
    void malformedKeyIsInvalid();
    void unknownKeyIsInvalid();
    void validKeyReturnsIdentity();
    void operatorKeyKeepsFlag();
    void revokedKeyIsRevoked();
    void expiredKeyIsExpired();
    void replaceDropsOldKeys();
    void verifyDuringReplaceSeesWholeIndex();
};

void TestKeyIndex::emptyKeyIsMissing()
{
    KeyIndex index;
    index.replace({makeKey(u"key_a"_s).record});
    QCOMPARE(index.verify(QByteArrayView(), now).status, KeyIndex::Status::Missing);
    QCOMPARE(index.verify(""_ba, now).status, KeyIndex::Status::Missing);
}

void TestKeyIndex::malformedKeyIsInvalid()
{
    KeyIndex index;
    const IssuedForTest key = makeKey(u"key_a"_s);
    index.replace({key.record});

    QByteArray typo = key.secret;
    typo[10] = typo[10] == 'a' ? 'b' : 'a';
    QCOMPARE(index.verify(typo, now).status, KeyIndex::Status::Invalid);
    QCOMPARE(index.verify("Bearer"_ba, now).status, KeyIndex::Status::Invalid);
    QCOMPARE(index.verify(QByteArray(key.secret + ' '), now).status, KeyIndex::Status::Invalid);
}

void TestKeyIndex::unknownKeyIsInvalid()
{
    KeyIndex index;
    index.replace({makeKey(u"key_a"_s).record});

    // Well formed, so only the lookup can reject it.
    const QByteArray stranger = ApiKey::generate("sk_live_");
    QVERIFY(ApiKey::isWellFormed(stranger));
    QCOMPARE(index.verify(stranger, now).status, KeyIndex::Status::Invalid);
    QVERIFY(index.verify(stranger, now).identity.keyId.isEmpty());
}

void TestKeyIndex::validKeyReturnsIdentity()
{
    KeyIndex index;
    const IssuedForTest key = makeKey(u"key_valid"_s);
    index.replace({makeKey(u"key_other"_s).record, key.record});
    QCOMPARE(index.size(), 2);

    const KeyIndex::Verdict verdict = index.verify(key.secret, now);
    QCOMPARE(verdict.status, KeyIndex::Status::Valid);
    QCOMPARE(verdict.identity.keyId, u"key_valid"_s);
    QCOMPARE(verdict.identity.userId, qint64(7));
    QCOMPARE(verdict.identity.userName, u"alice"_s);
    QCOMPARE(verdict.identity.tier, u"pro"_s);
    QCOMPARE(verdict.identity.isOperator, false);
}

void TestKeyIndex::operatorKeyKeepsFlag()
{
    KeyIndex index;
    const IssuedForTest key = makeKey(u"key_op"_s, "sk_op_"_ba);
    index.replace({key.record});

    const KeyIndex::Verdict verdict = index.verify(key.secret, now);
    QCOMPARE(verdict.status, KeyIndex::Status::Valid);
    QCOMPARE(verdict.identity.isOperator, true);
}

void TestKeyIndex::revokedKeyIsRevoked()
{
    KeyIndex index;
    IssuedForTest key = makeKey(u"key_revoked"_s);
    key.record.revokedAt = now.addSecs(-5);
    key.record.expiresAt = now.addSecs(-5); // revocation wins over expiry
    index.replace({key.record});

    const KeyIndex::Verdict verdict = index.verify(key.secret, now);
    QCOMPARE(verdict.status, KeyIndex::Status::Revoked);
    QVERIFY(verdict.identity.keyId.isEmpty());
}

void TestKeyIndex::expiredKeyIsExpired()
{
    KeyIndex index;
    IssuedForTest key = makeKey(u"key_expiring"_s);
    key.record.expiresAt = now.addSecs(60);
    index.replace({key.record});

    QCOMPARE(index.verify(key.secret, now).status, KeyIndex::Status::Valid);
    QCOMPARE(index.verify(key.secret, key.record.expiresAt.addMSecs(-1)).status, KeyIndex::Status::Valid);
    QCOMPARE(index.verify(key.secret, key.record.expiresAt).status, KeyIndex::Status::Expired);
    QCOMPARE(index.verify(key.secret, key.record.expiresAt.addDays(1)).status, KeyIndex::Status::Expired);
}

void TestKeyIndex::replaceDropsOldKeys()
{
    KeyIndex index;
    const IssuedForTest first = makeKey(u"key_first"_s);
    const IssuedForTest second = makeKey(u"key_second"_s);
    index.replace({first.record});
    QCOMPARE(index.verify(first.secret, now).status, KeyIndex::Status::Valid);

    index.replace({second.record});
    QCOMPARE(index.size(), 1);
    QCOMPARE(index.verify(first.secret, now).status, KeyIndex::Status::Invalid);
    QCOMPARE(index.verify(second.secret, now).status, KeyIndex::Status::Valid);

    index.replace({});
    QCOMPARE(index.size(), 0);
    QCOMPARE(index.verify(second.secret, now).status, KeyIndex::Status::Invalid);
}

void TestKeyIndex::verifyDuringReplaceSeesWholeIndex()
{
    KeyIndex index;
    const IssuedForTest stable = makeKey(u"key_stable"_s);
    QList<KeyRecord> small{stable.record};
    QList<KeyRecord> large{stable.record};
    for (int i = 0; i < 200; ++i)
        large.append(makeKey(u"key_%1"_s.arg(i)).record);
    index.replace(small);

    // Readers must never see a half-built index: the stable key is in both.
    std::atomic<bool> stop{false};
    std::atomic<int> wrong{0};
    std::atomic<int> checks{0};
    std::unique_ptr<QThread> reader(QThread::create([&] {
        while (!stop) {
            if (index.verify(stable.secret, QDateTime::currentDateTimeUtc()).status != KeyIndex::Status::Valid)
                ++wrong;
            ++checks;
        }
    }));
    reader->start();
    for (int round = 0; round < 300; ++round)
        index.replace(round % 2 ? small : large);
    stop = true;
    QVERIFY(reader->wait(10000));

    QVERIFY(checks.load() > 0);
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestKeyIndex)
#include "tst_keyindex.moc"
