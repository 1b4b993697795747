// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageQueries.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTabWidget;

namespace Gateway {
class GatewayController;
class GeoIpDatabase;
class UsageService;
}

namespace Console {

class MessageBanner;
class PeakHoursHeatMap;
class UsageChartView;
class UsageRangeSelector;

// Insights into the users from their traffic: languages and frameworks (named by
// clients or detected in prompts), peak hours, free users close to their
// limits (upsell), users whose use fell (churn risk) and countries when a
// GeoIP database is set. Data comes from UsageService only.
class InsightsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InsightsPage)

public:
    // Topics beyond this many per kind are left out of the charts (the table
    // has them all).
    static constexpr int maxChartTopics = 12;
    static constexpr int maxChartCountries = 12;

    // usage must outlive the page; controller (may be null) gives the zone.
    explicit InsightsPage(Gateway::UsageService *usage, Gateway::GatewayController *controller,
                          QWidget *parent = nullptr);
    ~InsightsPage() override;

    void setClock(std::function<QDateTime()> clock);
    void setTimeZone(const QTimeZone &zone);

    UsageRangeSelector *rangeSelector() const;
    QTabWidget *tabs() const;
    PeakHoursHeatMap *heatMap() const;
    UsageChartView *languagesChart() const;
    UsageChartView *frameworksChart() const;
    UsageChartView *countriesChart() const;
    QStandardItemModel *topicsModel() const;
    QStandardItemModel *upsellModel() const;
    QStandardItemModel *churnModel() const;
    QStandardItemModel *countriesModel() const;
    // True when the countries tab shows the help text instead of countries.
    bool showsGeoIpHelp() const;

public Q_SLOTS:
    void refresh();
    // Stores path as the GeoIP database setting (empty removes it), then
    // refreshes; ends with geoIpDatabaseSaved() or a banner error.
    void setGeoIpDatabasePath(const QString &path);

Q_SIGNALS:
    // Every query of the last refresh has returned its result.
    void refreshed();
    void geoIpDatabaseSaved(const QString &path);

private:
    struct CountriesAnswer
    {
        QString path;            // the configured .mmdb file, empty when none
        QString databaseError;   // why the file cannot be used, empty when it can
        QList<Gateway::CountryUsage> countries;
    };

    QWidget *createToolBar();
    QWidget *createTopicsTab();
    QWidget *createPeakHoursTab();
    QWidget *createCustomersTab();
    QWidget *createCountriesTab();
    void showTopics(const QList<Gateway::TopicUsage> &topics);
    void showTopicChart(UsageChartView *chart, const QString &kind, const QList<Gateway::TopicUsage> &topics);
    void showUpsell(const QList<Gateway::UpsellCandidate> &candidates);
    void showChurn(const QList<Gateway::ChurnRisk> &risks);
    void showCountries(const CountriesAnswer &answer);
    void showError(const QString &what, const Gateway::Error &error);
    void fitColumns(const QString &tableName);
    void askForGeoIpFile();
    void answerArrived();
    QDateTime now() const;

    Gateway::UsageService *m_usage;
    Gateway::GatewayController *m_controller;
    std::function<QDateTime()> m_clock;
    // Opened and read on the service's thread only; lookups are read-only.
    std::shared_ptr<Gateway::GeoIpDatabase> m_geoIp;

    MessageBanner *m_banner = nullptr;
    UsageRangeSelector *m_range = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    UsageChartView *m_languagesChart = nullptr;
    UsageChartView *m_frameworksChart = nullptr;
    QStandardItemModel *m_topicsModel = nullptr;
    PeakHoursHeatMap *m_heatMap = nullptr;
    QLabel *m_peakHoursCaption = nullptr;
    QStandardItemModel *m_upsellModel = nullptr;
    QStandardItemModel *m_churnModel = nullptr;
    QStackedWidget *m_countriesStack = nullptr;
    QLabel *m_countriesHelp = nullptr;
    QLabel *m_geoIpError = nullptr;
    QLabel *m_geoIpSource = nullptr;
    UsageChartView *m_countriesChart = nullptr;
    QStandardItemModel *m_countriesModel = nullptr;

    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace Console
