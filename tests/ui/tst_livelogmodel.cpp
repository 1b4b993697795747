// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveLogFilterModel.h"
#include "LiveLogModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::LiveLogFilterModel;
using Console::LiveLogModel;
using Gateway::RequestLogEntry;

namespace {

RequestLogEntry makeEntry(const QString &requestId, const QString &user = u"alice"_s,
                          const QString &model = u"llama3.2:3b"_s, int status = 200)
{
    RequestLogEntry entry;
    entry.requestId = requestId;
    entry.startedAt = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
    entry.userName = user;
    entry.keyId = u"key_abc"_s;
    entry.method = u"POST"_s;
    entry.path = u"/api/chat"_s;
    entry.model = model;
    entry.status = status;
    entry.outcome = u"ok"_s;
    entry.promptTokens = 12;
    entry.completionTokens = 34;
    entry.latencyMs = 250;
    entry.timeToFirstTokenMs = 40;
    entry.clientAddress = u"127.0.0.1"_s;
    return entry;
}

QList<RequestLogEntry> makeEntries(int first, int count)
{
    QList<RequestLogEntry> entries;
    for (int i = first; i < first + count; ++i)
        entries.append(makeEntry(u"req-%1"_s.arg(i)));
    return entries;
}

QStringList requestIds(const LiveLogModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.entryAt(row).requestId);
    return ids;
}

QString entryTimeText(const RequestLogEntry &entry)
{
    return entry.startedAt.toLocalTime().toString(u"HH:mm:ss"_s);
}

QString displayText(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestLiveLogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsNewestRowFirst();
    void hasTwelveTitledColumns();
    void dropsOldestRowsAtCapacity();
    void keepsNewestOfOversizedBatch();
    void shrinkingCapacityDropsOldest();
    void rejectsCapacityBelowOne();
    void ignoresEmptyBatch();
    void pauseCountsRowsWithoutShowing();
    void resumeAppendsPendingRows();
    void pausedBacklogStaysBounded();
    void clearDropsShownAndPendingRows();
    void showsDashForUnknownValues();
    void showsZeroForReportedZeroTokens();
    void sortRoleGivesRawValues();
    void filtersByUserSubstring();
    void filtersByModel();
    void filtersByStatusClass_data();
    void filtersByStatusClass();
    void combinesFilters();
    void filterAppliesToNewRows();
};

void TestLiveLogModel::showsNewestRowFirst()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.appendRows(makeEntries(1, 2));
    model.appendRows(makeEntries(3, 1));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(requestIds(model), (QStringList{u"req-3"_s, u"req-2"_s, u"req-1"_s}));
}

void TestLiveLogModel::hasTwelveTitledColumns()
{
    LiveLogModel model;

    QCOMPARE(model.columnCount(), 12);
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY2(!model.headerData(column, Qt::Horizontal).toString().isEmpty(), qPrintable(QString::number(column)));
    QVERIFY(model.headerData(LiveLogModel::TimeToFirstTokenColumn, Qt::Horizontal).toString().startsWith(u"TTFT"_s));
    QVERIFY(model.headerData(LiveLogModel::PromptTokensColumn, Qt::Horizontal).toString().contains(u"tokens"_s));
}

void TestLiveLogModel::dropsOldestRowsAtCapacity()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(3);
    model.appendRows(makeEntries(1, 3));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendRows(makeEntries(4, 2));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(requestIds(model), (QStringList{u"req-5"_s, u"req-4"_s, u"req-3"_s}));

    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1); // first removed row
    QCOMPARE(removed.at(0).at(2).toInt(), 2); // last removed row
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
}

void TestLiveLogModel::keepsNewestOfOversizedBatch()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(3);
    model.appendRows(makeEntries(1, 2));

    model.appendRows(makeEntries(3, 10));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(requestIds(model), (QStringList{u"req-12"_s, u"req-11"_s, u"req-10"_s}));
}

void TestLiveLogModel::shrinkingCapacityDropsOldest()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRows(makeEntries(1, 5));

    model.setCapacity(2);

    QCOMPARE(model.capacity(), 2);
    QCOMPARE(requestIds(model), (QStringList{u"req-5"_s, u"req-4"_s}));
}

void TestLiveLogModel::rejectsCapacityBelowOne()
{
    LiveLogModel model;
    QCOMPARE(model.capacity(), LiveLogModel::DefaultCapacity);
    QCOMPARE(LiveLogModel::DefaultCapacity, 5000);
    model.appendRows(makeEntries(1, 3));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Capacity 0 is invalid"_s));
    model.setCapacity(0);
    QCOMPARE(model.capacity(), 1);
    QCOMPARE(requestIds(model), QStringList{u"req-3"_s});

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Capacity -5 is invalid"_s));
    model.setCapacity(-5);
    QCOMPARE(model.capacity(), 1);
}

void TestLiveLogModel::ignoresEmptyBatch()
{
    LiveLogModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.appendRows({});

    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.size(), 0);
}

void TestLiveLogModel::pauseCountsRowsWithoutShowing()
{
    LiveLogModel model;
    model.appendRows(makeEntries(1, 1));
    QSignalSpy paused(&model, &LiveLogModel::pausedChanged);
    QSignalSpy pending(&model, &LiveLogModel::pendingCountChanged);

    model.setPaused(true);
    model.appendRows(makeEntries(2, 2));
    model.appendRows(makeEntries(4, 1));

    QVERIFY(model.isPaused());
    QCOMPARE(paused.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.pendingCount(), 3);
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.last().at(0).toInt(), 3);
}

void TestLiveLogModel::resumeAppendsPendingRows()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRows(makeEntries(1, 1));
    model.setPaused(true);
    model.appendRows(makeEntries(2, 2));
    QSignalSpy pending(&model, &LiveLogModel::pendingCountChanged);

    model.setPaused(false);

    QVERIFY(!model.isPaused());
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.at(0).at(0).toInt(), 0);
    QCOMPARE(requestIds(model), (QStringList{u"req-3"_s, u"req-2"_s, u"req-1"_s}));

    model.appendRows(makeEntries(4, 1));
    QCOMPARE(model.entryAt(0).requestId, u"req-4"_s);
}

void TestLiveLogModel::pausedBacklogStaysBounded()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(3);
    model.appendRows(makeEntries(1, 2));
    model.setPaused(true);

    for (int batch = 0; batch < 4; ++batch)
        model.appendRows(makeEntries(3 + batch * 5, 5));

    // Every arrival is counted, even those the bounded backlog dropped.
    QCOMPARE(model.pendingCount(), 20);
    QCOMPARE(model.rowCount(), 2);

    model.setPaused(false);

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(requestIds(model), (QStringList{u"req-22"_s, u"req-21"_s, u"req-20"_s}));
}

void TestLiveLogModel::clearDropsShownAndPendingRows()
{
    LiveLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRows(makeEntries(1, 3));
    model.setPaused(true);
    model.appendRows(makeEntries(4, 2));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingCount(), 0);

    model.setPaused(false);
    QCOMPARE(model.rowCount(), 0);
}

void TestLiveLogModel::showsDashForUnknownValues()
{
    LiveLogModel model;
    RequestLogEntry entry = makeEntry(u"req-1"_s);
    entry.promptTokens.reset();
    entry.completionTokens.reset();
    entry.timeToFirstTokenMs.reset();
    model.appendRows({entry});

    const QString dash = u"\u2013"_s;
    QCOMPARE(LiveLogModel::unknownValueText(), dash);
    QCOMPARE(displayText(model, 0, LiveLogModel::PromptTokensColumn), dash);
    QCOMPARE(displayText(model, 0, LiveLogModel::CompletionTokensColumn), dash);
    QCOMPARE(displayText(model, 0, LiveLogModel::TimeToFirstTokenColumn), dash);

    RequestLogEntry withoutTime = makeEntry(u"req-2"_s);
    withoutTime.startedAt = QDateTime();
    model.appendRows({withoutTime});
    QCOMPARE(displayText(model, 0, LiveLogModel::TimeColumn), dash);
    QCOMPARE(displayText(model, 1, LiveLogModel::TimeColumn), entryTimeText(makeEntry(u"req-1"_s)));
}

void TestLiveLogModel::showsZeroForReportedZeroTokens()
{
    LiveLogModel model;
    RequestLogEntry entry = makeEntry(u"req-1"_s);
    entry.promptTokens = 0;
    entry.completionTokens = 1234;
    model.appendRows({entry});

    QCOMPARE(displayText(model, 0, LiveLogModel::PromptTokensColumn), u"0"_s);
    QCOMPARE(displayText(model, 0, LiveLogModel::CompletionTokensColumn), QLocale().toString(1234));
    QCOMPARE(displayText(model, 0, LiveLogModel::StatusColumn), u"200"_s);
    QCOMPARE(displayText(model, 0, LiveLogModel::UserColumn), u"alice"_s);
    QCOMPARE(displayText(model, 0, LiveLogModel::PathColumn), u"/api/chat"_s);
}

void TestLiveLogModel::sortRoleGivesRawValues()
{
    LiveLogModel model;
    RequestLogEntry entry = makeEntry(u"req-1"_s);
    entry.promptTokens.reset();
    entry.latencyMs = 1500.5;
    model.appendRows({entry});

    const auto sortValue = [&model](int column) {
        return model.data(model.index(0, column), LiveLogModel::SortRole);
    };
    QCOMPARE(sortValue(LiveLogModel::PromptTokensColumn).toLongLong(), -1);
    QCOMPARE(sortValue(LiveLogModel::CompletionTokensColumn).toLongLong(), 34);
    QCOMPARE(sortValue(LiveLogModel::LatencyColumn).toDouble(), 1500.5);
    QCOMPARE(sortValue(LiveLogModel::TimeColumn).toDateTime(), entry.startedAt);
}

void TestLiveLogModel::filtersByUserSubstring()
{
    LiveLogModel model;
    model.appendRows({makeEntry(u"r1"_s, u"alice"_s), makeEntry(u"r2"_s, u"bob"_s), makeEntry(u"r3"_s, u"Alicia"_s),
                      makeEntry(u"r4"_s, QString())});
    LiveLogFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    QCOMPARE(filter.rowCount(), 4);

    filter.setUserFilter(u"  ALI "_s);
    QCOMPARE(filter.userFilter(), u"ALI"_s);
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(displayText(filter, 0, LiveLogModel::UserColumn), u"Alicia"_s);
    QCOMPARE(displayText(filter, 1, LiveLogModel::UserColumn), u"alice"_s);

    filter.setUserFilter(u"nobody"_s);
    QCOMPARE(filter.rowCount(), 0);

    filter.setUserFilter(QString());
    QCOMPARE(filter.rowCount(), 4);
}

void TestLiveLogModel::filtersByModel()
{
    LiveLogModel model;
    model.appendRows({makeEntry(u"r1"_s, u"alice"_s, u"llama3.2:3b"_s),
                      makeEntry(u"r2"_s, u"alice"_s, u"qwen2.5:7b"_s),
                      makeEntry(u"r3"_s, u"alice"_s, QString())});
    LiveLogFilterModel filter;
    filter.setSourceModel(&model);

    filter.setModelFilter(u"llama"_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(displayText(filter, 0, LiveLogModel::ModelColumn), u"llama3.2:3b"_s);

    filter.setModelFilter(u"7b"_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(displayText(filter, 0, LiveLogModel::ModelColumn), u"qwen2.5:7b"_s);
}

void TestLiveLogModel::filtersByStatusClass_data()
{
    QTest::addColumn<LiveLogFilterModel::StatusFilter>("statusFilter");
    QTest::addColumn<QStringList>("expectedIds");

    // Rows, newest first: 503, 200 with a mid-stream error, 429, 401, 204, 200.
    using Filter = LiveLogFilterModel::StatusFilter;
    QTest::newRow("all") << Filter::All << QStringList{u"e"_s, u"d"_s, u"c"_s, u"b"_s, u"a2"_s, u"a"_s};
    QTest::newRow("2xx") << Filter::Success << QStringList{u"d"_s, u"a2"_s, u"a"_s};
    QTest::newRow("4xx") << Filter::ClientError << QStringList{u"c"_s, u"b"_s};
    QTest::newRow("5xx") << Filter::ServerError << QStringList{u"e"_s};
    QTest::newRow("errors") << Filter::Errors << QStringList{u"e"_s, u"d"_s, u"c"_s, u"b"_s};
}

void TestLiveLogModel::filtersByStatusClass()
{
    QFETCH(LiveLogFilterModel::StatusFilter, statusFilter);
    QFETCH(QStringList, expectedIds);

    RequestLogEntry streamFailure = makeEntry(u"d"_s, u"alice"_s, u"llama3.2"_s, 200);
    streamFailure.outcome = u"upstream error"_s;
    streamFailure.errorMessage = u"upstream closed the connection"_s;

    LiveLogModel model;
    model.appendRows({makeEntry(u"a"_s, u"alice"_s, u"llama3.2"_s, 200), makeEntry(u"a2"_s, u"alice"_s, u"llama3.2"_s, 204),
                      makeEntry(u"b"_s, u"alice"_s, u"llama3.2"_s, 401), makeEntry(u"c"_s, u"alice"_s, u"llama3.2"_s, 429),
                      streamFailure, makeEntry(u"e"_s, u"alice"_s, u"llama3.2"_s, 503)});
    LiveLogFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);

    filter.setStatusFilter(statusFilter);

    QCOMPARE(filter.statusFilter(), statusFilter);
    QStringList ids;
    for (int row = 0; row < filter.rowCount(); ++row)
        ids.append(model.entryAt(filter.mapToSource(filter.index(row, 0)).row()).requestId);
    QCOMPARE(ids, expectedIds);
}

void TestLiveLogModel::combinesFilters()
{
    LiveLogModel model;
    model.appendRows({makeEntry(u"r1"_s, u"alice"_s, u"llama3.2"_s, 200),
                      makeEntry(u"r2"_s, u"alice"_s, u"llama3.2"_s, 500),
                      makeEntry(u"r3"_s, u"alice"_s, u"qwen2.5"_s, 500),
                      makeEntry(u"r4"_s, u"bob"_s, u"llama3.2"_s, 500)});
    LiveLogFilterModel filter;
    filter.setSourceModel(&model);

    filter.setUserFilter(u"alice"_s);
    filter.setModelFilter(u"llama"_s);
    filter.setStatusFilter(LiveLogFilterModel::StatusFilter::ServerError);

    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(model.entryAt(filter.mapToSource(filter.index(0, 0)).row()).requestId, u"r2"_s);
}

void TestLiveLogModel::filterAppliesToNewRows()
{
    LiveLogModel model;
    LiveLogFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    filter.setUserFilter(u"bob"_s);

    model.appendRows({makeEntry(u"r1"_s, u"alice"_s), makeEntry(u"r2"_s, u"bob"_s)});
    model.appendRows({makeEntry(u"r3"_s, u"bob"_s)});

    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(model.entryAt(filter.mapToSource(filter.index(0, 0)).row()).requestId, u"r3"_s);
}

QTEST_GUILESS_MAIN(TestLiveLogModel)
#include "tst_livelogmodel.moc"
