// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gateway {

// Event claim codes in Crockford Base32 (digits and capitals without I, L,
// O and U). A generated code has 12 symbols from the system CSPRNG, which is
// 60 bits, and is shown as XXXX-XXXX-XXXX. Only the SHA-256 of the canonical
// form (upper case, no dashes) is ever stored.
class ClaimCode final
{
public:
    static constexpr int generatedLength = 12;
    // Operators may choose a shared code for a poster; shorter ones are
    // too easy to guess even with rate limiting.
    static constexpr int minLength = 8;
    static constexpr int maxLength = 32;

    // A new random code in canonical form, e.g. "7KQ2M9XDTR4P".
    static QString generate();

    // Canonical form of typed or scanned input: any case, dashes and spaces
    // ignored, O read as 0 and I and L as 1. Empty when input contains any
    // other character or has the wrong length.
    static std::optional<QString> normalize(QStringView input);

    // Groups of four joined by dashes, e.g. "7KQ2-M9XD-TR4P".
    static QString display(const QString &canonical);

    // SHA-256 of the canonical form, 32 raw bytes.
    static QByteArray hash(const QString &canonical);

    // "<base>/claim/<canonical>", with exactly one slash between the parts.
    static QString claimUrl(const QString &publicBaseUrl, const QString &canonical);
};

} // namespace Gateway
