// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace Console {

// The API keys as GatewayController::keysListed reports them. Only the
// public parts of a key are here: its id, hint and metadata, never a secret.
class KeyListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyListModel)

public:
    enum Column {
        IdColumn,
        UserColumn,
        TierColumn,
        OperatorColumn,
        HintColumn,
        LabelColumn,
        CreatedColumn,
        ExpiresColumn,
        RevokedColumn,
        LastUsedColumn,
        LastUsedFromColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Raw values for sorting: QDateTime for dates, text otherwise.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit KeyListModel(QObject *parent = nullptr);
    ~KeyListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The key in row, which must be in [0, rowCount()).
    const Gateway::KeyRecord &keyAt(int row) const;
    // The row of the key with id, or -1.
    int rowOfKey(const QString &keyId) const;

public Q_SLOTS:
    void setKeys(const QList<Gateway::KeyRecord> &keys);

private:
    QVariant displayData(const Gateway::KeyRecord &key, int column) const;

    QList<Gateway::KeyRecord> m_keys;
};

} // namespace Console
