// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gateway {

// A person or organisation that owns API keys.
struct UserRecord
{
    qint64 id = 0;
    QString name;        // unique, chosen by the operator
    QString tier;        // TierRecord::name
    QString status = QStringLiteral("active"); // "active" or "suspended"
    QString email;       // empty when unknown
    QString githubLogin; // empty when unknown
    QDateTime createdAt; // UTC

    // Per-user overrides of the tier's limits: empty keeps the tier's value,
    // unlimitedOverride lifts the limit.
    static constexpr qint64 unlimitedOverride = -1;
    std::optional<qint64> callsPerDay;
    std::optional<qint64> generationsPerMonth;
    std::optional<qint64> brandsPerMonth;
    std::optional<qint64> requestsPerMinute;
    std::optional<qint64> tokensPerDay;
    std::optional<qint64> tokensPerMonth;
    std::optional<qint64> concurrentStreams;
    QStringList modelPatterns; // empty keeps the tier's patterns
    QDateTime trialEndsAt;     // UTC; invalid unless the user is on a trial tier
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::UserRecord)
