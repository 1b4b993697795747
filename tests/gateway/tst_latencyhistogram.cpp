// SPDX-License-Identifier: GPL-3.0-or-later
#include "LatencyHistogram.h"

#include <QTest>

#include <cmath>
#include <limits>

using Gateway::LatencyHistogram;

class TestLatencyHistogram final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketOf_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<int>("bucket");

        QTest::newRow("zero") << 0.0 << 0;
        QTest::newRow("negative") << -12.5 << 0;
        QTest::newRow("nan") << std::nan("") << 0;
        QTest::newRow("tiny") << 0.001 << 0;
        QTest::newRow("first bound is inclusive") << 1.0 << 0;
        QTest::newRow("just above 1") << 1.0001 << 1;
        QTest::newRow("2.5") << 2.5 << 1;
        QTest::newRow("just above 2.5") << 2.5001 << 2;
        QTest::newRow("100") << 100.0 << 6;
        QTest::newRow("100.5") << 100.5 << 7;
        QTest::newRow("1000") << 1000.0 << 9;
        QTest::newRow("last bound 30000") << 30000.0 << 13;
        QTest::newRow("above last bound") << 30000.001 << 14;
        QTest::newRow("an hour") << 3.6e6 << 14;
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 14;
    }

    void bucketOf()
    {
        QFETCH(double, ms);
        QFETCH(int, bucket);
        QCOMPARE(LatencyHistogram::bucketOf(ms), bucket);
    }

    void everyBoundEndsItsBucket()
    {
        for (int i = 0; i < LatencyHistogram::bucketCount - 1; ++i) {
            const double bound = LatencyHistogram::upperBoundsMs.at(i);
            QCOMPARE(LatencyHistogram::bucketOf(bound), i);
            QCOMPARE(LatencyHistogram::bucketOf(std::nextafter(bound, 1e12)), i + 1);
        }
    }

    void addCountsAndTotals()
    {
        LatencyHistogram histogram;
        histogram.add(0.5);
        histogram.add(0.7);
        histogram.add(40);
        histogram.add(60000);
        QCOMPARE(histogram.count(0), 2);
        QCOMPARE(histogram.count(5), 1);
        QCOMPARE(histogram.count(14), 1);
        QCOMPARE(histogram.total(), 4);
    }

    void mergeAddsBucketWise()
    {
        LatencyHistogram a;
        LatencyHistogram b;
        a.add(3);
        a.add(3);
        b.add(3);
        b.add(700);
        a.merge(b);
        QCOMPARE(a.count(2), 3);
        QCOMPARE(a.count(9), 1);
        QCOMPARE(a.total(), 4);
        QCOMPARE(b.total(), 2);
        QVERIFY(!(a == b));
    }

    void percentileOfEmptyIsZero()
    {
        const LatencyHistogram histogram;
        QCOMPARE(histogram.percentile(0.5), 0.0);
        QCOMPARE(histogram.percentile(0.99), 0.0);
    }

    void percentileInterpolatesInsideBucket()
    {
        // 10 samples in (10, 25]: the median is halfway through the bucket.
        LatencyHistogram histogram;
        histogram.setCount(4, 10);
        QCOMPARE(histogram.percentile(0.5), 17.5);
        QCOMPARE(histogram.percentile(1.0), 25.0);
        QCOMPARE(histogram.percentile(0.1), 11.5);
    }

    void percentileAcrossBuckets()
    {
        // 90 fast samples (<= 1 ms) and 10 slow ones in (1000, 2500].
        LatencyHistogram histogram;
        histogram.setCount(0, 90);
        histogram.setCount(10, 10);
        QVERIFY(histogram.percentile(0.5) <= 1.0);
        QCOMPARE(histogram.percentile(0.9), 1.0);
        QCOMPARE(histogram.percentile(0.95), 1750.0);
        QCOMPARE(histogram.percentile(0.99), 2350.0);
        QCOMPARE(histogram.percentile(1.0), 2500.0);
    }

    void percentileOfOpenBucketIsItsLowerBound()
    {
        LatencyHistogram histogram;
        histogram.add(45000);
        histogram.add(90000);
        QCOMPARE(histogram.percentile(0.5), 30000.0);
        QCOMPARE(histogram.percentile(1.0), 30000.0);
    }

    void percentileClampsP()
    {
        LatencyHistogram histogram;
        histogram.setCount(3, 4); // (5, 10]
        QCOMPARE(histogram.percentile(2.0), histogram.percentile(1.0));
        QCOMPARE(histogram.percentile(-1.0), histogram.percentile(0.0));
        QCOMPARE(histogram.percentile(0.0), 5.0);
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
