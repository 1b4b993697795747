// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyIssuer.h"

#include "ApiKey.h"
#include "Storage.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcIssuer, "soulfra.gateway.keyissuer")

constexpr qsizetype maxUserNameLength = 64;
constexpr qsizetype maxLabelLength = 200;

// A fresh id or secret collides with an existing one with negligible
// probability. The retries only keep such a collision from failing issuance.
constexpr int maxInsertAttempts = 3;

bool isUserNameCharacter(QChar c)
{
    const char16_t u = c.unicode();
    const bool letterOrDigit = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
    return letterOrDigit || u == u'.' || u == u'_' || u == u'-' || u == u'@' || u == u'+';
}

// User names appear in logs, URLs and command lines, so they are limited to
// characters that need no quoting in any of them.
Result<Done> validateUserName(const QString &name)
{
    const bool validLength = !name.isEmpty() && name.size() <= maxUserNameLength;
    const bool validCharacters = std::all_of(name.cbegin(), name.cend(), isUserNameCharacter);
    if (!validLength || !validCharacters) {
        return Error(ErrorCode::InvalidArgument,
                     u"invalid user name \"%1\": use 1 to %2 ASCII letters, digits and . _ - @ +"_s
                         .arg(name)
                         .arg(maxUserNameLength));
    }
    return Done{};
}

Result<Done> validateLabel(const QString &label)
{
    if (label.size() > maxLabelLength) {
        return Error(ErrorCode::InvalidArgument,
                     u"the label has %1 characters; the maximum is %2"_s.arg(label.size()).arg(maxLabelLength));
    }

    // Control characters could rewrite a terminal line when the label is listed.
    const bool hasControl = std::any_of(label.cbegin(), label.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control;
    });
    if (hasControl)
        return Error(ErrorCode::InvalidArgument, u"the label contains control characters"_s);
    return Done{};
}

Result<TierRecord> findTier(Storage &storage, const QString &name)
{
    Result<QList<TierRecord>> tiers = storage.tiers();
    if (!tiers)
        return tiers.error();

    QStringList known;
    for (const TierRecord &tier : tiers.value()) {
        if (tier.name == name)
            return tier;
        known.append(tier.name);
    }
    return Error(ErrorCode::InvalidArgument,
                 u"unknown tier \"%1\"; known tiers: %2"_s.arg(name, known.join(u", "_s)));
}

Result<QByteArray> keyPrefixFor(const TierRecord &tier, bool isOperator)
{
    if (isOperator)
        return ApiKey::operatorPrefix();

    // Tiers that the operator adds name one of the built-in prefixes, since
    // ApiKey accepts only those.
    QByteArray prefix = tier.keyPrefix.toLatin1();
    if (!ApiKey::isKnownPrefix(prefix))
        prefix = ApiKey::prefixForTier(tier.name);
    if (prefix.isEmpty()) {
        return Error(ErrorCode::InvalidArgument,
                     u"tier \"%1\" has the key prefix \"%2\", which is not a known key prefix"_s.arg(
                         tier.name, tier.keyPrefix));
    }
    return prefix;
}

// Public key ids such as "key_7h3k9q2m": 40 random bits in the same
// lower-case base32 alphabet as the keys.
QString newKeyId()
{
    static constexpr char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    QString id = u"key_"_s;
    for (int i = 0; i < 8; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(32)]));
    return id;
}

} // namespace

Result<IssuedKey> KeyIssuer::issue(Storage &storage, const Request &request)
{
    if (Result<Done> valid = validateUserName(request.userName); !valid)
        return valid.error();
    if (Result<Done> valid = validateLabel(request.label); !valid)
        return valid.error();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (request.expiresAt.isValid() && request.expiresAt <= now) {
        return Error(ErrorCode::InvalidArgument,
                     u"the expiry time %1 is not in the future"_s.arg(request.expiresAt.toString(Qt::ISODate)));
    }

    Result<TierRecord> tier = findTier(storage, request.tier);
    if (!tier)
        return tier.error();
    Result<QByteArray> prefix = keyPrefixFor(tier.value(), request.isOperator);
    if (!prefix)
        return prefix.error();

    Result<UserRecord> user = storage.ensureUser(request.userName, request.tier);
    if (!user)
        return user.error();

    for (int attempt = 1;; ++attempt) {
        IssuedKey issued;
        issued.secret = ApiKey::generate(prefix.value());

        KeyRecord &record = issued.record;
        record.id = newKeyId();
        record.userId = user.value().id;
        record.userName = user.value().name;
        record.tier = request.tier;
        record.isOperator = request.isOperator;
        record.hash = ApiKey::hash(issued.secret);
        record.hint = ApiKey::hint(issued.secret);
        record.label = request.label;
        record.createdAt = now;
        record.expiresAt = request.expiresAt;
        record.replacesKeyId = request.replacesKeyId;

        Result<KeyRecord> stored = storage.insertKey(record);
        if (stored) {
            record = stored.value();
            qCInfo(lcIssuer).noquote() << "issued key" << record.id << "for user" << record.userName
                                       << "tier" << record.tier << "operator" << record.isOperator;
            return issued;
        }
        if (stored.error().code() != ErrorCode::AlreadyExists || attempt == maxInsertAttempts)
            return stored.error();
        qCWarning(lcIssuer) << "key id or hash collided; generating another key";
    }
}

Result<IssuedKey> KeyIssuer::rotate(Storage &storage, const QString &keyId, std::chrono::seconds grace)
{
    if (grace.count() < 0)
        return Error(ErrorCode::InvalidArgument, u"the grace period must not be negative"_s);

    Result<QList<KeyRecord>> keys = storage.keys();
    if (!keys)
        return keys.error();
    const auto old = std::find_if(keys.value().cbegin(), keys.value().cend(),
                                  [&keyId](const KeyRecord &key) { return key.id == keyId; });
    if (old == keys.value().cend())
        return Error(ErrorCode::NotFound, u"no key with id %1"_s.arg(keyId));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (old->revokedAt.isValid())
        return Error(ErrorCode::InvalidArgument, u"key %1 is revoked; issue a new key instead"_s.arg(keyId));
    if (old->expiresAt.isValid() && old->expiresAt <= now)
        return Error(ErrorCode::InvalidArgument, u"key %1 has expired; issue a new key instead"_s.arg(keyId));

    Request request;
    request.userName = old->userName;
    request.tier = old->tier;
    request.isOperator = old->isOperator;
    request.label = old->label;
    request.expiresAt = old->expiresAt;
    request.replacesKeyId = old->id;

    Result<IssuedKey> issued = issue(storage, request);
    if (!issued)
        return issued;

    // Issued first, expired second: should the second write fail, the old
    // key simply keeps working, which never locks a client out.
    const QDateTime graceEnd = now.addSecs(grace.count());
    if (Result<KeyRecord> expired = storage.expireKey(keyId, graceEnd); !expired)
        return expired.error();

    qCInfo(lcIssuer).noquote() << "rotated key" << keyId << "to" << issued.value().record.id << "; the old key expires at"
                               << graceEnd.toString(Qt::ISODate);
    return issued;
}

} // namespace Gateway
