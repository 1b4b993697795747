// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"
#include "UsageQueries.h"
#include "UsageRow.h"
#include "UserRecord.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace Gateway {
class GatewayController;
class UsageService;
}

namespace Console {

class MessageBanner;
class UsageChartView;
class UsageRangeSelector;

// One user's usage: over time stacked by model, each limit of the user's
// tier against its current window, and the user's keys with their last use.
// Usage comes from UsageService (never on the GUI thread), users and keys
// from GatewayController's signals. Writes the monthly PDF report.
class UserUsagePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserUsagePage)

public:
    // Models beyond this many (by total) are summed as "Other".
    static constexpr int maxModels = 8;

    // usage must outlive the page; controller may be null (no keys then).
    explicit UserUsagePage(Gateway::UsageService *usage, Gateway::GatewayController *controller,
                           QWidget *parent = nullptr);
    ~UserUsagePage() override;

    // Current time (UTC) for ranges, limit windows and reports; tests fix it.
    void setClock(std::function<QDateTime()> clock);
    // Days and months start at midnight here: the gateway's limit zone.
    void setTimeZone(const QTimeZone &zone);
    // Product name in the report's header.
    void setProductName(const QString &name);
    QString productName() const;

    QString selectedUser() const;
    UsageRangeSelector *rangeSelector() const;
    UsageChartView *chartView() const;

public Q_SLOTS:
    void setUsers(const QList<Gateway::UserRecord> &users);
    void setKeys(const QList<Gateway::KeyRecord> &keys);
    void selectUser(const QString &userName);
    void refresh();
    // Gathers the report of month for the selected user and writes it to
    // path; ends with reportWritten() or reportFailed().
    void writeMonthlyReport(const QDate &month, const QString &path);

Q_SIGNALS:
    // Every query of the last refresh has returned its result.
    void refreshed();
    void reportWritten(const QString &path);
    void reportFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createToolBar();
    QWidget *createUsageTabs();
    QWidget *createLimits();
    QWidget *createKeys();
    void connectController();
    void loadUserNames();
    void mergeUserNames(const QStringList &names);
    void showSeries(const Gateway::Result<QList<Gateway::UsageRow>> &result);
    void showLimits(const Gateway::Result<QList<Gateway::LimitUsage>> &result);
    void replot();
    void fillUsageTable();
    void fillKeys();
    void clearLimits();
    void answerArrived();
    void askForReportMonth();
    void askForReportPath(const QDate &month);
    QDateTime now() const;

    Gateway::UsageService *m_usage;
    Gateway::GatewayController *m_controller;
    std::function<QDateTime()> m_clock;
    QString m_productName;

    MessageBanner *m_banner = nullptr;
    QComboBox *m_user = nullptr;
    UsageRangeSelector *m_range = nullptr;
    QComboBox *m_metric = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_reportButton = nullptr;
    UsageChartView *m_chart = nullptr;
    QStandardItemModel *m_usageModel = nullptr;
    QTableView *m_usageTable = nullptr;
    QLabel *m_limitsTitle = nullptr;
    QFormLayout *m_limitsLayout = nullptr;
    QStandardItemModel *m_keysModel = nullptr;
    QTableView *m_keysTable = nullptr;

    QStringList m_knownUsers;          // from usersListed and from rollups
    QList<Gateway::KeyRecord> m_keys;  // every user's
    QList<Gateway::UsageRow> m_rows;   // the last series, by period and model
    Gateway::UsageFilter m_filter;     // of m_rows
    quint64 m_generation = 0;          // results of older refreshes are dropped
    int m_pending = 0;                 // queries of this generation still out
};

} // namespace Console
