// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventRecord.h"
#include "KeyRecord.h"
#include "Result.h"

#include <QList>
#include <QSqlDatabase>

class QSqlQuery;

namespace Gateway {

class SqliteStorage;

// Events, claim codes, claims and settings (schema version 3) on the
// connection of an open SqliteStorage, on that storage's thread. Kept apart
// from SqliteStorage so that the key and request-log code stays small; a
// PostgreSQL backend needs its own counterpart.
class EventStore final
{
public:
    explicit EventStore(const SqliteStorage &storage);
    Q_DISABLE_COPY_MOVE(EventStore)

    // Stores the event and the hashes of its codes in one transaction.
    Result<EventRecord> insertEvent(const EventRecord &event, const QList<QByteArray> &codeHashes);
    Result<QList<EventRecord>> events();
    Result<EventRecord> findEvent(const QString &eventId);

    // The event of a code that can be claimed at now. Unknown, used,
    // revoked and expired codes all give the same NotFound error, so that
    // no caller can tell them apart.
    Result<EventRecord> eventForCode(const QByteArray &codeHash, const QDateTime &now);

    // True when the code with this hash belongs to the event, used or not;
    // lets a sheet be printed only with the event's own codes.
    Result<bool> hasCode(const QString &eventId, const QByteArray &codeHash);

    // Revokes every code of the event at once (a leaked sheet or poster).
    Result<EventRecord> revokeEvent(const QString &eventId);

    // Spends one claim of the code in one write transaction: marks a
    // single-use code redeemed and raises the event's count only while it is
    // below the cap, each with a conditional UPDATE. NotFound as in
    // eventForCode; AlreadyExists when nonce (the claim page's form token)
    // was used before, so a reloaded form never claims twice.
    Result<ClaimReservation> reserveClaim(const QByteArray &codeHash, const QString &nonce, const QString &email,
                                          const QString &clientAddress, const QDateTime &now);
    Result<Done> completeClaim(qint64 claimId, const KeyRecord &key);
    // Gives the claim back after the key could not be issued.
    Result<Done> releaseClaim(qint64 claimId);

    // Claims of one event, or of every event when eventId is empty, newest first.
    Result<QList<ClaimRecord>> claims(const QString &eventId);

    // Operator settings such as "public_base_url"; empty when unset.
    Result<QString> setting(const QString &name);
    Result<Done> setSetting(const QString &name, const QString &value);

private:
    Result<Done> beginWrite();
    Result<Done> commit();
    void rollback();
    Error failure(const QString &action, const QSqlQuery &query) const;
    Result<EventRecord> findEventInTransaction(const QString &eventId);

    QSqlDatabase m_db;
};

} // namespace Gateway
