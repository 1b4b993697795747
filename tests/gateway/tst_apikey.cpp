// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::ApiKey;

namespace {

const QByteArray alphabet = "0123456789abcdefghjkmnpqrstvwxyz"_ba;
constexpr qsizetype randomPartLength = 38; // 32 body characters and 6 check characters

} // namespace

class TestApiKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateUsesPrefixAndAlphabet_data();
    void generateUsesPrefixAndAlphabet();
    void generateRejectsUnknownPrefix();
    void thousandKeysAreUnique();
    void substitutedCharacterIsRejected();
    void swappedAdjacentCharactersAreRejected();
    void swappedPrefixIsRejected();
    void malformedKeysAreRejected_data();
    void malformedKeysAreRejected();
    void hashIsSha256OfWholeKey();
    void hintShowsPrefixAndFourCharacters();
    void prefixForTierMapsBuiltInTiers_data();
    void prefixForTierMapsBuiltInTiers();
};

void TestApiKey::generateUsesPrefixAndAlphabet_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("free") << "sk_free_"_ba;
    QTest::newRow("pro") << "sk_live_"_ba;
    QTest::newRow("trial") << "sk_trial_"_ba;
    QTest::newRow("enterprise") << "sk_ent_"_ba;
    QTest::newRow("operator") << "sk_op_"_ba;
}

void TestApiKey::generateUsesPrefixAndAlphabet()
{
    QFETCH(QByteArray, prefix);

    const QByteArray key = ApiKey::generate(prefix);

    QVERIFY(key.startsWith(prefix));
    QCOMPARE(key.size(), prefix.size() + randomPartLength);
    for (char c : key.mid(prefix.size()))
        QVERIFY2(alphabet.contains(c), key.constData());
    QVERIFY(ApiKey::isWellFormed(key));
}

void TestApiKey::generateRejectsUnknownPrefix()
{
    QVERIFY(ApiKey::generate("sk_test_").isEmpty());
    QVERIFY(ApiKey::generate("").isEmpty());
    QVERIFY(ApiKey::generate("SK_LIVE_").isEmpty());
}

void TestApiKey::thousandKeysAreUnique()
{
    QSet<QByteArray> keys;
    QSet<QByteArray> bodies;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray key = ApiKey::generate("sk_live_");
        keys.insert(key);
        bodies.insert(key.mid(8, 8));
    }
    QCOMPARE(keys.size(), 1000);
    // 40 random bits per 8-character slice: a repeat would mean a weak source.
    QCOMPARE(bodies.size(), 1000);
}

void TestApiKey::substitutedCharacterIsRejected()
{
    for (int round = 0; round < 5; ++round) {
        const QByteArray key = ApiKey::generate("sk_live_");
        for (qsizetype position = 8; position < key.size(); ++position) {
            QByteArray typo = key;
            const qsizetype index = alphabet.indexOf(key.at(position));
            typo[position] = alphabet.at((index + 1 + round) % alphabet.size());
            QVERIFY2(!ApiKey::isWellFormed(typo), typo.constData());
        }
    }
}

void TestApiKey::swappedAdjacentCharactersAreRejected()
{
    const QByteArray key = ApiKey::generate("sk_ent_");
    int checked = 0;
    for (qsizetype position = 7; position + 1 < key.size(); ++position) {
        if (key.at(position) == key.at(position + 1))
            continue;
        QByteArray typo = key;
        std::swap(typo[position], typo[position + 1]);
        QVERIFY2(!ApiKey::isWellFormed(typo), typo.constData());
        ++checked;
    }
    QVERIFY(checked > 20);
}

void TestApiKey::swappedPrefixIsRejected()
{
    // The check covers the prefix, so a free key cannot be relabelled as pro.
    const QByteArray freeKey = ApiKey::generate("sk_free_");
    QByteArray relabelled = freeKey;
    relabelled.replace(0, 8, "sk_live_");
    QCOMPARE(relabelled.size(), freeKey.size());
    QVERIFY(!ApiKey::isWellFormed(relabelled));
}

void TestApiKey::malformedKeysAreRejected_data()
{
    const QByteArray valid = ApiKey::generate("sk_live_");
    QVERIFY(ApiKey::isWellFormed(valid));

    QTest::addColumn<QByteArray>("key");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("prefix only") << "sk_live_"_ba;
    QTest::newRow("unknown prefix") << QByteArray("sk_test_"_ba + valid.mid(8));
    QTest::newRow("no prefix") << valid.mid(8);
    QTest::newRow("one character short") << valid.chopped(1);
    QTest::newRow("one character long") << QByteArray(valid + 'a');
    QTest::newRow("trailing newline") << QByteArray(valid + '\n');
    QTest::newRow("leading space") << QByteArray(' ' + valid);
    QTest::newRow("upper case") << QByteArray("sk_live_"_ba + valid.mid(8).toUpper());
    QTest::newRow("upper-case prefix") << QByteArray("SK_LIVE_"_ba + valid.mid(8));
    QTest::newRow("letter l") << QByteArray(valid.left(10) + 'l' + valid.mid(11));
    QTest::newRow("letter i") << QByteArray(valid.left(10) + 'i' + valid.mid(11));
    QTest::newRow("letter o") << QByteArray(valid.left(10) + 'o' + valid.mid(11));
    QTest::newRow("letter u") << QByteArray(valid.left(10) + 'u' + valid.mid(11));
    QTest::newRow("NUL byte") << QByteArray(valid.left(10) + '\0' + valid.mid(11));
    QTest::newRow("non-ASCII byte") << QByteArray(valid.left(10) + '\xe9' + valid.mid(11));
    QTest::newRow("all zeros") << QByteArray("sk_live_"_ba + QByteArray(randomPartLength, '0'));
}

void TestApiKey::malformedKeysAreRejected()
{
    QFETCH(QByteArray, key);
    QVERIFY(!ApiKey::isWellFormed(key));
}

void TestApiKey::hashIsSha256OfWholeKey()
{
    // SHA-256 of "abc", the same digest as `printf abc | sha256sum`.
    QCOMPARE(ApiKey::hash("abc").toHex(),
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba);

    const QByteArray key = ApiKey::generate("sk_free_");
    QCOMPARE(ApiKey::hash(key).size(), 32);
    QVERIFY(ApiKey::hash(key) != ApiKey::hash(key.mid(8)));
}

void TestApiKey::hintShowsPrefixAndFourCharacters()
{
    const QByteArray key = ApiKey::generate("sk_trial_");
    const QString hint = ApiKey::hint(key);

    QCOMPARE(hint, QString::fromLatin1(key.left(9 + 4)) + QChar(0x2026));
    QVERIFY(!hint.contains(QString::fromLatin1(key.mid(13))));
}

void TestApiKey::prefixForTierMapsBuiltInTiers_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("free") << u"free"_s << "sk_free_"_ba;
    QTest::newRow("pro") << u"pro"_s << "sk_live_"_ba;
    QTest::newRow("pro_trial") << u"pro_trial"_s << "sk_trial_"_ba;
    QTest::newRow("enterprise") << u"enterprise"_s << "sk_ent_"_ba;
    QTest::newRow("unknown") << u"gold"_s << QByteArray();
    QTest::newRow("case differs") << u"Pro"_s << QByteArray();
}

void TestApiKey::prefixForTierMapsBuiltInTiers()
{
    QFETCH(QString, tier);
    QFETCH(QByteArray, prefix);

    QCOMPARE(ApiKey::prefixForTier(tier), prefix);
    QCOMPARE(ApiKey::isKnownPrefix(prefix), !prefix.isEmpty());
    QCOMPARE(ApiKey::operatorPrefix(), "sk_op_"_ba);
}

QTEST_GUILESS_MAIN(TestApiKey)
#include "tst_apikey.moc"
