// SPDX-License-Identifier: GPL-3.0-or-later
#include "PeakHoursHeatMap.h"

#include <QImage>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::PeakHoursHeatMap;

namespace {

Gateway::PeakHours samplePeakHours()
{
    Gateway::PeakHours peak;
    peak.requests[0][9] = 40;   // Monday 09:00
    peak.requests[2][14] = 100; // Wednesday 14:00, the busiest cell
    peak.requests[6][23] = 1;   // Sunday 23:00
    return peak;
}

} // namespace

class TestPeakHoursHeatMap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndMaximumFollowData()
    {
        PeakHoursHeatMap map;
        map.setPeakHours(samplePeakHours());
        QCOMPARE(map.count(0, 9), 40);
        QCOMPARE(map.count(2, 14), 100);
        QCOMPARE(map.count(6, 23), 1);
        QCOMPARE(map.count(1, 0), 0);
        QCOMPARE(map.maximum(), 100);
    }

    void outOfRangeCellsCountZero()
    {
        PeakHoursHeatMap map;
        map.setPeakHours(samplePeakHours());
        QCOMPARE(map.count(-1, 9), 0);
        QCOMPARE(map.count(7, 9), 0);
        QCOMPARE(map.count(0, 24), 0);
        QCOMPARE(map.count(0, -1), 0);
    }

    void colourGrowsWithCount()
    {
        PeakHoursHeatMap map;
        map.setPeakHours(samplePeakHours());
        const QColor base = map.palette().color(QPalette::Base);
        const QColor highlight = map.palette().color(QPalette::Highlight);

        QCOMPARE(map.colorFor(0), base);
        QCOMPARE(map.colorFor(100).rgb(), highlight.rgb());
        QVERIFY(map.colorFor(1) != base);

        // Distance from the base colour grows with the count.
        const auto distance = [&](qint64 count) {
            const QColor c = map.colorFor(count);
            return qAbs(c.red() - base.red()) + qAbs(c.green() - base.green()) + qAbs(c.blue() - base.blue());
        };
        QVERIFY(distance(1) < distance(40));
        QVERIFY(distance(40) < distance(100));
    }

    void darkPaletteColoursCells()
    {
        PeakHoursHeatMap map;
        QPalette dark = map.palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
        dark.setColor(QPalette::WindowText, Qt::white);
        map.setPalette(dark);
        map.resize(900, 320);
        map.setPeakHours(samplePeakHours());

        QCOMPARE(map.colorFor(0), QColor(0x20, 0x20, 0x20));
        QCOMPARE(map.colorFor(100).rgb(), QColor(0x3d, 0xae, 0xe9).rgb());
        const QImage image = map.grab().toImage();
        QCOMPARE(image.pixelColor(map.cellRect(4, 4).topLeft() + QPoint(2, 2)).rgb(), QColor(0x20, 0x20, 0x20).rgb());
    }

    void tooltipGivesExactCountAndWeekday()
    {
        PeakHoursHeatMap map;
        map.resize(900, 320);
        map.setPeakHours(samplePeakHours());

        const QString tip = map.toolTipAt(map.cellRect(2, 14).center());
        QVERIFY2(tip.contains(QLocale().dayName(3, QLocale::LongFormat)), qPrintable(tip));
        QVERIFY2(tip.contains(u": 100 "_s), qPrintable(tip));
        QVERIFY2(tip.contains(QLocale().toString(QTime(14, 0), QLocale::ShortFormat)), qPrintable(tip));

        const QString empty = map.toolTipAt(map.cellRect(1, 3).center());
        QVERIFY2(empty.contains(u": 0 "_s), qPrintable(empty));
        QVERIFY(map.toolTipAt(QPoint(1, 1)).isEmpty()); // on the labels, not a cell
    }

    void cellsTileTheGridWithoutGaps()
    {
        PeakHoursHeatMap map;
        map.resize(900, 320);
        for (int day = 0; day < 7; ++day) {
            for (int hour = 0; hour < 23; ++hour)
                QCOMPARE(map.cellRect(day, hour).right() + 1, map.cellRect(day, hour + 1).left());
        }
        QCOMPARE(map.cellRect(0, 5).bottom() + 1, map.cellRect(1, 5).top());
    }

    void pngShowsBusiestCellInHighlight()
    {
        QTemporaryDir dir;
        PeakHoursHeatMap map;
        map.resize(900, 320);
        map.setPeakHours(samplePeakHours());
        const QString path = dir.filePath(u"peak.png"_s);
        QVERIFY(map.savePng(path));

        const QImage image(path);
        QCOMPARE(image.size(), QSize(900, 320));
        // Sample beside the cell's centre, away from a drawn count.
        const QRect busiest = map.cellRect(2, 14);
        const QPoint inside = busiest.topLeft() + QPoint(2, 2);
        QCOMPARE(image.pixelColor(inside).rgb(), map.palette().color(QPalette::Highlight).rgb());
        const QRect idle = map.cellRect(4, 4);
        QCOMPARE(image.pixelColor(idle.topLeft() + QPoint(2, 2)).rgb(), map.palette().color(QPalette::Base).rgb());
    }

    void savePngFailsOnUnwritablePath()
    {
        PeakHoursHeatMap map;
        map.resize(400, 200);
        QVERIFY(!map.savePng(u"/nonexistent-directory/peak.png"_s));
    }
};

QTEST_MAIN(TestPeakHoursHeatMap)
#include "tst_peakhoursheatmap.moc"
