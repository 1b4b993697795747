// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EventRecord.h"
#include "KeyIssuer.h"
#include "Result.h"

#include <QMetaType>
#include <QStringList>

namespace Gateway {

class SqliteStorage;

// Creates events with their codes and redeems codes for trial keys; shared
// by the CLI, the console and the claim page.
class EventIssuer final
{
public:
    static constexpr int maxSingleUseCodes = 10000;
    static constexpr int maxTrialDays = 365;

    struct Request
    {
        QString name;
        QString description;
        EventRecord::CodeKind codeKind = EventRecord::CodeKind::SingleUse;
        int singleUseCount = 0;   // with SingleUse
        QString sharedCode;       // with Shared: typed by the operator, or empty for a random one
        std::optional<qint64> maxClaims; // with Shared; SingleUse is capped by its codes
        QString tier = QStringLiteral("pro_trial");
        int trialDays = 7;
        QDateTime startsAt;       // UTC; invalid: now
        QDateTime endsAt;         // UTC; invalid: 30 days after the start
    };

    struct Created
    {
        EventRecord event;
        QStringList codes; // canonical form; the only plaintext copy there will ever be
    };

    struct Claimed
    {
        IssuedKey key;
        EventRecord event;
    };

    struct ClaimRequest
    {
        QString codeText;      // as typed or scanned
        QString nonce;         // form token; empty for scripts
        QString email;         // optional, stored with the claim only
        QString clientAddress;
    };

    static Result<Created> create(SqliteStorage &storage, const Request &request);

    // Redeems a code for a key of the event's tier that expires after the
    // event's trial length. Errors: NotFound for any code that cannot be
    // claimed, AlreadyExists for a reused nonce, InvalidArgument for a bad
    // email, StorageFailed when storage failed (the claim is given back).
    static Result<Claimed> redeem(SqliteStorage &storage, const ClaimRequest &request);
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::EventIssuer::Request)
