// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Storage.h"
#include "StorageConfig.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <memory>

// A gateway database in a directory of the test's, migrated by
// createStorage()->open(), with rollup rows written by SQL as the request log
// writer would write them: each sample adds to its hour in usage_hourly and
// to its UTC day in usage_daily, so both agree.
class UsageFixture final
{
    Q_DISABLE_COPY_MOVE(UsageFixture)

public:
    struct Sample
    {
        QDateTime hour; // any instant inside the hour (UTC)
        QString user;
        QString model;
        QString tier;
        QString key;
        qint64 requests = 0;
        qint64 generations = 0;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
        qint64 upstreamErrors = 0; // counted in requests too
        qint64 limitErrors = 0;    // counted in requests too
        double latencyMs = 100;    // per request
    };

    explicit UsageFixture(const QString &dataDir);
    ~UsageFixture();

    // False (with a QWARN of the reason) when the database cannot be made.
    bool isValid() const { return m_valid; }
    Gateway::StorageConfig config() const { return m_config; }
    Gateway::Storage &storage() { return *m_storage; }

    bool add(const Sample &sample);
    bool addTopic(const QDate &day, const QString &user, const QString &kind, const QString &name,
                  const QString &source, qint64 requests);
    bool addAddress(const QDate &day, const QString &address, const QString &user, qint64 requests);
    // Creates or replaces the tier and puts user on it.
    bool addUser(const QString &user, const QString &tier);

private:
    bool upsert(const QString &table, const QString &periodColumn, qint64 period, const Sample &sample);
    bool exec(const QString &statement, const QVariantList &values);

    Gateway::StorageConfig m_config;
    std::unique_ptr<Gateway::Storage> m_storage;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_valid = false;
};
