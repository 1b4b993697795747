// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gateway {

// A named set of limits. An empty optional means unlimited.
struct TierRecord
{
    QString name;              // "free", "pro", "pro_trial", "enterprise", ...
    QString keyPrefix;         // "sk_free_", "sk_live_", "sk_trial_", "sk_ent_"
    qint64 priceCentsPerMonth = 0;
    std::optional<qint64> callsPerDay;
    std::optional<qint64> generationsPerMonth;
    std::optional<qint64> brandsPerMonth;
    QString support;           // e.g. "community", "priority", "custom"

    std::optional<qint64> requestsPerMinute; // admitted requests in any 60 s window
    std::optional<qint64> tokensPerDay;      // prompt plus completion tokens, as Ollama reports them
    std::optional<qint64> tokensPerMonth;
    std::optional<qint64> concurrentStreams; // streamed responses in progress at once
    // Patterns of models the tier may use, e.g. "llama3.2:*" or "*"; an empty
    // list allows no model at all.
    QStringList modelPatterns = {QStringLiteral("*")};
    int queuePriority = 0;                   // higher is served first when upstream is saturated
    std::optional<qint64> trialDurationSeconds; // set for trial tiers: how long a trial lasts
    QString fallbackTier;                    // where a user goes when the trial ends; empty: stays
    int sortOrder = 0;                       // position in listings
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::TierRecord)
