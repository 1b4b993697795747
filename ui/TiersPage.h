// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TierRecord.h"
#include "UserRecord.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Console {

class MessageBanner;

// Lists the tiers with their limits and how many users each has, and edits
// them in a form that validates every value before it emits a save request.
// Talks to the gateway only through its signals and slots.
class TiersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TiersPage)

public:
    explicit TiersPage(QWidget *parent = nullptr);
    ~TiersPage() override;

    // The tier the form describes, or an error message naming the invalid field.
    std::optional<Gateway::TierRecord> tierFromForm(QString *error) const;

public Q_SLOTS:
    void setTiers(const QList<Gateway::TierRecord> &tiers);
    void setUsers(const QList<Gateway::UserRecord> &users);
    void showSaved(const Gateway::TierRecord &tier);
    void showSaveError(const QString &tierName, const QString &message);

Q_SIGNALS:
    void saveTierRequested(const Gateway::TierRecord &tier);
    void refreshRequested();

private:
    struct LimitField
    {
        QString label;
        std::optional<qint64> Gateway::TierRecord::*field;
        QLineEdit *edit = nullptr;
    };

    QWidget *createEditor();
    void fillTable();
    void loadTier(const QString &name);
    void clearForm();
    void save();

    QList<Gateway::TierRecord> m_tiers;
    QHash<QString, int> m_usersPerTier;
    MessageBanner *m_banner = nullptr;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_price = nullptr;
    QList<LimitField> m_limits;
    QLineEdit *m_models = nullptr;
    QSpinBox *m_priority = nullptr;
    QLineEdit *m_trialDays = nullptr;
    QComboBox *m_fallback = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QString m_editing; // name of the tier loaded into the form, empty for a new one
};

} // namespace Console
