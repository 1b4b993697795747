// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageChartView.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QImage>
#include <QLineSeries>
#include <QLocale>
#include <QPalette>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using Console::UsageChartView;
using Gateway::UsagePeriod;

namespace {

const QDateTime noon = QDateTime(QDate(2025, 3, 10), QTime(12, 0), QTimeZone::utc());

QLineSeries *lineOf(const QString &name, const QList<QPointF> &points)
{
    auto *series = new QLineSeries;
    series->setName(name);
    series->replace(points);
    return series;
}

double at(const QDateTime &time)
{
    return double(time.toMSecsSinceEpoch());
}

// Pixels dark enough to be text: an empty chart has none.
int darkPixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 80)
                ++count;
        }
    }
    return count;
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    palette.setColor(QPalette::WindowText, Qt::white);
    palette.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1c));
    palette.setColor(QPalette::Text, Qt::white);
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xf0, 0xf0, 0xf0));
    palette.setColor(QPalette::WindowText, Qt::black);
    return palette;
}

} // namespace

class TestUsageChartView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Without fonts every glyph is a box and the image checks mean nothing.
        QVERIFY2(QFontMetrics(QApplication::font()).inFont(u'A'), "no font installed (fonts-dejavu-core)");
    }

    void timeFormatFollowsRange_data()
    {
        QTest::addColumn<qint64>("rangeMs");
        QTest::addColumn<QString>("format");

        const qint64 hour = 3600LL * 1000;
        QTest::newRow("one hour") << hour << u"HH:mm"_s;
        QTest::newRow("one day") << 24 * hour << u"HH:mm"_s;
        QTest::newRow("two days") << 48 * hour << u"HH:mm"_s;
        QTest::newRow("a week") << 7 * 24 * hour << u"dd MMM"_s;
        QTest::newRow("a month") << 30 * 24 * hour << u"dd MMM"_s;
        QTest::newRow("a quarter") << 92 * 24 * hour << u"dd MMM"_s;
        QTest::newRow("a year") << 365 * 24 * hour << u"MMM yyyy"_s;
    }

    void timeFormatFollowsRange()
    {
        QFETCH(qint64, rangeMs);
        QFETCH(QString, format);

        QCOMPARE(UsageChartView::dateTimeFormatFor(rangeMs), format);

        UsageChartView view;
        view.setTimeAxis(noon, noon.addMSecs(rangeMs), UsagePeriod::Hour);
        QVERIFY(view.timeAxis() != nullptr);
        QCOMPARE(view.timeAxis()->format(), format);
        QCOMPARE(view.timeAxis()->min(), noon.toLocalTime());
        QCOMPARE(view.timeAxis()->alignment(), Qt::AlignBottom);
        QVERIFY(!view.timeAxis()->titleText().isEmpty());
    }

    void timeTicksFallOnPeriods()
    {
        QCOMPARE(UsageChartView::tickCountFor(60LL * 60 * 1000, UsagePeriod::Minute), 7);    // every 10 min
        QCOMPARE(UsageChartView::tickCountFor(24LL * 3600 * 1000, UsagePeriod::Hour), 9);    // every 3 h
        QCOMPARE(UsageChartView::tickCountFor(7LL * 86400 * 1000, UsagePeriod::Day), 8);     // every day
        QCOMPARE(UsageChartView::tickCountFor(30LL * 86400 * 1000, UsagePeriod::Day), 7);    // every 5 days
    }

    void valueAxisHasTitleAndRoundTicks()
    {
        UsageChartView view;
        view.setTimeAxis(noon, noon.addSecs(3600), UsagePeriod::Minute);
        view.setValueAxis(u"Requests per minute"_s, u"requests"_s);
        view.addSeries(lineOf(u"Requests"_s, {{at(noon), 3}, {at(noon.addSecs(60)), 37}}));

        QCOMPARE(view.valueAxis()->titleText(), u"Requests per minute"_s);
        QCOMPARE(view.valueAxis()->min(), 0.0);
        QCOMPARE(view.valueAxis()->max(), 40.0);
        QCOMPARE(view.valueAxis()->tickCount(), 5);
        QCOMPARE(view.valueAxis()->labelFormat(), u"%.0f"_s);
        QCOMPARE(view.valueAxis()->alignment(), Qt::AlignLeft);
    }

    void valueAxisOfEmptyChartIsReadable()
    {
        UsageChartView view;
        view.setValueAxis(u"Failed requests (%)"_s, u"%"_s, 1);
        QCOMPARE(view.valueAxis()->max(), 0.5);
        QCOMPARE(view.valueAxis()->tickCount(), 6);
        QCOMPARE(view.valueAxis()->labelFormat(), u"%.1f"_s);
    }

    void secondaryAxisFitsItsOwnSeries()
    {
        UsageChartView view;
        view.setTimeAxis(noon, noon.addSecs(3600), UsagePeriod::Minute);
        view.setValueAxis(u"Requests per minute"_s, u"requests"_s);
        view.setSecondaryValueAxis(u"Tokens per minute"_s, u"tokens"_s);
        auto *requests = lineOf(u"Requests"_s, {{at(noon), 8}});
        auto *tokens = lineOf(u"Tokens"_s, {{at(noon), 1234}});
        view.addSeries(requests);
        view.addSeries(tokens, UsageChartView::ValueAxis::Secondary);

        QCOMPARE(view.valueAxis()->max(), 8.0);      // steps of 2
        QCOMPARE(view.valueAxis()->tickCount(), 5);
        QCOMPARE(view.secondaryValueAxis()->max(), 1500.0); // steps of 500
        QCOMPARE(view.secondaryValueAxis()->alignment(), Qt::AlignRight);
        QCOMPARE(view.secondaryValueAxis()->titleText(), u"Tokens per minute"_s);
        QVERIFY(view.toolTipForPoint(tokens, {at(noon), 0}).contains(QLocale().toString(1234) + u" tokens"_s));
    }

    void hoveredPointShowsValueAndPeriod()
    {
        UsageChartView view;
        view.setTimeAxis(noon, noon.addSecs(3 * 3600), UsagePeriod::Hour);
        view.setValueAxis(u"Requests per hour"_s, u"requests"_s);
        auto *series = lineOf(u"Requests"_s, {{at(noon), 5}, {at(noon.addSecs(3600)), 1250}, {at(noon.addSecs(7200)), 7}});
        view.addSeries(series);
        view.show();

        // The pointer is a little past the middle point, which must be named.
        Q_EMIT series->hovered(QPointF(at(noon.addSecs(3600 + 600)), 900), true);

        const QString expected = u"Requests: "_s + QLocale().toString(1250.0, 'f', 0) + u" requests\n"_s
            + UsageChartView::periodText(noon.addSecs(3600), UsagePeriod::Hour);
        QCOMPARE(view.currentToolTip(), expected);
        const QDateTime local = noon.addSecs(3600).toLocalTime();
        QVERIFY(view.currentToolTip().contains(local.toString(u"HH:mm"_s) + u"–"_s
                                               + local.addSecs(3600).toString(u"HH:mm"_s)));

        Q_EMIT series->hovered(QPointF(at(noon), 5), false);
        QCOMPARE(view.currentToolTip(), QString());
    }

    void hoveredBarShowsSetCategoryAndValue()
    {
        UsageChartView view;
        view.setCategories({u"llama3"_s, u"qwen"_s}, u"Model"_s);
        view.setValueAxis(u"Requests"_s, u"requests"_s);
        auto *set = new QBarSet(u"Requests"_s);
        set->append({11, 3});
        auto *series = new QBarSeries;
        series->append(set);
        view.addSeries(series);

        Q_EMIT series->hovered(true, 1, set);
        QCOMPARE(view.currentToolTip(), u"Requests — qwen: 3 requests"_s);
        QCOMPARE(view.toolTipForBar(set, 2), QString());
        QCOMPARE(view.toolTipForBar(nullptr, 0), QString());
        QCOMPARE(view.valueAxis()->max(), 15.0);
        QCOMPARE(view.categoryAxis()->categories(), QStringList({u"llama3"_s, u"qwen"_s}));
    }

    void periodTextNamesThePeriod()
    {
        const QDate localDay = noon.toLocalTime().date();
        QVERIFY(UsageChartView::periodText(noon, UsagePeriod::Day).contains(QString::number(localDay.year())));
        QCOMPARE(UsageChartView::periodText(QDate(2025, 3, 1).startOfDay(), UsagePeriod::Month),
                 QLocale().toString(QDate(2025, 3, 1), u"MMMM yyyy"_s));
        QVERIFY(UsageChartView::periodText(noon, UsagePeriod::Minute).endsWith(noon.toLocalTime().toString(u"HH:mm"_s)));
    }

    void paletteSwitchChangesTheme()
    {
        UsageChartView view;
        view.setTitle(u"Requests"_s);
        view.setPalette(lightPalette());
        QCOMPARE(view.chart()->theme(), QChart::ChartThemeLight);
        QVERIFY(view.chart()->titleBrush().color().lightness() < 128);

        view.setPalette(darkPalette());
        QCOMPARE(view.chart()->theme(), QChart::ChartThemeDark);
        QVERIFY(view.chart()->titleBrush().color().lightness() > 128);

        view.setPalette(lightPalette());
        QCOMPARE(view.chart()->theme(), QChart::ChartThemeLight);
    }

    void savePngWritesImageOfRequestedSize()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        UsageChartView view;
        view.setTitle(u"Requests per hour"_s);
        view.setTimeAxis(noon, noon.addSecs(3 * 3600), UsagePeriod::Hour);
        view.setValueAxis(u"Requests per hour"_s, u"requests"_s);
        view.addSeries(lineOf(u"Requests"_s, {{at(noon), 5}, {at(noon.addSecs(3600)), 12}}));
        view.resize(500, 300);

        const QString path = dir.filePath(u"chart.png"_s);
        QVERIFY(view.savePng(path, QSize(640, 360)));
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(640, 360));
        QVERIFY(darkPixels(image) > 100);
        QCOMPARE(view.size(), QSize(500, 300));

        const QString atWidgetSize = dir.filePath(u"widget.png"_s);
        QVERIFY(view.savePng(atWidgetSize));
        QCOMPARE(QImage(atWidgetSize).size(), QSize(500, 300));
    }

    void savePngFailsOnUnwritablePath()
    {
        UsageChartView view;
        view.resize(300, 200);
        QVERIFY(!view.savePng(u"/nonexistent-dir/chart.png"_s));
    }

    void clearSeriesKeepsAxes()
    {
        UsageChartView view;
        view.setTimeAxis(noon, noon.addSecs(3600), UsagePeriod::Minute);
        view.setValueAxis(u"Requests per minute"_s, u"requests"_s);
        view.addSeries(lineOf(u"Requests"_s, {{at(noon), 90}}));
        QCOMPARE(view.valueAxis()->max(), 100.0);

        view.clearSeries();
        QVERIFY(view.chart()->series().isEmpty());
        QCOMPARE(view.valueAxis()->titleText(), u"Requests per minute"_s);
        QCOMPARE(view.valueAxis()->max(), 5.0);
    }
};

QTEST_MAIN(TestUsageChartView)
#include "tst_usagechartview.moc"
