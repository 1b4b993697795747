// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventStore.h"

#include "SqliteStorage.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcEventStore, "soulfra.gateway.eventstore")

// paid_count counts claimants whose user is on a tier with a price now,
// which is how the console shows trial users who later paid.
const QString eventColumns =
    u"SELECT e.id, e.name, e.description, e.starts_at, e.ends_at, e.tier, e.trial_days, e.max_claims,"
    "       e.claim_count, e.code_kind, e.created_at, e.revoked_at,"
    "       (SELECT count(*) FROM claim_codes c WHERE c.event_id = e.id),"
    "       (SELECT count(*) FROM claims cl JOIN users u ON u.id = cl.user_id"
    "          JOIN tiers t ON t.name = u.tier WHERE cl.event_id = e.id AND t.price_cents_per_month > 0)"
    "  FROM events e"_s;

QVariant timeValue(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<qint64>());
    return time.toMSecsSinceEpoch();
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant textValue(const QString &text)
{
    if (text.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return text;
}

QString kindText(EventRecord::CodeKind kind)
{
    return kind == EventRecord::CodeKind::Shared ? u"shared"_s : u"single_use"_s;
}

EventRecord eventFrom(const QSqlQuery &query)
{
    EventRecord event;
    event.id = query.value(0).toString();
    event.name = query.value(1).toString();
    event.description = query.value(2).toString();
    event.startsAt = timeFrom(query.value(3));
    event.endsAt = timeFrom(query.value(4));
    event.tier = query.value(5).toString();
    event.trialDays = query.value(6).toInt();
    if (!query.value(7).isNull())
        event.maxClaims = query.value(7).toLongLong();
    event.claimCount = query.value(8).toLongLong();
    event.codeKind = query.value(9).toString() == u"shared"_s ? EventRecord::CodeKind::Shared
                                                              : EventRecord::CodeKind::SingleUse;
    event.createdAt = timeFrom(query.value(10));
    event.revokedAt = timeFrom(query.value(11));
    event.codeCount = query.value(12).toLongLong();
    event.paidCount = query.value(13).toLongLong();
    return event;
}

Error notClaimable()
{
    return Error(ErrorCode::NotFound, u"this code is not valid, already used or expired"_s);
}

} // namespace

EventStore::EventStore(const SqliteStorage &storage)
    : m_db(QSqlDatabase::database(storage.connectionName(), false))
{
}

Result<Done> EventStore::beginWrite()
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    // IMMEDIATE takes the write lock before the first read, so the checks
    // of a claim and its updates see the same state in every process.
    QSqlQuery query(m_db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return failure(u"starting a write transaction"_s, query);
    return Done{};
}

Result<Done> EventStore::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"COMMIT"_s)) {
        const Error error = failure(u"committing"_s, query);
        rollback();
        return error;
    }
    return Done{};
}

void EventStore::rollback()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"ROLLBACK"_s))
        qCWarning(lcEventStore).noquote() << "rollback failed:" << query.lastError().text();
}

Error EventStore::failure(const QString &action, const QSqlQuery &query) const
{
    const QString message = u"%1 failed in %2: %3"_s.arg(action, m_db.databaseName(), query.lastError().text());
    qCDebug(lcEventStore).noquote() << message;
    return Error(ErrorCode::StorageFailed, message);
}

Result<EventRecord> EventStore::findEventInTransaction(const QString &eventId)
{
    QSqlQuery query(m_db);
    if (!query.prepare(eventColumns % u" WHERE e.id = ?"_s))
        return failure(u"looking up event %1"_s.arg(eventId), query);
    query.addBindValue(eventId);
    if (!query.exec())
        return failure(u"looking up event %1"_s.arg(eventId), query);
    if (!query.next())
        return Error(ErrorCode::NotFound, u"no event with id \"%1\""_s.arg(eventId));
    return eventFrom(query);
}

Result<EventRecord> EventStore::findEvent(const QString &eventId)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);
    return findEventInTransaction(eventId);
}

Result<EventRecord> EventStore::insertEvent(const EventRecord &event, const QList<QByteArray> &codeHashes)
{
    if (event.id.isEmpty() || event.name.trimmed().isEmpty() || !event.startsAt.isValid()
        || !event.endsAt.isValid() || event.endsAt <= event.startsAt || event.trialDays <= 0
        || codeHashes.isEmpty()) {
        return Error(ErrorCode::InvalidArgument,
                     u"event %1 lacks an id, a name, a valid time span, a trial length or codes"_s.arg(event.id));
    }

    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    QSqlQuery query(m_db);
    const bool prepared = query.prepare(
        u"INSERT INTO events (id, name, description, starts_at, ends_at, tier, trial_days, max_claims,"
        "                     claim_count, code_kind, created_at, revoked_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL)"_s);
    if (!prepared) {
        const Error error = failure(u"creating event %1"_s.arg(event.id), query);
        rollback();
        return error;
    }
    query.addBindValue(event.id);
    query.addBindValue(event.name);
    query.addBindValue(textValue(event.description));
    query.addBindValue(timeValue(event.startsAt));
    query.addBindValue(timeValue(event.endsAt));
    query.addBindValue(event.tier);
    query.addBindValue(event.trialDays);
    query.addBindValue(event.maxClaims ? QVariant(*event.maxClaims) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(kindText(event.codeKind));
    query.addBindValue(timeValue(event.createdAt));
    if (!query.exec()) {
        const Error error = failure(u"creating event %1"_s.arg(event.id), query);
        rollback();
        // A primary key clash is the only constraint a fresh random id can hit.
        if (query.lastError().nativeErrorCode() == u"1555"_s || query.lastError().nativeErrorCode() == u"19"_s)
            return Error(ErrorCode::AlreadyExists, error.message());
        return error;
    }
    query.finish();

    if (!query.prepare(u"INSERT INTO claim_codes (hash, event_id, created_at) VALUES (?, ?, ?)"_s)) {
        const Error error = failure(u"storing codes of event %1"_s.arg(event.id), query);
        rollback();
        return error;
    }
    for (const QByteArray &hash : codeHashes) {
        query.addBindValue(hash);
        query.addBindValue(event.id);
        query.addBindValue(timeValue(event.createdAt));
        if (!query.exec()) {
            const Error error = failure(u"storing a code of event %1"_s.arg(event.id), query);
            rollback();
            return Error(ErrorCode::AlreadyExists, error.message());
        }
    }
    query.finish();

    Result<EventRecord> stored = findEventInTransaction(event.id);
    if (!stored) {
        rollback();
        return stored;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    return stored;
}

Result<QList<EventRecord>> EventStore::events()
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(eventColumns % u" ORDER BY e.created_at DESC, e.id"_s))
        return failure(u"listing events"_s, query);

    QList<EventRecord> result;
    while (query.next())
        result.append(eventFrom(query));
    return result;
}

Result<EventRecord> EventStore::eventForCode(const QByteArray &codeHash, const QDateTime &now)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    QSqlQuery query(m_db);
    const bool prepared = query.prepare(
        u"SELECT c.event_id FROM claim_codes c JOIN events e ON e.id = c.event_id"
        " WHERE c.hash = ? AND c.revoked_at IS NULL AND e.revoked_at IS NULL"
        "   AND e.starts_at <= ? AND e.ends_at > ?"
        "   AND (e.code_kind = 'shared' OR c.redeemed_at IS NULL)"
        "   AND (e.max_claims IS NULL OR e.claim_count < e.max_claims)"_s);
    if (!prepared)
        return failure(u"looking up a claim code"_s, query);
    query.addBindValue(codeHash);
    query.addBindValue(timeValue(now));
    query.addBindValue(timeValue(now));
    if (!query.exec())
        return failure(u"looking up a claim code"_s, query);
    if (!query.next())
        return notClaimable();
    const QString eventId = query.value(0).toString();
    query.finish();
    return findEventInTransaction(eventId);
}

Result<bool> EventStore::hasCode(const QString &eventId, const QByteArray &codeHash)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    QSqlQuery query(m_db);
    if (!query.prepare(u"SELECT 1 FROM claim_codes WHERE hash = ? AND event_id = ?"_s))
        return failure(u"checking a code of event %1"_s.arg(eventId), query);
    query.addBindValue(codeHash);
    query.addBindValue(eventId);
    if (!query.exec())
        return failure(u"checking a code of event %1"_s.arg(eventId), query);
    return query.next();
}

Result<EventRecord> EventStore::revokeEvent(const QString &eventId)
{
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    const QVariant now = timeValue(QDateTime::currentDateTimeUtc());
    QSqlQuery query(m_db);
    if (!query.prepare(u"UPDATE events SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s)) {
        const Error error = failure(u"revoking event %1"_s.arg(eventId), query);
        rollback();
        return error;
    }
    query.addBindValue(now);
    query.addBindValue(eventId);
    if (!query.exec()) {
        const Error error = failure(u"revoking event %1"_s.arg(eventId), query);
        rollback();
        return error;
    }
    if (!query.prepare(u"UPDATE claim_codes SET revoked_at = ? WHERE event_id = ? AND revoked_at IS NULL"_s)) {
        const Error error = failure(u"revoking the codes of event %1"_s.arg(eventId), query);
        rollback();
        return error;
    }
    query.addBindValue(now);
    query.addBindValue(eventId);
    if (!query.exec()) {
        const Error error = failure(u"revoking the codes of event %1"_s.arg(eventId), query);
        rollback();
        return error;
    }
    query.finish();

    Result<EventRecord> revoked = findEventInTransaction(eventId);
    if (!revoked) {
        rollback();
        return revoked;
    }
    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    qCInfo(lcEventStore) << "revoked the codes of event" << eventId;
    return revoked;
}

Result<ClaimReservation> EventStore::reserveClaim(const QByteArray &codeHash, const QString &nonce,
                                                  const QString &email, const QString &clientAddress,
                                                  const QDateTime &now)
{
    if (Result<Done> begun = beginWrite(); !begun)
        return begun.error();

    QSqlQuery query(m_db);
    if (!nonce.isEmpty()) {
        if (!query.prepare(u"SELECT 1 FROM claims WHERE nonce = ?"_s)) {
            const Error error = failure(u"checking a claim token"_s, query);
            rollback();
            return error;
        }
        query.addBindValue(nonce);
        if (!query.exec()) {
            const Error error = failure(u"checking a claim token"_s, query);
            rollback();
            return error;
        }
        if (query.next()) {
            rollback();
            return Error(ErrorCode::AlreadyExists, u"this form was submitted before; its key was shown once"_s);
        }
        query.finish();
    }

    Result<EventRecord> event = eventForCode(codeHash, now);
    if (!event) {
        rollback();
        return event.error();
    }

    // The conditional UPDATEs are the claim itself: a concurrent claim that
    // got here first leaves them without a row to change.
    if (event.value().codeKind == EventRecord::CodeKind::SingleUse) {
        if (!query.prepare(u"UPDATE claim_codes SET redeemed_at = ? WHERE hash = ? AND redeemed_at IS NULL"_s)) {
            const Error error = failure(u"redeeming a claim code"_s, query);
            rollback();
            return error;
        }
        query.addBindValue(timeValue(now));
        query.addBindValue(codeHash);
        if (!query.exec()) {
            const Error error = failure(u"redeeming a claim code"_s, query);
            rollback();
            return error;
        }
        if (query.numRowsAffected() != 1) {
            rollback();
            return notClaimable();
        }
    }

    if (!query.prepare(u"UPDATE events SET claim_count = claim_count + 1"
                       " WHERE id = ? AND (max_claims IS NULL OR claim_count < max_claims)"_s)) {
        const Error error = failure(u"counting a claim"_s, query);
        rollback();
        return error;
    }
    query.addBindValue(event.value().id);
    if (!query.exec()) {
        const Error error = failure(u"counting a claim"_s, query);
        rollback();
        return error;
    }
    if (query.numRowsAffected() != 1) {
        rollback();
        return notClaimable();
    }

    if (!query.prepare(u"INSERT INTO claims (event_id, code_hash, nonce, email, client_address, claimed_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)"_s)) {
        const Error error = failure(u"recording a claim"_s, query);
        rollback();
        return error;
    }
    query.addBindValue(event.value().id);
    query.addBindValue(codeHash);
    query.addBindValue(textValue(nonce));
    query.addBindValue(textValue(email));
    query.addBindValue(textValue(clientAddress));
    query.addBindValue(timeValue(now));
    if (!query.exec()) {
        const Error error = failure(u"recording a claim"_s, query);
        rollback();
        return error;
    }

    ClaimReservation reservation;
    reservation.claimId = query.lastInsertId().toLongLong();
    reservation.event = event.value();
    reservation.event.claimCount += 1;
    query.finish();

    if (Result<Done> committed = commit(); !committed)
        return committed.error();
    return reservation;
}

Result<Done> EventStore::completeClaim(qint64 claimId, const KeyRecord &key)
{
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    QSqlQuery query(m_db);
    if (!query.prepare(u"UPDATE claims SET key_id = ?, user_id = ? WHERE id = ?"_s)) {
        const Error error = failure(u"completing claim %1"_s.arg(claimId), query);
        rollback();
        return error;
    }
    query.addBindValue(key.id);
    query.addBindValue(key.userId);
    query.addBindValue(claimId);
    if (!query.exec()) {
        const Error error = failure(u"completing claim %1"_s.arg(claimId), query);
        rollback();
        return error;
    }
    query.finish();
    return commit();
}

Result<Done> EventStore::releaseClaim(qint64 claimId)
{
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    const QList<QString> statements = {
        u"UPDATE claim_codes SET redeemed_at = NULL WHERE hash = (SELECT code_hash FROM claims WHERE id = ?)"
        "   AND event_id IN (SELECT id FROM events WHERE code_kind = 'single_use')"_s,
        u"UPDATE events SET claim_count = claim_count - 1 WHERE id = (SELECT event_id FROM claims WHERE id = ?)"_s,
        u"DELETE FROM claims WHERE id = ?"_s,
    };
    QSqlQuery query(m_db);
    for (const QString &statement : statements) {
        if (!query.prepare(statement)) {
            const Error error = failure(u"releasing claim %1"_s.arg(claimId), query);
            rollback();
            return error;
        }
        query.addBindValue(claimId);
        if (!query.exec()) {
            const Error error = failure(u"releasing claim %1"_s.arg(claimId), query);
            rollback();
            return error;
        }
    }
    query.finish();
    return commit();
}

Result<QList<ClaimRecord>> EventStore::claims(const QString &eventId)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QString sql = u"SELECT cl.id, cl.event_id, cl.key_id, u.name, u.tier, cl.email, cl.client_address, cl.claimed_at"
                  "  FROM claims cl LEFT JOIN users u ON u.id = cl.user_id"_s;
    if (!eventId.isEmpty())
        sql += u" WHERE cl.event_id = ?"_s;
    sql += u" ORDER BY cl.claimed_at DESC, cl.id DESC"_s;
    if (!query.prepare(sql))
        return failure(u"listing claims"_s, query);
    if (!eventId.isEmpty())
        query.addBindValue(eventId);
    if (!query.exec())
        return failure(u"listing claims"_s, query);

    QList<ClaimRecord> result;
    while (query.next()) {
        ClaimRecord claim;
        claim.id = query.value(0).toLongLong();
        claim.eventId = query.value(1).toString();
        claim.keyId = query.value(2).toString();
        claim.userName = query.value(3).toString();
        claim.userTier = query.value(4).toString();
        claim.email = query.value(5).toString();
        claim.clientAddress = query.value(6).toString();
        claim.claimedAt = timeFrom(query.value(7));
        result.append(claim);
    }
    return result;
}

Result<QString> EventStore::setting(const QString &name)
{
    if (!m_db.isOpen())
        return Error(ErrorCode::StorageFailed, u"the database is not open"_s);

    QSqlQuery query(m_db);
    if (!query.prepare(u"SELECT value FROM settings WHERE name = ?"_s))
        return failure(u"reading setting %1"_s.arg(name), query);
    query.addBindValue(name);
    if (!query.exec())
        return failure(u"reading setting %1"_s.arg(name), query);
    if (!query.next())
        return QString();
    return query.value(0).toString();
}

Result<Done> EventStore::setSetting(const QString &name, const QString &value)
{
    if (Result<Done> begun = beginWrite(); !begun)
        return begun;

    QSqlQuery query(m_db);
    if (!query.prepare(u"INSERT INTO settings (name, value) VALUES (?, ?)"
                       " ON CONFLICT(name) DO UPDATE SET value = excluded.value"_s)) {
        const Error error = failure(u"writing setting %1"_s.arg(name), query);
        rollback();
        return error;
    }
    query.addBindValue(name);
    query.addBindValue(value);
    if (!query.exec()) {
        const Error error = failure(u"writing setting %1"_s.arg(name), query);
        rollback();
        return error;
    }
    query.finish();
    return commit();
}

} // namespace Gateway
