// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsersPage.h"

#include "LimitText.h"
#include "MessageBanner.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcUsersPage, "soulfra.ui.userspage")

constexpr int usageRefreshMs = 2000;
constexpr qsizetype maxUserNameLength = 64;

enum Column { NameColumn, TierColumn, StatusColumn, EmailColumn, GithubColumn, TrialColumn, ColumnCount };

QString timeText(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

UsersPage::UsersPage(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_search(new QLineEdit(this))
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_usageTimer(new QTimer(this))
{
    m_overrides = {
        {tr("API calls per day"), &Gateway::UserRecord::callsPerDay},
        {tr("Generations per month"), &Gateway::UserRecord::generationsPerMonth},
        {tr("Brands per month"), &Gateway::UserRecord::brandsPerMonth},
        {tr("Requests per minute"), &Gateway::UserRecord::requestsPerMinute},
        {tr("Tokens per day"), &Gateway::UserRecord::tokensPerDay},
        {tr("Tokens per month"), &Gateway::UserRecord::tokensPerMonth},
        {tr("Concurrent streams"), &Gateway::UserRecord::concurrentStreams},
    };

    m_banner->setObjectName(u"usersBanner"_s);
    m_search->setObjectName(u"userSearch"_s);
    m_search->setPlaceholderText(tr("Search users by name, tier, status, email or GitHub login"));
    m_search->setClearButtonEnabled(true);

    m_model->setHorizontalHeaderLabels({tr("User"), tr("Tier"), tr("Status"), tr("Email"), tr("GitHub"), tr("Trial ends")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(u"userTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QString name = selectedUserName();
        if (!name.isEmpty())
            loadUser(name);
    });

    m_newButton = new QPushButton(tr("&New user"), this);
    m_newButton->setObjectName(u"newUserButton"_s);
    m_suspendButton = new QPushButton(tr("S&uspend"), this);
    m_suspendButton->setObjectName(u"suspendUserButton"_s);
    m_suspendButton->setEnabled(false);
    connect(m_newButton, &QPushButton::clicked, this, &UsersPage::newUser);
    connect(m_suspendButton, &QPushButton::clicked, this, &UsersPage::toggleSuspended);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_search, 1);
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_suspendButton);

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(listButtons);
    listLayout->addWidget(m_table, 1);

    auto *detailScroll = new QScrollArea(this);
    detailScroll->setWidgetResizable(true);
    detailScroll->setWidget(createDetail());

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listSide);
    splitter->addWidget(detailScroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    m_usageTimer->setInterval(usageRefreshMs);
    connect(m_usageTimer, &QTimer::timeout, this, &UsersPage::refreshUsage);
    m_usageTimer->start();
}

UsersPage::~UsersPage() = default;

QWidget *UsersPage::createDetail()
{
    auto *detail = new QWidget(this);
    detail->setObjectName(u"userDetail"_s);
    auto *form = new QFormLayout;

    m_name = new QLineEdit(detail);
    m_name->setObjectName(u"userName"_s);
    form->addRow(tr("&Name:"), m_name);
    m_tier = new QComboBox(detail);
    m_tier->setObjectName(u"userTier"_s);
    form->addRow(tr("&Tier:"), m_tier);
    m_status = new QComboBox(detail);
    m_status->setObjectName(u"userStatus"_s);
    m_status->addItem(tr("active"), u"active"_s);
    m_status->addItem(tr("suspended"), u"suspended"_s);
    form->addRow(tr("&Status:"), m_status);
    m_email = new QLineEdit(detail);
    m_email->setObjectName(u"userEmail"_s);
    form->addRow(tr("&Email:"), m_email);
    m_github = new QLineEdit(detail);
    m_github->setObjectName(u"userGithub"_s);
    form->addRow(tr("&GitHub login:"), m_github);
    m_trialEnds = new QLabel(detail);
    m_trialEnds->setObjectName(u"userTrialEnds"_s);
    form->addRow(tr("Trial ends:"), m_trialEnds);

    auto *overrides = new QGroupBox(tr("Limits of this user (empty: the tier's)"), detail);
    auto *overrideForm = new QFormLayout(overrides);
    for (OverrideField &field : m_overrides) {
        field.edit = new QLineEdit(overrides);
        field.edit->setObjectName(u"userOverride"_s + QString::number(&field - m_overrides.data()));
        field.edit->setPlaceholderText(tr("tier's value"));
        overrideForm->addRow(field.label + u':', field.edit);
    }
    m_models = new QLineEdit(overrides);
    m_models->setObjectName(u"userModels"_s);
    m_models->setPlaceholderText(tr("tier's models"));
    overrideForm->addRow(tr("Models:"), m_models);

    m_error = new QLabel(detail);
    m_error->setObjectName(u"userError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Qt::darkRed);
    m_error->setPalette(errorPalette);

    m_saveButton = new QPushButton(tr("Sa&ve user"), detail);
    m_saveButton->setObjectName(u"saveUserButton"_s);
    connect(m_saveButton, &QPushButton::clicked, this, &UsersPage::save);
    m_exportButton = new QPushButton(tr("E&xport data…"), detail);
    m_exportButton->setObjectName(u"exportUserDataButton"_s);
    m_exportButton->setEnabled(false);
    connect(m_exportButton, &QPushButton::clicked, this, &UsersPage::exportData);
    m_deleteButton = new QPushButton(tr("&Delete with all data…"), detail);
    m_deleteButton->setObjectName(u"deleteUserDataButton"_s);
    m_deleteButton->setEnabled(false);
    connect(m_deleteButton, &QPushButton::clicked, this, &UsersPage::deleteData);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_deleteButton);
    buttons->addStretch(1);
    buttons->addWidget(m_saveButton);

    m_keyList = new QListWidget(detail);
    m_keyList->setObjectName(u"userKeys"_s);
    m_keyList->setMaximumHeight(fontMetrics().lineSpacing() * 6);

    auto *layout = new QVBoxLayout(detail);
    layout->addLayout(form);
    layout->addWidget(overrides);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Keys:"), detail));
    layout->addWidget(m_keyList);
    layout->addWidget(createUsage());
    layout->addStretch(1);
    return detail;
}

QWidget *UsersPage::createUsage()
{
    auto *box = new QGroupBox(tr("Use of the limits"), this);
    box->setObjectName(u"userUsage"_s);
    auto *form = new QFormLayout(box);
    m_usageTitle = new QLabel(box);
    m_usageTitle->setObjectName(u"userUsageTitle"_s);
    form->addRow(m_usageTitle);

    const QStringList labels{tr("Calls today"), tr("Generations this month"), tr("Brands this month"),
                             tr("Requests in the last minute"), tr("Tokens today"), tr("Tokens this month"),
                             tr("Open streams")};
    for (const QString &label : labels) {
        auto *bar = new QProgressBar(box);
        bar->setObjectName(u"usageBar"_s + QString::number(m_bars.size()));
        bar->setTextVisible(true);
        m_bars.append({label, bar});
        form->addRow(label + u':', bar);
    }
    return box;
}

void UsersPage::setUsageProvider(UsageProvider provider)
{
    m_usage = std::move(provider);
    refreshUsage();
}

void UsersPage::setUsers(const QList<Gateway::UserRecord> &users)
{
    m_users = users;
    fillTable();

    const QString wanted = !m_toSelect.isEmpty() ? m_toSelect : m_editing;
    if (!wanted.isEmpty())
        selectUser(wanted);
    m_toSelect.clear();
}

void UsersPage::fillTable()
{
    const QSignalBlocker blocker(m_table->selectionModel());
    m_model->setRowCount(0);
    for (const Gateway::UserRecord &user : std::as_const(m_users)) {
        QList<QStandardItem *> row;
        row << new QStandardItem(user.name) << new QStandardItem(user.tier) << new QStandardItem(user.status)
            << new QStandardItem(user.email) << new QStandardItem(user.githubLogin)
            << new QStandardItem(timeText(user.trialEndsAt));
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
}

void UsersPage::setTiers(const QList<Gateway::TierRecord> &tiers)
{
    const QString current = m_tier->currentText();
    m_tier->clear();
    for (const Gateway::TierRecord &tier : tiers)
        m_tier->addItem(tier.name);
    m_tier->setCurrentIndex(qMax(0, m_tier->findText(current)));
}

void UsersPage::setKeys(const QList<Gateway::KeyRecord> &keys)
{
    m_keys = keys;
    showKeysOf(m_editing);
}

QString UsersPage::selectedUserName() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return {};
    return m_proxy->index(current.row(), NameColumn).data().toString();
}

void UsersPage::selectUser(const QString &name)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, NameColumn);
        if (index.data().toString() == name) {
            m_table->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            loadUser(name);
            return;
        }
    }
}

void UsersPage::loadUser(const QString &name)
{
    for (const Gateway::UserRecord &user : std::as_const(m_users)) {
        if (user.name != name)
            continue;

        m_editing = name;
        m_name->setText(user.name);
        m_name->setReadOnly(true);
        m_tier->setCurrentIndex(qMax(0, m_tier->findText(user.tier)));
        m_status->setCurrentIndex(qMax(0, m_status->findData(user.status)));
        m_email->setText(user.email);
        m_github->setText(user.githubLogin);
        m_trialEnds->setText(user.trialEndsAt.isValid() ? timeText(user.trialEndsAt) : tr("no trial"));
        for (const OverrideField &field : std::as_const(m_overrides)) {
            const std::optional<qint64> value = user.*field.field;
            field.edit->setText(!value ? QString()
                                       : *value == Gateway::UserRecord::unlimitedOverride ? u"unlimited"_s
                                                                                          : QString::number(*value));
        }
        m_models->setText(user.modelPatterns.join(u", "_s));
        m_error->clear();
        m_suspendButton->setEnabled(true);
        m_suspendButton->setText(user.status == u"suspended"_s ? tr("Acti&vate") : tr("S&uspend"));
        m_exportButton->setEnabled(true);
        m_deleteButton->setEnabled(true);
        showKeysOf(name);
        refreshUsage();
        return;
    }
}

void UsersPage::showKeysOf(const QString &name)
{
    m_keyList->clear();
    for (const Gateway::KeyRecord &key : std::as_const(m_keys)) {
        if (key.userName != name)
            continue;
        QString text = key.id + u"  "_s + key.hint + u"  "_s + key.tier;
        if (!key.label.isEmpty())
            text += u"  "_s + key.label;
        if (key.revokedAt.isValid())
            text += u"  "_s + tr("(revoked)");
        else if (key.expiresAt.isValid() && key.expiresAt <= QDateTime::currentDateTimeUtc())
            text += u"  "_s + tr("(expired)");
        m_keyList->addItem(text);
    }
    if (!name.isEmpty() && m_keyList->count() == 0)
        m_keyList->addItem(tr("No keys yet; issue one on the Keys page."));
}

void UsersPage::showBar(QProgressBar *bar, qint64 used, const std::optional<qint64> &limit)
{
    if (!limit) {
        bar->setRange(0, 1);
        bar->setValue(0);
        bar->setFormat(tr("%1 (unlimited)").arg(used));
        return;
    }

    // QProgressBar takes int; a limit above that range is scaled down.
    const double scale = *limit > std::numeric_limits<int>::max() ? double(*limit) / std::numeric_limits<int>::max() : 1.0;
    bar->setRange(0, int(double(qMax<qint64>(1, *limit)) / scale));
    bar->setValue(int(double(qMin(used, *limit)) / scale));
    bar->setFormat(tr("%1 of %2").arg(used).arg(*limit));
}

void UsersPage::refreshUsage()
{
    if (m_editing.isEmpty() || !m_usage) {
        m_usageTitle->setText(m_editing.isEmpty() ? tr("Select a user.") : tr("Start the gateway to see usage."));
        for (const UsageBar &bar : std::as_const(m_bars)) {
            bar.bar->setRange(0, 1);
            bar.bar->setValue(0);
            bar.bar->setFormat(u"-"_s);
        }
        return;
    }

    const Gateway::UsageSnapshot usage = m_usage(m_editing);
    const Gateway::EffectiveLimits &limits = usage.limits;
    m_usageTitle->setText(tr("Limits of tier %1%2").arg(limits.tier, limits.suspended ? tr(", suspended") : QString()));
    showBar(m_bars.at(0).bar, usage.callsToday, limits.callsPerDay);
    showBar(m_bars.at(1).bar, usage.generationsThisMonth, limits.generationsPerMonth);
    showBar(m_bars.at(2).bar, usage.brandsThisMonth, limits.brandsPerMonth);
    showBar(m_bars.at(3).bar, usage.requestsLastMinute, limits.requestsPerMinute);
    showBar(m_bars.at(4).bar, usage.tokensToday, limits.tokensPerDay);
    showBar(m_bars.at(5).bar, usage.tokensThisMonth, limits.tokensPerMonth);
    showBar(m_bars.at(6).bar, usage.openStreams, limits.concurrentStreams);
}

void UsersPage::newUser()
{
    m_editing.clear();
    m_table->clearSelection();
    m_name->clear();
    m_name->setReadOnly(false);
    m_status->setCurrentIndex(0);
    m_email->clear();
    m_github->clear();
    m_trialEnds->clear();
    for (const OverrideField &field : std::as_const(m_overrides))
        field.edit->clear();
    m_models->clear();
    m_error->clear();
    m_keyList->clear();
    m_suspendButton->setEnabled(false);
    m_exportButton->setEnabled(false);
    m_deleteButton->setEnabled(false);
    refreshUsage();
    m_name->setFocus();
}

std::optional<Gateway::UserRecord> UsersPage::userFromForm(QString *error) const
{
    const auto reject = [error](const QString &message) {
        if (error)
            *error = message;
        return std::optional<Gateway::UserRecord>();
    };

    Gateway::UserRecord user;
    for (const Gateway::UserRecord &existing : m_users) {
        if (existing.name == m_editing)
            user = existing; // keeps the trial end and the creation time
    }

    user.name = m_name->text().trimmed();
    if (user.name.isEmpty() || user.name.size() > maxUserNameLength)
        return reject(tr("Name: use 1-%1 characters.").arg(maxUserNameLength));
    if (m_editing.isEmpty()) {
        for (const Gateway::UserRecord &existing : m_users) {
            if (existing.name == user.name)
                return reject(tr("Name: a user named %1 exists; select it in the list to change it.").arg(user.name));
        }
    }
    if (m_tier->currentText().isEmpty())
        return reject(tr("Tier: choose a tier."));
    if (user.tier != m_tier->currentText())
        user.trialEndsAt = QDateTime(); // a new tier starts its own trial, if it has one
    user.tier = m_tier->currentText();
    user.status = m_status->currentData().toString();

    user.email = m_email->text().trimmed();
    static const QRegularExpression emailPattern(u"^[^@\\s]+@[^@\\s]+$"_s);
    if (!user.email.isEmpty() && !emailPattern.match(user.email).hasMatch())
        return reject(tr("Email: \"%1\" is not an email address.").arg(user.email));
    user.githubLogin = m_github->text().trimmed();

    for (const OverrideField &field : m_overrides) {
        const QString message = LimitText::error(field.label, field.edit->text(), true);
        if (!message.isEmpty())
            return reject(message);
        const LimitText::Parsed parsed = LimitText::parse(field.edit->text());
        if (parsed.empty)
            (user.*field.field).reset();
        else
            user.*field.field = parsed.value.value_or(Gateway::UserRecord::unlimitedOverride);
    }

    static const QRegularExpression patternCharacters(u"^[A-Za-z0-9_.:/*-]{1,200}$"_s);
    user.modelPatterns.clear();
    for (const QString &part : m_models->text().split(u',', Qt::SkipEmptyParts)) {
        const QString pattern = part.trimmed();
        if (pattern.isEmpty())
            continue;
        if (!patternCharacters.match(pattern).hasMatch())
            return reject(tr("Models: \"%1\" is not a model name or pattern such as llama3.2:*.").arg(pattern));
        user.modelPatterns.append(pattern);
    }
    return user;
}

void UsersPage::save()
{
    QString error;
    const std::optional<Gateway::UserRecord> user = userFromForm(&error);
    if (!user) {
        m_error->setText(error);
        return;
    }
    m_error->clear();
    m_toSelect = user->name;
    qCInfo(lcUsersPage) << "operator saves a user on tier" << user->tier;
    Q_EMIT saveUserRequested(*user);
}

void UsersPage::toggleSuspended()
{
    for (Gateway::UserRecord user : std::as_const(m_users)) {
        if (user.name != m_editing)
            continue;
        user.status = user.status == u"suspended"_s ? u"active"_s : u"suspended"_s;
        m_toSelect = user.name;
        Q_EMIT saveUserRequested(user);
        return;
    }
}

void UsersPage::showSaved(const Gateway::UserRecord &user)
{
    m_banner->showInformation(tr("Saved user %1 (tier %2, %3).").arg(user.name, user.tier, user.status));
    m_toSelect = user.name;
    m_editing = user.name;
    Q_EMIT refreshRequested();
}

void UsersPage::showSaveError(const QString &userName, const QString &message)
{
    m_banner->showError(tr("User %1 was not saved: %2").arg(userName, message));
}

void UsersPage::exportData()
{
    const QString name = m_editing;
    if (name.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Data of %1").arg(name),
                                                      QDir::home().filePath(name + u"-data.json"_s),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    qCInfo(lcUsersPage) << "operator exports the data of a user";
    Q_EMIT exportUserDataRequested(name, path);
}

void UsersPage::deleteData()
{
    const QString name = m_editing;
    if (name.isEmpty())
        return;

    qsizetype keys = 0;
    for (const Gateway::KeyRecord &key : std::as_const(m_keys))
        keys += key.userName == name ? 1 : 0;
    QMessageBox confirm(QMessageBox::Warning, tr("Delete User with All Data"),
                        tr("Delete user %1 with all their data?").arg(name), QMessageBox::Cancel, this);
    confirm.setInformativeText(
        tr("This deletes for good: the user, their %n key(s), their request log rows, their hourly, daily and "
           "per-minute usage, languages and frameworks, client addresses and event claims. Their requests no "
           "longer count in any chart. Other users' data stays as it is.\n\nExport the data first if you "
           "need a copy.",
           nullptr, int(keys)));
    QPushButton *deleteButton = confirm.addButton(tr("Delete %1").arg(name), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != deleteButton)
        return;

    qCInfo(lcUsersPage) << "operator deletes a user with all their data";
    Q_EMIT deleteUserDataRequested(name);
}

void UsersPage::showUserDataExported(const QString &userName, const QString &filePath)
{
    m_banner->showInformation(tr("Exported the data of %1 to %2.").arg(userName, QDir::toNativeSeparators(filePath)));
}

void UsersPage::showUserDataDeleted(const QString &userName, qint64 rows)
{
    m_banner->showInformation(tr("Deleted user %1 with all their data (%2 rows).").arg(userName).arg(rows));
    if (m_editing == userName)
        newUser();
    Q_EMIT refreshRequested();
}

void UsersPage::showUserDataError(const QString &userName, const QString &message)
{
    m_banner->showError(tr("The data of user %1 could not be processed: %2").arg(userName, message));
}

} // namespace Console
