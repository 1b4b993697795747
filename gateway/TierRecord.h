// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

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
};

} // namespace Gateway
