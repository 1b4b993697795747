// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageRow.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <functional>

class QBarSeries;
class QComboBox;
class QDateEdit;
class QHorizontalBarSeries;
class QLabel;
class QLineSeries;
class QStandardItemModel;
class QTableView;

namespace Gateway {
class UsageService;
}

namespace Console {

class UsageChartView;

// The dashboard's "Range" tab: requests, generations and tokens over a
// chosen day, week, month or custom range, the top models and users, and
// the failed requests by cause. Every figure comes from the rollups through
// one UsageService query per refresh.
class DashboardRangeTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardRangeTab)

public:
    enum class Range { Day, Week, Month, Custom };
    Q_ENUM(Range)

    static constexpr int topCount = 10;

    // Figures of one refresh, computed off the GUI thread.
    struct Snapshot
    {
        Gateway::UsageFilter filter;
        QList<QPointF> requests; // x: period start in ms since epoch; every period present
        QList<QPointF> generations;
        QList<QPointF> tokens;
        QList<Gateway::UsageRow> topModels; // most requests first
        QList<Gateway::UsageRow> topUsers;
        Gateway::UsageRow total;            // errors by cause and sums of the range
    };

    // service must outlive the tab.
    explicit DashboardRangeTab(Gateway::UsageService *service, QWidget *parent = nullptr);
    ~DashboardRangeTab() override;

    // The current time, for Day, Week and Month; the system clock unless a
    // test sets one.
    void setClock(std::function<QDateTime()> now);
    // Shows range (for Custom, from the first to the last day of the two
    // date edits, both included) and refreshes.
    void setRange(Range range);
    void setCustomDates(const QDate &first, const QDate &last);

    // The filter of range at now: the last 24 hours by hour, the last 7 or
    // 30 days (today included) by day, custom days by hour for one day, by
    // day up to 92 days and by month beyond. Days are local days.
    static Gateway::UsageFilter filterFor(Range range, const QDateTime &now, const QDate &first, const QDate &last,
                                          const QTimeZone &zone);
    // The snapshot of a series (periods with traffic only) and the totals;
    // periods without traffic become zero points. Any thread.
    static Snapshot snapshotOf(const Gateway::UsageFilter &filter, const QList<Gateway::UsageRow> &series,
                               QList<Gateway::UsageRow> topModels, QList<Gateway::UsageRow> topUsers,
                               const Gateway::UsageRow &total);
    // Translated name of an error cause, e.g. "Limit reached".
    static QString causeLabel(Gateway::ErrorCause cause);

    bool isRefreshing() const { return m_refreshing; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createControls();
    QWidget *createTopPanel(const QString &objectPrefix, const QString &title, const QString &firstColumn,
                            UsageChartView **chart, QStandardItemModel **model);
    QWidget *createErrorPanel();
    void startRefresh();
    void showSnapshot(const Snapshot &snapshot);
    void showTop(UsageChartView *chart, QStandardItemModel *model, const QList<Gateway::UsageRow> &rows,
                 bool byModel);
    void showErrors(const Gateway::UsageRow &total);
    void showError(const QString &message);

    Gateway::UsageService *m_service;
    std::function<QDateTime()> m_now;
    bool m_refreshing = false;
    bool m_refreshAgain = false; // the range changed while a query ran

    QComboBox *m_rangeBox = nullptr;
    QDateEdit *m_firstDate = nullptr;
    QDateEdit *m_lastDate = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_errorLabel = nullptr;

    UsageChartView *m_timeChart = nullptr;
    QLineSeries *m_requestsSeries = nullptr;
    QLineSeries *m_generationsSeries = nullptr;
    QLineSeries *m_tokensSeries = nullptr;

    UsageChartView *m_modelsChart = nullptr;
    QStandardItemModel *m_modelsModel = nullptr;
    UsageChartView *m_usersChart = nullptr;
    QStandardItemModel *m_usersModel = nullptr;
    UsageChartView *m_errorsChart = nullptr;
    QStandardItemModel *m_errorsModel = nullptr;
};

} // namespace Console
