// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveLogPage.h"

#include "LiveLogFilterModel.h"
#include "LiveLogModel.h"
#include "RequestDetailsPane.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

// An editable combo box whose list offers values seen in the log. The typed
// text is the filter, and an empty text matches everything.
QComboBox *createSuggestionFilter(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(14);
    combo->lineEdit()->setPlaceholderText(placeholder);
    combo->lineEdit()->setClearButtonEnabled(true);
    return combo;
}

// Inserts value in sorted position unless it is empty, already listed, or
// the list is full. The typed filter text stays as it is.
void addSuggestion(QComboBox *combo, const QString &value)
{
    if (value.isEmpty() || combo->count() >= LiveLogPage::MaxFilterSuggestions)
        return;

    int position = 0;
    while (position < combo->count()) {
        const int order = QString::localeAwareCompare(combo->itemText(position), value);
        if (order == 0)
            return;
        if (order > 0)
            break;
        ++position;
    }

    // An editable combo box selects the first item added to an empty list,
    // which would put that value into the filter without the operator asking.
    const QString typed = combo->currentText();
    const QSignalBlocker blocker(combo);
    combo->insertItem(position, value);
    if (combo->currentText() != typed) {
        combo->setCurrentIndex(-1);
        combo->setEditText(typed);
    }
}

} // namespace

LiveLogPage::LiveLogPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new LiveLogModel(this))
    , m_filter(new LiveLogFilterModel(this))
    , m_table(new QTableView(this))
    , m_details(new RequestDetailsPane(this))
{
    m_filter->setSourceModel(m_model);
    createTable();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(splitter, 1);

    connect(m_model, &LiveLogModel::pendingCountChanged, this, &LiveLogPage::updatePendingLabel);
    connect(m_model, &LiveLogModel::pausedChanged, this, &LiveLogPage::showPausedState);
    showPausedState(false);
}

LiveLogPage::~LiveLogPage() = default;

QWidget *LiveLogPage::createFilterBar()
{
    auto *bar = new QWidget(this);

    m_userFilter = createSuggestionFilter(u"userFilter"_s, tr("All users"), bar);
    connect(m_userFilter, &QComboBox::editTextChanged, m_filter, &LiveLogFilterModel::setUserFilter);

    m_modelFilter = createSuggestionFilter(u"modelFilter"_s, tr("All models"), bar);
    connect(m_modelFilter, &QComboBox::editTextChanged, m_filter, &LiveLogFilterModel::setModelFilter);

    using StatusFilter = LiveLogFilterModel::StatusFilter;
    m_statusFilter = new QComboBox(bar);
    m_statusFilter->setObjectName(u"statusFilter"_s);
    m_statusFilter->addItem(tr("All statuses"), QVariant::fromValue(StatusFilter::All));
    m_statusFilter->addItem(tr("2xx success"), QVariant::fromValue(StatusFilter::Success));
    m_statusFilter->addItem(tr("4xx client errors"), QVariant::fromValue(StatusFilter::ClientError));
    m_statusFilter->addItem(tr("5xx server errors"), QVariant::fromValue(StatusFilter::ServerError));
    m_statusFilter->addItem(tr("All errors"), QVariant::fromValue(StatusFilter::Errors));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatusFilter(m_statusFilter->currentData().value<StatusFilter>());
    });

    m_pendingLabel = new QLabel(bar);
    m_pendingLabel->setObjectName(u"pendingLabel"_s);

    m_pauseButton = new QPushButton(bar);
    m_pauseButton->setObjectName(u"pauseButton"_s);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Stop adding new requests to the table; they are kept and added on resume."));
    connect(m_pauseButton, &QPushButton::toggled, m_model, &LiveLogModel::setPaused);

    m_clearButton = new QPushButton(tr("Clear"), bar);
    m_clearButton->setObjectName(u"clearButton"_s);
    m_clearButton->setToolTip(tr("Remove every request from the table. The stored request log is not changed."));
    connect(m_clearButton, &QPushButton::clicked, this, &LiveLogPage::clearLog);

    auto *userLabel = new QLabel(tr("&User:"), bar);
    userLabel->setBuddy(m_userFilter);
    auto *modelLabel = new QLabel(tr("&Model:"), bar);
    modelLabel->setBuddy(m_modelFilter);
    auto *statusLabel = new QLabel(tr("&Status:"), bar);
    statusLabel->setBuddy(m_statusFilter);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(userLabel);
    layout->addWidget(m_userFilter);
    layout->addSpacing(8);
    layout->addWidget(modelLabel);
    layout->addWidget(m_modelFilter);
    layout->addSpacing(8);
    layout->addWidget(statusLabel);
    layout->addWidget(m_statusFilter);
    layout->addStretch(1);
    layout->addWidget(m_pendingLabel);
    layout->addWidget(m_pauseButton);
    layout->addWidget(m_clearButton);
    return bar;
}

void LiveLogPage::createTable()
{
    m_table->setObjectName(u"liveLogTable"_s);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);

    // Without a sort column the proxy keeps the model's order, newest first.
    // Clicking a header sorts by that column.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicatorClearable(true);

    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(LiveLogModel::PathColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);

    // Initial widths fit typical values, and the operator can resize every column.
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto widthFor = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 16; };
    const auto titleWidth = [this, &widthFor](int column) {
        const QStringList lines = m_model->headerData(column, Qt::Horizontal).toString().split(u'\n');
        int width = 0;
        for (const QString &line : lines)
            width = std::max(width, widthFor(line));
        return width;
    };
    const QList<QPair<int, QString>> samples = {
        {LiveLogModel::TimeColumn, u"00:00:00"_s},
        {LiveLogModel::UserColumn, u"someone@example"_s},
        {LiveLogModel::KeyIdColumn, u"key_00000000"_s},
        {LiveLogModel::MethodColumn, u"DELETE"_s},
        {LiveLogModel::ModelColumn, u"llama3.2:3b-instruct"_s},
        {LiveLogModel::StatusColumn, u"000"_s},
        {LiveLogModel::PromptTokensColumn, u"00,000"_s},
        {LiveLogModel::CompletionTokensColumn, u"00,000"_s},
        {LiveLogModel::LatencyColumn, u"000,000"_s},
        {LiveLogModel::TimeToFirstTokenColumn, u"00,000"_s},
        {LiveLogModel::ClientColumn, u"255.255.255.255"_s},
    };
    for (const auto &[column, sample] : samples)
        m_table->setColumnWidth(column, std::max(widthFor(sample), titleWidth(column)));
    m_table->setColumnWidth(LiveLogModel::PathColumn, widthFor(u"/v1/chat/completions"_s));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LiveLogPage::showCurrentRow);
}

LiveLogModel *LiveLogPage::model() const
{
    return m_model;
}

LiveLogFilterModel *LiveLogPage::filterModel() const
{
    return m_filter;
}

void LiveLogPage::appendRows(const QList<Gateway::RequestLogEntry> &rows)
{
    rememberFilterValues(rows);
    m_model->appendRows(rows);
}

void LiveLogPage::rememberFilterValues(const QList<Gateway::RequestLogEntry> &rows)
{
    for (const Gateway::RequestLogEntry &row : rows) {
        addSuggestion(m_userFilter, row.userName);
        addSuggestion(m_modelFilter, row.model);
    }
}

void LiveLogPage::showCurrentRow(const QModelIndex &proxyIndex)
{
    // An invalid index means the row left the table (dropped, filtered out
    // or cleared). The pane keeps its copy so the operator can finish reading.
    if (!proxyIndex.isValid())
        return;

    const QModelIndex sourceIndex = m_filter->mapToSource(proxyIndex);
    m_details->showEntry(m_model->entryAt(sourceIndex.row()));
}

void LiveLogPage::updatePendingLabel(int count)
{
    m_pendingLabel->setText(tr("%n new request(s) waiting", nullptr, count));
    m_pendingLabel->setVisible(m_model->isPaused() || count > 0);
}

void LiveLogPage::showPausedState(bool paused)
{
    m_pauseButton->setChecked(paused);
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    updatePendingLabel(m_model->pendingCount());
}

void LiveLogPage::clearLog()
{
    m_model->clear();
    m_details->clearEntry();
}

} // namespace Console
