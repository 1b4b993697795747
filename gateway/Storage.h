// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyRecord.h"
#include "RequestLogEntry.h"
#include "RollupRebuild.h"
#include "Result.h"
#include "TierRecord.h"
#include "UsageTotals.h"
#include "UserRecord.h"

#include <QJsonObject>
#include <QList>
#include <QMap>

#include <utility>

namespace Gateway {

// Persistent state of the gateway behind one interface, so that SQLite (one
// desktop) and PostgreSQL (several nodes) are interchangeable for callers.
//
// An instance owns one database connection and must be used only on the
// thread that opened it. Each thread that needs the database opens its own.
class Storage
{
public:
    virtual ~Storage() = default;

    // Opens the connection and applies pending schema migrations.
    virtual Result<Done> open() = 0;
    virtual int schemaVersion() const = 0;

    virtual Result<UserRecord> findUser(const QString &name) = 0;
    virtual Result<UserRecord> ensureUser(const QString &name, const QString &tier) = 0;
    virtual Result<QList<UserRecord>> users() = 0;

    virtual Result<QList<TierRecord>> tiers() = 0;

    // Creates the tier, or replaces every field of the tier with that name.
    // A new tier without a key prefix gets "sk_trial_" when it has a trial
    // duration, else "sk_live_" when it has a price, else "sk_free_".
    virtual Result<TierRecord> saveTier(const TierRecord &tier) = 0;
    // Creates the user, or replaces every field but id and creation time of
    // the user with that name. Moving a user onto a tier with a trial
    // duration starts the trial now unless trialEndsAt is set.
    virtual Result<UserRecord> saveUser(const UserRecord &user) = 0;
    // Deletes the user and, with it, its keys. NotFound when there is none.
    virtual Result<Done> deleteUser(const QString &name) = 0;
    // Deletes a tier that no user, key or other tier's fallback refers to;
    // InvalidArgument otherwise, NotFound when there is none.
    virtual Result<Done> deleteTier(const QString &name) = 0;
    // Moves every user whose trial ended at or before now to the fallback
    // tier of their trial tier; returns their names.
    virtual Result<QStringList> endTrials(const QDateTime &now) = 0;
    // Usage per user of admitted requests in the given windows, from the
    // request log. Users without any usage are left out.
    virtual Result<QList<UsageTotals>> usageTotals(const UsageWindows &windows) = 0;

    virtual Result<KeyRecord> insertKey(const KeyRecord &key) = 0;
    virtual Result<QList<KeyRecord>> keys() = 0;
    virtual Result<KeyRecord> revokeKey(const QString &keyId) = 0;
    // Counter that grows whenever users or keys change, from any process, so
    // a running gateway can poll it and reload its key index.
    virtual Result<qint64> keysRevision() = 0;
    // Sets a key to expire at `at` (UTC) unless it expires earlier already.
    virtual Result<KeyRecord> expireKey(const QString &keyId, const QDateTime &at) = 0;
    virtual Result<Done> touchKeys(const QList<KeyUse> &lastUsed) = 0;

    // Appends the rows in one transaction and sets each entry's id.
    virtual Result<Done> appendRequestLog(QList<RequestLogEntry> &entries) = 0;
    // Returns the newest rows first.
    virtual Result<QList<RequestLogEntry>> recentRequestLog(int limit) = 0;
    virtual Result<qint64> requestLogCount() = 0;
    // Recomputes the usage rollups from the request log in one transaction.
    // Only periods that contain or follow the oldest log row are replaced:
    // older periods keep their rollups, because the retention purge deleted
    // the rows they summarise.
    virtual Result<RollupRebuild> rebuildRollups() = 0;

    // Operator settings (name/value pairs); an unset setting reads as empty.
    virtual Result<QString> setting(const QString &name) = 0;
    // Writes every pair in one transaction.
    virtual Result<Done> saveSettings(const QList<std::pair<QString, QString>> &values) = 0;

    // Deletes up to maxRows of the oldest request log rows that started
    // before `before`, in one transaction; returns how many it deleted.
    virtual Result<qint64> deleteRequestLogBefore(const QDateTime &before, int maxRows) = 0;
    // Deletes up to maxRows per-minute usage rollup rows of minutes that
    // started before `before`, in one transaction; returns how many.
    virtual Result<qint64> deleteMinutelyUsageBefore(const QDateTime &before, int maxRows) = 0;

    // Everything stored about one user as a JSON object: the user, its tier,
    // keys (without hashes), request log rows, usage rollup rows, topics,
    // client addresses and claims. NotFound when there is no such user.
    virtual Result<QJsonObject> exportUserData(const QString &name) = 0;
    // Deletes the user with its keys, request log rows, every usage rollup,
    // topic and address row of its name, and its claims, in one transaction.
    // Returns the number of rows deleted per table. NotFound when there is
    // no such user.
    virtual Result<QMap<QString, qint64>> deleteUserData(const QString &name) = 0;
};

} // namespace Gateway
