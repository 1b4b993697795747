// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageFixture.h"
#include "UsageQueries.h"
#include "UsageReport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using Console::UsageReport;
using Console::UsageReportData;

namespace {

const QDate march(2026, 3, 1);

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 0), QTimeZone::utc());
}

// Known traffic of alice in March 2026, plus rows that must stay out of
// her report: bob's, and alice's in February and April.
bool fillMarch(UsageFixture &fixture)
{
    using Sample = UsageFixture::Sample;
    bool ok = true;
    ok &= fixture.add(Sample{at(1, 0), u"alice"_s, u"llama3.2"_s, u"enterprise"_s, u"key_a"_s, 120, 100, 3000, 4000,
                             2, 0, 250});
    ok &= fixture.add(Sample{at(1, 13), u"alice"_s, u"qwen2.5-coder"_s, u"enterprise"_s, u"key_a"_s, 30, 30, 900,
                             1500, 0, 0, 900});
    ok &= fixture.add(Sample{at(15, 9), u"alice"_s, u"llama3.2"_s, u"enterprise"_s, u"key_b"_s, 50, 45, 1100, 2100,
                             1, 3, 300});
    ok &= fixture.add(Sample{at(31, 23), u"alice"_s, u"mistral"_s, u"enterprise"_s, u"key_b"_s, 7, 7, 70, 77, 0, 0,
                             40});
    ok &= fixture.add(Sample{at(15, 9), u"bob"_s, u"llama3.2"_s, u"free"_s, u"key_c"_s, 999, 999, 99999, 99999});
    ok &= fixture.add(Sample{QDateTime(QDate(2026, 2, 28), QTime(23, 0), QTimeZone::utc()), u"alice"_s,
                             u"llama3.2"_s, u"enterprise"_s, u"key_a"_s, 555, 555, 5555, 5555});
    ok &= fixture.add(Sample{QDateTime(QDate(2026, 4, 1), QTime(0, 0), QTimeZone::utc()), u"alice"_s, u"llama3.2"_s,
                             u"enterprise"_s, u"key_a"_s, 666, 666, 6666, 6666});
    return ok;
}

// Sums of the March rows of alice above.
constexpr qint64 requests = 120 + 30 + 50 + 7;
constexpr qint64 generations = 100 + 30 + 45 + 7;
constexpr qint64 promptTokens = 3000 + 900 + 1100 + 70;
constexpr qint64 completionTokens = 4000 + 1500 + 2100 + 77;
constexpr qint64 errors = 2 + 1 + 3;

// The program's standard output, or nothing when it failed.
std::optional<QString> run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning().noquote() << program << "failed:" << process.readAllStandardError();
        return std::nullopt;
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestUsageReport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<UsageFixture> m_fixture;
    std::unique_ptr<Gateway::UsageQueries> m_queries;

    UsageReportData gatherMarch()
    {
        auto data = UsageReport::gather(*m_queries, u"Acme AI"_s, u"alice"_s, march, QTimeZone::utc(),
                                        at(20, 12).addMonths(1));
        if (!data)
            qFatal("gather failed: %s", qPrintable(data.error().message()));
        return data.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fixture = std::make_unique<UsageFixture>(m_dir.filePath(u"data"_s));
        QVERIFY(m_fixture->isValid());
        QVERIFY(fillMarch(*m_fixture));
        m_queries = std::make_unique<Gateway::UsageQueries>(m_fixture->config(), u"report-test"_s);
        QVERIFY(m_queries->open());
    }

    void gatherSumsOnlyTheUsersMonth()
    {
        const UsageReportData data = gatherMarch();
        QCOMPARE(data.userName, u"alice"_s);
        QCOMPARE(data.month, march);
        QCOMPARE(data.tiers, QStringList{u"enterprise"_s});
        QCOMPARE(data.totals.requests, requests);
        QCOMPARE(data.totals.generations, generations);
        QCOMPARE(data.totals.promptTokens, promptTokens);
        QCOMPARE(data.totals.completionTokens, completionTokens);
        QCOMPARE(data.totals.errors.total(), errors);
    }

    void gatherHasEveryDayOfTheMonth()
    {
        const UsageReportData data = gatherMarch();
        QCOMPARE(data.days.size(), 31);
        QCOMPARE(data.days[0].periodStart, at(1, 0));
        QCOMPARE(data.days[0].requests, 150);
        QCOMPARE(data.days[1].requests, 0);
        QCOMPARE(data.days[14].requests, 50);
        QCOMPARE(data.days[30].requests, 7);
    }

    void gatherListsModelsBusiestFirst()
    {
        const UsageReportData data = gatherMarch();
        QCOMPARE(data.models.size(), 3);
        QCOMPARE(data.models[0].model, u"llama3.2"_s);
        QCOMPARE(data.models[0].requests, 170);
        QCOMPARE(data.models[1].model, u"qwen2.5-coder"_s);
        QCOMPARE(data.models[2].model, u"mistral"_s);
    }

    void gatherRejectsMissingUserOrMonth()
    {
        QVERIFY(!UsageReport::gather(*m_queries, u"Acme AI"_s, QString(), march, QTimeZone::utc(), at(1, 0)));
        QVERIFY(!UsageReport::gather(*m_queries, u"Acme AI"_s, u"alice"_s, QDate(), QTimeZone::utc(), at(1, 0)));
    }

    void monthFilterUsesZoneMidnights()
    {
        const QTimeZone berlin("Europe/Berlin");
        const Gateway::UsageFilter filter = UsageReport::monthFilter(u"alice"_s, QDate(2026, 3, 17), berlin);
        QCOMPARE(filter.from, QDateTime(QDate(2026, 2, 28), QTime(23, 0), QTimeZone::utc()));
        QCOMPARE(filter.to, QDateTime(QDate(2026, 3, 31), QTime(22, 0), QTimeZone::utc())); // summer time
        QCOMPARE(filter.period, Gateway::UsagePeriod::Day);
    }

    void pdfRendersWithTheInsertedTotals()
    {
        const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftoppm.isEmpty() || pdftotext.isEmpty())
            QSKIP("poppler-utils (pdftoppm, pdftotext) are not installed");

        UsageReport report(gatherMarch());
        const QString pdf = m_dir.filePath(u"alice-2026-03.pdf"_s);
        const auto written = report.writePdf(pdf);
        QVERIFY2(written, written ? "" : qPrintable(written.error().message()));
        QVERIFY(report.pageCount() >= 1);
        // SOULFRA_TEST_ARTIFACTS names a directory that keeps the PDF for a look.
        if (const QString keep = qEnvironmentVariable("SOULFRA_TEST_ARTIFACTS"); !keep.isEmpty())
            QFile::copy(pdf, QDir(keep).filePath(u"usage-report.pdf"_s));

        // The first page as an image: text and chart must have drawn dark pixels.
        QVERIFY(run(pdftoppm, {u"-r"_s, u"72"_s, u"-png"_s, u"-f"_s, u"1"_s, u"-singlefile"_s, pdf,
                               m_dir.filePath(u"page"_s)}));
        const QImage page(m_dir.filePath(u"page.png"_s));
        QVERIFY(!page.isNull());
        QCOMPARE(page.size(), QSize(595, 842)); // A4 at 72 dpi
        int dark = 0;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x)
                dark += qGray(page.pixel(x, y)) < 80 ? 1 : 0;
        QVERIFY2(dark > 2000, qPrintable(u"only %1 dark pixels"_s.arg(dark)));

        const std::optional<QString> output = run(pdftotext, {u"-layout"_s, pdf, u"-"_s});
        QVERIFY(output);
        const QString text = *output;
        QVERIFY(text.contains(u"Acme AI"_s));
        QVERIFY(text.contains(u"alice"_s));
        QVERIFY(text.contains(u"enterprise"_s));
        QVERIFY(text.contains(u"March 2026"_s) || text.contains(QLocale().standaloneMonthName(3)));

        const QLocale locale;
        const QList<std::pair<QString, qint64>> totals{
            {u"Requests"_s, requests},           {u"Generations"_s, generations},
            {u"Errors"_s, errors},               {u"Prompt tokens"_s, promptTokens},
            {u"Completion tokens"_s, completionTokens}, {u"Total tokens"_s, promptTokens + completionTokens},
        };
        // In the totals boxes each label sits above its value; in the tables'
        // "Total" rows the values follow in column order.
        const QString totalRow = u"Total\\s+%1\\s+%2\\s+%3\\s+%4\\s+%5\\s+%6"_s.arg(
            locale.toString(requests), locale.toString(generations), locale.toString(promptTokens),
            locale.toString(completionTokens), locale.toString(promptTokens + completionTokens),
            locale.toString(errors));
        QCOMPARE(text.count(QRegularExpression(totalRow)), 2); // per-model and per-day tables
        for (const auto &[label, value] : totals)
            QVERIFY2(text.contains(locale.toString(value)), qPrintable(label));

        // The other user's and other months' numbers are not in it.
        QVERIFY(!text.contains(u"bob"_s));
        QVERIFY(!text.contains(locale.toString(999)));
        QVERIFY(!text.contains(locale.toString(555)));
    }

    void emptyMonthStillRenders()
    {
        auto data = UsageReport::gather(*m_queries, u"Acme AI"_s, u"alice"_s, QDate(2025, 6, 1), QTimeZone::utc(),
                                        at(1, 0));
        QVERIFY(data);
        QCOMPARE(data.value().totals.requests, 0);
        QVERIFY(data.value().tiers.isEmpty());
        UsageReport report(data.value());
        const QString pdf = m_dir.filePath(u"empty.pdf"_s);
        QVERIFY(report.writePdf(pdf));
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed");
        const std::optional<QString> text = run(pdftotext, {pdf, u"-"_s});
        QVERIFY(text);
        QVERIFY(text->contains(u"No requests in this month."_s));
    }

    void unwritablePathFails()
    {
        UsageReport report(gatherMarch());
        const auto written = report.writePdf(u"/nonexistent-directory/report.pdf"_s);
        QVERIFY(!written);
        QVERIFY(written.error().message().contains(u"/nonexistent-directory/report.pdf"_s));
    }
};

QTEST_MAIN(TestUsageReport)
#include "tst_usagereport.moc"
