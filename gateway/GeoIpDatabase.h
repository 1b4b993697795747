// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QString>

#include <memory>
#include <optional>

struct MMDB_s;

namespace Gateway {

class EventStore;

// A country as a GeoIP database names it.
struct GeoIpCountry
{
    QString isoCode; // ISO 3166-1 alpha-2, e.g. "DE"
    QString name;    // English name, e.g. "Germany"; empty when the database has none
};

// Country lookups in a MaxMind DB (.mmdb) file through libmaxminddb, e.g.
// MaxMind GeoLite2-Country or DB-IP "IP to Country Lite". Lookups only read
// the memory-mapped file, so one open database may be shared by threads.
class GeoIpDatabase final
{
    Q_DISABLE_COPY_MOVE(GeoIpDatabase)

public:
    // Name of the operator setting (settings table) that contains the path of
    // the .mmdb file; empty or unset means no database.
    static constexpr const char *settingName = "geoip_database";

    GeoIpDatabase();
    ~GeoIpDatabase();

    // Opens path, replacing a database opened before. NotFound when the file
    // does not exist, InvalidArgument when it is not a MaxMind DB file.
    Result<Done> open(const QString &path);
    void close();
    bool isOpen() const { return m_mmdb != nullptr; }
    QString path() const { return m_path; }
    // Database type from the file's metadata, e.g. "GeoLite2-Country".
    QString databaseType() const;

    // The country of an IPv4 or IPv6 address in text form; nothing when the
    // database is closed, the text is not an address or the database does
    // not know it. Falls back to the registered country of the network.
    std::optional<GeoIpCountry> countryOf(const QString &address) const;

    // The configured path from the settings of an open database.
    static Result<QString> configuredPath(EventStore &settings);
    // Stores path as the setting after checking that it opens; an empty path
    // removes the database.
    static Result<Done> setConfiguredPath(EventStore &settings, const QString &path);

private:
    struct Closer
    {
        void operator()(MMDB_s *mmdb) const;
    };

    std::unique_ptr<MMDB_s, Closer> m_mmdb;
    QString m_path;
};

} // namespace Gateway
