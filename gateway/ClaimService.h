// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventIssuer.h"
#include "EventRecord.h"
#include "StorageConfig.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace Gateway {

class KeyManager;
class SqliteStorage;

// Events and claims for the claim page and the console, on the storage
// thread next to KeyManager: a claim's key is put into the key index before
// the claimant sees it, so it works on the very next request.
//
// lookup() and redeem() may be called from any thread; their replies run on
// the receiver's thread. The other methods are called through
// QMetaObject::invokeMethod and answer with signals.
class ClaimService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClaimService)

public:
    using LookupReply = std::function<void(const Result<EventRecord> &)>;
    using RedeemReply = std::function<void(const Result<EventIssuer::Claimed> &)>;

    // keyManager must live on the same thread as this service.
    ClaimService(StorageConfig config, KeyManager *keyManager, QObject *parent = nullptr);
    ~ClaimService() override;

    Q_INVOKABLE void start();
    // Closes storage. The controller calls it, blocking, before it deletes
    // the workers, so no reply is posted to a deleted receiver.
    Q_INVOKABLE void stop();

    void lookup(const QString &codeText, QObject *receiver, LookupReply reply);
    void redeem(const EventIssuer::ClaimRequest &request, QObject *receiver, RedeemReply reply);

    void createEvent(const EventIssuer::Request &request);
    Q_INVOKABLE void listEvents();
    Q_INVOKABLE void listClaims(const QString &eventId);
    Q_INVOKABLE void revokeEvent(const QString &eventId);
    Q_INVOKABLE void readPublicBaseUrl();
    Q_INVOKABLE void setPublicBaseUrl(const QString &url);

    static QString publicBaseUrlSetting();

Q_SIGNALS:
    void failed(const QString &message);
    void eventCreated(const Gateway::EventRecord &event, const QStringList &codes);
    void eventCreateFailed(const QString &message);
    void eventsListed(const QList<Gateway::EventRecord> &events);
    void claimsListed(const QString &eventId, const QList<Gateway::ClaimRecord> &claims);
    void eventRevoked(const Gateway::EventRecord &event);
    void publicBaseUrlRead(const QString &url);
    // A claim succeeded: emitted for the console's live view; holds no key.
    void claimed(const Gateway::ClaimRecord &claim);

private:
    bool ensureStorage();
    Result<EventRecord> lookupNow(const QString &codeText);
    Result<EventIssuer::Claimed> redeemNow(const EventIssuer::ClaimRequest &request);

    StorageConfig m_config;
    KeyManager *m_keyManager;
    std::unique_ptr<SqliteStorage> m_storage;
    // Set by stop(): later lookups and claims get no reply, because their
    // receivers (the workers' pools) are being deleted.
    bool m_stopped = false;
};

} // namespace Gateway
