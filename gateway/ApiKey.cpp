// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKey.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

// Crockford's base32 alphabet in lower case. It leaves out i, l, o and u, so
// a key read aloud or copied from paper has no look-alike characters.
constexpr std::array<char, 32> alphabet = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',
    'g', 'h', 'j', 'k', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'w', 'x', 'y', 'z',
};

// 32 characters of 5 bits each carry 160 random bits.
constexpr qsizetype bodyLength = 32;

// 6 characters carry 30 bits of SHA-256, so an invented or mistyped key passes
// the check with a probability of about one in a billion.
constexpr qsizetype checkLength = 6;

constexpr qsizetype hintBodyLength = 4;

constexpr std::array<QByteArrayView, 5> knownPrefixes = {
    "sk_free_", "sk_live_", "sk_trial_", "sk_ent_", "sk_op_",
};

// 1 for every byte in the alphabet, 0 otherwise, so that checking a
// character is a table load instead of a branch on secret data.
constexpr std::array<quint8, 256> makeAlphabetTable()
{
    std::array<quint8, 256> table{};
    for (char c : alphabet)
        table[static_cast<quint8>(c)] = 1;
    return table;
}

constexpr std::array<quint8, 256> alphabetTable = makeAlphabetTable();

QByteArrayView matchingPrefix(QByteArrayView key)
{
    for (QByteArrayView prefix : knownPrefixes) {
        if (key.startsWith(prefix))
            return prefix;
    }
    return {};
}

std::array<char, checkLength> checkFor(QByteArrayView prefixAndBody)
{
    const QByteArray digest = QCryptographicHash::hash(prefixAndBody, QCryptographicHash::Sha256);

    // The first 40 bits of the digest, of which the check uses the top 30.
    quint64 bits = 0;
    for (int i = 0; i < 5; ++i)
        bits = (bits << 8) | static_cast<quint8>(digest.at(i));

    std::array<char, checkLength> check{};
    for (qsizetype i = 0; i < checkLength; ++i) {
        const int shift = 35 - 5 * int(i);
        check[size_t(i)] = alphabet[size_t((bits >> shift) & 0x1f)];
    }
    return check;
}

} // namespace

QByteArray ApiKey::generate(QByteArrayView prefix)
{
    if (!isKnownPrefix(prefix))
        return {};

    // 256 is a multiple of 32, so masking each random byte to 5 bits keeps
    // every character uniformly distributed.
    std::array<quint32, bodyLength / 4> random{};
    QRandomGenerator::system()->fillRange(random.data(), qsizetype(random.size()));

    QByteArray key;
    key.reserve(prefix.size() + bodyLength + checkLength);
    key.append(prefix);
    for (quint32 word : random) {
        for (int byte = 0; byte < 4; ++byte)
            key.append(alphabet[(word >> (8 * byte)) & 0x1f]);
    }

    const std::array<char, checkLength> check = checkFor(key);
    key.append(check.data(), checkLength);
    return key;
}

bool ApiKey::isWellFormed(QByteArrayView key)
{
    // The prefix and the length are public parts of the format, so returning
    // early on them reveals nothing about a real key.
    const QByteArrayView prefix = matchingPrefix(key);
    if (prefix.isEmpty())
        return false;
    if (key.size() != prefix.size() + bodyLength + checkLength)
        return false;

    // From here on every step runs over all characters without branching on
    // their values, so timing does not tell how much of a guess was right.
    quint8 invalid = 0;
    const QByteArrayView randomPart = key.sliced(prefix.size());
    for (char c : randomPart)
        invalid |= quint8(alphabetTable[static_cast<quint8>(c)] ^ 1);

    const std::array<char, checkLength> expected = checkFor(key.first(prefix.size() + bodyLength));
    const QByteArrayView presented = key.last(checkLength);
    quint8 difference = 0;
    for (qsizetype i = 0; i < checkLength; ++i)
        difference |= quint8(expected[size_t(i)] ^ presented[i]);

    return (invalid | difference) == 0;
}

QByteArray ApiKey::hash(QByteArrayView key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256);
}

QString ApiKey::hint(QByteArrayView key)
{
    const QByteArrayView prefix = matchingPrefix(key);
    const qsizetype visibleLength = qMin(key.size(), prefix.size() + hintBodyLength);
    return QString::fromLatin1(key.first(visibleLength)) + QChar(0x2026); // HORIZONTAL ELLIPSIS
}

QByteArray ApiKey::prefixForTier(const QString &tier)
{
    if (tier == u"free"_s)
        return "sk_free_"_ba;
    if (tier == u"pro"_s)
        return "sk_live_"_ba;
    if (tier == u"pro_trial"_s)
        return "sk_trial_"_ba;
    if (tier == u"enterprise"_s)
        return "sk_ent_"_ba;
    return {};
}

QByteArray ApiKey::operatorPrefix()
{
    return "sk_op_"_ba;
}

bool ApiKey::isKnownPrefix(QByteArrayView prefix)
{
    for (QByteArrayView known : knownPrefixes) {
        if (prefix == known)
            return true;
    }
    return false;
}

} // namespace Gateway
