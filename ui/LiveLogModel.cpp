// SPDX-License-Identifier: GPL-3.0-or-later
#include "LiveLogModel.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcLiveLogModel, "soulfra.ui.livelogmodel")

QString formatMilliseconds(double milliseconds)
{
    return QLocale().toString(milliseconds, 'f', 0);
}

QString formatOptionalCount(const std::optional<qint64> &count)
{
    return count ? QLocale().toString(*count) : LiveLogModel::unknownValueText();
}

bool isNumericColumn(int column)
{
    switch (column) {
    case LiveLogModel::StatusColumn:
    case LiveLogModel::PromptTokensColumn:
    case LiveLogModel::CompletionTokensColumn:
    case LiveLogModel::LatencyColumn:
    case LiveLogModel::TimeToFirstTokenColumn:
        return true;
    default:
        return false;
    }
}

} // namespace

LiveLogModel::LiveLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

LiveLogModel::~LiveLogModel() = default;

int LiveLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LiveLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const Gateway::RequestLogEntry &entry = m_rows[static_cast<size_t>(index.row())];

    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case SortRole:
        return sortData(entry, index.column());
    case Qt::TextAlignmentRole:
        if (isNumericColumn(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        // A tooltip interprets rich text, so only the time column, whose text
        // the console generates, has one. The other columns contain client input.
        if (index.column() == TimeColumn)
            return entry.startedAt.toLocalTime().toString(Qt::ISODateWithMs);
        return {};
    default:
        return {};
    }
}

QVariant LiveLogModel::displayData(const Gateway::RequestLogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        // Time of day keeps the column narrow. The tooltip and the details
        // pane show the full date.
        if (!entry.startedAt.isValid())
            return unknownValueText();
        return entry.startedAt.toLocalTime().toString(u"HH:mm:ss"_s);
    case UserColumn:
        return entry.userName;
    case KeyIdColumn:
        return entry.keyId;
    case MethodColumn:
        return entry.method;
    case PathColumn:
        return entry.path;
    case ModelColumn:
        return entry.model;
    case StatusColumn:
        return entry.status;
    case PromptTokensColumn:
        return formatOptionalCount(entry.promptTokens);
    case CompletionTokensColumn:
        return formatOptionalCount(entry.completionTokens);
    case LatencyColumn:
        return formatMilliseconds(entry.latencyMs);
    case TimeToFirstTokenColumn:
        return entry.timeToFirstTokenMs ? formatMilliseconds(*entry.timeToFirstTokenMs) : unknownValueText();
    case ClientColumn:
        return entry.clientAddress;
    default:
        return {};
    }
}

QVariant LiveLogModel::sortData(const Gateway::RequestLogEntry &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return entry.startedAt;
    case StatusColumn:
        return entry.status;
    case PromptTokensColumn:
        return entry.promptTokens.value_or(-1);
    case CompletionTokensColumn:
        return entry.completionTokens.value_or(-1);
    case LatencyColumn:
        return entry.latencyMs;
    case TimeToFirstTokenColumn:
        return entry.timeToFirstTokenMs.value_or(-1.0);
    default:
        return displayData(entry, column);
    }
}

QVariant LiveLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case KeyIdColumn:
        return tr("Key ID");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case ModelColumn:
        return tr("Model");
    case StatusColumn:
        return tr("Status");
    // Two-line titles keep the numeric columns about as narrow as their values.
    case PromptTokensColumn:
        return tr("Prompt\ntokens");
    case CompletionTokensColumn:
        return tr("Completion\ntokens");
    case LatencyColumn:
        return tr("Latency\n(ms)");
    case TimeToFirstTokenColumn:
        return tr("TTFT\n(ms)");
    case ClientColumn:
        return tr("Client");
    default:
        return {};
    }
}

const Gateway::RequestLogEntry &LiveLogModel::entryAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_rows[static_cast<size_t>(row)];
}

int LiveLogModel::capacity() const
{
    return m_capacity;
}

void LiveLogModel::setCapacity(int capacity)
{
    if (capacity < 1) {
        qCWarning(lcLiveLogModel) << "Capacity" << capacity << "is invalid; using 1";
        capacity = 1;
    }
    m_capacity = capacity;

    const int excess = rowCount() - m_capacity;
    if (excess > 0)
        dropOldest(excess);

    while (m_pending.size() > static_cast<size_t>(m_capacity))
        m_pending.pop_front();
}

bool LiveLogModel::isPaused() const
{
    return m_paused;
}

int LiveLogModel::pendingCount() const
{
    return m_pendingCount;
}

QString LiveLogModel::unknownValueText()
{
    return u"\u2013"_s; // en dash: unknown, unlike a reported 0
}

void LiveLogModel::appendRows(const QList<Gateway::RequestLogEntry> &rows)
{
    if (rows.isEmpty())
        return;

    if (!m_paused) {
        insertNewest(rows);
        return;
    }

    // Only the newest capacity() rows could ever be shown on resume, so
    // older pending rows are dropped now rather than kept in memory.
    for (const Gateway::RequestLogEntry &row : rows)
        m_pending.push_back(row);
    while (m_pending.size() > static_cast<size_t>(m_capacity))
        m_pending.pop_front();

    const qint64 count = qint64(m_pendingCount) + rows.size();
    m_pendingCount = static_cast<int>(std::min<qint64>(count, std::numeric_limits<int>::max()));
    Q_EMIT pendingCountChanged(m_pendingCount);
}

void LiveLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;

    m_paused = paused;

    if (!paused && !m_pending.empty()) {
        const QList<Gateway::RequestLogEntry> pending(m_pending.begin(), m_pending.end());
        m_pending.clear();
        m_pendingCount = 0;
        insertNewest(pending);
        Q_EMIT pendingCountChanged(0);
    }

    Q_EMIT pausedChanged(paused);
}

void LiveLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();

    m_pending.clear();
    if (m_pendingCount != 0) {
        m_pendingCount = 0;
        Q_EMIT pendingCountChanged(0);
    }
}

void LiveLogModel::insertNewest(const QList<Gateway::RequestLogEntry> &rows)
{
    // A batch longer than the capacity contributes only its newest rows.
    const qsizetype keep = std::min<qsizetype>(rows.size(), m_capacity);
    const qsizetype firstKept = rows.size() - keep;

    // Remove before inserting so memory never exceeds the capacity.
    const int excess = rowCount() + static_cast<int>(keep) - m_capacity;
    if (excess > 0)
        dropOldest(excess);

    beginInsertRows({}, 0, static_cast<int>(keep) - 1);
    for (qsizetype i = firstKept; i < rows.size(); ++i)
        m_rows.push_front(rows.at(i));
    endInsertRows();
}

void LiveLogModel::dropOldest(int count)
{
    const int rows = rowCount();
    count = std::min(count, rows);
    if (count <= 0)
        return;

    beginRemoveRows({}, rows - count, rows - 1);
    m_rows.erase(m_rows.end() - count, m_rows.end());
    endRemoveRows();
}

} // namespace Console
