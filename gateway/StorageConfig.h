// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

namespace Gateway {

class Storage;

// Location of the gateway's data. Only SQLite exists so far, and a
// PostgreSQL backend will add its connection fields here.
struct StorageConfig
{
    QString dataDir;      // directory that contains gateway.sqlite
    QString databasePath() const;

    // Per-user data directory: QStandardPaths::GenericDataLocation plus
    // "/soulfra-gateway", e.g. ~/.local/share/soulfra-gateway on Linux.
    static QString defaultDataDir();
};

// Creates the backend for config. connectionName must be unique per thread.
std::unique_ptr<Storage> createStorage(const StorageConfig &config, const QString &connectionName);

} // namespace Gateway
