// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageRow.h"
#include "Result.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
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

// One model's usage over time, stacked by the tier of the requests, and its
// totals per tier. Data comes from UsageService, never from the GUI thread.
class ModelUsagePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelUsagePage)

public:
    // usage must outlive the page; controller (may be null) gives the zone.
    explicit ModelUsagePage(Gateway::UsageService *usage, Gateway::GatewayController *controller,
                            QWidget *parent = nullptr);
    ~ModelUsagePage() override;

    void setClock(std::function<QDateTime()> clock);
    void setTimeZone(const QTimeZone &zone);

    QString selectedModel() const;
    UsageRangeSelector *rangeSelector() const;
    UsageChartView *chartView() const;
    UsageChartView *tierChartView() const;
    QStandardItemModel *tierModel() const;

public Q_SLOTS:
    void selectModel(const QString &model);
    void refresh();
    // Asks the rollups again for the models that have traffic.
    void loadModelNames();

Q_SIGNALS:
    void refreshed();
    void modelNamesLoaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createToolBar();
    void mergeModelNames(const QStringList &names);
    void showSeries(const Gateway::Result<QList<Gateway::UsageRow>> &result);
    void replot();
    void fillTierTable();
    QDateTime now() const;

    Gateway::UsageService *m_usage;
    Gateway::GatewayController *m_controller;
    std::function<QDateTime()> m_clock;

    MessageBanner *m_banner = nullptr;
    QComboBox *m_model = nullptr;
    UsageRangeSelector *m_range = nullptr;
    QComboBox *m_metric = nullptr;
    QPushButton *m_refreshButton = nullptr;
    UsageChartView *m_chart = nullptr;
    UsageChartView *m_tierChart = nullptr;
    QStandardItemModel *m_tierModel = nullptr;
    QTableView *m_tierTable = nullptr;

    QStringList m_knownModels;
    QList<Gateway::UsageRow> m_rows; // by period and tier
    QList<Gateway::UsageRow> m_tierTotals; // by tier, most requests first
    Gateway::UsageFilter m_filter;
    quint64 m_generation = 0;
};

} // namespace Console
