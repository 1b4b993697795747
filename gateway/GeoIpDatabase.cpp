// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeoIpDatabase.h"

#include "EventStore.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>

#include <maxminddb.h>
#include <netdb.h>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcGeoIp, "soulfra.gateway.geoipdatabase")

// Reads a UTF-8 string at the path (NULL-terminated list of map keys and
// array indexes, as MMDB_get_value takes it) below entry.
QString stringAt(MMDB_entry_s entry, const char *const *path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data
        || data.type != MMDB_DATA_TYPE_UTF8_STRING) {
        return {};
    }
    return QString::fromUtf8(data.utf8_string, qsizetype(data.data_size));
}

// Clients reach a dual-stack listener as IPv4-mapped IPv6 addresses
// (::ffff:203.0.113.7); databases file IPv4 networks under the IPv4 form.
QString lookupText(const QString &address)
{
    QHostAddress host;
    if (!host.setAddress(address.trimmed()))
        return {};
    bool mapped = false;
    const quint32 ipv4 = host.toIPv4Address(&mapped);
    if (mapped)
        return QHostAddress(ipv4).toString();
    host.setScopeId(QString());
    return host.toString();
}

} // namespace

void GeoIpDatabase::Closer::operator()(MMDB_s *mmdb) const
{
    MMDB_close(mmdb);
    delete mmdb;
}

GeoIpDatabase::GeoIpDatabase() = default;

GeoIpDatabase::~GeoIpDatabase() = default;

Result<Done> GeoIpDatabase::open(const QString &path)
{
    close();

    const QFileInfo file(path);
    if (path.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, u"no GeoIP database path given"_s);
    if (!file.exists())
        return Error(ErrorCode::NotFound, u"the GeoIP database %1 does not exist"_s.arg(path));
    if (!file.isFile())
        return Error(ErrorCode::InvalidArgument, u"the GeoIP database %1 is not a file"_s.arg(path));

    auto mmdb = std::unique_ptr<MMDB_s, Closer>(new MMDB_s{});
    const QByteArray encoded = QFile::encodeName(file.absoluteFilePath());
    const int status = MMDB_open(encoded.constData(), MMDB_MODE_MMAP, mmdb.get());
    if (status != MMDB_SUCCESS) {
        // MMDB_open frees what it allocated on failure, so the closer must not run.
        delete mmdb.release();
        const QString reason = QString::fromUtf8(MMDB_strerror(status));
        const ErrorCode code = status == MMDB_FILE_OPEN_ERROR ? ErrorCode::StorageFailed : ErrorCode::InvalidArgument;
        return Error(code, u"cannot open the GeoIP database %1: %2; expected a MaxMind DB (.mmdb) file such as "
                           "GeoLite2-Country.mmdb or dbip-country-lite.mmdb"_s.arg(path, reason));
    }

    m_mmdb = std::move(mmdb);
    m_path = path;
    qCInfo(lcGeoIp).noquote() << "opened" << path << "type" << databaseType();
    return Done{};
}

void GeoIpDatabase::close()
{
    m_mmdb.reset();
    m_path.clear();
}

QString GeoIpDatabase::databaseType() const
{
    if (!m_mmdb || !m_mmdb->metadata.database_type)
        return {};
    return QString::fromUtf8(m_mmdb->metadata.database_type);
}

std::optional<GeoIpCountry> GeoIpDatabase::countryOf(const QString &address) const
{
    if (!m_mmdb)
        return std::nullopt;
    const QString text = lookupText(address);
    if (text.isEmpty())
        return std::nullopt;

    int addressError = 0;
    int lookupError = MMDB_SUCCESS;
    const QByteArray encoded = text.toLatin1();
    const MMDB_lookup_result_s found = MMDB_lookup_string(m_mmdb.get(), encoded.constData(), &addressError, &lookupError);
    if (addressError != 0 || lookupError != MMDB_SUCCESS) {
        qCDebug(lcGeoIp).noquote() << "lookup of" << text << "failed:"
                                   << (addressError != 0 ? QString::fromUtf8(gai_strerror(addressError))
                                                         : QString::fromUtf8(MMDB_strerror(lookupError)));
        return std::nullopt;
    }
    if (!found.found_entry)
        return std::nullopt;

    // GeoLite2 leaves "country" out for some networks (anonymous proxies,
    // satellite providers) but names the country they are registered in.
    for (const char *section : {"country", "registered_country"}) {
        const char *const isoPath[] = {section, "iso_code", nullptr};
        const char *const namePath[] = {section, "names", "en", nullptr};
        GeoIpCountry country;
        country.isoCode = stringAt(found.entry, isoPath);
        if (country.isoCode.isEmpty())
            continue;
        country.name = stringAt(found.entry, namePath);
        return country;
    }
    return std::nullopt;
}

Result<QString> GeoIpDatabase::configuredPath(EventStore &settings)
{
    return settings.setting(QString::fromLatin1(settingName));
}

Result<Done> GeoIpDatabase::setConfiguredPath(EventStore &settings, const QString &path)
{
    const QString trimmed = path.trimmed();
    if (!trimmed.isEmpty()) {
        GeoIpDatabase probe;
        if (Result<Done> opened = probe.open(trimmed); !opened)
            return opened;
    }
    return settings.setSetting(QString::fromLatin1(settingName), trimmed);
}

} // namespace Gateway
