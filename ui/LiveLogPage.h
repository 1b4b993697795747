// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RequestLogEntry.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Console {

class LiveLogFilterModel;
class LiveLogModel;
class RequestDetailsPane;

// The live request log: a filterable table of the newest requests with a
// details pane for the selected one. It takes rows through appendRows(), so
// it works with any source of log rows, not only a running gateway.
class LiveLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveLogPage)

public:
    // Distinct user and model names offered in each filter's list. Model
    // names are client input, so the list is bounded. A name past the bound
    // can still be typed into the filter.
    static constexpr int MaxFilterSuggestions = 200;

    explicit LiveLogPage(QWidget *parent = nullptr);
    ~LiveLogPage() override;

    LiveLogModel *model() const;
    LiveLogFilterModel *filterModel() const;

public Q_SLOTS:
    void appendRows(const QList<Gateway::RequestLogEntry> &rows);

private:
    QWidget *createFilterBar();
    void createTable();
    void rememberFilterValues(const QList<Gateway::RequestLogEntry> &rows);
    void showCurrentRow(const QModelIndex &proxyIndex);
    void updatePendingLabel(int count);
    void showPausedState(bool paused);
    void clearLog();

    LiveLogModel *m_model = nullptr;
    LiveLogFilterModel *m_filter = nullptr;
    QComboBox *m_userFilter = nullptr;
    QComboBox *m_modelFilter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLabel *m_pendingLabel = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QTableView *m_table = nullptr;
    RequestDetailsPane *m_details = nullptr;
};

} // namespace Console
