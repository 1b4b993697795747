// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventIssuer.h"
#include "EventRecord.h"
#include "GatewayConfig.h"
#include "GatewayStats.h"
#include "KeyIssuer.h"
#include "KeyRecord.h"
#include "LimitEnforcer.h"
#include "RequestLogEntry.h"
#include "RetentionPolicy.h"

#include <QList>
#include <QObject>

#include <memory>

namespace Gateway {

// The gateway as one object for the console and for headless mode. It owns
// the worker, log writer and storage threads and is itself used only from
// the thread that created it (the GUI thread in the console). Every method
// returns at once; network and database work happens on the owned threads
// and results arrive as queued signals.
class GatewayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayController)

public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    explicit GatewayController(QObject *parent = nullptr);
    ~GatewayController() override; // stops and joins every thread

    State state() const;
    GatewayConfig config() const;
    // Users and tiers, while the gateway runs; results arrive as signals.
    void requestUsers();
    void requestTierRecords();
    // Creates or changes a user or tier (by name); the running gateway
    // applies the new limits at once.
    void saveUser(const Gateway::UserRecord &user);
    void saveTier(const Gateway::TierRecord &tier);

    // Generations waiting for a slot upstream; 0 while stopped. Thread-safe.
    int queuedGenerations() const;
    // The running gateway's usage of userName in the current windows; the
    // defaults while stopped. Thread-safe.
    UsageSnapshot usageOf(const QString &userName) const;

    // Starts listening with config; emits started() or startFailed().
    void start(const GatewayConfig &config);
    // Stops accepting, lets in-flight requests finish for up to
    // config.drainTimeoutMs, flushes the request log, then emits stopped().
    void stop();

    // Key management for the console; results arrive as signals below.
    void issueKey(const QString &userName, const QString &tier, bool isOperator, const QString &label);
    void revokeKey(const QString &keyId);
    // Issues a successor (reported through keyIssued); the old key keeps
    // working for graceSeconds.
    void rotateKey(const QString &keyId, int graceSeconds);
    void requestKeys();
    void requestTiers();

    // Events and claim codes for the console; results arrive as
    // the event signals below.
    void createEvent(const EventIssuer::Request &request);
    void requestEvents();
    void requestClaims(const QString &eventId);
    void revokeEvent(const QString &eventId);
    void requestPublicBaseUrl();
    void setPublicBaseUrl(const QString &url);

    // One user's data and the retention settings, on the storage thread;
    // results arrive as the privacy signals below. exportUserData writes
    // JSON to filePath with owner-only permissions.
    void exportUserData(const QString &userName, const QString &filePath);
    void deleteUserData(const QString &userName);
    void requestRetentionPolicy();
    void saveRetentionPolicy(const Gateway::RetentionPolicy &policy);

Q_SIGNALS:
    void stateChanged(Gateway::GatewayController::State state);
    void started(const QString &listenUrl); // e.g. "http://127.0.0.1:11435"
    void startFailed(const QString &message);
    void stopped();

    // Committed log rows, batched to at most about ten signals a second.
    void requestsLogged(const QList<Gateway::RequestLogEntry> &rows);
    void statsUpdated(const Gateway::GatewayStats &stats);
    // reachable is false when /api/version failed; version is Ollama's.
    void upstreamHealthChanged(bool reachable, const QString &version, const QString &error);

    void keyIssued(const Gateway::IssuedKey &key);
    void keyIssueFailed(const QString &message);
    void keyRevoked(const QString &keyId);
    void keyRevokeFailed(const QString &keyId, const QString &message);
    void keyRotateFailed(const QString &keyId, const QString &message);
    void keysListed(const QList<Gateway::KeyRecord> &keys);
    void tiersListed(const QStringList &tierNames);
    // Keys changed in storage, also from another process such as the CLI.
    void keysChanged();
    // The admin API listens (url ends in /admin), or could not start; the
    // gateway serves clients either way.
    void adminStarted(const QString &url);
    void adminFailed(const QString &message);
    void usersListed(const QList<Gateway::UserRecord> &users);
    void tierRecordsListed(const QList<Gateway::TierRecord> &tiers);
    void userSaved(const Gateway::UserRecord &user);
    void userSaveFailed(const QString &userName, const QString &message);
    void tierSaved(const Gateway::TierRecord &tier);
    void tierSaveFailed(const QString &tierName, const QString &message);

    void eventCreated(const Gateway::EventRecord &event, const QStringList &codes);
    void eventCreateFailed(const QString &message);
    void eventsListed(const QList<Gateway::EventRecord> &events);
    void claimsListed(const QString &eventId, const QList<Gateway::ClaimRecord> &claims);
    void eventRevoked(const Gateway::EventRecord &event);
    void eventsFailed(const QString &message);
    void publicBaseUrlRead(const QString &url);
    // Someone claimed a key from an event; the record holds no secret.
    void claimed(const Gateway::ClaimRecord &claim);

    void userDataExported(const QString &userName, const QString &filePath);
    void userDataDeleted(const QString &userName, qint64 rows);
    void userDataFailed(const QString &userName, const QString &message);
    void retentionPolicyRead(const Gateway::RetentionPolicy &policy);
    void retentionPolicySaved(const Gateway::RetentionPolicy &policy);
    void retentionPolicyFailed(const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Gateway
