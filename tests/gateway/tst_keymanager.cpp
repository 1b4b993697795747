// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "KeyIndex.h"
#include "KeyIssuer.h"
#include "KeyManager.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

// Runs a KeyManager on its own thread, the way the gateway does, and records
// its signals on the test thread through queued connections.
class TestKeyManager final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startLoadsExistingKeys();
    void reloadsKeyInsertedByAnotherConnection();
    void reloadsKeyRevokedByAnotherConnection();
    void issuedKeyVerifiesWhenSignalArrives();
    void issueKeyReportsUnknownTier();
    void revokeKeyUpdatesIndex();
    void revokeUnknownKeyReportsFailure();
    void listsKeysAndTiers();
    void recordedKeyUseIsWrittenWithinPollInterval();
    void stopWritesPendingKeyUse();
    void startFailsOnUnusableDataDir();
    void requestsBeforeStartFail();

private:
    void createManager();
    void startManager();
    IssuedKey issueDirectly(const QString &user, const QString &tier);
    KeyIndex::Status statusOf(const QByteArray &secret) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    StorageConfig m_config;
    std::unique_ptr<KeyIndex> m_index;
    std::unique_ptr<QThread> m_thread;
    KeyManager *m_manager = nullptr; // deleted on its thread when the thread finishes

    QList<int> m_started;
    QStringList m_failed;
    QList<IssuedKey> m_issued;
    QStringList m_issueFailures;
    QStringList m_revoked;
    QStringList m_revokeFailures;
    QList<QList<KeyRecord>> m_keyLists;
    QList<QStringList> m_tierLists;
    int m_keysChanged = 0;
};

void TestKeyManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config.dataDir = m_dir->path();
    m_index = std::make_unique<KeyIndex>();

    m_started.clear();
    m_failed.clear();
    m_issued.clear();
    m_issueFailures.clear();
    m_revoked.clear();
    m_revokeFailures.clear();
    m_keyLists.clear();
    m_tierLists.clear();
    m_keysChanged = 0;
}

void TestKeyManager::cleanup()
{
    if (m_manager) {
        QMetaObject::invokeMethod(m_manager, &KeyManager::stop, Qt::BlockingQueuedConnection);
        m_thread->quit();
        QVERIFY(m_thread->wait(10000));
        m_manager = nullptr;
    }
    m_thread.reset();
    m_index.reset();
    m_dir.reset();
}

void TestKeyManager::createManager()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(u"storage"_s);
    m_manager = new KeyManager(m_config, m_index.get());
    m_manager->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_manager, &QObject::deleteLater);

    connect(m_manager, &KeyManager::started, this, [this](int count) { m_started.append(count); });
    connect(m_manager, &KeyManager::failed, this, [this](const QString &message) { m_failed.append(message); });
    connect(m_manager, &KeyManager::keyIssued, this, [this](const IssuedKey &key) {
        // The index must know the key by the time the console shows it.
        QCOMPARE(statusOf(key.secret), KeyIndex::Status::Valid);
        m_issued.append(key);
    });
    connect(m_manager, &KeyManager::keyIssueFailed, this,
            [this](const QString &message) { m_issueFailures.append(message); });
    connect(m_manager, &KeyManager::keyRevoked, this, [this](const QString &keyId) { m_revoked.append(keyId); });
    connect(m_manager, &KeyManager::keyRevokeFailed, this,
            [this](const QString &keyId, const QString &message) { m_revokeFailures.append(keyId + u": "_s + message); });
    connect(m_manager, &KeyManager::keysListed, this,
            [this](const QList<KeyRecord> &keys) { m_keyLists.append(keys); });
    connect(m_manager, &KeyManager::tiersListed, this,
            [this](const QStringList &tiers) { m_tierLists.append(tiers); });
    connect(m_manager, &KeyManager::keysChanged, this, [this] { ++m_keysChanged; });

    m_thread->start();
}

void TestKeyManager::startManager()
{
    createManager();
    QMetaObject::invokeMethod(m_manager, &KeyManager::start, Qt::QueuedConnection);
    QTRY_COMPARE(m_started.size(), 1);
    QVERIFY(m_failed.isEmpty());
}

IssuedKey TestKeyManager::issueDirectly(const QString &user, const QString &tier)
{
    // A separate connection, as the `keys create` command line uses.
    SqliteStorage storage(m_config.databasePath(), u"other-process"_s);
    if (!storage.open())
        return {};
    KeyIssuer::Request request;
    request.userName = user;
    request.tier = tier;
    Result<IssuedKey> issued = KeyIssuer::issue(storage, request);
    return issued ? issued.value() : IssuedKey{};
}

KeyIndex::Status TestKeyManager::statusOf(const QByteArray &secret) const
{
    return m_index->verify(secret, QDateTime::currentDateTimeUtc()).status;
}

void TestKeyManager::startLoadsExistingKeys()
{
    const IssuedKey first = issueDirectly(u"alice"_s, u"pro"_s);
    const IssuedKey second = issueDirectly(u"bob"_s, u"free"_s);
    QVERIFY(!first.secret.isEmpty());
    QVERIFY(!second.secret.isEmpty());

    startManager();
    QCOMPARE(m_started.first(), 2);
    QCOMPARE(m_index->size(), 2);
    QCOMPARE(statusOf(first.secret), KeyIndex::Status::Valid);
    QCOMPARE(statusOf(second.secret), KeyIndex::Status::Valid);
}

void TestKeyManager::reloadsKeyInsertedByAnotherConnection()
{
    startManager();
    QCOMPARE(m_started.first(), 0);

    QElapsedTimer timer;
    timer.start();
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    QVERIFY(!key.secret.isEmpty());
    QCOMPARE(statusOf(key.secret), KeyIndex::Status::Invalid);

    // The poll interval is one second. The limit allows for a busy machine.
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(key.secret), KeyIndex::Status::Valid, 5000);
    QVERIFY2(timer.elapsed() < 2500, qPrintable(u"reload took %1 ms"_s.arg(timer.elapsed())));
    QTRY_VERIFY(m_keysChanged >= 1);
}

void TestKeyManager::reloadsKeyRevokedByAnotherConnection()
{
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    startManager();
    QCOMPARE(statusOf(key.secret), KeyIndex::Status::Valid);

    {
        SqliteStorage storage(m_config.databasePath(), u"other-process"_s);
        QVERIFY(storage.open());
        QVERIFY(storage.revokeKey(key.record.id));
    }
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(key.secret), KeyIndex::Status::Revoked, 5000);
}

void TestKeyManager::issuedKeyVerifiesWhenSignalArrives()
{
    startManager();
    QMetaObject::invokeMethod(m_manager, "issueKey", Qt::QueuedConnection, Q_ARG(QString, u"alice"_s),
                              Q_ARG(QString, u"pro_trial"_s), Q_ARG(bool, false), Q_ARG(QString, u"event"_s));
    QTRY_COMPARE(m_issued.size(), 1);

    const IssuedKey &key = m_issued.first();
    QVERIFY(key.secret.startsWith("sk_trial_"));
    QCOMPARE(key.record.label, u"event"_s);
    QCOMPARE(statusOf(key.secret), KeyIndex::Status::Valid);
    QVERIFY(m_keysChanged >= 1);
    QVERIFY(m_issueFailures.isEmpty());
}

void TestKeyManager::issueKeyReportsUnknownTier()
{
    startManager();
    QMetaObject::invokeMethod(m_manager, "issueKey", Qt::QueuedConnection, Q_ARG(QString, u"alice"_s),
                              Q_ARG(QString, u"gold"_s), Q_ARG(bool, false), Q_ARG(QString, QString()));
    QTRY_COMPARE(m_issueFailures.size(), 1);
    QVERIFY(m_issueFailures.first().contains(u"gold"_s));
    QVERIFY(m_issued.isEmpty());
    QCOMPARE(m_index->size(), 0);
}

void TestKeyManager::revokeKeyUpdatesIndex()
{
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    startManager();

    QMetaObject::invokeMethod(m_manager, "revokeKey", Qt::QueuedConnection, Q_ARG(QString, key.record.id));
    QTRY_COMPARE(m_revoked, QStringList{key.record.id});
    QCOMPARE(statusOf(key.secret), KeyIndex::Status::Revoked);
}

void TestKeyManager::revokeUnknownKeyReportsFailure()
{
    startManager();
    QMetaObject::invokeMethod(m_manager, "revokeKey", Qt::QueuedConnection, Q_ARG(QString, u"key_nothere"_s));
    QTRY_COMPARE(m_revokeFailures.size(), 1);
    QVERIFY(m_revokeFailures.first().startsWith(u"key_nothere: "_s));
    QVERIFY(m_revoked.isEmpty());
}

void TestKeyManager::listsKeysAndTiers()
{
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    startManager();

    QMetaObject::invokeMethod(m_manager, &KeyManager::listKeys, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_manager, &KeyManager::listTiers, Qt::QueuedConnection);
    QTRY_COMPARE(m_keyLists.size(), 1);
    QTRY_COMPARE(m_tierLists.size(), 1);

    QCOMPARE(m_keyLists.first().size(), 1);
    QCOMPARE(m_keyLists.first().first().id, key.record.id);
    QCOMPARE(m_keyLists.first().first().userName, u"alice"_s);
    QCOMPARE(m_tierLists.first(), (QStringList{u"free"_s, u"pro"_s, u"pro_trial"_s, u"enterprise"_s}));
}

void TestKeyManager::recordedKeyUseIsWrittenWithinPollInterval()
{
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    startManager();

    SqliteStorage observer(m_config.databasePath(), u"observer"_s);
    QVERIFY(observer.open());
    const qint64 revision = observer.keysRevision().value();

    const QDateTime newer = QDateTime::currentDateTimeUtc();
    const QDateTime older = newer.addSecs(-30);
    QMetaObject::invokeMethod(m_manager, "recordKeyUse", Qt::QueuedConnection, Q_ARG(QString, key.record.id),
                              Q_ARG(QDateTime, newer));
    QMetaObject::invokeMethod(m_manager, "recordKeyUse", Qt::QueuedConnection, Q_ARG(QString, key.record.id),
                              Q_ARG(QDateTime, older));

    QTRY_COMPARE_WITH_TIMEOUT(observer.keys().value().first().lastUsedAt, newer, 5000);
    QCOMPARE(observer.keysRevision().value(), revision);
}

void TestKeyManager::stopWritesPendingKeyUse()
{
    const IssuedKey key = issueDirectly(u"alice"_s, u"pro"_s);
    startManager();

    const QDateTime usedAt = QDateTime::currentDateTimeUtc();
    QMetaObject::invokeMethod(m_manager, "recordKeyUse", Qt::QueuedConnection, Q_ARG(QString, key.record.id),
                              Q_ARG(QDateTime, usedAt));
    QMetaObject::invokeMethod(m_manager, &KeyManager::stop, Qt::BlockingQueuedConnection);

    SqliteStorage observer(m_config.databasePath(), u"observer"_s);
    QVERIFY(observer.open());
    QCOMPARE(observer.keys().value().first().lastUsedAt, usedAt);
}

void TestKeyManager::startFailsOnUnusableDataDir()
{
    // A regular file where the data directory should be.
    QFile blocker(m_dir->filePath(u"not-a-directory"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    m_config.dataDir = blocker.fileName();

    createManager();
    QMetaObject::invokeMethod(m_manager, &KeyManager::start, Qt::QueuedConnection);
    QTRY_COMPARE(m_failed.size(), 1);
    QVERIFY2(m_failed.first().contains(blocker.fileName()), qPrintable(m_failed.first()));
    QVERIFY(m_started.isEmpty());

    QMetaObject::invokeMethod(m_manager, "issueKey", Qt::QueuedConnection, Q_ARG(QString, u"alice"_s),
                              Q_ARG(QString, u"pro"_s), Q_ARG(bool, false), Q_ARG(QString, QString()));
    QTRY_COMPARE(m_issueFailures.size(), 1);
}

void TestKeyManager::requestsBeforeStartFail()
{
    createManager();
    QMetaObject::invokeMethod(m_manager, "revokeKey", Qt::QueuedConnection, Q_ARG(QString, u"key_early000"_s));
    QMetaObject::invokeMethod(m_manager, &KeyManager::listKeys, Qt::QueuedConnection);
    QTRY_COMPARE(m_revokeFailures.size(), 1);
    QTRY_COMPARE(m_failed.size(), 1);
    QVERIFY(m_keyLists.isEmpty());
    QVERIFY(!QFile::exists(m_config.databasePath()));
}

QTEST_GUILESS_MAIN(TestKeyManager)
#include "tst_keymanager.moc"
