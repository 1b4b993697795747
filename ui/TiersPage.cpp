// SPDX-License-Identifier: GPL-3.0-or-later
#include "TiersPage.h"

#include "LimitText.h"
#include "MessageBanner.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcTiersPage, "soulfra.ui.tierspage")

constexpr int maxPriority = 1000;
constexpr qint64 maxTrialDays = 3650;

enum Column { NameColumn, UsersColumn, PriceColumn, FirstLimitColumn };

QString priceText(qint64 cents)
{
    return u"%1"_s.arg(double(cents) / 100.0, 0, 'f', 2);
}

} // namespace

TiersPage::TiersPage(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_table(new QTableWidget(this))
{
    m_limits = {
        {tr("API calls per day"), &Gateway::TierRecord::callsPerDay},
        {tr("Generations per month"), &Gateway::TierRecord::generationsPerMonth},
        {tr("Brands per month"), &Gateway::TierRecord::brandsPerMonth},
        {tr("Requests per minute"), &Gateway::TierRecord::requestsPerMinute},
        {tr("Tokens per day"), &Gateway::TierRecord::tokensPerDay},
        {tr("Tokens per month"), &Gateway::TierRecord::tokensPerMonth},
        {tr("Concurrent streams"), &Gateway::TierRecord::concurrentStreams},
    };

    m_banner->setObjectName(u"tiersBanner"_s);
    m_table->setObjectName(u"tierTable"_s);
    QStringList headers{tr("Tier"), tr("Users"), tr("Price ($/month)")};
    for (const LimitField &limit : std::as_const(m_limits))
        headers.append(limit.label);
    headers << tr("Priority") << tr("Models");
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> selected = m_table->selectedItems();
        if (!selected.isEmpty())
            loadTier(m_table->item(selected.first()->row(), NameColumn)->text());
    });

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(createEditor());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
}

TiersPage::~TiersPage() = default;

QWidget *TiersPage::createEditor()
{
    auto *editor = new QWidget(this);
    auto *form = new QFormLayout;

    m_name = new QLineEdit(editor);
    m_name->setObjectName(u"tierName"_s);
    m_name->setPlaceholderText(tr("e.g. team"));
    form->addRow(tr("&Name:"), m_name);

    m_price = new QLineEdit(editor);
    m_price->setObjectName(u"tierPrice"_s);
    m_price->setPlaceholderText(u"0.00"_s);
    form->addRow(tr("&Price ($/month):"), m_price);

    for (LimitField &limit : m_limits) {
        limit.edit = new QLineEdit(editor);
        limit.edit->setPlaceholderText(tr("a number or unlimited"));
        limit.edit->setObjectName(u"tierLimit"_s + QString::number(&limit - m_limits.data()));
        form->addRow(limit.label + u':', limit.edit);
    }

    m_models = new QLineEdit(editor);
    m_models->setObjectName(u"tierModels"_s);
    m_models->setPlaceholderText(tr("* or patterns such as llama3.2:*, qwen2.5-coder:7b"));
    form->addRow(tr("&Models:"), m_models);

    m_priority = new QSpinBox(editor);
    m_priority->setObjectName(u"tierPriority"_s);
    m_priority->setRange(-maxPriority, maxPriority);
    m_priority->setToolTip(tr("When the upstream is saturated, requests of higher priority are served first."));
    form->addRow(tr("Queue p&riority:"), m_priority);

    m_trialDays = new QLineEdit(editor);
    m_trialDays->setObjectName(u"tierTrialDays"_s);
    m_trialDays->setPlaceholderText(tr("empty: not a trial"));
    form->addRow(tr("&Trial days:"), m_trialDays);

    m_fallback = new QComboBox(editor);
    m_fallback->setObjectName(u"tierFallback"_s);
    form->addRow(tr("&After the trial:"), m_fallback);

    m_error = new QLabel(editor);
    m_error->setObjectName(u"tierError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Qt::darkRed);
    m_error->setPalette(errorPalette);

    m_newButton = new QPushButton(tr("&New tier"), editor);
    m_newButton->setObjectName(u"newTierButton"_s);
    m_saveButton = new QPushButton(tr("&Save tier"), editor);
    m_saveButton->setObjectName(u"saveTierButton"_s);
    m_saveButton->setDefault(true);
    connect(m_newButton, &QPushButton::clicked, this, &TiersPage::clearForm);
    connect(m_saveButton, &QPushButton::clicked, this, &TiersPage::save);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_newButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(editor);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addStretch(1);
    return editor;
}

void TiersPage::setTiers(const QList<Gateway::TierRecord> &tiers)
{
    m_tiers = tiers;

    const QString fallback = m_fallback->currentData().toString();
    m_fallback->clear();
    m_fallback->addItem(tr("(stay on this tier)"), QString());
    for (const Gateway::TierRecord &tier : tiers)
        m_fallback->addItem(tier.name, tier.name);
    m_fallback->setCurrentIndex(qMax(0, m_fallback->findData(fallback)));

    fillTable();
}

void TiersPage::setUsers(const QList<Gateway::UserRecord> &users)
{
    m_usersPerTier.clear();
    for (const Gateway::UserRecord &user : users)
        m_usersPerTier[user.tier] += 1;
    fillTable();
}

void TiersPage::fillTable()
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_tiers.size()));
    for (int row = 0; row < m_tiers.size(); ++row) {
        const Gateway::TierRecord &tier = m_tiers.at(row);
        QStringList cells{tier.name, QString::number(m_usersPerTier.value(tier.name)), priceText(tier.priceCentsPerMonth)};
        for (const LimitField &limit : std::as_const(m_limits))
            cells.append(LimitText::format(tier.*limit.field));
        cells << QString::number(tier.queuePriority) << tier.modelPatterns.join(u", "_s);

        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (tier.name == m_editing)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
}

void TiersPage::loadTier(const QString &name)
{
    for (const Gateway::TierRecord &tier : std::as_const(m_tiers)) {
        if (tier.name != name)
            continue;

        m_editing = name;
        m_name->setText(tier.name);
        m_name->setReadOnly(true);
        m_price->setText(priceText(tier.priceCentsPerMonth));
        for (const LimitField &limit : std::as_const(m_limits))
            limit.edit->setText(LimitText::format(tier.*limit.field));
        m_models->setText(tier.modelPatterns.join(u", "_s));
        m_priority->setValue(tier.queuePriority);
        m_trialDays->setText(tier.trialDurationSeconds ? QString::number(*tier.trialDurationSeconds / 86400) : QString());
        m_fallback->setCurrentIndex(qMax(0, m_fallback->findData(tier.fallbackTier)));
        m_error->clear();
        return;
    }
}

void TiersPage::clearForm()
{
    m_editing.clear();
    m_table->clearSelection();
    m_name->clear();
    m_name->setReadOnly(false);
    m_price->setText(u"0.00"_s);
    for (const LimitField &limit : std::as_const(m_limits))
        limit.edit->setText(u"unlimited"_s);
    m_models->setText(u"*"_s);
    m_priority->setValue(0);
    m_trialDays->clear();
    m_fallback->setCurrentIndex(0);
    m_error->clear();
    m_name->setFocus();
}

std::optional<Gateway::TierRecord> TiersPage::tierFromForm(QString *error) const
{
    const auto reject = [error](const QString &message) {
        if (error)
            *error = message;
        return std::optional<Gateway::TierRecord>();
    };

    Gateway::TierRecord tier;
    for (const Gateway::TierRecord &existing : m_tiers) {
        if (existing.name == m_editing)
            tier = existing; // keeps the fields the form does not show
    }

    static const QRegularExpression namePattern(u"^[a-z][a-z0-9_]{0,31}$"_s);
    tier.name = m_name->text().trimmed();
    if (!namePattern.match(tier.name).hasMatch())
        return reject(tr("Name: use 1-32 lower-case letters, digits and _, starting with a letter."));
    if (m_editing.isEmpty()) {
        for (const Gateway::TierRecord &existing : m_tiers) {
            if (existing.name == tier.name)
                return reject(tr("Name: a tier named %1 exists; select it in the list to change it.").arg(tier.name));
        }
        tier.sortOrder = int(m_tiers.size()) + 1;
    }

    bool priceOk = false;
    const double price = m_price->text().trimmed().toDouble(&priceOk);
    if (!priceOk || price < 0 || price > 1e9)
        return reject(tr("Price: \"%1\" is not an amount such as 19.00.").arg(m_price->text().trimmed()));
    tier.priceCentsPerMonth = qRound64(price * 100);

    for (const LimitField &limit : m_limits) {
        const QString message = LimitText::error(limit.label, limit.edit->text(), false);
        if (!message.isEmpty())
            return reject(message);
        tier.*limit.field = LimitText::parse(limit.edit->text()).value;
    }

    static const QRegularExpression patternCharacters(u"^[A-Za-z0-9_.:/*-]{1,200}$"_s);
    QStringList patterns;
    for (const QString &part : m_models->text().split(u',', Qt::SkipEmptyParts)) {
        const QString pattern = part.trimmed();
        if (pattern.isEmpty())
            continue;
        if (!patternCharacters.match(pattern).hasMatch())
            return reject(tr("Models: \"%1\" is not a model name or pattern such as llama3.2:*.").arg(pattern));
        patterns.append(pattern);
    }
    if (patterns.isEmpty())
        return reject(tr("Models: enter * or at least one model pattern."));
    tier.modelPatterns = patterns;
    tier.queuePriority = m_priority->value();

    const QString trialText = m_trialDays->text().trimmed();
    tier.trialDurationSeconds.reset();
    if (!trialText.isEmpty()) {
        bool ok = false;
        const qint64 days = trialText.toLongLong(&ok);
        if (!ok || days < 1 || days > maxTrialDays)
            return reject(tr("Trial days: \"%1\" is not a whole number from 1 to %2.").arg(trialText).arg(maxTrialDays));
        tier.trialDurationSeconds = days * 86400;
    }
    tier.fallbackTier = m_fallback->currentData().toString();
    if (tier.fallbackTier == tier.name)
        return reject(tr("After the trial: a tier cannot fall back to itself."));
    return tier;
}

void TiersPage::save()
{
    QString error;
    const std::optional<Gateway::TierRecord> tier = tierFromForm(&error);
    if (!tier) {
        m_error->setText(error);
        return;
    }
    m_error->clear();
    m_editing = tier->name;
    qCInfo(lcTiersPage) << "operator saves tier" << tier->name;
    Q_EMIT saveTierRequested(*tier);
}

void TiersPage::showSaved(const Gateway::TierRecord &tier)
{
    m_banner->showInformation(tr("Saved tier %1. The gateway applies its limits now.").arg(tier.name));
    m_name->setReadOnly(true);
    Q_EMIT refreshRequested();
}

void TiersPage::showSaveError(const QString &tierName, const QString &message)
{
    m_banner->showError(tr("Tier %1 was not saved: %2").arg(tierName, message));
}

} // namespace Console
