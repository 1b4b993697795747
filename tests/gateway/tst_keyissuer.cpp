// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "KeyIndex.h"
#include "KeyIssuer.h"
#include "SqliteStorage.h"
#include "StorageConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Gateway;

class TestKeyIssuer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void issuesKeyWithTierPrefix_data();
    void issuesKeyWithTierPrefix();
    void storesOnlyHashAndHint();
    void createsMissingUserAndKeepsExistingTier();
    void issuedKeysAreDistinct();
    void rejectsInvalidUserName_data();
    void rejectsInvalidUserName();
    void rejectsUnknownTier();
    void rejectsPastExpiry();
    void rejectsInvalidLabel_data();
    void rejectsInvalidLabel();
    void keepsFutureExpiry();
    void issuedKeyVerifiesInIndex();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStorage> m_storage;
};

void TestKeyIssuer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StorageConfig config;
    config.dataDir = m_dir->path();
    m_storage = std::make_unique<SqliteStorage>(config.databasePath(), u"issuer"_s);
    QVERIFY(m_storage->open());
}

void TestKeyIssuer::cleanup()
{
    m_storage.reset();
    m_dir.reset();
}

void TestKeyIssuer::issuesKeyWithTierPrefix_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<bool>("isOperator");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("free") << u"free"_s << false << "sk_free_"_ba;
    QTest::newRow("pro") << u"pro"_s << false << "sk_live_"_ba;
    QTest::newRow("pro_trial") << u"pro_trial"_s << false << "sk_trial_"_ba;
    QTest::newRow("enterprise") << u"enterprise"_s << false << "sk_ent_"_ba;
    QTest::newRow("operator") << u"enterprise"_s << true << "sk_op_"_ba;
    QTest::newRow("operator on free") << u"free"_s << true << "sk_op_"_ba;
}

void TestKeyIssuer::issuesKeyWithTierPrefix()
{
    QFETCH(QString, tier);
    QFETCH(bool, isOperator);
    QFETCH(QByteArray, prefix);

    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = tier;
    request.isOperator = isOperator;
    request.label = u"ci"_s;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message()));

    const IssuedKey &key = issued.value();
    QVERIFY(key.secret.startsWith(prefix));
    QVERIFY(ApiKey::isWellFormed(key.secret));
    QVERIFY(key.record.id.startsWith(u"key_"_s));
    QCOMPARE(key.record.id.size(), 12);
    QCOMPARE(key.record.tier, tier);
    QCOMPARE(key.record.isOperator, isOperator);
    QCOMPARE(key.record.userName, u"alice"_s);
    QCOMPARE(key.record.label, u"ci"_s);
    QCOMPARE(key.record.hash, ApiKey::hash(key.secret));
    QCOMPARE(key.record.hint, ApiKey::hint(key.secret));
    QVERIFY(key.record.createdAt.isValid());
    QVERIFY(!key.record.expiresAt.isValid());
}

void TestKeyIssuer::storesOnlyHashAndHint()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"pro"_s;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(issued);
    const QByteArray secret = issued.value().secret;

    // Read the file and its WAL while the connection is open, so nothing has
    // been checkpointed away yet.
    QByteArray onDisk;
    const QDir dir(m_dir->path());
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        onDisk += file.readAll();
    }
    QVERIFY(onDisk.contains(issued.value().record.hash)); // proves the right files were read
    QVERIFY(!onDisk.contains(secret));
    // The hint contains the prefix and 4 characters. Nothing after them is stored.
    QVERIFY(!onDisk.contains(secret.mid(12)));
    QVERIFY(!onDisk.contains(secret.right(16)));

    const KeyRecord stored = m_storage->keys().value().first();
    QCOMPARE(stored.hash, ApiKey::hash(secret));
    QVERIFY(!stored.hint.contains(QString::fromLatin1(secret.mid(12))));
}

void TestKeyIssuer::createsMissingUserAndKeepsExistingTier()
{
    QVERIFY(m_storage->ensureUser(u"bob"_s, u"pro"_s));

    KeyIssuer::Request request;
    request.userName = u"bob"_s;
    request.tier = u"pro_trial"_s;
    const Result<IssuedKey> trial = KeyIssuer::issue(*m_storage, request);
    QVERIFY(trial);
    QCOMPARE(trial.value().record.tier, u"pro_trial"_s);
    QCOMPARE(m_storage->findUser(u"bob"_s).value().tier, u"pro"_s);

    request.userName = u"carol"_s;
    request.tier = u"enterprise"_s;
    QVERIFY(KeyIssuer::issue(*m_storage, request));
    QCOMPARE(m_storage->findUser(u"carol"_s).value().tier, u"enterprise"_s);
}

void TestKeyIssuer::issuedKeysAreDistinct()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"free"_s;
    QSet<QString> ids;
    QSet<QByteArray> secrets;
    for (int i = 0; i < 50; ++i) {
        const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
        QVERIFY(issued);
        ids.insert(issued.value().record.id);
        secrets.insert(issued.value().secret);
    }
    QCOMPARE(ids.size(), 50);
    QCOMPARE(secrets.size(), 50);
    QCOMPARE(m_storage->keys().value().size(), 50);
    QCOMPARE(m_storage->users().value().size(), 1);
}

void TestKeyIssuer::rejectsInvalidUserName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("space") << u"alice smith"_s;
    QTest::newRow("leading space") << u" alice"_s;
    QTest::newRow("newline") << u"alice\nadmin"_s;
    QTest::newRow("slash") << u"../alice"_s;
    QTest::newRow("quote") << u"al'ice"_s;
    QTest::newRow("non-ASCII") << u"alicé"_s;
    QTest::newRow("65 characters") << QString(65, u'a');
}

void TestKeyIssuer::rejectsInvalidUserName()
{
    QFETCH(QString, name);

    KeyIssuer::Request request;
    request.userName = name;
    request.tier = u"free"_s;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(!issued);
    QCOMPARE(issued.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(issued.error().message().contains(u"user name"_s));
    QCOMPARE(m_storage->users().value().size(), 0);
    QCOMPARE(m_storage->keys().value().size(), 0);
}

void TestKeyIssuer::rejectsUnknownTier()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"gold"_s;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(!issued);
    QCOMPARE(issued.error().code(), ErrorCode::InvalidArgument);
    QVERIFY(issued.error().message().contains(u"\"gold\""_s));
    QVERIFY(issued.error().message().contains(u"pro_trial"_s)); // lists the known tiers
    QCOMPARE(m_storage->users().value().size(), 0);
}

void TestKeyIssuer::rejectsPastExpiry()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"free"_s;
    request.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(!issued);
    QCOMPARE(issued.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_storage->keys().value().size(), 0);
}

void TestKeyIssuer::rejectsInvalidLabel_data()
{
    QTest::addColumn<QString>("label");
    QTest::newRow("escape sequence") << u"\x1b[2Jcleared"_s;
    QTest::newRow("newline") << u"two\nlines"_s;
    QTest::newRow("201 characters") << QString(201, u'x');
}

void TestKeyIssuer::rejectsInvalidLabel()
{
    QFETCH(QString, label);

    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"free"_s;
    request.label = label;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(!issued);
    QCOMPARE(issued.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(m_storage->keys().value().size(), 0);
}

void TestKeyIssuer::keepsFutureExpiry()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"pro_trial"_s;
    request.label = u"Konferenz – Stand 4"_s;
    request.expiresAt = QDateTime::currentDateTimeUtc().addDays(7);
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(issued);

    const KeyRecord stored = m_storage->keys().value().first();
    QCOMPARE(stored.expiresAt, request.expiresAt);
    QCOMPARE(stored.label, request.label);
}

void TestKeyIssuer::issuedKeyVerifiesInIndex()
{
    KeyIssuer::Request request;
    request.userName = u"alice"_s;
    request.tier = u"pro"_s;
    const Result<IssuedKey> issued = KeyIssuer::issue(*m_storage, request);
    QVERIFY(issued);

    KeyIndex index;
    index.replace(m_storage->keys().value());
    const KeyIndex::Verdict verdict = index.verify(issued.value().secret, QDateTime::currentDateTimeUtc());
    QCOMPARE(verdict.status, KeyIndex::Status::Valid);
    QCOMPARE(verdict.identity.keyId, issued.value().record.id);
    QCOMPARE(verdict.identity.userName, u"alice"_s);
    QCOMPARE(verdict.identity.tier, u"pro"_s);
}

QTEST_GUILESS_MAIN(TestKeyIssuer)
#include "tst_keyissuer.moc"
