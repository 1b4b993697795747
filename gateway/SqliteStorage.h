// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RetentionPolicy.h"
#include "Storage.h"
#include "TopicDetector.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>

class QSqlQuery;

namespace Gateway {

class PreparedStatements;

// Storage in one SQLite file. Several processes (the running gateway and the
// `keys` command line) share the file, so the connection uses WAL, a busy
// timeout and BEGIN IMMEDIATE for every write transaction.
class SqliteStorage final : public Storage
{
public:
    // connectionName names the QSqlDatabase connection. A counter is appended
    // so that two instances never share one.
    SqliteStorage(QString databasePath, const QString &connectionName);
    ~SqliteStorage() override;
    Q_DISABLE_COPY_MOVE(SqliteStorage)

    // How long a statement waits for another connection's write lock.
    static constexpr int busyTimeoutMs = 5000;

    // Schema version this build creates and understands.
    static int latestSchemaVersion();

    QString databasePath() const { return m_databasePath; }
    QString connectionName() const { return m_connectionName; }

    Result<Done> open() override;
    int schemaVersion() const override { return m_schemaVersion; }

    Result<UserRecord> findUser(const QString &name) override;
    Result<UserRecord> ensureUser(const QString &name, const QString &tier) override;
    Result<QList<UserRecord>> users() override;

    Result<QList<TierRecord>> tiers() override;
    Result<TierRecord> saveTier(const TierRecord &tier) override;
    Result<UserRecord> saveUser(const UserRecord &user) override;
    Result<QStringList> endTrials(const QDateTime &now) override;
    Result<Done> deleteUser(const QString &name) override;
    Result<Done> deleteTier(const QString &name) override;
    Result<QList<UsageTotals>> usageTotals(const UsageWindows &windows) override;

    Result<KeyRecord> insertKey(const KeyRecord &key) override;
    Result<QList<KeyRecord>> keys() override;
    Result<KeyRecord> revokeKey(const QString &keyId) override;
    Result<qint64> keysRevision() override;
    Result<KeyRecord> expireKey(const QString &keyId, const QDateTime &at) override;
    Result<Done> touchKeys(const QList<KeyUse> &lastUsed) override;

    Result<Done> appendRequestLog(QList<RequestLogEntry> &entries) override;
    Result<QList<RequestLogEntry>> recentRequestLog(int limit) override;
    Result<qint64> requestLogCount() override;
    Result<RollupRebuild> rebuildRollups() override;

    Result<QString> setting(const QString &name) override;
    Result<Done> saveSettings(const QList<std::pair<QString, QString>> &values) override;
    Result<qint64> deleteRequestLogBefore(const QDateTime &before, int maxRows) override;
    Result<qint64> deleteMinutelyUsageBefore(const QDateTime &before, int maxRows) override;
    Result<QJsonObject> exportUserData(const QString &name) override;
    Result<QMap<QString, qint64>> deleteUserData(const QString &name) override;

    // How long appendRequestLog keeps the retention policy it read before
    // reading it again, so a change applies to a running gateway.
    static constexpr int retentionRefreshMs = 2000;

private:
    PreparedStatements &statements();
    Result<Done> configureConnection();
    Result<Done> migrate();
    Result<int> readUserVersion();

    Result<Done> beginWrite();
    Result<Done> commit();
    void rollback();

    Result<Done> ensureOpen() const;
    Result<KeyRecord> findKey(const QString &keyId);
    Result<TierRecord> findTier(const QString &name);
    // Prepares statement, binds values in order and runs it.
    Result<Done> execute(QSqlQuery &query, const QString &statement, const QVariantList &values,
                         const QString &action);
    Error failure(const QString &action, const QSqlQuery &query) const;
    Result<RollupRebuild> rebuildRollupsInTransaction();
    const TopicDetector &topicDetector();
    // Cuts or clears prompt and response text according to the retention policy.
    void applyTextRetention(QList<RequestLogEntry> &entries);
    Result<qint64> deleteChunk(const QString &table, const QString &column, const QDateTime &before, int maxRows);
    // Subtracts the user's detailed rollup rows from the totals tables,
    // inside the caller's transaction.
    Result<Done> subtractUserFromTotals(QSqlQuery &query, const QString &name);
    Result<QJsonArray> selectJson(const QString &statement, const QVariantList &values, const QString &action);

    QString m_databasePath;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<PreparedStatements> m_statements; // of m_db, for the rollup UPSERTs
    int m_schemaVersion = 0;
    // Keyword table for the usage topics: built in plus <directory of the
    // database>/topics.json, loaded on the first write of the log, so other
    // users of the database never read or warn about the file.
    std::optional<TopicDetector> m_topics;
    RetentionPolicy m_retention;
    QElapsedTimer m_retentionAge; // invalid until the policy was first read
    QString m_retentionError;     // last failure to read the policy, logged once
};

} // namespace Gateway
