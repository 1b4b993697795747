// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrivacyService.h"

#include "Storage.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcPrivacy, "soulfra.gateway.privacyservice")

} // namespace

PrivacyService::PrivacyService(StorageConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

PrivacyService::~PrivacyService() = default;

Storage *PrivacyService::storage(QString &error)
{
    if (m_storage)
        return m_storage.get();

    std::unique_ptr<Storage> opened = createStorage(m_config, u"privacy"_s);
    if (Result<Done> result = opened->open(); !result) {
        error = result.error().message();
        qCWarning(lcPrivacy).noquote() << "cannot open storage:" << error;
        return nullptr;
    }
    m_storage = std::move(opened);
    return m_storage.get();
}

void PrivacyService::exportUserData(const QString &userName, const QString &filePath)
{
    QString error;
    Storage *store = storage(error);
    if (!store) {
        Q_EMIT userDataFailed(userName, error);
        return;
    }

    const Result<QJsonObject> exported = store->exportUserData(userName);
    if (!exported) {
        Q_EMIT userDataFailed(userName, exported.error().message());
        return;
    }

    // The export contains prompts and responses.
    const QByteArray json = QJsonDocument(exported.value()).toJson(QJsonDocument::Indented);
    QSaveFile file(filePath);
    const bool written = file.open(QIODevice::WriteOnly)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(json) == json.size() && file.commit();
    if (!written) {
        const QString message = u"cannot write %1: %2"_s.arg(filePath, file.errorString());
        qCWarning(lcPrivacy).noquote() << "export failed:" << message;
        Q_EMIT userDataFailed(userName, message);
        return;
    }
    qCInfo(lcPrivacy).noquote() << "exported the data of a user to" << filePath;
    Q_EMIT userDataExported(userName, filePath);
}

void PrivacyService::deleteUserData(const QString &userName)
{
    QString error;
    Storage *store = storage(error);
    if (!store) {
        Q_EMIT userDataFailed(userName, error);
        return;
    }

    const Result<QMap<QString, qint64>> deleted = store->deleteUserData(userName);
    if (!deleted) {
        Q_EMIT userDataFailed(userName, deleted.error().message());
        return;
    }
    qint64 rows = 0;
    for (const qint64 count : deleted.value())
        rows += count;
    Q_EMIT userDataDeleted(userName, rows);
}

void PrivacyService::readRetentionPolicy()
{
    QString error;
    Storage *store = storage(error);
    if (!store) {
        Q_EMIT retentionPolicyFailed(error);
        return;
    }

    const Result<RetentionPolicy> policy = RetentionPolicy::load(*store);
    if (!policy) {
        Q_EMIT retentionPolicyFailed(policy.error().message());
        return;
    }
    Q_EMIT retentionPolicyRead(policy.value());
}

void PrivacyService::saveRetentionPolicy(const RetentionPolicy &policy)
{
    QString error;
    Storage *store = storage(error);
    if (!store) {
        Q_EMIT retentionPolicyFailed(error);
        return;
    }

    if (Result<Done> saved = policy.save(*store); !saved) {
        Q_EMIT retentionPolicyFailed(saved.error().message());
        return;
    }
    qCInfo(lcPrivacy).noquote() << "retention set to text" << policy.textSetting() << "and log days" << policy.logDays;
    Q_EMIT retentionPolicySaved(policy);
}

} // namespace Gateway
