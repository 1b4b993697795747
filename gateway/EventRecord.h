// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Gateway {

// An event that hands out trial keys through claim codes: either one shared
// code (a poster) or a batch of single-use codes (badges, cards).
struct EventRecord
{
    enum class CodeKind { Shared, SingleUse };

    QString id;                 // "evt_7h3k9q2m", safe to log and print
    QString name;
    QString description;        // short text for the claim page
    QDateTime startsAt;         // UTC; codes work from here
    QDateTime endsAt;           // UTC; and until here
    QString tier = QStringLiteral("pro_trial");
    int trialDays = 7;          // lifetime of each issued key, from its claim
    std::optional<qint64> maxClaims; // empty: only the codes themselves limit claims
    qint64 claimCount = 0;
    CodeKind codeKind = CodeKind::SingleUse;
    qint64 codeCount = 0;       // codes stored for the event
    qint64 paidCount = 0;       // claimants whose user is now on a paid tier
    QDateTime createdAt;        // UTC
    QDateTime revokedAt;        // UTC, invalid while the codes work
};

// One successful claim. The key itself is never stored here.
struct ClaimRecord
{
    qint64 id = 0;
    QString eventId;
    QString keyId;
    QString userName;
    QString userTier;      // the claimant's tier now, which shows who paid later
    QString email;         // empty unless the claimant gave one
    QString clientAddress;
    QDateTime claimedAt;   // UTC
};

// A claim taken in storage before its key exists: the code is spent and
// the event's count raised, so a failure to issue the key must release it.
struct ClaimReservation
{
    qint64 claimId = 0;
    EventRecord event;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::EventRecord)
Q_DECLARE_METATYPE(Gateway::ClaimRecord)
