// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveLogFilterModel.h"
#include "LiveLogModel.h"
#include "LiveLogPage.h"
#include "RequestDetailsPane.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Console::LiveLogFilterModel;
using Console::LiveLogModel;
using Console::LiveLogPage;
using Console::RequestDetailsPane;
using Gateway::RequestLogEntry;

namespace {

RequestLogEntry makeEntry(const QString &requestId, const QString &user, const QString &model, int status)
{
    RequestLogEntry entry;
    entry.requestId = requestId;
    entry.startedAt = QDateTime(QDate(2025, 3, 1), QTime(12, 0, 5), Qt::UTC);
    entry.userName = user;
    entry.keyId = u"key_7h3k9q2m"_s;
    entry.clientAddress = u"192.0.2.7"_s;
    entry.userAgent = u"ollama-js/0.5.0"_s;
    entry.method = u"POST"_s;
    entry.path = u"/api/chat"_s;
    entry.model = model;
    entry.brand = u"acme"_s;
    entry.contextLanguage = u"python"_s;
    entry.contextFramework = u"django"_s;
    entry.promptText = u"Why is the sky blue?"_s;
    entry.responseText = u"Rayleigh scattering."_s;
    entry.status = status;
    entry.outcome = u"ok"_s;
    entry.promptTokens = 12;
    entry.completionTokens = 34;
    entry.latencyMs = 812.4;
    entry.timeToFirstTokenMs = 95.2;
    entry.upstream = u"http://127.0.0.1:11434"_s;
    return entry;
}

} // namespace

class TestLiveLogPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsAppendedRowsNewestFirst();
    void detailsPaneShowsSelectedRequest();
    void detailsPaneShowsHtmlLiterally();
    void detailsPaneShowsUnknownTokensAsDash();
    void detailsPaneKeepsEntryWhenRowIsDropped();
    void pauseButtonHoldsRowsBack();
    void clearButtonEmptiesTableAndDetails();
    void userFilterOffersSeenUsers();
    void statusFilterComboFiltersRows();
    void filterSuggestionsAreBounded();

private:
    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (widget == nullptr)
            qFatal("no child named %s", qPrintable(name));
        return widget;
    }

    void selectRow(int row);

    LiveLogPage *m_page = nullptr;
};

void TestLiveLogPage::init()
{
    m_page = new LiveLogPage;
    m_page->resize(1200, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestLiveLogPage::cleanup()
{
    delete m_page;
    m_page = nullptr;
}

void TestLiveLogPage::selectRow(int row)
{
    auto *table = child<QTableView>(u"liveLogTable"_s);
    table->setCurrentIndex(table->model()->index(row, 0));
}

void TestLiveLogPage::showsAppendedRowsNewestFirst()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-2"_s, u"bob"_s, u"llama3.2"_s, 200)});

    auto *table = child<QTableView>(u"liveLogTable"_s);
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(0, LiveLogModel::UserColumn).data().toString(), u"bob"_s);
    QCOMPARE(table->model()->index(1, LiveLogModel::UserColumn).data().toString(), u"alice"_s);
}

void TestLiveLogPage::detailsPaneShowsSelectedRequest()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-2"_s, u"bob"_s, u"qwen2.5"_s, 201)});
    auto *details = child<RequestDetailsPane>(QString());
    QVERIFY(!details->hasEntry());

    selectRow(1);

    QVERIFY(details->hasEntry());
    using Field = RequestDetailsPane::Field;
    QCOMPARE(details->fieldText(Field::RequestId), u"req-1"_s);
    QCOMPARE(details->fieldText(Field::User), u"alice"_s);
    QCOMPARE(details->fieldText(Field::KeyId), u"key_7h3k9q2m"_s);
    QCOMPARE(details->fieldText(Field::Model), u"llama3.2"_s);
    QCOMPARE(details->fieldText(Field::Status), u"200"_s);
    QCOMPARE(details->fieldText(Field::Outcome), u"ok"_s);
    QCOMPARE(details->fieldText(Field::Request), u"POST /api/chat"_s);
    QCOMPARE(details->fieldText(Field::UserAgent), u"ollama-js/0.5.0"_s);
    QCOMPARE(details->fieldText(Field::Brand), u"acme"_s);
    QCOMPARE(details->fieldText(Field::Context), u"python / django"_s);
    QCOMPARE(details->fieldText(Field::Upstream), u"http://127.0.0.1:11434"_s);
    QVERIFY(details->fieldText(Field::Tokens).contains(u"12"_s));
    QVERIFY(details->fieldText(Field::Tokens).contains(u"34"_s));
    QVERIFY(details->fieldText(Field::Latency).contains(QLocale().toString(812.4, 'f', 1)));
    QVERIFY(details->fieldText(Field::TimeToFirstToken).contains(QLocale().toString(95.2, 'f', 1)));

    auto *prompt = child<QPlainTextEdit>(u"detailPrompt"_s);
    auto *response = child<QPlainTextEdit>(u"detailResponse"_s);
    QCOMPARE(prompt->toPlainText(), u"Why is the sky blue?"_s);
    QCOMPARE(response->toPlainText(), u"Rayleigh scattering."_s);
    QVERIFY(prompt->isReadOnly());
    QVERIFY(response->isReadOnly());
    QVERIFY(prompt->isVisible());

    selectRow(0);
    QCOMPARE(details->fieldText(Field::RequestId), u"req-2"_s);
    QCOMPARE(details->fieldText(Field::Status), u"201"_s);
}

void TestLiveLogPage::detailsPaneShowsHtmlLiterally()
{
    const QString html = u"<b>bold</b> <img src=\"http://192.0.2.1/x.png\"> <a href=\"x\">link</a> &amp;"_s;
    RequestLogEntry entry = makeEntry(html, html, u"llama3.2"_s, 500);
    entry.promptText = html;
    entry.responseText = html;
    entry.errorMessage = html;
    entry.userAgent = html;
    entry.path = u"/api/<i>chat</i>"_s;
    m_page->appendRows({entry});

    selectRow(0);

    using Field = RequestDetailsPane::Field;
    for (const Field field : {Field::RequestId, Field::User, Field::Error, Field::UserAgent}) {
        auto *label = child<QLabel>(u"detail"_s + QLatin1StringView(QMetaEnum::fromType<Field>().valueToKey(int(field))));
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QCOMPARE(label->text(), html);
    }
    QCOMPARE(child<QLabel>(u"detailRequest"_s)->text(), u"POST /api/<i>chat</i>"_s);
    QCOMPARE(child<QLabel>(u"detailRequest"_s)->textFormat(), Qt::PlainText);
    QCOMPARE(child<QPlainTextEdit>(u"detailPrompt"_s)->toPlainText(), html);
    QCOMPARE(child<QPlainTextEdit>(u"detailResponse"_s)->toPlainText(), html);

    // The table cell is plain text too and carries no tooltip that could render HTML.
    auto *table = child<QTableView>(u"liveLogTable"_s);
    QCOMPARE(table->model()->index(0, LiveLogModel::UserColumn).data().toString(), html);
    QVERIFY(!table->model()->index(0, LiveLogModel::UserColumn).data(Qt::ToolTipRole).isValid());
    QVERIFY(!table->model()->index(0, LiveLogModel::PathColumn).data(Qt::ToolTipRole).isValid());
}

void TestLiveLogPage::detailsPaneShowsUnknownTokensAsDash()
{
    RequestLogEntry entry = makeEntry(u"req-1"_s, QString(), QString(), 401);
    entry.promptTokens.reset();
    entry.completionTokens.reset();
    entry.timeToFirstTokenMs.reset();
    entry.keyId.clear();
    entry.promptText.clear();
    m_page->appendRows({entry});

    selectRow(0);

    auto *details = child<RequestDetailsPane>(QString());
    using Field = RequestDetailsPane::Field;
    const QString dash = LiveLogModel::unknownValueText();
    QCOMPARE(details->fieldText(Field::Tokens), u"%1 prompt, %1 completion"_s.arg(dash));
    QCOMPARE(details->fieldText(Field::TimeToFirstToken), dash);
    QCOMPARE(details->fieldText(Field::KeyId), dash);
    QCOMPARE(details->fieldText(Field::Model), dash);
    QVERIFY(!details->fieldText(Field::User).isEmpty());
    QCOMPARE(details->promptText(), QString());
}

void TestLiveLogPage::detailsPaneKeepsEntryWhenRowIsDropped()
{
    m_page->model()->setCapacity(2);
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-2"_s, u"bob"_s, u"llama3.2"_s, 200)});
    selectRow(1);

    m_page->appendRows({makeEntry(u"req-3"_s, u"carol"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-4"_s, u"dave"_s, u"llama3.2"_s, 200)});

    auto *details = child<RequestDetailsPane>(QString());
    QCOMPARE(m_page->model()->rowCount(), 2);
    QVERIFY(details->hasEntry());
    QCOMPARE(details->fieldText(RequestDetailsPane::Field::RequestId), u"req-1"_s);
}

void TestLiveLogPage::pauseButtonHoldsRowsBack()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200)});
    auto *pause = child<QPushButton>(u"pauseButton"_s);
    auto *pending = child<QLabel>(u"pendingLabel"_s);
    auto *table = child<QTableView>(u"liveLogTable"_s);
    QVERIFY(!pending->isVisible());

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_page->model()->isPaused());
    QVERIFY(pending->isVisible());
    // Without a loaded translation the source text shows, and the English .ts
    // file supplies the plural forms, so only the count is checked here.
    QVERIFY2(pending->text().startsWith(u"0 new request"_s), qPrintable(pending->text()));

    m_page->appendRows({makeEntry(u"req-2"_s, u"bob"_s, u"llama3.2"_s, 200)});
    QVERIFY2(pending->text().startsWith(u"1 new request"_s), qPrintable(pending->text()));
    m_page->appendRows({makeEntry(u"req-3"_s, u"bob"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-4"_s, u"bob"_s, u"llama3.2"_s, 200)});
    QVERIFY2(pending->text().startsWith(u"3 new request"_s), qPrintable(pending->text()));
    QCOMPARE(table->model()->rowCount(), 1);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!m_page->model()->isPaused());
    QVERIFY(!pending->isVisible());
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(m_page->model()->entryAt(0).requestId, u"req-4"_s);
}

void TestLiveLogPage::clearButtonEmptiesTableAndDetails()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200)});
    selectRow(0);
    auto *details = child<RequestDetailsPane>(QString());
    QVERIFY(details->hasEntry());

    QTest::mouseClick(child<QPushButton>(u"clearButton"_s), Qt::LeftButton);

    QCOMPARE(child<QTableView>(u"liveLogTable"_s)->model()->rowCount(), 0);
    QVERIFY(!details->hasEntry());
    QCOMPARE(details->promptText(), QString());
}

void TestLiveLogPage::userFilterOffersSeenUsers()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"carol"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-2"_s, u"alice"_s, u"qwen2.5"_s, 200),
                        makeEntry(u"req-3"_s, u"alice"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-4"_s, QString(), QString(), 401)});
    auto *users = child<QComboBox>(u"userFilter"_s);
    auto *models = child<QComboBox>(u"modelFilter"_s);

    // Adding suggestions must not fill in a filter by itself.
    QCOMPARE(users->currentText(), QString());
    QCOMPARE(m_page->filterModel()->userFilter(), QString());
    QCOMPARE(child<QTableView>(u"liveLogTable"_s)->model()->rowCount(), 4);

    QCOMPARE(users->count(), 2);
    QCOMPARE(users->itemText(0), u"alice"_s);
    QCOMPARE(users->itemText(1), u"carol"_s);
    QCOMPARE(models->count(), 2);

    users->setCurrentIndex(1);
    QCOMPARE(m_page->filterModel()->userFilter(), u"carol"_s);
    QCOMPARE(child<QTableView>(u"liveLogTable"_s)->model()->rowCount(), 1);

    users->setEditText(QString());
    QTest::keyClicks(models->lineEdit(), u"qwen"_s);
    QCOMPARE(m_page->filterModel()->modelFilter(), u"qwen"_s);
    QCOMPARE(child<QTableView>(u"liveLogTable"_s)->model()->rowCount(), 1);
}

void TestLiveLogPage::statusFilterComboFiltersRows()
{
    m_page->appendRows({makeEntry(u"req-1"_s, u"alice"_s, u"llama3.2"_s, 200),
                        makeEntry(u"req-2"_s, u"alice"_s, u"llama3.2"_s, 404),
                        makeEntry(u"req-3"_s, u"alice"_s, u"llama3.2"_s, 502)});
    auto *status = child<QComboBox>(u"statusFilter"_s);
    auto *table = child<QTableView>(u"liveLogTable"_s);

    const QList<QPair<LiveLogFilterModel::StatusFilter, int>> cases = {
        {LiveLogFilterModel::StatusFilter::Success, 1},
        {LiveLogFilterModel::StatusFilter::ClientError, 1},
        {LiveLogFilterModel::StatusFilter::ServerError, 1},
        {LiveLogFilterModel::StatusFilter::Errors, 2},
        {LiveLogFilterModel::StatusFilter::All, 3},
    };
    for (const auto &[filter, rows] : cases) {
        const int index = status->findData(QVariant::fromValue(filter));
        QVERIFY(index >= 0);
        status->setCurrentIndex(index);
        QCOMPARE(m_page->filterModel()->statusFilter(), filter);
        QCOMPARE(table->model()->rowCount(), rows);
    }
}

void TestLiveLogPage::filterSuggestionsAreBounded()
{
    QList<RequestLogEntry> rows;
    for (int i = 0; i < LiveLogPage::MaxFilterSuggestions + 50; ++i)
        rows.append(makeEntry(u"req-%1"_s.arg(i), u"alice"_s, u"model-%1"_s.arg(i), 200));

    m_page->appendRows(rows);

    QCOMPARE(child<QComboBox>(u"modelFilter"_s)->count(), LiveLogPage::MaxFilterSuggestions);
    QCOMPARE(child<QComboBox>(u"userFilter"_s)->count(), 1);
}

QTEST_MAIN(TestLiveLogPage)
#include "tst_livelogpage.moc"
