// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"
#include "KeysCommand.h"
#include "StorageConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;
using Gateway::ApiKey;

namespace {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;

    QStringList outLines() const { return out.split(u'\n', Qt::SkipEmptyParts); }
    QByteArray lastLine() const { return outLines().value(outLines().size() - 1).toLatin1(); }
};

CommandResult runKeys(const QStringList &arguments)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = KeysCommand::run(arguments, out, err);
    return result;
}

} // namespace

// Drives `soulfra-gateway keys ...` through KeysCommand::run, as main() does,
// with a fresh data directory per test.
class TestKeysCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createPrintsKeyOnLastLine();
    void createDefaultsToExistingUsersTier();
    void createOperatorKeyUsesDefaults();
    void createWithExpiryAndLabel();
    void listShowsKeysWithoutSecrets();
    void listJsonHasEveryField();
    void listWithoutKeysSaysSo();
    void revokeMarksKeyRevoked();
    void revokeTwiceReportsEarlierRevocation();
    void revokeUnknownIdIsUsageError();
    void revokeWithoutIdIsUsageError();
    void revokePastedKeyIsNotEchoed();
    void rotateIssuesSuccessorAndExpiresOldKey();
    void rotateRejectsBadInput();
    void unknownFlagIsUsageError_data();
    void unknownFlagIsUsageError();
    void unknownTierIsUsageError();
    void missingUserIsUsageError();
    void invalidUserNameIsUsageError();
    void invalidExpiryIsUsageError_data();
    void invalidExpiryIsUsageError();
    void missingValueIsUsageError();
    void unexpectedArgumentIsUsageError();
    void listOfMissingDatabaseIsUsageError();
    void unknownCommandIsUsageError();
    void missingCommandIsUsageError();
    void helpDocumentsEveryOption_data();
    void helpDocumentsEveryOption();
    void unusableDataDirIsStorageFailure();
    void corruptDatabaseIsStorageFailure();
    void dataDirDefaultsToUserDataLocation();

private:
    QStringList withDataDir(QStringList arguments) const;
    QByteArray createKey(const QStringList &extra);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
};

void TestKeysCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dataDir = m_dir->filePath(u"data"_s);
}

void TestKeysCommand::cleanup()
{
    m_dir.reset();
}

QStringList TestKeysCommand::withDataDir(QStringList arguments) const
{
    arguments << u"--data-dir"_s << m_dataDir;
    return arguments;
}

QByteArray TestKeysCommand::createKey(const QStringList &extra)
{
    const CommandResult result = runKeys(withDataDir(QStringList{u"create"_s} + extra));
    if (result.exitCode != 0) {
        qWarning().noquote() << "keys create failed:" << result.err;
        return {};
    }
    return result.lastLine();
}

void TestKeysCommand::createPrintsKeyOnLastLine()
{
    const CommandResult result =
        runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice"_s, u"--tier"_s, u"pro"_s}));
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.outLines().size() >= 2); // a description, then the key

    const QByteArray key = result.lastLine();
    QVERIFY2(key.startsWith("sk_live_"), key.constData());
    QVERIFY(ApiKey::isWellFormed(key));
    QVERIFY(result.out.endsWith(QString::fromLatin1(key) + u'\n'));
    QCOMPARE(result.out.count(QString::fromLatin1(key)), 1);
    QVERIFY(!result.err.contains(QString::fromLatin1(key)));
    QVERIFY(result.outLines().first().contains(u"alice"_s));
    QVERIFY(QFile::exists(QDir(m_dataDir).filePath(u"gateway.sqlite"_s)));
}

void TestKeysCommand::createDefaultsToExistingUsersTier()
{
    QVERIFY(createKey({u"--user"_s, u"alice"_s, u"--tier"_s, u"pro"_s}).startsWith("sk_live_"));
    QVERIFY(createKey({u"--user"_s, u"alice"_s}).startsWith("sk_live_"));
    QVERIFY(createKey({u"--user"_s, u"bob"_s}).startsWith("sk_free_"));
}

void TestKeysCommand::createOperatorKeyUsesDefaults()
{
    const QByteArray key = createKey({u"--operator"_s});
    QVERIFY2(key.startsWith("sk_op_"), key.constData());
    QVERIFY(ApiKey::isWellFormed(key));

    const CommandResult list = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    QCOMPARE(list.exitCode, 0);
    const QJsonObject row = QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject();
    QCOMPARE(row.value(u"user"_s).toString(), u"operator"_s);
    QCOMPARE(row.value(u"tier"_s).toString(), u"enterprise"_s);
    QCOMPARE(row.value(u"operator"_s).toBool(), true);

    QVERIFY(createKey({u"--operator"_s, u"--user"_s, u"ops"_s, u"--tier"_s, u"free"_s}).startsWith("sk_op_"));
}

void TestKeysCommand::createWithExpiryAndLabel()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QVERIFY(!createKey({u"--user"_s, u"alice"_s, u"--tier"_s, u"pro_trial"_s, u"--expires-days"_s, u"7"_s,
                        u"--label"_s, u"booth 4"_s})
                 .isEmpty());

    const CommandResult list = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QJsonObject row = QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject();
    const QDateTime expires = QDateTime::fromString(row.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(expires.isValid());
    QVERIFY(expires >= before.addDays(7).addSecs(-1));
    QVERIFY(expires <= QDateTime::currentDateTimeUtc().addDays(7).addSecs(1));
    QCOMPARE(row.value(u"label"_s).toString(), u"booth 4"_s);
    QCOMPARE(row.value(u"tier"_s).toString(), u"pro_trial"_s);
}

void TestKeysCommand::listShowsKeysWithoutSecrets()
{
    const QByteArray alice = createKey({u"--user"_s, u"alice"_s, u"--tier"_s, u"pro"_s, u"--label"_s, u"laptop"_s});
    const QByteArray bob = createKey({u"--user"_s, u"bob"_s, u"--tier"_s, u"free"_s});
    QVERIFY(!alice.isEmpty());
    QVERIFY(!bob.isEmpty());

    const CommandResult list = runKeys(withDataDir({u"list"_s}));
    QCOMPARE(list.exitCode, 0);
    const QStringList lines = list.outLines();
    QCOMPARE(lines.size(), 3); // header and two keys
    for (const QString &column : {u"ID"_s, u"USER"_s, u"TIER"_s, u"HINT"_s, u"LABEL"_s, u"CREATED"_s,
                                  u"EXPIRES"_s, u"REVOKED"_s, u"LAST USED"_s}) {
        QVERIFY2(lines.first().contains(column), qPrintable(column));
    }
    QVERIFY(lines.at(1).contains(u"alice"_s));
    QVERIFY(lines.at(1).contains(u"laptop"_s));
    QVERIFY(lines.at(1).contains(ApiKey::hint(alice)));
    QVERIFY(lines.at(2).contains(u"bob"_s));

    // Neither the keys nor anything of them beyond the hint.
    for (const QByteArray &secret : {alice, bob}) {
        QVERIFY(!list.out.contains(QString::fromLatin1(secret)));
        QVERIFY(!list.out.contains(QString::fromLatin1(secret.right(20))));
    }
}

void TestKeysCommand::listJsonHasEveryField()
{
    const QByteArray key = createKey({u"--user"_s, u"alice"_s, u"--tier"_s, u"enterprise"_s});
    QVERIFY(!key.isEmpty());

    const CommandResult list = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    QCOMPARE(list.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(list.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().size(), 1);

    const QJsonObject row = document.array().first().toObject();
    QVERIFY(row.value(u"id"_s).toString().startsWith(u"key_"_s));
    QCOMPARE(row.value(u"user"_s).toString(), u"alice"_s);
    QCOMPARE(row.value(u"tier"_s).toString(), u"enterprise"_s);
    QCOMPARE(row.value(u"operator"_s).toBool(), false);
    QCOMPARE(row.value(u"hint"_s).toString(), ApiKey::hint(key));
    QVERIFY(QDateTime::fromString(row.value(u"createdAt"_s).toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(row.value(u"expiresAt"_s).isNull());
    QVERIFY(row.value(u"revokedAt"_s).isNull());
    QVERIFY(row.value(u"lastUsedAt"_s).isNull());
    QVERIFY(row.contains(u"label"_s));
    QVERIFY(!list.out.contains(QString::fromLatin1(key)));
}

void TestKeysCommand::listWithoutKeysSaysSo()
{
    QCOMPARE(runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice"_s, u"--tier"_s, u"gold"_s})).exitCode, 2);

    const CommandResult list = runKeys(withDataDir({u"list"_s}));
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.startsWith(u"No keys"_s));

    const CommandResult json = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).array().size(), 0);
}

void TestKeysCommand::revokeMarksKeyRevoked()
{
    QVERIFY(!createKey({u"--user"_s, u"alice"_s}).isEmpty());
    const CommandResult before = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QString id = QJsonDocument::fromJson(before.out.toUtf8()).array().first().toObject().value(u"id"_s).toString();

    const CommandResult revoke = runKeys(withDataDir({u"revoke"_s, id}));
    QCOMPARE(revoke.exitCode, 0);
    QVERIFY(revoke.out.contains(id));

    const CommandResult after = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QJsonObject row = QJsonDocument::fromJson(after.out.toUtf8()).array().first().toObject();
    QVERIFY(QDateTime::fromString(row.value(u"revokedAt"_s).toString(), Qt::ISODateWithMs).isValid());
}

void TestKeysCommand::revokeTwiceReportsEarlierRevocation()
{
    QVERIFY(!createKey({u"--user"_s, u"alice"_s}).isEmpty());
    const CommandResult list = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QString id = QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject().value(u"id"_s).toString();

    QCOMPARE(runKeys(withDataDir({u"revoke"_s, id})).exitCode, 0);
    const CommandResult again = runKeys(withDataDir({u"revoke"_s, id}));
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"already revoked"_s), qPrintable(again.out));
}

void TestKeysCommand::rotateIssuesSuccessorAndExpiresOldKey()
{
    QVERIFY(!createKey({u"--user"_s, u"alice"_s, u"--tier"_s, u"pro"_s, u"--label"_s, u"laptop"_s}).isEmpty());
    const CommandResult listed = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QString oldId = QJsonDocument::fromJson(listed.out.toUtf8()).array().first().toObject().value(u"id"_s).toString();

    const CommandResult rotated = runKeys(withDataDir({u"rotate"_s, oldId, u"--grace-hours"_s, u"2"_s}));
    QCOMPARE(rotated.exitCode, 0);
    QVERIFY(rotated.lastLine().startsWith("sk_live_"));

    const QJsonArray keys = QJsonDocument::fromJson(runKeys(withDataDir({u"list"_s, u"--json"_s})).out.toUtf8()).array();
    QCOMPARE(keys.size(), 2);
    QJsonObject oldKey;
    QJsonObject newKey;
    for (const QJsonValue &key : keys) {
        if (key.toObject().value(u"id"_s).toString() == oldId)
            oldKey = key.toObject();
        else
            newKey = key.toObject();
    }
    QCOMPARE(newKey.value(u"replacesKeyId"_s).toString(), oldId);
    QCOMPARE(newKey.value(u"label"_s).toString(), u"laptop"_s);
    QCOMPARE(newKey.value(u"tier"_s).toString(), u"pro"_s);
    const QDateTime oldExpiry = QDateTime::fromString(oldKey.value(u"expiresAt"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(oldExpiry.isValid());
    QVERIFY(qAbs(oldExpiry.secsTo(QDateTime::currentDateTimeUtc().addSecs(2 * 3600))) < 60);
}

void TestKeysCommand::rotateRejectsBadInput()
{
    const QByteArray key = createKey({u"--user"_s, u"alice"_s});
    QVERIFY(!key.isEmpty());

    QCOMPARE(runKeys(withDataDir({u"rotate"_s, u"key_doesnotx"_s})).exitCode, 2);
    QCOMPARE(runKeys(withDataDir({u"rotate"_s})).exitCode, 2);

    const CommandResult pasted = runKeys(withDataDir({u"rotate"_s, QString::fromLatin1(key)}));
    QCOMPARE(pasted.exitCode, 2);
    QVERIFY(!pasted.err.contains(QString::fromLatin1(key.mid(8))));

    const CommandResult listed = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    const QString id = QJsonDocument::fromJson(listed.out.toUtf8()).array().first().toObject().value(u"id"_s).toString();
    const CommandResult badGrace = runKeys(withDataDir({u"rotate"_s, id, u"--grace-hours"_s, u"soon"_s}));
    QCOMPARE(badGrace.exitCode, 2);
    QVERIFY(badGrace.err.contains(u"soon"_s));

    QCOMPARE(runKeys(withDataDir({u"revoke"_s, id})).exitCode, 0);
    const CommandResult revoked = runKeys(withDataDir({u"rotate"_s, id}));
    QCOMPARE(revoked.exitCode, 2);
    QVERIFY(revoked.err.contains(u"revoked"_s));
}

void TestKeysCommand::revokePastedKeyIsNotEchoed()
{
    const QByteArray key = createKey({u"--user"_s, u"alice"_s});
    QVERIFY(!key.isEmpty());

    const CommandResult result = runKeys(withDataDir({u"revoke"_s, QString::fromLatin1(key)}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"not a key id"_s), qPrintable(result.err));
    QVERIFY(!result.err.contains(QString::fromLatin1(key.mid(8))));
    QVERIFY(!result.out.contains(QString::fromLatin1(key.mid(8))));
}

void TestKeysCommand::revokeUnknownIdIsUsageError()
{
    QVERIFY(!createKey({u"--user"_s, u"alice"_s}).isEmpty());

    const CommandResult result = runKeys(withDataDir({u"revoke"_s, u"key_doesnotx"_s}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"key_doesnotx"_s), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void TestKeysCommand::revokeWithoutIdIsUsageError()
{
    QVERIFY(!createKey({u"--user"_s, u"alice"_s}).isEmpty());

    const CommandResult missing = runKeys(withDataDir({u"revoke"_s}));
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(u"missing key id"_s));

    const CommandResult two = runKeys(withDataDir({u"revoke"_s, u"key_a"_s, u"key_b"_s}));
    QCOMPARE(two.exitCode, 2);
    QVERIFY(two.err.contains(u"key_b"_s));
}

void TestKeysCommand::unknownFlagIsUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("create") << QStringList{u"create"_s, u"--user"_s, u"alice"_s, u"--bogus"_s};
    QTest::newRow("list") << QStringList{u"list"_s, u"--bogus"_s};
    QTest::newRow("revoke") << QStringList{u"revoke"_s, u"key_x"_s, u"--bogus"_s};
    QTest::newRow("create with value") << QStringList{u"create"_s, u"--bogus=1"_s, u"--user"_s, u"alice"_s};
}

void TestKeysCommand::unknownFlagIsUsageError()
{
    QFETCH(QStringList, arguments);

    const CommandResult result = runKeys(withDataDir(arguments));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"bogus"_s), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFile::exists(QDir(m_dataDir).filePath(u"gateway.sqlite"_s)));
}

void TestKeysCommand::unknownTierIsUsageError()
{
    const CommandResult result = runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice"_s, u"--tier"_s, u"gold"_s}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"\"gold\""_s), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());

    const CommandResult list = runKeys(withDataDir({u"list"_s, u"--json"_s}));
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
}

void TestKeysCommand::missingUserIsUsageError()
{
    const CommandResult result = runKeys(withDataDir({u"create"_s, u"--tier"_s, u"pro"_s}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"--user"_s), qPrintable(result.err));
}

void TestKeysCommand::invalidUserNameIsUsageError()
{
    const CommandResult result = runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice smith"_s}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"alice smith"_s), qPrintable(result.err));
}

void TestKeysCommand::invalidExpiryIsUsageError_data()
{
    QTest::addColumn<QString>("days");
    QTest::newRow("zero") << u"0"_s;
    QTest::newRow("negative") << u"-3"_s;
    QTest::newRow("text") << u"week"_s;
    QTest::newRow("fraction") << u"1.5"_s;
    QTest::newRow("too large") << u"3651"_s;
    QTest::newRow("empty") << QString();
}

void TestKeysCommand::invalidExpiryIsUsageError()
{
    QFETCH(QString, days);

    const CommandResult result =
        runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice"_s, u"--expires-days"_s, days}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"--expires-days"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u'"' + days + u'"'), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void TestKeysCommand::missingValueIsUsageError()
{
    const CommandResult result = runKeys({u"create"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"data-dir"_s), qPrintable(result.err));

    const CommandResult empty = runKeys({u"list"_s, u"--data-dir"_s, QString()});
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.err.contains(u"--data-dir"_s), qPrintable(empty.err));
}

void TestKeysCommand::unexpectedArgumentIsUsageError()
{
    const CommandResult result = runKeys(withDataDir({u"create"_s, u"alice"_s}));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"\"alice\""_s), qPrintable(result.err));

    const CommandResult list = runKeys(withDataDir({u"list"_s, u"everything"_s}));
    QCOMPARE(list.exitCode, 2);
    QVERIFY(list.err.contains(u"\"everything\""_s));
}

void TestKeysCommand::listOfMissingDatabaseIsUsageError()
{
    const CommandResult list = runKeys(withDataDir({u"list"_s}));
    QCOMPARE(list.exitCode, 2);
    QVERIFY2(list.err.contains(m_dataDir), qPrintable(list.err));

    const CommandResult revoke = runKeys(withDataDir({u"revoke"_s, u"key_x"_s}));
    QCOMPARE(revoke.exitCode, 2);

    // Neither command may leave an empty database behind at a mistyped path.
    QVERIFY(!QFile::exists(QDir(m_dataDir).filePath(u"gateway.sqlite"_s)));
}

void TestKeysCommand::unknownCommandIsUsageError()
{
    const CommandResult result = runKeys({u"renew"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"\"renew\""_s));
}

void TestKeysCommand::missingCommandIsUsageError()
{
    const CommandResult result = runKeys({});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"create"_s));
    QVERIFY(result.out.isEmpty());

    const CommandResult help = runKeys({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"revoke"_s));
}

void TestKeysCommand::helpDocumentsEveryOption_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("create") << u"create"_s
                            << QStringList{u"--user <name>"_s, u"--tier <name>"_s, u"--operator"_s,
                                           u"--label <text>"_s, u"--expires-days <days>"_s,
                                           u"--data-dir <dir>"_s, u"--help"_s, u"Default: the key never expires"_s,
                                           u"enterprise with --operator"_s};
    QTest::newRow("list") << u"list"_s << QStringList{u"--json"_s, u"--data-dir <dir>"_s, u"Default: a text table"_s};
    QTest::newRow("revoke") << u"revoke"_s << QStringList{u"<key id>"_s, u"--data-dir <dir>"_s};
}

void TestKeysCommand::helpDocumentsEveryOption()
{
    QFETCH(QString, command);
    QFETCH(QStringList, expected);

    const CommandResult result = runKeys({command, u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.isEmpty());
    QVERIFY(result.out.startsWith(u"Usage: soulfra-gateway keys "_s + command));
    for (const QString &text : expected)
        QVERIFY2(result.out.contains(text), qPrintable(text + u" missing in:\n"_s + result.out));
    QVERIFY(result.out.contains(Gateway::StorageConfig::defaultDataDir()));
    for (const QString &line : result.out.split(u'\n'))
        QVERIFY2(line.size() <= 80 || line.contains(Gateway::StorageConfig::defaultDataDir()), qPrintable(line));

    QCOMPARE(runKeys({command, u"-h"_s}).out, result.out);
}

void TestKeysCommand::unusableDataDirIsStorageFailure()
{
    QFile blocker(m_dir->filePath(u"a-file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    const CommandResult result =
        runKeys({u"create"_s, u"--user"_s, u"alice"_s, u"--data-dir"_s, blocker.fileName()});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(blocker.fileName()), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void TestKeysCommand::corruptDatabaseIsStorageFailure()
{
    QVERIFY(QDir().mkpath(m_dataDir));
    QFile file(QDir(m_dataDir).filePath(u"gateway.sqlite"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'z'));
    file.close();

    const CommandResult list = runKeys(withDataDir({u"list"_s}));
    QCOMPARE(list.exitCode, 1);
    QVERIFY(!list.err.isEmpty());

    const CommandResult create = runKeys(withDataDir({u"create"_s, u"--user"_s, u"alice"_s}));
    QCOMPARE(create.exitCode, 1);
    QVERIFY(create.out.isEmpty());
}

void TestKeysCommand::dataDirDefaultsToUserDataLocation()
{
    // Test mode points the standard locations into ~/.qttest.
    QStandardPaths::setTestModeEnabled(true);
    const QString defaultDir = Gateway::StorageConfig::defaultDataDir();
    QVERIFY(defaultDir.endsWith(u"/soulfra-gateway"_s));
    QVERIFY(defaultDir.contains(u".qttest"_s));
    QDir(defaultDir).removeRecursively();

    const CommandResult result = runKeys({u"create"_s, u"--user"_s, u"alice"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(QFile::exists(QDir(defaultDir).filePath(u"gateway.sqlite"_s)));
    QCOMPARE(runKeys({u"list"_s}).exitCode, 0);

    QVERIFY(QDir(defaultDir).removeRecursively());
    QStandardPaths::setTestModeEnabled(false);
}

QTEST_GUILESS_MAIN(TestKeysCommand)
#include "tst_keyscommand.moc"
