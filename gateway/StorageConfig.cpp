// SPDX-License-Identifier: GPL-3.0-or-later
#include "StorageConfig.h"

#include "SqliteStorage.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Gateway {

QString StorageConfig::databasePath() const
{
    return QDir(dataDir).filePath(u"gateway.sqlite"_s);
}

QString StorageConfig::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/soulfra-gateway"_s;
}

std::unique_ptr<Storage> createStorage(const StorageConfig &config, const QString &connectionName)
{
    return std::make_unique<SqliteStorage>(config.databasePath(), connectionName);
}

} // namespace Gateway
