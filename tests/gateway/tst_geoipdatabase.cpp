// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventStore.h"
#include "GeoIpDatabase.h"
#include "SqliteStorage.h"
#include "TestPaths.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Gateway;

namespace {

// Writes the test database of tests/support/write-test-mmdb.pl: 203.0.113.0/24
// is DE, 2001:db8::/32 is FR, and 198.51.100.0/24 has only a registered
// country, US. Returns an empty path and a message on failure.
QString writeTestDatabase(const QTemporaryDir &dir, QString &message)
{
    const QString path = dir.filePath(u"test.mmdb"_s);
    QProcess perl;
    perl.start(u"perl"_s, {TestPaths::sourceDir() + u"/tests/support/write-test-mmdb.pl"_s, path});
    if (!perl.waitForFinished(60000) || perl.exitStatus() != QProcess::NormalExit || perl.exitCode() != 0) {
        message = u"writing the test .mmdb failed (is libmaxmind-db-writer-perl installed?): "_s
            + QString::fromLocal8Bit(perl.readAllStandardError()) + perl.errorString();
        return {};
    }
    return path;
}

} // namespace

class TestGeoIpDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString message;
        m_path = writeTestDatabase(m_dir, message);
        QVERIFY2(!m_path.isEmpty(), qPrintable(message));
    }

    void opensDatabaseFile()
    {
        GeoIpDatabase database;
        const Result<Done> opened = database.open(m_path);
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message()));
        QVERIFY(database.isOpen());
        QCOMPARE(database.path(), m_path);
        QCOMPARE(database.databaseType(), u"Soulfra-Test-Country"_s);
    }

    void countryOf_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("isoCode");
        QTest::addColumn<QString>("name");

        QTest::newRow("ipv4") << u"203.0.113.7"_s << u"DE"_s << u"Germany"_s;
        QTest::newRow("ipv4 first of network") << u"203.0.113.0"_s << u"DE"_s << u"Germany"_s;
        QTest::newRow("ipv4 last of network") << u"203.0.113.255"_s << u"DE"_s << u"Germany"_s;
        QTest::newRow("ipv6") << u"2001:db8::1"_s << u"FR"_s << u"France"_s;
        QTest::newRow("ipv6 upper case") << u"2001:DB8:FFFF::2"_s << u"FR"_s << u"France"_s;
        QTest::newRow("ipv4-mapped ipv6") << u"::ffff:203.0.113.9"_s << u"DE"_s << u"Germany"_s;
        QTest::newRow("surrounding spaces") << u" 203.0.113.8 "_s << u"DE"_s << u"Germany"_s;
        QTest::newRow("registered country only") << u"198.51.100.20"_s << u"US"_s << u"United States"_s;
    }

    void countryOf()
    {
        QFETCH(QString, address);
        QFETCH(QString, isoCode);
        QFETCH(QString, name);

        GeoIpDatabase database;
        QVERIFY(database.open(m_path));
        const std::optional<GeoIpCountry> country = database.countryOf(address);
        QVERIFY(country.has_value());
        QCOMPARE(country->isoCode, isoCode);
        QCOMPARE(country->name, name);
    }

    void unknownAddressesHaveNoCountry_data()
    {
        QTest::addColumn<QString>("address");

        QTest::newRow("outside every network") << u"192.0.2.1"_s;
        QTest::newRow("next to a network") << u"203.0.114.1"_s;
        QTest::newRow("other ipv6") << u"2001:db9::1"_s;
        QTest::newRow("loopback") << u"127.0.0.1"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("host name") << u"example.org"_s;
        QTest::newRow("three octets") << u"203.0.113"_s;
        QTest::newRow("octet too large") << u"203.0.113.256"_s;
    }

    void unknownAddressesHaveNoCountry()
    {
        QFETCH(QString, address);

        GeoIpDatabase database;
        QVERIFY(database.open(m_path));
        QVERIFY(!database.countryOf(address).has_value());
    }

    void closedDatabaseHasNoCountry()
    {
        GeoIpDatabase database;
        QVERIFY(!database.isOpen());
        QVERIFY(!database.countryOf(u"203.0.113.7"_s).has_value());

        QVERIFY(database.open(m_path));
        database.close();
        QVERIFY(!database.isOpen());
        QVERIFY(!database.countryOf(u"203.0.113.7"_s).has_value());
    }

    void missingFileIsNotFound()
    {
        GeoIpDatabase database;
        const QString path = m_dir.filePath(u"missing.mmdb"_s);
        const Result<Done> opened = database.open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::NotFound);
        QVERIFY(opened.error().message().contains(path));
        QVERIFY(!database.isOpen());
    }

    void garbageFileIsInvalid()
    {
        const QString path = m_dir.filePath(u"garbage.mmdb"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();

        GeoIpDatabase database;
        const Result<Done> opened = database.open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(opened.error().message().contains(path));
        QVERIFY(opened.error().message().contains(u".mmdb"_s));
        QVERIFY(!database.isOpen());
    }

    void emptyFileIsInvalid()
    {
        const QString path = m_dir.filePath(u"empty.mmdb"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();

        GeoIpDatabase database;
        const Result<Done> opened = database.open(path);
        QVERIFY(!opened.ok());
        QVERIFY(!database.isOpen());
    }

    void directoryIsInvalid()
    {
        GeoIpDatabase database;
        const Result<Done> opened = database.open(m_dir.path());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code(), ErrorCode::InvalidArgument);
    }

    void failedOpenClosesPreviousDatabase()
    {
        GeoIpDatabase database;
        QVERIFY(database.open(m_path));
        QVERIFY(!database.open(m_dir.filePath(u"missing.mmdb"_s)));
        QVERIFY(!database.isOpen());
        QVERIFY(database.path().isEmpty());
    }

    void settingStoresPathThatOpens()
    {
        QTemporaryDir dataDir;
        SqliteStorage storage(dataDir.filePath(u"gateway.sqlite"_s), u"geoip-setting"_s);
        QVERIFY(storage.open());
        EventStore settings(storage);

        QCOMPARE(GeoIpDatabase::configuredPath(settings).value(), QString());
        QVERIFY(GeoIpDatabase::setConfiguredPath(settings, m_path));
        QCOMPARE(GeoIpDatabase::configuredPath(settings).value(), m_path);
    }

    void settingRejectsInvalidFile()
    {
        QTemporaryDir dataDir;
        SqliteStorage storage(dataDir.filePath(u"gateway.sqlite"_s), u"geoip-setting"_s);
        QVERIFY(storage.open());
        EventStore settings(storage);
        QVERIFY(GeoIpDatabase::setConfiguredPath(settings, m_path));

        const Result<Done> missing = GeoIpDatabase::setConfiguredPath(settings, m_dir.filePath(u"missing.mmdb"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code(), ErrorCode::NotFound);
        QCOMPARE(GeoIpDatabase::configuredPath(settings).value(), m_path);
    }

    void emptySettingRemovesDatabase()
    {
        QTemporaryDir dataDir;
        SqliteStorage storage(dataDir.filePath(u"gateway.sqlite"_s), u"geoip-setting"_s);
        QVERIFY(storage.open());
        EventStore settings(storage);
        QVERIFY(GeoIpDatabase::setConfiguredPath(settings, m_path));

        QVERIFY(GeoIpDatabase::setConfiguredPath(settings, u"  "_s));
        QCOMPARE(GeoIpDatabase::configuredPath(settings).value(), QString());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestGeoIpDatabase)
#include "tst_geoipdatabase.moc"
