// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminApi.h"

#include "AdminToken.h"
#include "KeyIssuer.h"
#include "LimitEnforcer.h"
#include "Storage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcAdmin, "soulfra.gateway.adminapi")

using TierLimit = std::optional<qint64> TierRecord::*;
using UserLimit = std::optional<qint64> UserRecord::*;

struct LimitName
{
    QString json;
    TierLimit tierField;
    UserLimit userField;
};

const QList<LimitName> &limitNames()
{
    static const QList<LimitName> names = {
        {u"callsPerDay"_s, &TierRecord::callsPerDay, &UserRecord::callsPerDay},
        {u"generationsPerMonth"_s, &TierRecord::generationsPerMonth, &UserRecord::generationsPerMonth},
        {u"brandsPerMonth"_s, &TierRecord::brandsPerMonth, &UserRecord::brandsPerMonth},
        {u"requestsPerMinute"_s, &TierRecord::requestsPerMinute, &UserRecord::requestsPerMinute},
        {u"tokensPerDay"_s, &TierRecord::tokensPerDay, &UserRecord::tokensPerDay},
        {u"tokensPerMonth"_s, &TierRecord::tokensPerMonth, &UserRecord::tokensPerMonth},
        {u"concurrentStreams"_s, &TierRecord::concurrentStreams, &UserRecord::concurrentStreams},
    };
    return names;
}

GatewayResponse json(int status, const QJsonValue &value)
{
    GatewayResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json; charset=utf-8");
    response.headers.add("Cache-Control", "no-store");
    response.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                    : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

GatewayResponse error(int status, const QString &message)
{
    return ErrorResponder::respond(status, message, false);
}

GatewayResponse error(const Error &failure)
{
    return ErrorResponder::respond(failure, false);
}

QJsonValue limitJson(const std::optional<qint64> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonObject tierJson(const TierRecord &tier)
{
    QJsonObject object{
        {u"name"_s, tier.name},
        {u"keyPrefix"_s, tier.keyPrefix},
        {u"priceCentsPerMonth"_s, double(tier.priceCentsPerMonth)},
        {u"modelPatterns"_s, QJsonArray::fromStringList(tier.modelPatterns)},
        {u"queuePriority"_s, tier.queuePriority},
        {u"trialDurationSeconds"_s, limitJson(tier.trialDurationSeconds)},
        {u"fallbackTier"_s, tier.fallbackTier.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tier.fallbackTier)},
        {u"support"_s, tier.support},
    };
    for (const LimitName &limit : limitNames())
        object.insert(limit.json, limitJson(tier.*limit.tierField));
    return object;
}

QJsonObject userJson(const UserRecord &user)
{
    QJsonObject overrides;
    for (const LimitName &limit : limitNames()) {
        const std::optional<qint64> value = user.*limit.userField;
        if (value)
            overrides.insert(limit.json, *value == UserRecord::unlimitedOverride ? QJsonValue(u"unlimited"_s)
                                                                                : QJsonValue(double(*value)));
    }
    if (!user.modelPatterns.isEmpty())
        overrides.insert(u"modelPatterns"_s, QJsonArray::fromStringList(user.modelPatterns));
    return {
        {u"name"_s, user.name},
        {u"tier"_s, user.tier},
        {u"status"_s, user.status},
        {u"email"_s, user.email},
        {u"githubLogin"_s, user.githubLogin},
        {u"createdAt"_s, timeJson(user.createdAt)},
        {u"trialEndsAt"_s, timeJson(user.trialEndsAt)},
        {u"overrides"_s, overrides},
    };
}

QJsonObject keyJson(const KeyRecord &key)
{
    return {
        {u"id"_s, key.id},
        {u"user"_s, key.userName},
        {u"tier"_s, key.tier},
        {u"operator"_s, key.isOperator},
        {u"hint"_s, key.hint},
        {u"label"_s, key.label},
        {u"createdAt"_s, timeJson(key.createdAt)},
        {u"expiresAt"_s, timeJson(key.expiresAt)},
        {u"revokedAt"_s, timeJson(key.revokedAt)},
        {u"lastUsedAt"_s, timeJson(key.lastUsedAt)},
    };
}

// Reads a limit: a whole number of 0 or more, or null (and for a user
// override, "unlimited"). Returns an error message, empty on success.
QString readLimit(const QJsonValue &value, const QString &name, std::optional<qint64> &out, bool userOverride)
{
    if (value.isNull()) {
        out.reset();
        return {};
    }
    if (userOverride && value.isString() && value.toString() == u"unlimited"_s) {
        out = UserRecord::unlimitedOverride;
        return {};
    }
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number != double(qint64(number)) || number > 9.0e15)
        return u"invalid value for %1: expected a whole number of 0 or more or null"_s.arg(name);
    out = qint64(number);
    return {};
}

QString readPatterns(const QJsonValue &value, QStringList &out)
{
    if (!value.isArray())
        return u"invalid modelPatterns: expected an array of strings such as [\"llama3.2:*\"]"_s;
    QStringList patterns;
    for (const QJsonValue &pattern : value.toArray()) {
        const QString text = pattern.toString().trimmed();
        if (!pattern.isString() || text.isEmpty() || text.size() > 200)
            return u"invalid modelPatterns: every entry must be a model name or pattern"_s;
        patterns.append(text);
    }
    out = patterns;
    return {};
}

std::optional<QJsonObject> bodyObject(const HttpRequest &request, QString &message)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        message = u"the body must be a JSON object"_s;
        return std::nullopt;
    }
    return document.object();
}

QString applyTier(const QJsonObject &body, TierRecord &tier)
{
    for (const LimitName &limit : limitNames()) {
        if (body.contains(limit.json)) {
            if (QString message = readLimit(body.value(limit.json), limit.json, tier.*limit.tierField, false); !message.isEmpty())
                return message;
        }
    }
    if (body.contains(u"modelPatterns"_s)) {
        if (QString message = readPatterns(body.value(u"modelPatterns"_s), tier.modelPatterns); !message.isEmpty())
            return message;
        if (tier.modelPatterns.isEmpty())
            return u"invalid modelPatterns: name at least one pattern, or \"*\""_s;
    }
    if (body.contains(u"priceCentsPerMonth"_s)) {
        std::optional<qint64> price;
        if (QString message = readLimit(body.value(u"priceCentsPerMonth"_s), u"priceCentsPerMonth"_s, price, false); !message.isEmpty() || !price)
            return u"invalid value for priceCentsPerMonth: expected a whole number of 0 or more"_s;
        tier.priceCentsPerMonth = *price;
    }
    if (body.contains(u"queuePriority"_s)) {
        const int priority = body.value(u"queuePriority"_s).toInt(-100000);
        if (priority < -1000 || priority > 1000)
            return u"invalid value for queuePriority: expected a whole number from -1000 to 1000"_s;
        tier.queuePriority = priority;
    }
    if (body.contains(u"trialDurationSeconds"_s)) {
        if (QString message = readLimit(body.value(u"trialDurationSeconds"_s), u"trialDurationSeconds"_s, tier.trialDurationSeconds, false); !message.isEmpty())
            return message;
    }
    if (body.contains(u"fallbackTier"_s))
        tier.fallbackTier = body.value(u"fallbackTier"_s).toString();
    if (body.contains(u"support"_s))
        tier.support = body.value(u"support"_s).toString();
    return {};
}

QString applyUser(const QJsonObject &body, UserRecord &user)
{
    for (const QString &field : {u"tier"_s, u"status"_s, u"email"_s, u"githubLogin"_s}) {
        if (body.contains(field) && !body.value(field).isString())
            return u"invalid value for %1: expected a string"_s.arg(field);
    }
    if (body.contains(u"tier"_s)) {
        const QString tier = body.value(u"tier"_s).toString();
        if (tier != user.tier)
            user.trialEndsAt = QDateTime(); // a new tier starts its own trial, if it has one
        user.tier = tier;
    }
    if (body.contains(u"status"_s))
        user.status = body.value(u"status"_s).toString();
    if (body.contains(u"email"_s))
        user.email = body.value(u"email"_s).toString().trimmed();
    if (body.contains(u"githubLogin"_s))
        user.githubLogin = body.value(u"githubLogin"_s).toString().trimmed();

    const QJsonObject overrides = body.value(u"overrides"_s).toObject();
    for (const LimitName &limit : limitNames()) {
        if (overrides.contains(limit.json)) {
            if (QString message = readLimit(overrides.value(limit.json), limit.json, user.*limit.userField, true); !message.isEmpty())
                return message;
        }
    }
    if (overrides.contains(u"modelPatterns"_s)) {
        if (overrides.value(u"modelPatterns"_s).isNull())
            user.modelPatterns.clear();
        else if (QString message = readPatterns(overrides.value(u"modelPatterns"_s), user.modelPatterns); !message.isEmpty())
            return message;
    }
    return {};
}

QString decodedName(const QByteArray &part)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
}

} // namespace

AdminApi::AdminApi(Storage &storage, LimitEnforcer *limits, QByteArray tokenDigest)
    : m_storage(storage)
    , m_limits(limits)
    , m_tokenDigest(std::move(tokenDigest))
{
}

GatewayResponse AdminApi::handle(const HttpRequest &request)
{
    const QByteArray authorization = request.headers.value("Authorization").trimmed();
    const QByteArray token = authorization.size() > 7 && authorization.first(7).compare("Bearer ", Qt::CaseInsensitive) == 0
        ? authorization.sliced(7).trimmed()
        : QByteArray();
    if (!AdminToken::matches(m_tokenDigest, token)) {
        qCInfo(lcAdmin).noquote() << "rejected admin request from" << request.clientAddress.toString()
                                  << "without a valid token";
        GatewayResponse response = error(401, u"missing or invalid admin token"_s);
        response.headers.add("WWW-Authenticate", "Bearer");
        return response;
    }

    GatewayResponse response = route(request);
    qCInfo(lcAdmin).noquote() << request.method << request.path << response.status;
    return response;
}

GatewayResponse AdminApi::route(const HttpRequest &request)
{
    const QList<QByteArray> parts = request.path.split('/');
    // "/admin/users/NAME" splits into "", "admin", "users", "NAME".
    if (parts.size() < 3 || parts.size() > 4 || !parts.at(0).isEmpty() || parts.at(1) != "admin")
        return error(404, u"no admin route %1"_s.arg(QString::fromUtf8(request.path.left(200))));

    const QByteArray collection = parts.at(2);
    const QString name = parts.size() == 4 ? decodedName(parts.at(3)) : QString();
    if (parts.size() == 4 && name.isEmpty())
        return error(404, u"no admin route %1"_s.arg(QString::fromUtf8(request.path.left(200))));

    if (collection == "users")
        return users(request, name);
    if (collection == "tiers")
        return tiers(request, name);
    if (collection == "keys")
        return keys(request, name);
    if (collection == "usage" && !name.isEmpty() && request.method == "GET")
        return usage(name);
    return error(404, u"no admin route %1 %2"_s.arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path.left(200))));
}

GatewayResponse AdminApi::users(const HttpRequest &request, const QString &name)
{
    if (name.isEmpty()) {
        if (request.method != "GET")
            return error(405, u"use GET /admin/users, or PUT or DELETE /admin/users/NAME"_s);
        const Result<QList<UserRecord>> users = m_storage.users();
        if (!users)
            return error(users.error());
        QJsonArray array;
        for (const UserRecord &user : users.value())
            array.append(userJson(user));
        return json(200, array);
    }

    if (request.method == "GET") {
        const Result<UserRecord> user = m_storage.findUser(name);
        if (!user)
            return error(user.error());
        QJsonObject object = userJson(user.value());
        QJsonArray keys;
        const Result<QList<KeyRecord>> allKeys = m_storage.keys();
        if (!allKeys)
            return error(allKeys.error());
        for (const KeyRecord &key : allKeys.value()) {
            if (key.userName == name)
                keys.append(keyJson(key));
        }
        object.insert(u"keys"_s, keys);
        const GatewayResponse usageResponse = usage(name);
        object.insert(u"usage"_s, QJsonDocument::fromJson(usageResponse.body).object());
        return json(200, object);
    }

    if (request.method == "DELETE") {
        if (Result<Done> deleted = m_storage.deleteUser(name); !deleted)
            return error(deleted.error());
        return json(200, QJsonObject{{u"deleted"_s, name}});
    }

    if (request.method != "PUT")
        return error(405, u"use GET, PUT or DELETE on /admin/users/NAME"_s);

    QString message;
    const std::optional<QJsonObject> body = bodyObject(request, message);
    if (!body)
        return error(400, message);

    UserRecord user;
    user.name = name;
    const Result<UserRecord> existing = m_storage.findUser(name);
    if (existing)
        user = existing.value();
    else if (existing.error().code() != ErrorCode::NotFound)
        return error(existing.error());
    else if (!body->contains(u"tier"_s))
        return error(400, u"user \"%1\" does not exist; give a tier to create it"_s.arg(name));

    if (message = applyUser(*body, user); !message.isEmpty())
        return error(400, message);
    const Result<UserRecord> saved = m_storage.saveUser(user);
    if (!saved)
        return error(saved.error());
    return json(existing ? 200 : 201, userJson(saved.value()));
}

GatewayResponse AdminApi::tiers(const HttpRequest &request, const QString &name)
{
    if (name.isEmpty()) {
        if (request.method != "GET")
            return error(405, u"use GET /admin/tiers, or PUT or DELETE /admin/tiers/NAME"_s);
        const Result<QList<TierRecord>> tiers = m_storage.tiers();
        if (!tiers)
            return error(tiers.error());
        QJsonArray array;
        for (const TierRecord &tier : tiers.value())
            array.append(tierJson(tier));
        return json(200, array);
    }

    if (request.method == "DELETE") {
        if (Result<Done> deleted = m_storage.deleteTier(name); !deleted)
            return error(deleted.error());
        return json(200, QJsonObject{{u"deleted"_s, name}});
    }

    const Result<QList<TierRecord>> tiers = m_storage.tiers();
    if (!tiers)
        return error(tiers.error());
    std::optional<TierRecord> existing;
    for (const TierRecord &tier : tiers.value()) {
        if (tier.name == name)
            existing = tier;
    }

    if (request.method == "GET") {
        if (!existing)
            return error(404, u"no tier named \"%1\""_s.arg(name));
        return json(200, tierJson(*existing));
    }
    if (request.method != "PUT")
        return error(405, u"use GET, PUT or DELETE on /admin/tiers/NAME"_s);

    static const QRegularExpression namePattern(u"^[a-z][a-z0-9_]{0,31}$"_s);
    if (!namePattern.match(name).hasMatch())
        return error(400, u"invalid tier name \"%1\": use 1-32 lower-case letters, digits and _"_s.arg(name.left(100)));

    QString message;
    const std::optional<QJsonObject> body = bodyObject(request, message);
    if (!body)
        return error(400, message);

    TierRecord tier;
    tier.name = name;
    tier.sortOrder = int(tiers.value().size()) + 1;
    if (existing)
        tier = *existing;
    if (message = applyTier(*body, tier); !message.isEmpty())
        return error(400, message);
    const Result<TierRecord> saved = m_storage.saveTier(tier);
    if (!saved)
        return error(saved.error());
    return json(existing ? 200 : 201, tierJson(saved.value()));
}

GatewayResponse AdminApi::keys(const HttpRequest &request, const QString &id)
{
    if (id.isEmpty() && request.method == "GET") {
        const Result<QList<KeyRecord>> keys = m_storage.keys();
        if (!keys)
            return error(keys.error());
        QJsonArray array;
        for (const KeyRecord &key : keys.value())
            array.append(keyJson(key));
        return json(200, array);
    }

    if (!id.isEmpty() && request.method == "DELETE") {
        const Result<KeyRecord> revoked = m_storage.revokeKey(id);
        if (!revoked)
            return error(revoked.error());
        return json(200, keyJson(revoked.value()));
    }

    if (!id.isEmpty() || request.method != "POST")
        return error(405, u"use GET or POST /admin/keys, or DELETE /admin/keys/ID"_s);

    QString message;
    const std::optional<QJsonObject> body = bodyObject(request, message);
    if (!body)
        return error(400, message);

    KeyIssuer::Request issue;
    issue.userName = body->value(u"user"_s).toString();
    issue.tier = body->value(u"tier"_s).toString();
    issue.label = body->value(u"label"_s).toString();
    issue.isOperator = body->value(u"operator"_s).toBool(false);
    if (issue.tier.isEmpty()) {
        const Result<UserRecord> user = m_storage.findUser(issue.userName);
        if (!user)
            return error(400, u"give a tier, or the name of an existing user"_s);
        issue.tier = user.value().tier;
    }
    if (body->contains(u"expiresAt"_s)) {
        issue.expiresAt = QDateTime::fromString(body->value(u"expiresAt"_s).toString(), Qt::ISODate);
        if (!issue.expiresAt.isValid())
            return error(400, u"invalid expiresAt: expected an ISO 8601 time such as 2027-01-31T00:00:00Z"_s);
    }

    const Result<IssuedKey> issued = KeyIssuer::issue(m_storage, issue);
    if (!issued)
        return error(issued.error());
    QJsonObject object = keyJson(issued.value().record);
    object.insert(u"key"_s, QString::fromLatin1(issued.value().secret));
    return json(201, object);
}

GatewayResponse AdminApi::usage(const QString &name)
{
    if (Result<UserRecord> user = m_storage.findUser(name); !user)
        return error(user.error());

    const UsageSnapshot snapshot = m_limits ? m_limits->usageOf(name) : UsageSnapshot();
    const EffectiveLimits &limits = snapshot.limits;
    const auto entry = [](qint64 used, const std::optional<qint64> &limit) {
        return QJsonObject{{u"used"_s, double(used)}, {u"limit"_s, limitJson(limit)}};
    };
    return json(200, QJsonObject{
                         {u"user"_s, name},
                         {u"tier"_s, limits.tier},
                         {u"suspended"_s, limits.suspended},
                         {u"callsToday"_s, entry(snapshot.callsToday, limits.callsPerDay)},
                         {u"generationsThisMonth"_s, entry(snapshot.generationsThisMonth, limits.generationsPerMonth)},
                         {u"brandsThisMonth"_s, entry(snapshot.brandsThisMonth, limits.brandsPerMonth)},
                         {u"requestsLastMinute"_s, entry(snapshot.requestsLastMinute, limits.requestsPerMinute)},
                         {u"tokensToday"_s, entry(snapshot.tokensToday, limits.tokensPerDay)},
                         {u"tokensThisMonth"_s, entry(snapshot.tokensThisMonth, limits.tokensPerMonth)},
                         {u"openStreams"_s, entry(snapshot.openStreams, limits.concurrentStreams)},
                         {u"modelPatterns"_s, QJsonArray::fromStringList(limits.modelPatterns)},
                     });
}

} // namespace Gateway
