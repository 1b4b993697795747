// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeysPage.h"

#include "IssueKeyForm.h"
#include "IssuedKeyPanel.h"
#include "KeyListModel.h"
#include "MessageBanner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

Q_LOGGING_CATEGORY(lcKeysPage, "soulfra.ui.keyspage")

} // namespace

KeysPage::KeysPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new KeyListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_banner(new MessageBanner(this))
    , m_issuedPanel(new IssuedKeyPanel(this))
    , m_form(new IssueKeyForm(this))
{
    m_banner->setObjectName(u"keysBanner"_s);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(KeyListModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_form);
    layout->addWidget(m_issuedPanel);
    layout->addWidget(createKeyList(), 1);

    connect(m_form, &IssueKeyForm::issueRequested, this, &KeysPage::requestIssue);
}

KeysPage::~KeysPage() = default;

QWidget *KeysPage::createKeyList()
{
    auto *panel = new QWidget(this);

    m_search = new QLineEdit(panel);
    m_search->setObjectName(u"keySearch"_s);
    m_search->setPlaceholderText(tr("Filter by key ID, user, tier or label"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_refreshButton = new QPushButton(tr("&Refresh"), panel);
    m_refreshButton->setObjectName(u"refreshKeysButton"_s);
    connect(m_refreshButton, &QPushButton::clicked, this, &KeysPage::refreshRequested);

    m_revokeButton = new QPushButton(tr("Re&voke…"), panel);
    m_revokeButton->setObjectName(u"revokeKeyButton"_s);
    m_revokeButton->setToolTip(tr("Revoke the selected key. Clients using it are rejected from then on."));
    connect(m_revokeButton, &QPushButton::clicked, this, &KeysPage::confirmRevoke);

    m_rotateButton = new QPushButton(tr("R&otate…"), panel);
    m_rotateButton->setObjectName(u"rotateKeyButton"_s);
    m_rotateButton->setToolTip(tr("Issue a successor of the selected key; the old key keeps working for a day."));
    connect(m_rotateButton, &QPushButton::clicked, this, &KeysPage::confirmRotate);

    m_table = new QTableView(panel);
    m_table->setObjectName(u"keysTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSortIndicator(KeyListModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KeysPage::updateRevokeButton);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &KeysPage::updateRevokeButton);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_refreshButton);
    tools->addWidget(m_rotateButton);
    tools->addWidget(m_revokeButton);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(m_table, 1);

    updateRevokeButton();
    return panel;
}

KeyListModel *KeysPage::model() const
{
    return m_model;
}

void KeysPage::setListenUrl(const QString &url)
{
    m_issuedPanel->setListenUrl(url);
}

void KeysPage::setKeys(const QList<Gateway::KeyRecord> &keys)
{
    // The model resets, so the selection is restored by key id. A key just
    // issued is selected once it shows up in the list.
    const QString selected = m_keyToSelect.isEmpty() ? selectedKeyId() : m_keyToSelect;
    m_model->setKeys(keys);
    // Fit the columns to the first list. Later lists keep the operator's widths.
    if (!m_columnsFitted && !keys.isEmpty()) {
        fitColumns();
        m_columnsFitted = true;
    }
    if (m_model->rowOfKey(selected) >= 0)
        m_keyToSelect.clear();
    selectKey(selected);
}

void KeysPage::setTiers(const QStringList &tierNames)
{
    m_form->setTiers(tierNames);
}

void KeysPage::requestIssue(const QString &userName, const QString &tier, bool isOperator, const QString &label)
{
    qCInfo(lcKeysPage).noquote() << "requesting a" << tier << (isOperator ? "operator key" : "key") << "for user"
                                 << userName;
    m_banner->dismiss();
    Q_EMIT issueKeyRequested(userName, tier, isOperator, label);
}

void KeysPage::showIssuedKey(const Gateway::IssuedKey &key)
{
    m_form->setBusy(false);
    m_form->resetInput();
    m_banner->dismiss();
    m_issuedPanel->showKey(key);
    m_keyToSelect = key.record.id;
    Q_EMIT refreshRequested();
}

void KeysPage::showIssueError(const QString &message)
{
    qCWarning(lcKeysPage).noquote() << "issuing a key failed:" << message;
    m_form->setBusy(false);
    m_banner->showError(tr("The key was not issued: %1").arg(message));
}

void KeysPage::confirmRevoke()
{
    const QString keyId = selectedKeyId();
    if (keyId.isEmpty())
        return;

    const Gateway::KeyRecord &key = m_model->keyAt(m_model->rowOfKey(keyId));

    // Modal on purpose: revoking cannot be undone. open() keeps the event loop
    // running (no nested exec()), and the choice arrives through finished().
    auto *box = new QMessageBox(this);
    box->setObjectName(u"revokeConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Revoke key"));
    box->setTextFormat(Qt::PlainText);
    box->setText(tr("Revoke key %1 (%2) of user %3?").arg(key.id, key.hint, key.userName));
    box->setInformativeText(tr("Clients using this key are rejected from then on. This cannot be undone."));
    QPushButton *revokeButton = box->addButton(tr("Revoke key"), QMessageBox::DestructiveRole);
    revokeButton->setObjectName(u"confirmRevokeButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);

    connect(box, &QMessageBox::finished, this, [this, box, revokeButton, keyId] {
        if (box->clickedButton() != revokeButton)
            return;
        qCInfo(lcKeysPage).noquote() << "requesting revocation of key" << keyId;
        m_revokingKeyId = keyId;
        m_banner->dismiss();
        updateRevokeButton();
        Q_EMIT revokeKeyRequested(keyId);
    });
    box->open();
}

void KeysPage::confirmRotate()
{
    const QString keyId = selectedKeyId();
    if (keyId.isEmpty())
        return;

    const Gateway::KeyRecord &key = m_model->keyAt(m_model->rowOfKey(keyId));
    constexpr int graceSeconds = 24 * 3600;

    // A decision with a deadline for the key's clients, so it is confirmed.
    auto *box = new QMessageBox(this);
    box->setObjectName(u"rotateConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Rotate key"));
    box->setTextFormat(Qt::PlainText);
    box->setText(tr("Rotate key %1 (%2) of user %3?").arg(key.id, key.hint, key.userName));
    box->setInformativeText(tr("A new key is issued and shown once. The old key keeps working for 24 hours, "
                               "then expires."));
    QPushButton *rotateButton = box->addButton(tr("Rotate key"), QMessageBox::AcceptRole);
    rotateButton->setObjectName(u"confirmRotateButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);

    connect(box, &QMessageBox::finished, this, [this, box, rotateButton, keyId] {
        if (box->clickedButton() != rotateButton)
            return;
        qCInfo(lcKeysPage).noquote() << "requesting rotation of key" << keyId;
        m_banner->dismiss();
        Q_EMIT rotateKeyRequested(keyId, graceSeconds);
    });
    box->open();
}

void KeysPage::showKeyRevoked(const QString &keyId)
{
    if (keyId == m_revokingKeyId)
        m_revokingKeyId.clear();
    m_banner->showInformation(tr("Key %1 was revoked.").arg(keyId));
    updateRevokeButton();
    Q_EMIT refreshRequested();
}

void KeysPage::showRotateError(const QString &keyId, const QString &message)
{
    qCWarning(lcKeysPage).noquote() << "rotating key" << keyId << "failed:" << message;
    m_banner->showError(tr("Key %1 was not rotated: %2").arg(keyId, message));
}

void KeysPage::showRevokeError(const QString &keyId, const QString &message)
{
    qCWarning(lcKeysPage).noquote() << "revoking key" << keyId << "failed:" << message;
    if (keyId == m_revokingKeyId)
        m_revokingKeyId.clear();
    m_banner->showError(tr("Key %1 was not revoked: %2").arg(keyId, message));
    updateRevokeButton();
}

void KeysPage::fitColumns()
{
    m_table->resizeColumnsToContents();

    // Date columns that are empty in the first list (no key revoked yet)
    // still get room for a date.
    const int dateWidth = m_table->fontMetrics().horizontalAdvance(u"2000-00-00 00:00"_s) + 16;
    for (const int column : {KeyListModel::CreatedColumn, KeyListModel::ExpiresColumn, KeyListModel::RevokedColumn,
                             KeyListModel::LastUsedColumn}) {
        m_table->setColumnWidth(column, std::max(m_table->columnWidth(column), dateWidth));
    }
}

QString KeysPage::selectedKeyId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->keyAt(m_proxy->mapToSource(rows.first()).row()).id;
}

void KeysPage::selectKey(const QString &keyId)
{
    const int row = keyId.isEmpty() ? -1 : m_model->rowOfKey(keyId);
    if (row < 0)
        return;

    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void KeysPage::updateRevokeButton()
{
    const QString keyId = selectedKeyId();
    const bool revocable = !keyId.isEmpty() && !m_model->keyAt(m_model->rowOfKey(keyId)).revokedAt.isValid();
    m_revokeButton->setEnabled(revocable && m_revokingKeyId.isEmpty());
    m_rotateButton->setEnabled(revocable && m_revokingKeyId.isEmpty());
}

} // namespace Console
