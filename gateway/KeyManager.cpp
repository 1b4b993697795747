// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyManager.h"

#include "KeyIndex.h"
#include "KeyUseRecorder.h"
#include "LimitEnforcer.h"
#include "Storage.h"

#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcKeyManager, "soulfra.gateway.keymanager")

// How often the revision counter is read and key use is written: the bound
// on how long a key issued or revoked by another process stays unnoticed.
constexpr int pollIntervalMs = 1000;

QString notRunningMessage()
{
    return u"the key manager is not running"_s;
}

} // namespace

KeyManager::KeyManager(StorageConfig config, KeyIndex *index, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_index(index)
{
}

KeyManager::~KeyManager() = default;

void KeyManager::start()
{
    if (m_storage)
        return;

    std::unique_ptr<Storage> storage = createStorage(m_config, u"keymanager"_s);
    if (Result<Done> opened = storage->open(); !opened) {
        qCWarning(lcKeyManager).noquote() << "cannot start:" << opened.error().message();
        Q_EMIT failed(opened.error().message());
        return;
    }
    m_storage = std::move(storage);

    if (!reloadIndex()) {
        m_storage.reset();
        Q_EMIT failed(u"cannot load the API keys from %1"_s.arg(m_config.databasePath()));
        return;
    }
    if (!loadUsage()) {
        m_storage.reset();
        Q_EMIT failed(u"cannot load the usage counters from %1"_s.arg(m_config.databasePath()));
        return;
    }

    if (!m_pollTimer) {
        m_pollTimer = new QTimer(this);
        m_pollTimer->setInterval(pollIntervalMs);
        connect(m_pollTimer, &QTimer::timeout, this, &KeyManager::pollRevision);
    }
    m_pollTimer->start();

    qCInfo(lcKeyManager) << "started with" << m_index->size() << "keys at revision" << m_revision;
    Q_EMIT started(m_index->size());
}

void KeyManager::stop()
{
    if (!m_storage)
        return;

    m_pollTimer->stop();
    flushKeyUse();
    m_storage.reset();
    m_revision = -1;
    qCInfo(lcKeyManager) << "stopped";
}

void KeyManager::issueKey(const QString &userName, const QString &tier, bool isOperator, const QString &label)
{
    if (!m_storage) {
        Q_EMIT keyIssueFailed(notRunningMessage());
        return;
    }

    KeyIssuer::Request request;
    request.userName = userName;
    request.tier = tier;
    request.isOperator = isOperator;
    request.label = label;
    Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    if (!issued) {
        Q_EMIT keyIssueFailed(issued.error().message());
        return;
    }

    // Reloaded now, so the key works before the next poll would notice it.
    reloadIndex();
    Q_EMIT keyIssued(issued.value());
    Q_EMIT keysChanged();
}

void KeyManager::revokeKey(const QString &keyId)
{
    if (!m_storage) {
        Q_EMIT keyRevokeFailed(keyId, notRunningMessage());
        return;
    }

    Result<KeyRecord> revoked = m_storage->revokeKey(keyId);
    if (!revoked) {
        Q_EMIT keyRevokeFailed(keyId, revoked.error().message());
        return;
    }

    qCInfo(lcKeyManager) << "revoked key" << keyId;
    reloadIndex();
    Q_EMIT keyRevoked(keyId);
    Q_EMIT keysChanged();
}

void KeyManager::listKeys()
{
    if (!m_storage) {
        Q_EMIT failed(notRunningMessage());
        return;
    }

    Result<QList<KeyRecord>> keys = m_storage->keys();
    if (!keys) {
        Q_EMIT failed(keys.error().message());
        return;
    }
    Q_EMIT keysListed(keys.value());
}

void KeyManager::listTiers()
{
    if (!m_storage) {
        Q_EMIT failed(notRunningMessage());
        return;
    }

    Result<QList<TierRecord>> tiers = m_storage->tiers();
    if (!tiers) {
        Q_EMIT failed(tiers.error().message());
        return;
    }

    QStringList names;
    for (const TierRecord &tier : tiers.value())
        names.append(tier.name);
    Q_EMIT tiersListed(names);
}

void KeyManager::listUsers()
{
    if (!m_storage) {
        Q_EMIT failed(notRunningMessage());
        return;
    }
    Result<QList<UserRecord>> users = m_storage->users();
    if (!users) {
        Q_EMIT failed(users.error().message());
        return;
    }
    Q_EMIT usersListed(users.value());
}

void KeyManager::listTierRecords()
{
    if (!m_storage) {
        Q_EMIT failed(notRunningMessage());
        return;
    }
    Result<QList<TierRecord>> tiers = m_storage->tiers();
    if (!tiers) {
        Q_EMIT failed(tiers.error().message());
        return;
    }
    Q_EMIT tierRecordsListed(tiers.value());
}

void KeyManager::saveUser(const UserRecord &user)
{
    if (!m_storage) {
        Q_EMIT userSaveFailed(user.name, notRunningMessage());
        return;
    }
    Result<UserRecord> saved = m_storage->saveUser(user);
    if (!saved) {
        Q_EMIT userSaveFailed(user.name, saved.error().message());
        return;
    }

    // Reloaded now, so the new limits apply before the next poll.
    qCInfo(lcKeyManager) << "saved user" << saved.value().id << "on tier" << saved.value().tier;
    reloadIndex();
    Q_EMIT userSaved(saved.value());
    Q_EMIT keysChanged();
}

void KeyManager::saveTier(const TierRecord &tier)
{
    if (!m_storage) {
        Q_EMIT tierSaveFailed(tier.name, notRunningMessage());
        return;
    }
    Result<TierRecord> saved = m_storage->saveTier(tier);
    if (!saved) {
        Q_EMIT tierSaveFailed(tier.name, saved.error().message());
        return;
    }

    qCInfo(lcKeyManager) << "saved tier" << tier.name;
    reloadIndex();
    Q_EMIT tierSaved(saved.value());
    Q_EMIT keysChanged();
}

void KeyManager::recordKeyUse(const QString &keyId, const QDateTime &at)
{
    recordKeyUse(keyId, at, QString());
}

void KeyManager::recordKeyUse(const QString &keyId, const QDateTime &at, const QString &address)
{
    if (keyId.isEmpty() || !at.isValid())
        return;

    KeyUse &latest = m_pendingUse[keyId];
    if (!latest.at.isValid() || at > latest.at)
        latest = KeyUse{keyId, at, address};
}

void KeyManager::rotateKey(const QString &keyId, int graceSeconds)
{
    if (!m_storage) {
        Q_EMIT keyRotateFailed(keyId, u"the key store is not open"_s);
        return;
    }

    const Result<IssuedKey> rotated = KeyIssuer::rotate(*m_storage, keyId, std::chrono::seconds(graceSeconds));
    if (!rotated) {
        qCWarning(lcKeyManager).noquote() << "cannot rotate key" << keyId << ":" << rotated.error().message();
        Q_EMIT keyRotateFailed(keyId, rotated.error().message());
        return;
    }

    reloadIndex();
    Q_EMIT keyIssued(rotated.value());
    Q_EMIT keysChanged();
}

void KeyManager::reloadNow()
{
    if (!m_storage)
        return;
    if (reloadIndex())
        Q_EMIT keysChanged();
}

void KeyManager::pollRevision()
{
    if (!m_storage)
        return;

    Result<qint64> revision = m_storage->keysRevision();
    if (!revision) {
        if (!m_pollFailing)
            qCWarning(lcKeyManager).noquote() << "cannot read the keys revision:" << revision.error().message();
        m_pollFailing = true;
    } else {
        if (m_pollFailing)
            qCInfo(lcKeyManager) << "reading the keys revision works again";
        m_pollFailing = false;

        if (revision.value() != m_revision && reloadIndex())
            Q_EMIT keysChanged();
    }

    endTrials();
    flushKeyUse();
}

void KeyManager::endTrials()
{
    if (!m_limits)
        return;

    // The enforcer applies an ended trial by its clock already. Recording
    // the move in storage makes the console and the CLI show the new tier.
    Result<QStringList> ended = m_storage->endTrials(m_limits->now());
    if (!ended) {
        qCWarning(lcKeyManager).noquote() << "cannot end trials:" << ended.error().message();
        return;
    }
    if (!ended.value().isEmpty() && reloadIndex())
        Q_EMIT keysChanged();
}

bool KeyManager::reloadDirectory()
{
    if (!m_limits)
        return true;

    Result<QList<TierRecord>> tiers = m_storage->tiers();
    if (!tiers) {
        qCWarning(lcKeyManager).noquote() << "cannot reload tiers:" << tiers.error().message();
        return false;
    }
    Result<QList<UserRecord>> users = m_storage->users();
    if (!users) {
        qCWarning(lcKeyManager).noquote() << "cannot reload users:" << users.error().message();
        return false;
    }
    m_limits->setDirectory(tiers.value(), users.value());
    return true;
}

bool KeyManager::loadUsage()
{
    if (!m_limits)
        return true;

    const UsageWindows windows = m_limits->windowsAt(m_limits->now());
    Result<QList<UsageTotals>> totals = m_storage->usageTotals(windows);
    if (!totals) {
        qCWarning(lcKeyManager).noquote() << "cannot load usage:" << totals.error().message();
        return false;
    }
    m_limits->loadUsage(totals.value(), windows);
    return true;
}

bool KeyManager::reloadIndex()
{
    // The revision is read before the keys: a change between the two reads
    // leaves m_revision behind, so the next poll loads the keys once more.
    Result<qint64> revision = m_storage->keysRevision();
    if (!revision) {
        qCWarning(lcKeyManager).noquote() << "cannot reload keys:" << revision.error().message();
        return false;
    }
    Result<QList<KeyRecord>> keys = m_storage->keys();
    if (!keys) {
        qCWarning(lcKeyManager).noquote() << "cannot reload keys:" << keys.error().message();
        return false;
    }

    if (!reloadDirectory())
        return false;

    m_index->replace(keys.value());
    qCDebug(lcKeyManager) << "loaded" << keys.value().size() << "keys at revision" << revision.value();
    m_revision = revision.value();
    return true;
}

void KeyManager::setKeyUseRecorder(KeyUseRecorder *recorder)
{
    m_recorder = recorder;
}

void KeyManager::flushKeyUse()
{
    if (m_recorder) {
        for (const KeyUse &use : m_recorder->take())
            recordKeyUse(use.keyId, use.at, use.address);
    }

    if (m_pendingUse.isEmpty() || !m_storage)
        return;

    const QList<KeyUse> batch = m_pendingUse.values();

    // On failure the times stay pending for the next tick. The map has one
    // entry per key, so it cannot grow beyond the number of keys.
    if (Result<Done> written = m_storage->touchKeys(batch); !written) {
        qCWarning(lcKeyManager).noquote() << "cannot record the use of" << batch.size()
                                          << "keys:" << written.error().message();
        return;
    }
    m_pendingUse.clear();
}

} // namespace Gateway
