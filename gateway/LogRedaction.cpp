// SPDX-License-Identifier: GPL-3.0-or-later
#include "LogRedaction.h"

#include <QRegularExpression>

namespace Gateway::LogRedaction {

QString withoutKeys(QString text)
{
    // Keys start "sk_"; clients sometimes put one into the URL (?key=...).
    static const QRegularExpression keyLike(QStringLiteral("sk_[A-Za-z0-9_-]{6,}"));
    text.replace(keyLike, QStringLiteral("sk_[redacted]"));
    return text;
}

} // namespace Gateway::LogRedaction
