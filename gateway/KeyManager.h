// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyIssuer.h"
#include "KeyRecord.h"
#include "StorageConfig.h"
#include "TierRecord.h"
#include "UserRecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

#include <memory>

class QTimer;

namespace Gateway {

class KeyIndex;
class KeyUseRecorder;
class LimitEnforcer;
class Storage;

// Owns the key side of storage on the storage thread: loads the KeyIndex,
// reloads it within a second when keys change (also from another process
// such as the CLI), and issues, revokes and lists keys for the console.
//
// Create it, move it to its thread, then call the Q_INVOKABLE methods through
// QMetaObject::invokeMethod; results arrive as signals.
class KeyManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyManager)

public:
    KeyManager(StorageConfig config, KeyIndex *index, QObject *parent = nullptr);
    ~KeyManager() override;

    // Keeps limits' tiers, users and usage in step with storage: loaded at
    // start, reloaded with the keys. Call before start(); may be null.
    void setLimitEnforcer(LimitEnforcer *limits) { m_limits = limits; }

    // Uses recorded by the workers, merged into each flush. Call before start().
    void setKeyUseRecorder(KeyUseRecorder *recorder);

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void issueKey(const QString &userName, const QString &tier, bool isOperator,
                              const QString &label);
    Q_INVOKABLE void revokeKey(const QString &keyId);
    Q_INVOKABLE void listKeys();
    Q_INVOKABLE void listTiers();
    // Users and tiers for the console; results arrive as signals.
    void listUsers();
    void listTierRecords();
    void saveUser(const Gateway::UserRecord &user);
    void saveTier(const Gateway::TierRecord &tier);
    // Records that a key was used; written in batches, at most once a second.
    Q_INVOKABLE void recordKeyUse(const QString &keyId, const QDateTime &at);
    Q_INVOKABLE void recordKeyUse(const QString &keyId, const QDateTime &at, const QString &address);
    // Issues a successor of keyId; the old key keeps working for graceSeconds.
    Q_INVOKABLE void rotateKey(const QString &keyId, int graceSeconds);
    // Reloads the index now when keys changed, e.g. right after a claim
    // issued a key on another connection, so the key works at once.
    Q_INVOKABLE void reloadNow();

Q_SIGNALS:
    void started(int keyCount);
    void failed(const QString &message);
    void keyIssued(const Gateway::IssuedKey &key);
    void keyIssueFailed(const QString &message);
    void keyRevoked(const QString &keyId);
    void keyRevokeFailed(const QString &keyId, const QString &message);
    void keyRotateFailed(const QString &keyId, const QString &message);
    void keysListed(const QList<Gateway::KeyRecord> &keys);
    void tiersListed(const QStringList &tierNames);
    void keysChanged();
    void usersListed(const QList<Gateway::UserRecord> &users);
    void tierRecordsListed(const QList<Gateway::TierRecord> &tiers);
    void userSaved(const Gateway::UserRecord &user);
    void userSaveFailed(const QString &userName, const QString &message);
    void tierSaved(const Gateway::TierRecord &tier);
    void tierSaveFailed(const QString &tierName, const QString &message);

private:
    void pollRevision();
    bool reloadIndex();
    bool reloadDirectory();
    bool loadUsage();
    void endTrials();
    void flushKeyUse();

    StorageConfig m_config;
    KeyIndex *m_index;
    LimitEnforcer *m_limits = nullptr;
    std::unique_ptr<Storage> m_storage;
    QTimer *m_pollTimer = nullptr;
    qint64 m_revision = -1;
    bool m_pollFailing = false; // logs a failing poll once, not every second
    QHash<QString, KeyUse> m_pendingUse;
    KeyUseRecorder *m_recorder = nullptr;
};

} // namespace Gateway
