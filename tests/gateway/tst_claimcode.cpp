// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimCode.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

class TestClaimCode final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatesTwelveCrockfordSymbols();
    void generatedCodesAreDistinctAndUseEverySymbol();
    void normalizesTypedInput_data();
    void normalizesTypedInput();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void displaysGroupsOfFour();
    void hashesCanonicalFormOnly();
    void buildsClaimUrl_data();
    void buildsClaimUrl();
};

void TestClaimCode::generatesTwelveCrockfordSymbols()
{
    static const QRegularExpression crockford(u"^[0-9A-HJKMNP-TV-Z]{12}$"_s);
    for (int i = 0; i < 200; ++i) {
        const QString code = ClaimCode::generate();
        QVERIFY2(crockford.match(code).hasMatch(), qPrintable(code));
        QCOMPARE(ClaimCode::normalize(code), std::optional<QString>(code));
    }
}

void TestClaimCode::generatedCodesAreDistinctAndUseEverySymbol()
{
    // 60 random bits: 5,000 codes collide with probability about 1e-11.
    QSet<QString> codes;
    QSet<QChar> symbols;
    for (int i = 0; i < 5000; ++i) {
        const QString code = ClaimCode::generate();
        codes.insert(code);
        for (QChar c : code)
            symbols.insert(c);
    }
    QCOMPARE(codes.size(), 5000);
    QCOMPARE(symbols.size(), 32);
}

void TestClaimCode::normalizesTypedInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("display form") << u"7KQ2-M9XD-TR4P"_s << u"7KQ2M9XDTR4P"_s;
    QTest::newRow("lower case") << u"7kq2m9xdtr4p"_s << u"7KQ2M9XDTR4P"_s;
    QTest::newRow("spaces") << u"7kq2 m9xd tr4p"_s << u"7KQ2M9XDTR4P"_s;
    QTest::newRow("O is zero") << u"OOOO-oooo-0000"_s << u"000000000000"_s;
    QTest::newRow("I and L are one") << u"IiLl-1111-ABCD"_s << u"11111111ABCD"_s;
    QTest::newRow("eight symbols") << u"ABCD-EFGH"_s << u"ABCDEFGH"_s;
}

void TestClaimCode::normalizesTypedInput()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QCOMPARE(ClaimCode::normalize(input), std::optional<QString>(canonical));
}

void TestClaimCode::rejectsBadInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << QString();
    QTest::newRow("only dashes") << u"----"_s;
    QTest::newRow("U is not a symbol") << u"UUUU-UUUU-UUUU"_s;
    QTest::newRow("punctuation") << u"7KQ2.M9XD.TR4P"_s;
    QTest::newRow("percent escape") << u"7KQ2%2FM9XDTR4P"_s;
    QTest::newRow("slash") << u"7KQ2/M9XD/TR4P"_s;
    QTest::newRow("non-ASCII letter") << u"7KQ2-M9XD-TR4\u00C9"_s;
    QTest::newRow("too short") << u"ABCDEFG"_s;
    QTest::newRow("too long") << QString(33, u'A');
    QTest::newRow("html") << u"<script>alert(1)</script>"_s;
}

void TestClaimCode::rejectsBadInput()
{
    QFETCH(QString, input);
    QCOMPARE(ClaimCode::normalize(input), std::nullopt);
}

void TestClaimCode::displaysGroupsOfFour()
{
    QCOMPARE(ClaimCode::display(u"7KQ2M9XDTR4P"_s), u"7KQ2-M9XD-TR4P"_s);
    QCOMPARE(ClaimCode::display(u"ABCDEFGH"_s), u"ABCD-EFGH"_s);
    QCOMPARE(ClaimCode::display(u"ABCDEFGHJK"_s), u"ABCD-EFGH-JK"_s);
}

void TestClaimCode::hashesCanonicalFormOnly()
{
    const QByteArray hash = ClaimCode::hash(u"7KQ2M9XDTR4P"_s);
    QCOMPARE(hash.size(), 32);
    QCOMPARE(ClaimCode::hash(*ClaimCode::normalize(u"7kq2-m9xd-tr4p"_s)), hash);
    QVERIFY(ClaimCode::hash(u"7KQ2M9XDTR4Q"_s) != hash);
    QVERIFY(!hash.contains("7KQ2"));
}

void TestClaimCode::buildsClaimUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("url");
    QTest::newRow("plain") << u"https://gw.example.org"_s << u"https://gw.example.org/claim/ABCDEFGH"_s;
    QTest::newRow("trailing slash") << u"https://gw.example.org/"_s << u"https://gw.example.org/claim/ABCDEFGH"_s;
    QTest::newRow("sub path") << u"https://example.org/ai/"_s << u"https://example.org/ai/claim/ABCDEFGH"_s;
    QTest::newRow("port") << u" http://127.0.0.1:11435 "_s << u"http://127.0.0.1:11435/claim/ABCDEFGH"_s;
}

void TestClaimCode::buildsClaimUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, url);
    QCOMPARE(ClaimCode::claimUrl(base, u"ABCDEFGH"_s), url);
}

QTEST_GUILESS_MAIN(TestClaimCode)
#include "tst_claimcode.moc"
