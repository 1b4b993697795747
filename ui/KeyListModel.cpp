// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyListModel.h"

#include <QGuiApplication>
#include <QPalette>

#include <optional>

using namespace Qt::StringLiterals;

namespace Console {

namespace {

QString formatDate(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

// The date shown in column, or nullopt for a column that shows no date.
std::optional<QDateTime> dateInColumn(const Gateway::KeyRecord &key, int column)
{
    switch (column) {
    case KeyListModel::CreatedColumn:
        return key.createdAt;
    case KeyListModel::ExpiresColumn:
        return key.expiresAt;
    case KeyListModel::RevokedColumn:
        return key.revokedAt;
    case KeyListModel::LastUsedColumn:
        return key.lastUsedAt;
    default:
        return std::nullopt;
    }
}

} // namespace

KeyListModel::KeyListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

KeyListModel::~KeyListModel() = default;

int KeyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int KeyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const Gateway::KeyRecord &key = m_keys.at(index.row());

    switch (role) {
    case Qt::DisplayRole:
        return displayData(key, index.column());
    case SortRole:
        if (const std::optional<QDateTime> date = dateInColumn(key, index.column()))
            return *date;
        return displayData(key, index.column());
    case Qt::ForegroundRole:
        // Revoked keys stay listed for the record but read as inactive.
        if (key.revokedAt.isValid())
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole:
        if (const std::optional<QDateTime> date = dateInColumn(key, index.column()); date && date->isValid())
            return date->toUTC().toString(Qt::ISODate);
        return {};
    default:
        return {};
    }
}

QVariant KeyListModel::displayData(const Gateway::KeyRecord &key, int column) const
{
    switch (column) {
    case IdColumn:
        return key.id;
    case UserColumn:
        return key.userName;
    case TierColumn:
        return key.tier;
    case OperatorColumn:
        return key.isOperator ? tr("yes") : QString();
    case HintColumn:
        return key.hint;
    case LabelColumn:
        return key.label;
    case CreatedColumn:
        return formatDate(key.createdAt);
    case ExpiresColumn:
        return key.expiresAt.isValid() ? formatDate(key.expiresAt) : tr("never");
    case RevokedColumn:
        return key.revokedAt.isValid() ? formatDate(key.revokedAt) : QString();
    case LastUsedColumn:
        return key.lastUsedAt.isValid() ? formatDate(key.lastUsedAt) : tr("never");
    case LastUsedFromColumn:
        return key.lastUsedAddress;
    default:
        return {};
    }
}

QVariant KeyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case IdColumn:
        return tr("Key ID");
    case UserColumn:
        return tr("User");
    case TierColumn:
        return tr("Tier");
    case OperatorColumn:
        return tr("Operator");
    case HintColumn:
        return tr("Hint");
    case LabelColumn:
        return tr("Label");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case RevokedColumn:
        return tr("Revoked");
    case LastUsedColumn:
        return tr("Last used");
    case LastUsedFromColumn:
        return tr("Last used from");
    default:
        return {};
    }
}

const Gateway::KeyRecord &KeyListModel::keyAt(int row) const
{
    Q_ASSERT(row >= 0 && row < rowCount());
    return m_keys.at(row);
}

int KeyListModel::rowOfKey(const QString &keyId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_keys.at(row).id == keyId)
            return row;
    }
    return -1;
}

void KeyListModel::setKeys(const QList<Gateway::KeyRecord> &keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

} // namespace Console
