// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClaimCode.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

constexpr char16_t alphabet[] = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int bitsPerSymbol = 5;

// Maps one input character to its Crockford symbol, or 0 when it has none.
char16_t canonicalSymbol(QChar c)
{
    const char16_t upper = c.toUpper().unicode();
    if (upper == u'O')
        return u'0';
    if (upper == u'I' || upper == u'L')
        return u'1';
    for (char16_t symbol : alphabet) {
        if (symbol != 0 && symbol == upper)
            return symbol;
    }
    return 0;
}

} // namespace

QString ClaimCode::generate()
{
    // 64 random bits from the OS CSPRNG; 60 of them become 12 symbols of 5
    // bits each, so every symbol is uniform without rejection sampling.
    quint64 bits = QRandomGenerator::system()->generate64();
    QString code;
    code.reserve(generatedLength);
    for (int i = 0; i < generatedLength; ++i) {
        code.append(QChar(alphabet[bits & 0x1f]));
        bits >>= bitsPerSymbol;
    }
    return code;
}

std::optional<QString> ClaimCode::normalize(QStringView input)
{
    QString code;
    code.reserve(input.size());
    for (QChar c : input) {
        if (c == u'-' || c == u' ')
            continue;
        const char16_t symbol = canonicalSymbol(c);
        if (symbol == 0)
            return std::nullopt;
        code.append(QChar(symbol));
        if (code.size() > maxLength)
            return std::nullopt;
    }
    if (code.size() < minLength)
        return std::nullopt;
    return code;
}

QString ClaimCode::display(const QString &canonical)
{
    QString shown;
    for (qsizetype i = 0; i < canonical.size(); i += 4) {
        if (i > 0)
            shown.append(u'-');
        shown.append(canonical.mid(i, 4));
    }
    return shown;
}

QByteArray ClaimCode::hash(const QString &canonical)
{
    return QCryptographicHash::hash(canonical.toLatin1(), QCryptographicHash::Sha256);
}

QString ClaimCode::claimUrl(const QString &publicBaseUrl, const QString &canonical)
{
    QString base = publicBaseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base % u"/claim/"_s % canonical;
}

} // namespace Gateway
