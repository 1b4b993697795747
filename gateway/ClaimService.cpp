// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimService.h"

#include "ClaimCode.h"
#include "EventStore.h"
#include "KeyManager.h"
#include "SqliteStorage.h"

#include <QLoggingCategory>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcClaimService, "soulfra.gateway.claimservice")

Error notRunning()
{
    return Error(ErrorCode::Unavailable, u"the claim service is not running"_s);
}

} // namespace

ClaimService::ClaimService(StorageConfig config, KeyManager *keyManager, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_keyManager(keyManager)
{
}

ClaimService::~ClaimService() = default;

QString ClaimService::publicBaseUrlSetting()
{
    return u"public_base_url"_s;
}

void ClaimService::start()
{
    m_stopped = false;
    ensureStorage();
}

void ClaimService::stop()
{
    m_stopped = true;
    m_storage.reset();
}

bool ClaimService::ensureStorage()
{
    if (m_storage)
        return true;
    if (m_stopped)
        return false;

    auto storage = std::make_unique<SqliteStorage>(m_config.databasePath(), u"claims"_s);
    if (Result<Done> opened = storage->open(); !opened) {
        qCWarning(lcClaimService).noquote() << "cannot open storage:" << opened.error().message();
        Q_EMIT failed(opened.error().message());
        return false;
    }
    m_storage = std::move(storage);
    return true;
}

Result<EventRecord> ClaimService::lookupNow(const QString &codeText)
{
    if (!ensureStorage())
        return notRunning();
    const std::optional<QString> code = ClaimCode::normalize(codeText);
    if (!code)
        return Error(ErrorCode::NotFound, u"this code is not valid, already used or expired"_s);
    return EventStore(*m_storage).eventForCode(ClaimCode::hash(*code), QDateTime::currentDateTimeUtc());
}

Result<EventIssuer::Claimed> ClaimService::redeemNow(const EventIssuer::ClaimRequest &request)
{
    if (!ensureStorage())
        return notRunning();

    Result<EventIssuer::Claimed> claimed = EventIssuer::redeem(*m_storage, request);
    if (!claimed)
        return claimed;

    // Same thread as the key manager, so the index holds the key before the
    // claimant's page arrives.
    if (m_keyManager)
        m_keyManager->reloadNow();

    ClaimRecord record;
    record.eventId = claimed.value().event.id;
    record.keyId = claimed.value().key.record.id;
    record.userName = claimed.value().key.record.userName;
    record.userTier = claimed.value().key.record.tier;
    record.email = request.email.trimmed();
    record.clientAddress = request.clientAddress;
    record.claimedAt = claimed.value().key.record.createdAt;
    Q_EMIT this->claimed(record);
    return claimed;
}

void ClaimService::lookup(const QString &codeText, QObject *receiver, LookupReply reply)
{
    QMetaObject::invokeMethod(this, [this, codeText, receiver, reply = std::move(reply)] {
        if (m_stopped)
            return;
        const Result<EventRecord> result = lookupNow(codeText);
        QMetaObject::invokeMethod(receiver, [reply, result] { reply(result); });
    });
}

void ClaimService::redeem(const EventIssuer::ClaimRequest &request, QObject *receiver, RedeemReply reply)
{
    QMetaObject::invokeMethod(this, [this, request, receiver, reply = std::move(reply)] {
        if (m_stopped)
            return;
        const Result<EventIssuer::Claimed> result = redeemNow(request);
        QMetaObject::invokeMethod(receiver, [reply, result] { reply(result); });
    });
}

void ClaimService::createEvent(const EventIssuer::Request &request)
{
    if (!ensureStorage()) {
        Q_EMIT eventCreateFailed(notRunning().message());
        return;
    }
    Result<EventIssuer::Created> created = EventIssuer::create(*m_storage, request);
    if (!created) {
        Q_EMIT eventCreateFailed(created.error().message());
        return;
    }
    Q_EMIT eventCreated(created.value().event, created.value().codes);
}

void ClaimService::listEvents()
{
    if (!ensureStorage())
        return;
    Result<QList<EventRecord>> events = EventStore(*m_storage).events();
    if (!events) {
        Q_EMIT failed(events.error().message());
        return;
    }
    Q_EMIT eventsListed(events.value());
}

void ClaimService::listClaims(const QString &eventId)
{
    if (!ensureStorage())
        return;
    Result<QList<ClaimRecord>> claims = EventStore(*m_storage).claims(eventId);
    if (!claims) {
        Q_EMIT failed(claims.error().message());
        return;
    }
    Q_EMIT claimsListed(eventId, claims.value());
}

void ClaimService::revokeEvent(const QString &eventId)
{
    if (!ensureStorage())
        return;
    Result<EventRecord> revoked = EventStore(*m_storage).revokeEvent(eventId);
    if (!revoked) {
        Q_EMIT failed(revoked.error().message());
        return;
    }
    Q_EMIT eventRevoked(revoked.value());
}

void ClaimService::readPublicBaseUrl()
{
    if (!ensureStorage())
        return;
    Result<QString> url = EventStore(*m_storage).setting(publicBaseUrlSetting());
    if (!url) {
        Q_EMIT failed(url.error().message());
        return;
    }
    Q_EMIT publicBaseUrlRead(url.value());
}

void ClaimService::setPublicBaseUrl(const QString &url)
{
    if (!ensureStorage())
        return;
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const bool valid = parsed.isValid() && !parsed.host().isEmpty()
        && (parsed.scheme() == u"http"_s || parsed.scheme() == u"https"_s) && !parsed.hasQuery()
        && !parsed.hasFragment();
    if (!valid) {
        Q_EMIT failed(tr("\"%1\" is not an http or https URL without query or fragment.").arg(url));
        return;
    }
    if (Result<Done> written = EventStore(*m_storage).setSetting(publicBaseUrlSetting(), url.trimmed()); !written) {
        Q_EMIT failed(written.error().message());
        return;
    }
    Q_EMIT publicBaseUrlRead(url.trimmed());
}

} // namespace Gateway
