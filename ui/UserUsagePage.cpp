// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserUsagePage.h"

#include "GatewayController.h"
#include "MessageBanner.h"
#include "SearchComboBox.h"
#include "TableCsvExport.h"
#include "UsageChartView.h"
#include "UsageMetric.h"
#include "UsageRangeSelector.h"
#include "UsageReport.h"
#include "UsageService.h"
#include "UsageStack.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcUserUsagePage, "soulfra.ui.userusagepage")

// Users with traffic are looked up in the rollups since this date, so the
// list is complete while the gateway is stopped too.
const QDate firstUsageDay(2000, 1, 1);
constexpr int reportMonths = 24; // months offered for a report, newest first

QString limitName(const QString &limit)
{
    if (limit == "calls_per_day"_L1)
        return UserUsagePage::tr("Calls per day");
    if (limit == "generations_per_month"_L1)
        return UserUsagePage::tr("Generations per month");
    if (limit == "brands_per_month"_L1)
        return UserUsagePage::tr("Brands per month");
    if (limit == "requests_per_minute"_L1)
        return UserUsagePage::tr("Requests per minute");
    if (limit == "tokens_per_day"_L1)
        return UserUsagePage::tr("Tokens per day");
    if (limit == "tokens_per_month"_L1)
        return UserUsagePage::tr("Tokens per month");
    if (limit == "concurrent_streams"_L1)
        return UserUsagePage::tr("Open streams");
    return limit;
}

QString keyStatus(const Gateway::KeyRecord &key, const QDateTime &now)
{
    if (key.revokedAt.isValid())
        return UserUsagePage::tr("Revoked");
    if (key.expiresAt.isValid() && key.expiresAt <= now)
        return UserUsagePage::tr("Expired");
    return UserUsagePage::tr("Active");
}

QStandardItem *numberItem(qint64 value)
{
    auto *item = new QStandardItem(QLocale().toString(value));
    item->setData(value, Qt::UserRole);
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

} // namespace

UserUsagePage::UserUsagePage(Gateway::UsageService *usage, Gateway::GatewayController *controller, QWidget *parent)
    : QWidget(parent)
    , m_usage(usage)
    , m_controller(controller)
    , m_productName(tr("Soulfra Gateway"))
    , m_banner(new MessageBanner(this))
    , m_usageModel(new QStandardItemModel(this))
    , m_keysModel(new QStandardItemModel(this))
{
    Q_ASSERT(m_usage != nullptr);
    m_banner->setObjectName(u"userUsageBanner"_s);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createUsageTabs());
    auto *lower = new QSplitter(Qt::Horizontal, splitter);
    lower->addWidget(createLimits());
    lower->addWidget(createKeys());
    lower->setStretchFactor(0, 2);
    lower->setStretchFactor(1, 3);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(createToolBar());
    layout->addWidget(splitter, 1);

    connectController();
    loadUserNames();
}

UserUsagePage::~UserUsagePage() = default;

QWidget *UserUsagePage::createToolBar()
{
    auto *bar = new QWidget(this);

    m_user = new SearchComboBox(tr("Type to search users"), 16, bar);
    m_user->setObjectName(u"userCombo"_s);
    connect(m_user, &QComboBox::currentIndexChanged, this, &UserUsagePage::refresh);

    m_range = new UsageRangeSelector(bar);
    connect(m_range, &UsageRangeSelector::changed, this, &UserUsagePage::refresh);

    m_metric = new QComboBox(bar);
    m_metric->setObjectName(u"metricCombo"_s);
    UsageMetric::fillComboBox(m_metric);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &UserUsagePage::replot);

    m_refreshButton = new QPushButton(tr("&Refresh"), bar);
    m_refreshButton->setObjectName(u"refreshUsageButton"_s);
    connect(m_refreshButton, &QPushButton::clicked, this, &UserUsagePage::refresh);

    m_reportButton = new QPushButton(tr("Monthly report (PDF)…"), bar);
    m_reportButton->setObjectName(u"reportButton"_s);
    m_reportButton->setToolTip(tr("Write the selected user's usage in one month as a PDF for invoicing."));
    connect(m_reportButton, &QPushButton::clicked, this, &UserUsagePage::askForReportMonth);

    auto *userLabel = new QLabel(tr("&User:"), bar);
    userLabel->setBuddy(m_user);
    auto *metricLabel = new QLabel(tr("&Show:"), bar);
    metricLabel->setBuddy(m_metric);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(userLabel);
    layout->addWidget(m_user);
    layout->addSpacing(12);
    layout->addWidget(m_range);
    layout->addSpacing(12);
    layout->addWidget(metricLabel);
    layout->addWidget(m_metric);
    layout->addStretch(1);
    layout->addWidget(m_refreshButton);
    layout->addWidget(m_reportButton);
    return bar;
}

QWidget *UserUsagePage::createUsageTabs()
{
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"usageTabs"_s);

    m_chart = new UsageChartView(tabs);
    m_chart->setObjectName(u"usageChart"_s);
    m_chart->setMinimumHeight(260);
    tabs->addTab(m_chart, tr("Chart"));

    m_usageModel->setHorizontalHeaderLabels({tr("Period"), tr("Model"), tr("Requests"), tr("Generations"),
                                             tr("Prompt tokens"), tr("Completion tokens"), tr("Failed requests")});
    auto *tablePanel = new QWidget(tabs);
    m_usageTable = createTable(m_usageModel, u"usageTable"_s, tablePanel);
    auto *exportButton = TableCsvExport::createButton(m_usageModel, tr("user-usage.csv"), tablePanel);
    exportButton->setObjectName(u"exportUsageButton"_s);
    auto *layout = new QVBoxLayout(tablePanel);
    layout->addWidget(m_usageTable, 1);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    tabs->addTab(tablePanel, tr("Table"));
    return tabs;
}

QWidget *UserUsagePage::createLimits()
{
    auto *box = new QGroupBox(tr("Use of the tier's limits"), this);
    box->setObjectName(u"limitsBox"_s);
    m_limitsLayout = new QFormLayout(box);
    m_limitsTitle = new QLabel(tr("Select a user."), box);
    m_limitsTitle->setObjectName(u"limitsTitle"_s);
    m_limitsTitle->setWordWrap(true);
    m_limitsLayout->addRow(m_limitsTitle);
    return box;
}

QWidget *UserUsagePage::createKeys()
{
    auto *box = new QGroupBox(tr("Keys and their last use"), this);
    m_keysModel->setHorizontalHeaderLabels(
        {tr("Key ID"), tr("Hint"), tr("Label"), tr("Tier"), tr("Status"), tr("Last used"), tr("Last address")});
    m_keysTable = createTable(m_keysModel, u"userKeysTable"_s, box);
    auto *exportButton = TableCsvExport::createButton(m_keysModel, tr("user-keys.csv"), box);
    exportButton->setObjectName(u"exportKeysButton"_s);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_keysTable, 1);
    layout->addWidget(exportButton, 0, Qt::AlignRight);
    return box;
}

void UserUsagePage::connectController()
{
    if (!m_controller)
        return;
    using Controller = Gateway::GatewayController;
    connect(m_controller, &Controller::usersListed, this, &UserUsagePage::setUsers);
    connect(m_controller, &Controller::keysListed, this, &UserUsagePage::setKeys);
    m_range->setTimeZone(m_controller->config().limitTimeZone);
}

void UserUsagePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);

    // Keys' last use changes all the time; ask for a fresh list on each visit.
    if (m_controller && m_controller->state() == Gateway::GatewayController::State::Running) {
        m_range->setTimeZone(m_controller->config().limitTimeZone);
        m_controller->requestUsers();
        m_controller->requestKeys();
    }

    // Traffic arrives while the page is hidden, and the rollups are cheap
    // to read again, so every visit shows the current figures.
    loadUserNames();
    refresh();
}

void UserUsagePage::setClock(std::function<QDateTime()> clock)
{
    m_clock = clock;
    m_range->setClock(std::move(clock));
}

QDateTime UserUsagePage::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void UserUsagePage::setTimeZone(const QTimeZone &zone)
{
    m_range->setTimeZone(zone);
}

void UserUsagePage::setProductName(const QString &name)
{
    m_productName = name;
}

QString UserUsagePage::productName() const
{
    return m_productName;
}

QString UserUsagePage::selectedUser() const
{
    return m_user->currentIndex() >= 0 ? m_user->currentText() : QString();
}

UsageRangeSelector *UserUsagePage::rangeSelector() const
{
    return m_range;
}

UsageChartView *UserUsagePage::chartView() const
{
    return m_chart;
}

void UserUsagePage::loadUserNames()
{
    Gateway::UsageFilter filter;
    filter.from = QDateTime(firstUsageDay, QTime(0, 0), QTimeZone::utc());
    filter.to = now().addDays(1);
    // Only the names are needed, ordered by requests, and this runs on every visit.
    filter.measures = Gateway::UsageMeasure::Requests;
    m_usage->run<QList<Gateway::UsageRow>>(
        this, [filter](Gateway::UsageQueries &q) { return q.totals(filter, Gateway::UsageSplit::ByUser); },
        [this](const Gateway::Result<QList<Gateway::UsageRow>> &result) {
            if (!result) {
                qCWarning(lcUserUsagePage).noquote() << "cannot list users with traffic:" << result.error().message();
                return;
            }
            QStringList names;
            for (const Gateway::UsageRow &row : result.value())
                if (!row.userName.isEmpty())
                    names.append(row.userName);
            mergeUserNames(names);
        });
}

void UserUsagePage::setUsers(const QList<Gateway::UserRecord> &users)
{
    QStringList names;
    for (const Gateway::UserRecord &user : users)
        names.append(user.name);
    mergeUserNames(names);
}

void UserUsagePage::mergeUserNames(const QStringList &names)
{
    const QString selected = selectedUser();
    for (const QString &name : names)
        if (!m_knownUsers.contains(name))
            m_knownUsers.append(name);
    m_knownUsers.sort(Qt::CaseInsensitive);

    {
        const QSignalBlocker blocker(m_user);
        m_user->clear();
        m_user->addItems(m_knownUsers);
        m_user->setCurrentIndex(m_user->findText(selected));
    }

    // The first list selects a user, so the page never opens empty.
    if (selected.isEmpty() && !m_knownUsers.isEmpty())
        m_user->setCurrentIndex(0);
}

void UserUsagePage::selectUser(const QString &userName)
{
    if (!m_knownUsers.contains(userName))
        mergeUserNames({userName});
    const int index = m_user->findText(userName);
    if (index == m_user->currentIndex())
        refresh();
    else
        m_user->setCurrentIndex(index);
}

void UserUsagePage::setKeys(const QList<Gateway::KeyRecord> &keys)
{
    m_keys = keys;
    fillKeys();
}

void UserUsagePage::refresh()
{
    const QString user = selectedUser();
    ++m_generation;
    m_reportButton->setEnabled(!user.isEmpty());
    fillKeys();
    if (user.isEmpty()) {
        m_rows.clear();
        clearLimits();
        replot();
        m_pending = 0;
        return;
    }

    m_banner->dismiss();
    m_filter = m_range->filter();
    m_filter.userName = user;
    const Gateway::UsageFilter filter = m_filter;
    const quint64 generation = m_generation;
    const QDateTime current = now();
    const QTimeZone zone = m_range->timeZone();
    m_pending = 2;

    m_usage->run<QList<Gateway::UsageRow>>(
        this, [filter](Gateway::UsageQueries &q) { return q.series(filter, Gateway::UsageSplit::ByModel); },
        [this, generation](const Gateway::Result<QList<Gateway::UsageRow>> &result) {
            if (generation != m_generation)
                return;
            showSeries(result);
            answerArrived();
        });
    m_usage->run<QList<Gateway::LimitUsage>>(
        this, [user, current, zone](Gateway::UsageQueries &q) { return q.limitUsage(user, current, zone); },
        [this, generation](const Gateway::Result<QList<Gateway::LimitUsage>> &result) {
            if (generation != m_generation)
                return;
            showLimits(result);
            answerArrived();
        });
}

void UserUsagePage::answerArrived()
{
    if (--m_pending == 0)
        Q_EMIT refreshed();
}

void UserUsagePage::showSeries(const Gateway::Result<QList<Gateway::UsageRow>> &result)
{
    if (!result) {
        qCWarning(lcUserUsagePage).noquote() << "usage of" << m_filter.userName
                                             << "failed:" << result.error().message();
        m_banner->showError(tr("Cannot read the usage of %1: %2").arg(m_filter.userName, result.error().message()));
        m_rows.clear();
    } else {
        m_rows = result.value();
    }
    replot();
    fillUsageTable();
}

void UserUsagePage::replot()
{
    const auto metric = UsageMetric::Kind(m_metric->currentData().toInt());
    const UsageStack stack = UsageStack::build(
        m_rows, m_filter, metric,
        [](const Gateway::UsageRow &row) { return row.model.isEmpty() ? tr("(no model)") : row.model; }, maxModels);

    const QString periodTitle = m_filter.period == Gateway::UsagePeriod::Hour  ? tr("Hour")
                                : m_filter.period == Gateway::UsagePeriod::Month ? tr("Month")
                                                                                 : tr("Day");
    stack.showIn(m_chart, metric, m_filter.period, periodTitle);
    m_chart->setTitle(m_filter.userName.isEmpty() ? QString()
                                                  : tr("%1 of %2 by model").arg(UsageMetric::name(metric),
                                                                                m_filter.userName));
}

void UserUsagePage::fillUsageTable()
{
    m_usageModel->removeRows(0, m_usageModel->rowCount());
    for (const Gateway::UsageRow &row : std::as_const(m_rows)) {
        auto *period = new QStandardItem(UsageChartView::periodText(row.periodStart, m_filter.period));
        period->setData(row.periodStart, Qt::UserRole);
        m_usageModel->appendRow({period, new QStandardItem(row.model), numberItem(row.requests),
                                 numberItem(row.generations), numberItem(row.promptTokens),
                                 numberItem(row.completionTokens), numberItem(row.errors.total())});
    }
    m_usageTable->resizeColumnsToContents();
}

void UserUsagePage::clearLimits()
{
    while (m_limitsLayout->rowCount() > 1)
        m_limitsLayout->removeRow(1);
    m_limitsTitle->setText(selectedUser().isEmpty() ? tr("Select a user.") : QString());
}

void UserUsagePage::showLimits(const Gateway::Result<QList<Gateway::LimitUsage>> &result)
{
    clearLimits();
    if (!result) {
        qCWarning(lcUserUsagePage).noquote() << "limits of" << m_filter.userName
                                             << "failed:" << result.error().message();
        m_limitsTitle->setText(tr("Cannot read the limits: %1").arg(result.error().message()));
        return;
    }

    const QList<Gateway::LimitUsage> &limits = result.value();
    m_limitsTitle->setText(limits.isEmpty() ? tr("%1 has no limits.").arg(m_filter.userName)
                                            : tr("Use in the current window of each limit."));
    const QLocale locale;
    for (int i = 0; i < limits.size(); ++i) {
        const Gateway::LimitUsage &limit = limits[i];
        auto *bar = new QProgressBar;
        bar->setObjectName(u"limitBar"_s + QString::number(i));
        bar->setTextVisible(true);
        bar->setProperty("limit", limit.limit);
        if (!limit.allowed) {
            bar->setRange(0, 1);
            bar->setValue(0);
            bar->setFormat(tr("%1 used (unlimited)").arg(locale.toString(limit.used)));
        } else {
            // QProgressBar takes int; a limit beyond its range is scaled down.
            const qint64 allowed = std::max<qint64>(1, *limit.allowed);
            const double scale = allowed > std::numeric_limits<int>::max()
                                     ? double(allowed) / std::numeric_limits<int>::max()
                                     : 1.0;
            bar->setRange(0, int(double(allowed) / scale));
            bar->setValue(int(double(std::min(limit.used, allowed)) / scale));
            bar->setFormat(tr("%1 of %2").arg(locale.toString(limit.used), locale.toString(*limit.allowed)));
        }
        if (limit.windowStart.isValid())
            bar->setToolTip(tr("Counted since %1")
                                .arg(locale.toString(limit.windowStart.toTimeZone(m_range->timeZone()),
                                                     QLocale::ShortFormat)));
        auto *label = new QLabel(limitName(limit.limit) + u':');
        label->setObjectName(u"limitLabel"_s + QString::number(i));
        m_limitsLayout->addRow(label, bar);
    }
}

void UserUsagePage::fillKeys()
{
    const QString user = selectedUser();
    const QLocale locale;
    const QDateTime current = now();
    m_keysModel->removeRows(0, m_keysModel->rowCount());
    for (const Gateway::KeyRecord &key : std::as_const(m_keys)) {
        if (key.userName != user)
            continue;
        auto *lastUsed = new QStandardItem(key.lastUsedAt.isValid()
                                               ? locale.toString(key.lastUsedAt.toLocalTime(), QLocale::ShortFormat)
                                               : tr("never"));
        lastUsed->setData(key.lastUsedAt, Qt::UserRole);
        m_keysModel->appendRow({new QStandardItem(key.id), new QStandardItem(key.hint), new QStandardItem(key.label),
                                new QStandardItem(key.tier), new QStandardItem(keyStatus(key, current)), lastUsed,
                                new QStandardItem(key.lastUsedAddress.isEmpty() ? tr("unknown")
                                                                                : key.lastUsedAddress)});
    }
    m_keysTable->resizeColumnsToContents();
}

void UserUsagePage::askForReportMonth()
{
    const QString user = selectedUser();
    if (user.isEmpty())
        return;

    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"reportMonthDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Monthly usage report"));

    auto *month = new QComboBox(dialog);
    month->setObjectName(u"reportMonth"_s);
    const QLocale locale;
    const QDate thisMonth = now().toTimeZone(m_range->timeZone()).date();
    const QDate first(thisMonth.year(), thisMonth.month(), 1);
    for (int i = 0; i < reportMonths; ++i) {
        const QDate m = first.addMonths(-i);
        month->addItem(locale.standaloneMonthName(m.month()) + u' ' + QString::number(m.year()), m);
    }
    month->setCurrentIndex(1); // invoices are usually for the month that ended

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose file…"));
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this,
            [this, month] { askForReportPath(month->currentData().toDate()); });

    auto *form = new QFormLayout(dialog);
    form->addRow(new QLabel(tr("Usage report of %1 as PDF.").arg(user), dialog));
    form->addRow(tr("&Month:"), month);
    form->addRow(buttons);
    dialog->open();
}

void UserUsagePage::askForReportPath(const QDate &month)
{
    auto *dialog = new QFileDialog(this, tr("Save usage report"), QString(), tr("PDF documents (*.pdf)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"pdf"_s);
    dialog->selectFile(tr("usage-%1-%2.pdf").arg(selectedUser(), month.toString(u"yyyy-MM"_s)));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, month](const QString &path) { writeMonthlyReport(month, path); });
    dialog->open();
}

void UserUsagePage::writeMonthlyReport(const QDate &month, const QString &path)
{
    const QString user = selectedUser();
    if (user.isEmpty()) {
        Q_EMIT reportFailed(tr("Select a user first."));
        return;
    }

    const QString product = m_productName;
    const QTimeZone zone = m_range->timeZone();
    const QDateTime current = now();
    m_reportButton->setEnabled(false);
    m_usage->run<UsageReportData>(
        this,
        [product, user, month, zone, current](Gateway::UsageQueries &q) {
            return UsageReport::gather(q, product, user, month, zone, current);
        },
        [this, path](const Gateway::Result<UsageReportData> &result) {
            m_reportButton->setEnabled(!selectedUser().isEmpty());
            QString error;
            if (!result) {
                error = result.error().message();
            } else {
                UsageReport report(result.value());
                if (const auto written = report.writePdf(path); !written)
                    error = written.error().message();
            }

            if (!error.isEmpty()) {
                qCWarning(lcUserUsagePage).noquote() << "usage report failed:" << error;
                m_banner->showError(tr("The report was not written: %1").arg(error));
                Q_EMIT reportFailed(error);
                return;
            }
            m_banner->showInformation(tr("Wrote the report to %1.").arg(path));
            Q_EMIT reportWritten(path);
        });
}

} // namespace Console
