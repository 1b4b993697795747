// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminToken.h"
#include "AdminTokenCommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace Qt::StringLiterals;

class TestAdminTokenCommand final : public QObject
{
    Q_OBJECT

private:
    static int run(const QStringList &arguments, QString &out, QString &err)
    {
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        return AdminTokenCommand::run(arguments, outStream, errStream);
    }

private Q_SLOTS:
    void createPrintsTokenAndStoresDigest()
    {
        QTemporaryDir dir;
        QString out;
        QString err;
        QCOMPARE(run({u"--data-dir"_s, dir.path()}, out, err), 0);

        const QByteArray token = out.split(u'\n', Qt::SkipEmptyParts).last().toLatin1();
        QVERIFY(token.startsWith("soulfra_admin_"));
        const QString path = Gateway::AdminToken::digestPath(dir.path());
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

        const Gateway::Result<QByteArray> digest = Gateway::AdminToken::loadDigest(dir.path());
        QVERIFY(digest);
        QVERIFY(Gateway::AdminToken::matches(digest.value(), token));
        QVERIFY(!Gateway::AdminToken::matches(digest.value(), QByteArray(token + "x")));
        QVERIFY(!Gateway::AdminToken::matches(digest.value(), ""));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(token));
    }

    void newTokenReplacesOld()
    {
        QTemporaryDir dir;
        QString first;
        QString second;
        QString err;
        QCOMPARE(run({u"--data-dir"_s, dir.path()}, first, err), 0);
        QCOMPARE(run({u"--data-dir"_s, dir.path()}, second, err), 0);

        const QByteArray digest = Gateway::AdminToken::loadDigest(dir.path()).value();
        QVERIFY(!Gateway::AdminToken::matches(digest, first.split(u'\n', Qt::SkipEmptyParts).last().toLatin1()));
        QVERIFY(Gateway::AdminToken::matches(digest, second.split(u'\n', Qt::SkipEmptyParts).last().toLatin1()));
    }

    void badInputIsUsageError()
    {
        QString out;
        QString err;
        QCOMPARE(run({u"extra"_s}, out, err), 2);
        QVERIFY(err.contains(u"unexpected argument \"extra\""_s));
        QCOMPARE(run({u"--data-dir"_s, u" "_s}, out, err), 2);
        QCOMPARE(run({u"--colour"_s}, out, err), 2);
    }

    void missingTokenIsNotFound()
    {
        QTemporaryDir dir;
        const Gateway::Result<QByteArray> digest = Gateway::AdminToken::loadDigest(dir.path());
        QVERIFY(!digest);
        QCOMPARE(digest.error().code(), Gateway::ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestAdminTokenCommand)
#include "tst_admintokencommand.moc"
