// SPDX-License-Identifier: GPL-3.0-or-later
#include "InsightsPage.h"

#include "EventStore.h"
#include "GatewayController.h"
#include "GeoIpDatabase.h"
#include "MessageBanner.h"
#include "PeakHoursHeatMap.h"
#include "SqliteStorage.h"
#include "TableCsvExport.h"
#include "UsageChartView.h"
#include "UsageRangeSelector.h"
#include "UsageService.h"

#include <QBarSeries>
#include <QBarSet>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcInsightsPage, "soulfra.ui.insightspage")

std::atomic<quint64> settingsConnections{0};

// Churn compares the 7 days before now with the 7 days before those. A user
// needs this many requests in the earlier week to count as a churn risk.
constexpr qint64 churnMinimumRequests = 10;

QStandardItem *numberItem(qint64 value)
{
    auto *item = new QStandardItem(QLocale().toString(value));
    item->setData(value, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QStandardItem *percentItem(double share)
{
    auto *item = new QStandardItem(QLocale().toString(share * 100.0, 'f', 0) + u" %"_s);
    item->setData(share, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableView *createTable(QStandardItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QWidget *tableWithExport(QStandardItemModel *model, const QString &objectName, const QString &fileName,
                         QWidget *parent)
{
    auto *panel = new QWidget(parent);
    auto *table = createTable(model, objectName, panel);
    QPushButton *exportButton = TableCsvExport::createButton(model, fileName, panel);
    exportButton->setObjectName(objectName + u"Export"_s);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table, 1);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    return panel;
}

// Runs on the service's thread: a connection of its own for the settings,
// closed again before returning.
Gateway::Result<QString> readGeoIpPath(const Gateway::StorageConfig &config)
{
    Gateway::SqliteStorage storage(config.databasePath(), u"insights-settings-%1"_s.arg(++settingsConnections));
    if (Gateway::Result<Gateway::Done> opened = storage.open(); !opened)
        return opened.error();
    Gateway::EventStore settings(storage);
    return Gateway::GeoIpDatabase::configuredPath(settings);
}

Gateway::Result<Gateway::Done> writeGeoIpPath(const Gateway::StorageConfig &config, const QString &path)
{
    Gateway::SqliteStorage storage(config.databasePath(), u"insights-settings-%1"_s.arg(++settingsConnections));
    if (Gateway::Result<Gateway::Done> opened = storage.open(); !opened)
        return opened.error();
    Gateway::EventStore settings(storage);
    return Gateway::GeoIpDatabase::setConfiguredPath(settings, path);
}

} // namespace

InsightsPage::InsightsPage(Gateway::UsageService *usage, Gateway::GatewayController *controller, QWidget *parent)
    : QWidget(parent)
    , m_usage(usage)
    , m_controller(controller)
    , m_geoIp(std::make_shared<Gateway::GeoIpDatabase>())
    , m_banner(new MessageBanner(this))
    , m_topicsModel(new QStandardItemModel(this))
    , m_upsellModel(new QStandardItemModel(this))
    , m_churnModel(new QStandardItemModel(this))
    , m_countriesModel(new QStandardItemModel(this))
{
    Q_ASSERT(m_usage != nullptr);
    m_banner->setObjectName(u"insightsBanner"_s);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"insightsTabs"_s);
    m_tabs->addTab(createTopicsTab(), tr("Languages and frameworks"));
    m_tabs->addTab(createPeakHoursTab(), tr("Peak hours"));
    m_tabs->addTab(createCustomersTab(), tr("Upsell and churn"));
    m_tabs->addTab(createCountriesTab(), tr("Countries"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(createToolBar());
    layout->addWidget(m_tabs, 1);

    if (m_controller)
        m_range->setTimeZone(m_controller->config().limitTimeZone);
}

InsightsPage::~InsightsPage() = default;

QWidget *InsightsPage::createToolBar()
{
    auto *bar = new QWidget(this);
    m_range = new UsageRangeSelector(bar);
    connect(m_range, &UsageRangeSelector::changed, this, &InsightsPage::refresh);

    m_refreshButton = new QPushButton(tr("&Refresh"), bar);
    m_refreshButton->setObjectName(u"refreshInsightsButton"_s);
    connect(m_refreshButton, &QPushButton::clicked, this, &InsightsPage::refresh);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_range);
    layout->addStretch(1);
    layout->addWidget(m_refreshButton);
    return bar;
}

QWidget *InsightsPage::createTopicsTab()
{
    auto *tab = new QWidget(this);

    m_languagesChart = new UsageChartView(tab);
    m_languagesChart->setObjectName(u"languagesChart"_s);
    m_languagesChart->setTitle(tr("Languages"));
    m_frameworksChart = new UsageChartView(tab);
    m_frameworksChart->setObjectName(u"frameworksChart"_s);
    m_frameworksChart->setTitle(tr("Frameworks"));
    for (UsageChartView *chart : {m_languagesChart, m_frameworksChart})
        chart->setMinimumHeight(260);

    m_topicsModel->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Name"), tr("Named by the client"), tr("Detected in the prompt"), tr("Requests")});
    auto *note = new QLabel(tr("Clients can name the language and framework of a request in "
                               "context.language and context.framework. Requests without them are counted "
                               "by keywords found in the prompt."),
                            tab);
    note->setWordWrap(true);

    auto *charts = new QSplitter(Qt::Horizontal, tab);
    charts->addWidget(m_languagesChart);
    charts->addWidget(m_frameworksChart);
    auto *splitter = new QSplitter(Qt::Vertical, tab);
    splitter->addWidget(charts);
    splitter->addWidget(tableWithExport(m_topicsModel, u"topicsTable"_s, tr("topics.csv"), tab));
    splitter->setSizes({420, 260});

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(note);
    layout->addWidget(splitter, 1);
    return tab;
}

QWidget *InsightsPage::createPeakHoursTab()
{
    auto *tab = new QWidget(this);
    m_heatMap = new PeakHoursHeatMap(tab);
    m_heatMap->setObjectName(u"peakHoursHeatMap"_s);
    m_peakHoursCaption = new QLabel(tab);
    m_peakHoursCaption->setObjectName(u"peakHoursCaption"_s);
    m_peakHoursCaption->setWordWrap(true);

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_peakHoursCaption);
    layout->addWidget(m_heatMap, 1);
    return tab;
}

QWidget *InsightsPage::createCustomersTab()
{
    auto *tab = new QWidget(this);

    m_upsellModel->setHorizontalHeaderLabels({tr("User"), tr("Tier"), tr("Days near a limit"), tr("Limits"),
                                              tr("Highest use"), tr("Reason")});
    auto *upsell = new QGroupBox(tr("Upsell: free users close to a limit"), tab);
    auto *upsellNote = new QLabel(tr("Users of the free tier who used 80 % or more of a daily or monthly limit "
                                     "on at least 3 of the last 7 days."),
                                  upsell);
    upsellNote->setWordWrap(true);
    auto *upsellLayout = new QVBoxLayout(upsell);
    upsellLayout->addWidget(upsellNote);
    upsellLayout->addWidget(tableWithExport(m_upsellModel, u"upsellTable"_s, tr("upsell-candidates.csv"), upsell), 1);

    m_churnModel->setHorizontalHeaderLabels({tr("User"), tr("Tier"), tr("Requests, previous 7 days"),
                                             tr("Requests, last 7 days"), tr("Drop"), tr("Reason")});
    auto *churn = new QGroupBox(tr("Churn risk: use fell by half or more"), tab);
    auto *churnNote = new QLabel(tr("Users whose requests in the last 7 days are at most half of those in the "
                                    "7 days before, among users with at least %n requests then.",
                                    nullptr, int(churnMinimumRequests)),
                                 churn);
    churnNote->setWordWrap(true);
    auto *churnLayout = new QVBoxLayout(churn);
    churnLayout->addWidget(churnNote);
    churnLayout->addWidget(tableWithExport(m_churnModel, u"churnTable"_s, tr("churn-risks.csv"), churn), 1);

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(upsell, 1);
    layout->addWidget(churn, 1);
    return tab;
}

QWidget *InsightsPage::createCountriesTab()
{
    m_countriesStack = new QStackedWidget(this);
    m_countriesStack->setObjectName(u"countriesStack"_s);

    // Page 0: how to add a database.
    auto *help = new QWidget(m_countriesStack);
    m_countriesHelp = new QLabel(help);
    m_countriesHelp->setObjectName(u"countriesHelp"_s);
    m_countriesHelp->setWordWrap(true);
    m_countriesHelp->setTextFormat(Qt::RichText);
    m_countriesHelp->setOpenExternalLinks(true);
    m_countriesHelp->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_countriesHelp->setText(
        tr("<p><b>No GeoIP database is set</b>, so client addresses are not turned into countries.</p>"
           "<p>To add one, download a free country database in MaxMind DB format (a <tt>.mmdb</tt> file):</p>"
           "<ul>"
           "<li>DB-IP <i>IP to Country Lite</i> (free, CC BY 4.0, updated monthly): "
           "<a href=\"https://db-ip.com/db/download/ip-to-country-lite\">db-ip.com/db/download/ip-to-country-lite</a>"
           " (choose the MMDB format)</li>"
           "<li>MaxMind <i>GeoLite2 Country</i> (free account needed): "
           "<a href=\"https://dev.maxmind.com/geoip/geolite2-free-geolocation-data\">"
           "dev.maxmind.com/geoip/geolite2-free-geolocation-data</a></li>"
           "</ul>"
           "<p>Unpack it, then click <b>Choose .mmdb file…</b> below. The path is stored in the gateway's "
           "settings as <tt>geoip_database</tt> and applies to past traffic too, because client addresses are "
           "kept per day.</p>"));
    m_geoIpError = new QLabel(help);
    m_geoIpError->setObjectName(u"geoIpError"_s);
    m_geoIpError->setWordWrap(true);
    m_geoIpError->hide();
    auto *choose = new QPushButton(tr("Choose .mmdb file…"), help);
    choose->setObjectName(u"chooseGeoIpButton"_s);
    connect(choose, &QPushButton::clicked, this, &InsightsPage::askForGeoIpFile);
    auto *helpLayout = new QVBoxLayout(help);
    helpLayout->addWidget(m_countriesHelp);
    helpLayout->addWidget(m_geoIpError);
    helpLayout->addWidget(choose, 0, Qt::AlignLeft);
    helpLayout->addStretch(1);
    m_countriesStack->addWidget(help);

    // Page 1: the countries.
    auto *dataPage = new QWidget(m_countriesStack);
    m_geoIpSource = new QLabel(dataPage);
    m_geoIpSource->setObjectName(u"geoIpSource"_s);
    m_geoIpSource->setWordWrap(true);
    auto *change = new QPushButton(tr("Change database…"), dataPage);
    change->setObjectName(u"changeGeoIpButton"_s);
    connect(change, &QPushButton::clicked, this, &InsightsPage::askForGeoIpFile);
    m_countriesChart = new UsageChartView(dataPage);
    m_countriesChart->setObjectName(u"countriesChart"_s);
    m_countriesChart->setMinimumHeight(220);
    m_countriesModel->setHorizontalHeaderLabels(
        {tr("Country"), tr("Code"), tr("Requests"), tr("Users"), tr("Share of requests")});

    auto *source = new QHBoxLayout;
    source->addWidget(m_geoIpSource, 1);
    source->addWidget(change);
    auto *splitter = new QSplitter(Qt::Horizontal, dataPage);
    splitter->addWidget(m_countriesChart);
    splitter->addWidget(tableWithExport(m_countriesModel, u"countriesTable"_s, tr("countries.csv"), dataPage));
    splitter->setSizes({600, 600});
    auto *dataLayout = new QVBoxLayout(dataPage);
    dataLayout->addLayout(source);
    dataLayout->addWidget(splitter, 1);
    m_countriesStack->addWidget(dataPage);

    return m_countriesStack;
}

void InsightsPage::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock;
    m_range->setClock(std::move(clock));
}

QDateTime InsightsPage::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void InsightsPage::setTimeZone(const QTimeZone &zone)
{
    m_range->setTimeZone(zone);
}

UsageRangeSelector *InsightsPage::rangeSelector() const
{
    return m_range;
}

QTabWidget *InsightsPage::tabs() const
{
    return m_tabs;
}

PeakHoursHeatMap *InsightsPage::heatMap() const
{
    return m_heatMap;
}

UsageChartView *InsightsPage::languagesChart() const
{
    return m_languagesChart;
}

UsageChartView *InsightsPage::frameworksChart() const
{
    return m_frameworksChart;
}

UsageChartView *InsightsPage::countriesChart() const
{
    return m_countriesChart;
}

QStandardItemModel *InsightsPage::topicsModel() const
{
    return m_topicsModel;
}

QStandardItemModel *InsightsPage::upsellModel() const
{
    return m_upsellModel;
}

QStandardItemModel *InsightsPage::churnModel() const
{
    return m_churnModel;
}

QStandardItemModel *InsightsPage::countriesModel() const
{
    return m_countriesModel;
}

bool InsightsPage::showsGeoIpHelp() const
{
    return m_countriesStack->currentIndex() == 0;
}

void InsightsPage::refresh()
{
    ++m_generation;
    m_pending = 5;
    m_banner->dismiss();

    const Gateway::UsageFilter filter = m_range->filter();
    const quint64 generation = m_generation;
    const QDateTime current = now();
    const QTimeZone zone = m_range->timeZone();
    m_peakHoursCaption->setText(
        tr("Requests per weekday and hour of day in the chosen range, hours in %1. Hover a cell for its count.")
            .arg(QString::fromUtf8(zone.id())));

    const auto stale = [this, generation] { return generation != m_generation; };

    m_usage->run<QList<Gateway::TopicUsage>>(
        this, [filter](Gateway::UsageQueries &q) { return q.topics(filter); },
        [this, stale](const Gateway::Result<QList<Gateway::TopicUsage>> &result) {
            if (stale())
                return;
            if (result)
                showTopics(result.value());
            else
                showError(tr("languages and frameworks"), result.error());
            answerArrived();
        });

    m_usage->run<Gateway::PeakHours>(
        this, [filter](Gateway::UsageQueries &q) { return q.peakHours(filter); },
        [this, stale](const Gateway::Result<Gateway::PeakHours> &result) {
            if (stale())
                return;
            if (result)
                m_heatMap->setPeakHours(result.value());
            else
                showError(tr("peak hours"), result.error());
            answerArrived();
        });

    m_usage->run<QList<Gateway::UpsellCandidate>>(
        this, [current, zone](Gateway::UsageQueries &q) { return q.upsellCandidates(current, zone); },
        [this, stale](const Gateway::Result<QList<Gateway::UpsellCandidate>> &result) {
            if (stale())
                return;
            if (result)
                showUpsell(result.value());
            else
                showError(tr("upsell candidates"), result.error());
            answerArrived();
        });

    m_usage->run<QList<Gateway::ChurnRisk>>(
        this, [current](Gateway::UsageQueries &q) { return q.churnRisks(current, churnMinimumRequests); },
        [this, stale](const Gateway::Result<QList<Gateway::ChurnRisk>> &result) {
            if (stale())
                return;
            if (result)
                showChurn(result.value());
            else
                showError(tr("churn risks"), result.error());
            answerArrived();
        });

    const Gateway::StorageConfig config = m_usage->config();
    m_usage->run<CountriesAnswer>(
        this,
        [config, filter, geoIp = m_geoIp](Gateway::UsageQueries &q) -> Gateway::Result<CountriesAnswer> {
            Gateway::Result<QString> path = readGeoIpPath(config);
            if (!path)
                return path.error();

            CountriesAnswer answer;
            answer.path = path.value();
            if (answer.path.isEmpty())
                return answer;
            if (!geoIp->isOpen() || geoIp->path() != answer.path) {
                if (Gateway::Result<Gateway::Done> opened = geoIp->open(answer.path); !opened) {
                    answer.databaseError = opened.error().message();
                    return answer;
                }
            }
            Gateway::Result<QList<Gateway::CountryUsage>> countries = q.countries(filter, *geoIp);
            if (!countries)
                return countries.error();
            answer.countries = countries.value();
            return answer;
        },
        [this, stale](const Gateway::Result<CountriesAnswer> &result) {
            if (stale())
                return;
            if (result)
                showCountries(result.value());
            else
                showError(tr("countries"), result.error());
            answerArrived();
        });
}

void InsightsPage::answerArrived()
{
    if (--m_pending == 0)
        Q_EMIT refreshed();
}

void InsightsPage::showError(const QString &what, const Gateway::Error &error)
{
    qCWarning(lcInsightsPage).noquote() << "reading" << what << "failed:" << error.message();
    m_banner->showError(tr("Cannot read the %1: %2").arg(what, error.message()));
}

void InsightsPage::showTopics(const QList<Gateway::TopicUsage> &topics)
{
    QList<Gateway::TopicUsage> sorted = topics;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Gateway::TopicUsage &a, const Gateway::TopicUsage &b) {
        return a.requests() != b.requests() ? a.requests() > b.requests() : a.name < b.name;
    });

    m_topicsModel->removeRows(0, m_topicsModel->rowCount());
    for (const Gateway::TopicUsage &topic : std::as_const(sorted)) {
        const QString kind = topic.kind == "language"_L1 ? tr("Language") : tr("Framework");
        m_topicsModel->appendRow({new QStandardItem(kind), new QStandardItem(topic.name),
                                  numberItem(topic.fromContext), numberItem(topic.detected),
                                  numberItem(topic.requests())});
    }

    fitColumns(u"topicsTable"_s);
    showTopicChart(m_languagesChart, u"language"_s, sorted);
    showTopicChart(m_frameworksChart, u"framework"_s, sorted);
}

void InsightsPage::showTopicChart(UsageChartView *chart, const QString &kind,
                                  const QList<Gateway::TopicUsage> &topics)
{
    QStringList names;
    auto *context = new QBarSet(tr("Named by the client"));
    auto *detected = new QBarSet(tr("Detected in the prompt"));
    for (const Gateway::TopicUsage &topic : topics) {
        if (topic.kind != kind || names.size() >= maxChartTopics)
            continue;
        names.append(topic.name);
        context->append(double(topic.fromContext));
        detected->append(double(topic.detected));
    }

    auto *series = new QBarSeries;
    series->append(context);
    series->append(detected);
    chart->clearSeries();
    chart->setCategories(names);
    chart->setValueAxis(tr("Requests"), tr("requests"));
    chart->addSeries(series);
    chart->fitValueAxes();
}

void InsightsPage::fitColumns(const QString &tableName)
{
    if (auto *table = findChild<QTableView *>(tableName))
        table->resizeColumnsToContents();
}

void InsightsPage::showUpsell(const QList<Gateway::UpsellCandidate> &candidates)
{
    m_upsellModel->removeRows(0, m_upsellModel->rowCount());
    for (const Gateway::UpsellCandidate &candidate : candidates) {
        const QString reason = tr("Used %1 % or more of %2 on %3 of the last 7 days, at most %4 %.")
                                   .arg(80)
                                   .arg(candidate.limits.join(u", "_s))
                                   .arg(candidate.daysNearLimit)
                                   .arg(QLocale().toString(candidate.highestShare * 100.0, 'f', 0));
        m_upsellModel->appendRow({new QStandardItem(candidate.userName), new QStandardItem(candidate.tier),
                                  numberItem(candidate.daysNearLimit),
                                  new QStandardItem(candidate.limits.join(u", "_s)),
                                  percentItem(candidate.highestShare), new QStandardItem(reason)});
    }
    fitColumns(u"upsellTable"_s);
    m_tabs->setTabText(2, tr("Upsell and churn (%1)").arg(candidates.size() + m_churnModel->rowCount()));
}

void InsightsPage::showChurn(const QList<Gateway::ChurnRisk> &risks)
{
    const QLocale locale;
    m_churnModel->removeRows(0, m_churnModel->rowCount());
    for (const Gateway::ChurnRisk &risk : risks) {
        const QString reason = tr("Requests fell from %1 to %2 week over week.")
                                   .arg(locale.toString(risk.previousWeek), locale.toString(risk.lastWeek));
        m_churnModel->appendRow({new QStandardItem(risk.userName), new QStandardItem(risk.tier),
                                 numberItem(risk.previousWeek), numberItem(risk.lastWeek), percentItem(risk.drop()),
                                 new QStandardItem(reason)});
    }
    fitColumns(u"churnTable"_s);
    m_tabs->setTabText(2, tr("Upsell and churn (%1)").arg(m_upsellModel->rowCount() + risks.size()));
}

void InsightsPage::showCountries(const CountriesAnswer &answer)
{
    if (answer.path.isEmpty() || !answer.databaseError.isEmpty()) {
        m_countriesStack->setCurrentIndex(0);
        m_geoIpError->setVisible(!answer.databaseError.isEmpty());
        m_geoIpError->setText(tr("The configured database %1 cannot be used: %2")
                                  .arg(answer.path.toHtmlEscaped(), answer.databaseError.toHtmlEscaped()));
        return;
    }

    m_countriesStack->setCurrentIndex(1);
    m_geoIpSource->setText(tr("Countries from %1.").arg(answer.path));

    qint64 total = 0;
    for (const Gateway::CountryUsage &country : answer.countries)
        total += country.requests;

    QList<Gateway::CountryUsage> sorted = answer.countries;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Gateway::CountryUsage &a, const Gateway::CountryUsage &b) { return a.requests > b.requests; });

    m_countriesModel->removeRows(0, m_countriesModel->rowCount());
    QStringList codes;
    auto *requests = new QBarSet(tr("Requests"));
    for (const Gateway::CountryUsage &country : std::as_const(sorted)) {
        const QString name = country.isoCode.isEmpty() ? tr("Unknown")
                             : country.name.isEmpty()  ? country.isoCode
                                                       : country.name;
        m_countriesModel->appendRow({new QStandardItem(name), new QStandardItem(country.isoCode),
                                     numberItem(country.requests), numberItem(country.users),
                                     percentItem(total > 0 ? double(country.requests) / double(total) : 0.0)});
        if (codes.size() < maxChartCountries) {
            codes.append(country.isoCode.isEmpty() ? tr("Unknown") : country.isoCode);
            requests->append(double(country.requests));
        }
    }

    fitColumns(u"countriesTable"_s);

    auto *series = new QBarSeries;
    series->append(requests);
    m_countriesChart->clearSeries();
    m_countriesChart->setCategories(codes, tr("Country"));
    m_countriesChart->setValueAxis(tr("Requests in the range"), tr("requests"));
    m_countriesChart->addSeries(series);
    m_countriesChart->fitValueAxes();
}

void InsightsPage::askForGeoIpFile()
{
    auto *dialog = new QFileDialog(this, tr("Choose a GeoIP country database"), QString(),
                                   tr("MaxMind DB files (*.mmdb)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &InsightsPage::setGeoIpDatabasePath);
    dialog->open();
}

void InsightsPage::setGeoIpDatabasePath(const QString &path)
{
    const Gateway::StorageConfig config = m_usage->config();
    // A null QString would be stored as SQL NULL, which the settings table
    // rejects; an empty one removes the setting.
    const QString value = path.isNull() ? u""_s : path;
    m_usage->run<Gateway::Done>(
        this, [config, value](Gateway::UsageQueries &) { return writeGeoIpPath(config, value); },
        [this, path](const Gateway::Result<Gateway::Done> &result) {
            if (!result) {
                qCWarning(lcInsightsPage).noquote() << "cannot set the GeoIP database:" << result.error().message();
                m_banner->showError(tr("The GeoIP database was not set: %1").arg(result.error().message()));
                return;
            }
            qCInfo(lcInsightsPage).noquote() << "GeoIP database set to" << path;
            Q_EMIT geoIpDatabaseSaved(path);
            refresh();
        });
}

} // namespace Console
