// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventIssuer.h"

#include "ClaimCode.h"
#include "EventStore.h"
#include "SqliteStorage.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcEventIssuer, "soulfra.gateway.eventissuer")

constexpr int defaultEventDays = 30;
constexpr qsizetype maxNameLength = 120;
constexpr qsizetype maxDescriptionLength = 1000;
constexpr qsizetype maxEmailLength = 254; // RFC 5321 path limit
constexpr int maxInsertAttempts = 3;

QString randomId(const QString &prefix)
{
    static constexpr char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    QString id = prefix;
    for (int i = 0; i < 8; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(32)]));
    return id;
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control && c != u'\n';
    });
}

Result<Done> validate(const EventIssuer::Request &request)
{
    const QString name = request.name.trimmed();
    if (name.isEmpty() || name.size() > maxNameLength || hasControlCharacters(name) || name.contains(u'\n')) {
        return Error(ErrorCode::InvalidArgument,
                     u"the event name must have 1 to %1 characters on one line"_s.arg(maxNameLength));
    }
    if (request.description.size() > maxDescriptionLength || hasControlCharacters(request.description)) {
        return Error(ErrorCode::InvalidArgument,
                     u"the event text must have at most %1 characters and no control characters"_s.arg(
                         maxDescriptionLength));
    }
    if (request.trialDays < 1 || request.trialDays > EventIssuer::maxTrialDays) {
        return Error(ErrorCode::InvalidArgument,
                     u"the trial length must be 1 to %1 days"_s.arg(EventIssuer::maxTrialDays));
    }
    if (request.codeKind == EventRecord::CodeKind::SingleUse
        && (request.singleUseCount < 1 || request.singleUseCount > EventIssuer::maxSingleUseCodes)) {
        return Error(ErrorCode::InvalidArgument,
                     u"the number of single-use codes must be 1 to %1"_s.arg(EventIssuer::maxSingleUseCodes));
    }
    if (request.maxClaims && *request.maxClaims < 1)
        return Error(ErrorCode::InvalidArgument, u"the claim cap must be at least 1"_s);
    return Done{};
}

// Only a plausible address is kept; it is never used to find a user, so a
// stranger's address cannot attach a trial to someone else's account.
Result<QString> validEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    if (trimmed.isEmpty())
        return QString();
    const qsizetype at = trimmed.indexOf(u'@');
    const bool plausible = trimmed.size() <= maxEmailLength && at > 0 && at == trimmed.lastIndexOf(u'@')
        && at < trimmed.size() - 1 && !trimmed.contains(u' ') && !hasControlCharacters(trimmed)
        && !trimmed.contains(u'\n');
    if (!plausible)
        return Error(ErrorCode::InvalidArgument, u"the email address is not valid"_s);
    return trimmed;
}

} // namespace

Result<EventIssuer::Created> EventIssuer::create(SqliteStorage &storage, const Request &request)
{
    if (Result<Done> valid = validate(request); !valid)
        return valid.error();

    Created created;
    EventRecord &event = created.event;
    event.name = request.name.trimmed();
    event.description = request.description.trimmed();
    event.codeKind = request.codeKind;
    event.tier = request.tier;
    event.trialDays = request.trialDays;
    event.createdAt = QDateTime::currentDateTimeUtc();
    event.startsAt = request.startsAt.isValid() ? request.startsAt.toUTC() : event.createdAt;
    event.endsAt = request.endsAt.isValid() ? request.endsAt.toUTC() : event.startsAt.addDays(defaultEventDays);
    if (event.endsAt <= event.startsAt)
        return Error(ErrorCode::InvalidArgument, u"the event must end after it starts"_s);

    bool tierKnown = false;
    Result<QList<TierRecord>> tiers = storage.tiers();
    if (!tiers)
        return tiers.error();
    for (const TierRecord &tier : tiers.value())
        tierKnown = tierKnown || tier.name == request.tier;
    if (!tierKnown)
        return Error(ErrorCode::InvalidArgument, u"unknown tier \"%1\""_s.arg(request.tier));

    if (request.codeKind == EventRecord::CodeKind::Shared) {
        event.maxClaims = request.maxClaims;
        if (request.sharedCode.isEmpty()) {
            created.codes.append(ClaimCode::generate());
        } else {
            const std::optional<QString> code = ClaimCode::normalize(request.sharedCode);
            if (!code) {
                return Error(ErrorCode::InvalidArgument,
                             u"a shared code needs %1 to %2 letters and digits of Crockford Base32 "
                             "(no U); dashes are ignored"_s.arg(ClaimCode::minLength).arg(ClaimCode::maxLength));
            }
            created.codes.append(*code);
        }
    } else {
        // A set, because two equal codes in one batch would make one of
        // them fail at insertion; with 60 bits that never happens in practice.
        QSet<QString> unique;
        while (unique.size() < request.singleUseCount)
            unique.insert(ClaimCode::generate());
        created.codes = unique.values();
    }

    QList<QByteArray> hashes;
    hashes.reserve(created.codes.size());
    for (const QString &code : std::as_const(created.codes))
        hashes.append(ClaimCode::hash(code));

    EventStore store(storage);
    for (int attempt = 1;; ++attempt) {
        event.id = randomId(u"evt_"_s);
        Result<EventRecord> stored = store.insertEvent(event, hashes);
        if (stored) {
            event = stored.value();
            qCInfo(lcEventIssuer) << "created event" << event.id << "with" << created.codes.size() << "codes";
            return created;
        }
        if (stored.error().code() != ErrorCode::AlreadyExists || attempt == maxInsertAttempts) {
            if (stored.error().code() == ErrorCode::AlreadyExists && request.codeKind == EventRecord::CodeKind::Shared)
                return Error(ErrorCode::AlreadyExists, u"another event already uses this shared code"_s);
            return stored.error();
        }
    }
}

Result<EventIssuer::Claimed> EventIssuer::redeem(SqliteStorage &storage, const ClaimRequest &request)
{
    const std::optional<QString> code = ClaimCode::normalize(request.codeText);
    if (!code)
        return Error(ErrorCode::NotFound, u"this code is not valid, already used or expired"_s);
    Result<QString> email = validEmail(request.email);
    if (!email)
        return email.error();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    EventStore store(storage);
    Result<ClaimReservation> reserved =
        store.reserveClaim(ClaimCode::hash(*code), request.nonce, email.value(), request.clientAddress, now);
    if (!reserved)
        return reserved.error();

    const EventRecord &event = reserved.value().event;
    KeyIssuer::Request keyRequest;
    keyRequest.userName = randomId(u"trial-"_s);
    keyRequest.tier = event.tier;
    keyRequest.label = u"claimed at event %1"_s.arg(event.id);
    keyRequest.expiresAt = now.addDays(event.trialDays);

    Result<IssuedKey> issued = KeyIssuer::issue(storage, keyRequest);
    if (!issued) {
        qCWarning(lcEventIssuer).noquote() << "cannot issue a key for a claim of event" << event.id << ":"
                                           << issued.error().message();
        if (Result<Done> released = store.releaseClaim(reserved.value().claimId); !released)
            qCWarning(lcEventIssuer).noquote() << "cannot give the claim back:" << released.error().message();
        return Error(ErrorCode::StorageFailed, issued.error().message());
    }

    if (Result<Done> completed = store.completeClaim(reserved.value().claimId, issued.value().record); !completed)
        qCWarning(lcEventIssuer).noquote() << "claim" << reserved.value().claimId << "lacks its key id:"
                                           << completed.error().message();

    // The user's trial ends with the key the event granted, not after the
    // tier's default trial length.
    if (Result<UserRecord> user = storage.findUser(keyRequest.userName); user && user.value().trialEndsAt.isValid()) {
        UserRecord updated = user.value();
        updated.trialEndsAt = keyRequest.expiresAt;
        if (Result<UserRecord> saved = storage.saveUser(updated); !saved)
            qCWarning(lcEventIssuer).noquote() << "cannot set the trial end of user" << updated.name << ":"
                                               << saved.error().message();
    }

    qCInfo(lcEventIssuer) << "event" << event.id << "issued key" << issued.value().record.id;
    Claimed claimed;
    claimed.key = issued.value();
    claimed.event = event;
    return claimed;
}

} // namespace Gateway
