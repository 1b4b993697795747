// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RequestLogEntry.h"

#include <QAbstractTableModel>
#include <QList>

#include <deque>

namespace Console {

// The most recent request log rows for the live log table, in reverse order
// of arrival (the order in which the log committed them), so row 0 is the
// newest. Rows arrive in batches from GatewayController::requestsLogged. The
// model keeps at most capacity() of them and drops the oldest beyond that.
// While paused it keeps incoming rows aside (also bounded) and shows them on
// resume.
class LiveLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveLogModel)

public:
    enum Column {
        TimeColumn,
        UserColumn,
        KeyIdColumn,
        MethodColumn,
        PathColumn,
        ModelColumn,
        StatusColumn,
        PromptTokensColumn,
        CompletionTokensColumn,
        LatencyColumn,
        TimeToFirstTokenColumn,
        ClientColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Raw values for sorting: QDateTime, int, qint64 or double. Unknown token
    // counts and times to first token are -1 so they sort before every known one.
    static constexpr int SortRole = Qt::UserRole + 1;

    static constexpr int DefaultCapacity = 5000;

    explicit LiveLogModel(QObject *parent = nullptr);
    ~LiveLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The entry shown in row, which must be in [0, rowCount()).
    const Gateway::RequestLogEntry &entryAt(int row) const;

    int capacity() const;
    // Values below 1 are treated as 1. Drops the oldest rows beyond the new capacity.
    void setCapacity(int capacity);

    bool isPaused() const;
    // Rows received while paused, including those dropped because the
    // backlog reached capacity().
    int pendingCount() const;

    // Text of the display role for an unknown number, such as token counts
    // that the upstream did not report.
    static QString unknownValueText();

public Q_SLOTS:
    // rows are in log order, oldest first, as GatewayController sends them.
    void appendRows(const QList<Gateway::RequestLogEntry> &rows);
    void setPaused(bool paused);
    // Drops every row, shown and pending.
    void clear();

Q_SIGNALS:
    void pausedChanged(bool paused);
    void pendingCountChanged(int count);

private:
    void insertNewest(const QList<Gateway::RequestLogEntry> &rows);
    void dropOldest(int count);
    QVariant displayData(const Gateway::RequestLogEntry &entry, int column) const;
    QVariant sortData(const Gateway::RequestLogEntry &entry, int column) const;

    // Front is the newest row, so row numbers equal deque indexes.
    std::deque<Gateway::RequestLogEntry> m_rows;
    // Oldest first, at most m_capacity entries.
    std::deque<Gateway::RequestLogEntry> m_pending;
    int m_pendingCount = 0;
    int m_capacity = DefaultCapacity;
    bool m_paused = false;
};

} // namespace Console
