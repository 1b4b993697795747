// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionPolicy.h"
#include "StorageConfig.h"

#include <QObject>

#include <memory>

namespace Gateway {

class Storage;

// One user's data (export as JSON, delete with everything) and the retention
// settings, for the console. Lives on the controller's storage thread with a
// connection of its own and reports results through signals, so the GUI
// thread never touches the database. Call its methods through QMetaObject::invokeMethod.
class PrivacyService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrivacyService)

public:
    explicit PrivacyService(StorageConfig config, QObject *parent = nullptr);
    ~PrivacyService() override;

    // Writes everything stored about userName to filePath as JSON, readable
    // by the owner only.
    void exportUserData(const QString &userName, const QString &filePath);
    // Deletes the user with keys, request log, usage rollups, topics,
    // addresses and claims; the key index drops the keys within a second.
    void deleteUserData(const QString &userName);
    void readRetentionPolicy();
    void saveRetentionPolicy(const Gateway::RetentionPolicy &policy);

Q_SIGNALS:
    void userDataExported(const QString &userName, const QString &filePath);
    // rows: every row deleted, over all tables.
    void userDataDeleted(const QString &userName, qint64 rows);
    void userDataFailed(const QString &userName, const QString &message);
    void retentionPolicyRead(const Gateway::RetentionPolicy &policy);
    void retentionPolicySaved(const Gateway::RetentionPolicy &policy);
    void retentionPolicyFailed(const QString &message);

private:
    // Opens the connection on first use; nullptr after reporting through error.
    Storage *storage(QString &error);

    StorageConfig m_config;
    std::unique_ptr<Storage> m_storage;
};

} // namespace Gateway
