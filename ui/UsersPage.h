// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"
#include "LimitEnforcer.h"
#include "TierRecord.h"
#include "UserRecord.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace Console {

class MessageBanner;

// Lists users in a searchable table, creates, edits and suspends them, and
// shows the selected user's tier, keys and how much of each limit is used
// today and this month. Talks to the gateway only through its signals,
// slots and the usage provider.
class UsersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersPage)

public:
    using UsageProvider = std::function<Gateway::UsageSnapshot(const QString &userName)>;

    explicit UsersPage(QWidget *parent = nullptr);
    ~UsersPage() override;

    // Reads the current usage of a user; called on the GUI thread, so it
    // must not block (GatewayController::usageOf reads memory only).
    void setUsageProvider(UsageProvider provider);
    // The user the form describes, or an error message naming the invalid field.
    std::optional<Gateway::UserRecord> userFromForm(QString *error) const;
    QString selectedUserName() const;
    void selectUser(const QString &name);

public Q_SLOTS:
    void setUsers(const QList<Gateway::UserRecord> &users);
    void setTiers(const QList<Gateway::TierRecord> &tiers);
    void setKeys(const QList<Gateway::KeyRecord> &keys);
    void showSaved(const Gateway::UserRecord &user);
    void showSaveError(const QString &userName, const QString &message);
    void refreshUsage();
    // Results of exportUserDataRequested and deleteUserDataRequested.
    void showUserDataExported(const QString &userName, const QString &filePath);
    void showUserDataDeleted(const QString &userName, qint64 rows);
    void showUserDataError(const QString &userName, const QString &message);

Q_SIGNALS:
    void saveUserRequested(const Gateway::UserRecord &user);
    void refreshRequested();
    // The operator chose a file for the user's data, or confirmed deleting
    // the user with all their data (GatewayController::exportUserData and
    // deleteUserData do the work).
    void exportUserDataRequested(const QString &userName, const QString &filePath);
    void deleteUserDataRequested(const QString &userName);

private:
    struct OverrideField
    {
        QString label;
        std::optional<qint64> Gateway::UserRecord::*field;
        QLineEdit *edit = nullptr;
    };
    struct UsageBar
    {
        QString label;
        QProgressBar *bar = nullptr;
    };

    QWidget *createDetail();
    QWidget *createUsage();
    void fillTable();
    void loadUser(const QString &name);
    void newUser();
    void save();
    void toggleSuspended();
    void exportData();
    void deleteData();
    void showKeysOf(const QString &name);
    static void showBar(QProgressBar *bar, qint64 used, const std::optional<qint64> &limit);

    QList<Gateway::UserRecord> m_users;
    QList<Gateway::KeyRecord> m_keys;
    UsageProvider m_usage;
    QString m_editing;     // user loaded into the form, empty for a new one
    QString m_toSelect;    // a user just saved, until the next list contains it

    MessageBanner *m_banner = nullptr;
    QLineEdit *m_search = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_suspendButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_deleteButton = nullptr;

    QLineEdit *m_name = nullptr;
    QComboBox *m_tier = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_github = nullptr;
    QLabel *m_trialEnds = nullptr;
    QList<OverrideField> m_overrides;
    QLineEdit *m_models = nullptr;
    QLabel *m_error = nullptr;
    QListWidget *m_keyList = nullptr;
    QLabel *m_usageTitle = nullptr;
    QList<UsageBar> m_bars;
    QTimer *m_usageTimer = nullptr;
};

} // namespace Console
