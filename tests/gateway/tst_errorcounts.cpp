// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorCounts.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::ErrorCause;
using Gateway::ErrorCounts;

Q_DECLARE_METATYPE(std::optional<Gateway::ErrorCause>)

namespace QTest {

template<>
char *toString(const std::optional<ErrorCause> &cause)
{
    return cause ? qstrdup(qPrintable(ErrorCounts::nameOf(*cause))) : qstrdup("success");
}

} // namespace QTest

class TestErrorCounts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void causeOf_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<std::optional<ErrorCause>>("cause");
        const std::optional<ErrorCause> success;

        QTest::newRow("200 ok") << 200 << u"ok"_s << success;
        QTest::newRow("204 ok") << 204 << u"ok"_s << success;
        QTest::newRow("304") << 304 << u"ok"_s << success;
        QTest::newRow("399 edge") << 399 << QString() << success;
        QTest::newRow("400 edge") << 400 << QString() << std::optional(ErrorCause::Client);
        QTest::newRow("401") << 401 << u"unauthorized"_s << std::optional(ErrorCause::Auth);
        QTest::newRow("403") << 403 << u"forbidden"_s << std::optional(ErrorCause::Forbidden);
        QTest::newRow("404 unknown model") << 404 << u"model not found"_s << std::optional(ErrorCause::Client);
        QTest::newRow("413") << 413 << QString() << std::optional(ErrorCause::Client);
        QTest::newRow("429") << 429 << u"rate limited"_s << std::optional(ErrorCause::Limit);
        QTest::newRow("499 without outcome") << 499 << QString() << std::optional(ErrorCause::Client);
        QTest::newRow("499 cancelled") << 499 << u"client cancelled"_s << std::optional(ErrorCause::Cancelled);
        QTest::newRow("200 cancelled mid-stream") << 200 << u"client cancelled"_s
                                                 << std::optional(ErrorCause::Cancelled);
        QTest::newRow("500") << 500 << QString() << std::optional(ErrorCause::Other);
        QTest::newRow("503 without outcome") << 503 << QString() << std::optional(ErrorCause::Other);
        QTest::newRow("599 edge") << 599 << QString() << std::optional(ErrorCause::Other);
        QTest::newRow("502 upstream error") << 502 << u"upstream error"_s << std::optional(ErrorCause::Upstream);
        QTest::newRow("504 upstream timeout") << 504 << u"upstream timeout"_s
                                             << std::optional(ErrorCause::Upstream);
        QTest::newRow("200 upstream error mid-stream") << 200 << u"upstream error"_s
                                                      << std::optional(ErrorCause::Upstream);
        QTest::newRow("404 from Ollama, unknown model")
            << 404 << u"upstream error"_s << std::optional(ErrorCause::Client);
        QTest::newRow("400 from Ollama") << 400 << u"upstream error"_s << std::optional(ErrorCause::Client);
        QTest::newRow("403 from Ollama, origin check")
            << 403 << u"upstream error"_s << std::optional(ErrorCause::Upstream);
        QTest::newRow("400 rejected") << 400 << u"rejected"_s << std::optional(ErrorCause::Client);
        QTest::newRow("431 rejected") << 431 << u"rejected"_s << std::optional(ErrorCause::Client);
        QTest::newRow("503 queue full") << 503 << u"queue full"_s << std::optional(ErrorCause::Queue);
        QTest::newRow("503 queue timeout") << 503 << u"queue timeout"_s << std::optional(ErrorCause::Queue);
        QTest::newRow("outcome is case-sensitive") << 200 << u"Client Cancelled"_s << success;
    }

    void causeOf()
    {
        QFETCH(int, status);
        QFETCH(QString, outcome);
        QFETCH(std::optional<ErrorCause>, cause);
        QCOMPARE(ErrorCounts::causeOf(status, outcome), cause);
    }

    void everyCauseHasDistinctName()
    {
        const QStringList expected{u"auth"_s,     u"forbidden"_s, u"limit"_s,     u"queue"_s,
                                   u"upstream"_s, u"client"_s,    u"cancelled"_s, u"other"_s};
        QStringList names;
        for (int i = 0; i < ErrorCounts::causeCount; ++i)
            names.append(ErrorCounts::nameOf(ErrorCause(i)));
        QCOMPARE(names, expected);
    }

    void countsTotalAndMerge()
    {
        ErrorCounts a;
        a[ErrorCause::Auth] += 2;
        a[ErrorCause::Other] += 1;
        ErrorCounts b;
        b[ErrorCause::Auth] += 1;
        b[ErrorCause::Queue] += 4;
        a.merge(b);
        QCOMPARE(a[ErrorCause::Auth], 3);
        QCOMPARE(a[ErrorCause::Queue], 4);
        QCOMPARE(a[ErrorCause::Other], 1);
        QCOMPARE(a[ErrorCause::Limit], 0);
        QCOMPARE(a.total(), 8);
        QVERIFY(!(a == b));
        QCOMPARE(ErrorCounts().total(), 0);
    }
};

QTEST_GUILESS_MAIN(TestErrorCounts)
#include "tst_errorcounts.moc"
