// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Gateway {

// Format of API keys: "<prefix><body><check>", where prefix names the tier
// (sk_free_, sk_live_, sk_trial_, sk_ent_, or sk_op_ for operator keys), body
// is random from the system CSPRNG and check is a short digest of prefix and
// body that catches typos and invented keys before any lookup.
class ApiKey final
{
public:
    // Returns a new key for the given prefix, e.g. "sk_live_", or an empty
    // array when prefix is not one of the known prefixes.
    static QByteArray generate(QByteArrayView prefix);

    // True when key has a known prefix, the right length and alphabet, and a
    // matching check suffix. Runs in constant time for keys of valid length.
    static bool isWellFormed(QByteArrayView key);

    // SHA-256 of the whole key text, the only form in which keys are stored.
    static QByteArray hash(QByteArrayView key);

    // A display form such as "sk_live_4f2a…" that is safe to store and show.
    static QString hint(QByteArrayView key);

    // Key prefix for a tier name ("free" -> "sk_free_"), empty when unknown.
    static QByteArray prefixForTier(const QString &tier);
    static QByteArray operatorPrefix();

    // True for the four tier prefixes and the operator prefix.
    static bool isKnownPrefix(QByteArrayView prefix);
};

} // namespace Gateway
