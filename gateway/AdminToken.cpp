// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminToken.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

constexpr int tokenRandomBytes = 32;
constexpr QByteArrayView tokenPrefix = "soulfra_admin_";

} // namespace

QString AdminToken::digestPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"admin-token.sha256"_s);
}

Result<QByteArray> AdminToken::create(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return Error(ErrorCode::StorageFailed, u"cannot create the data directory %1"_s.arg(dataDir));

    QByteArray random(tokenRandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), tokenRandomBytes / 4);
    const QByteArray token = tokenPrefix.toByteArray()
        + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray digest = QCryptographicHash::hash(token, QCryptographicHash::Sha256);

    // QSaveFile replaces the file atomically; the permissions are set before
    // the digest is written, so no other user can ever read it.
    QSaveFile file(digestPath(dataDir));
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(digest.toHex() + '\n') < 0 || !file.commit()) {
        return Error(ErrorCode::StorageFailed,
                     u"cannot write %1: %2"_s.arg(digestPath(dataDir), file.errorString()));
    }
    return token;
}

Result<QByteArray> AdminToken::loadDigest(const QString &dataDir)
{
    QFile file(digestPath(dataDir));
    if (!file.exists())
        return Error(ErrorCode::NotFound, u"no admin token in %1; create one with 'soulfra-gateway admin-token'"_s.arg(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::StorageFailed, u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));

    const QByteArray digest = QByteArray::fromHex(file.readAll().trimmed());
    if (digest.size() != 32)
        return Error(ErrorCode::StorageFailed, u"%1 does not contain a SHA-256 digest"_s.arg(file.fileName()));
    return digest;
}

bool AdminToken::matches(const QByteArray &digest, QByteArrayView presented)
{
    if (digest.size() != 32 || presented.isEmpty())
        return false;

    // Digests of equal length compared without an early exit, so the time
    // taken reveals nothing about how much of a guess was right.
    const QByteArray candidate = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < digest.size(); ++i)
        difference |= static_cast<unsigned char>(digest.at(i) ^ candidate.at(i));
    return difference == 0;
}

} // namespace Gateway
