// SPDX-License-Identifier: GPL-3.0-or-later
#include "LimitText.h"

using namespace Qt::StringLiterals;

namespace Console {

LimitText::Parsed LimitText::parse(const QString &text)
{
    Parsed parsed;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        parsed.valid = true;
        parsed.empty = true;
        return parsed;
    }
    if (trimmed.compare(u"unlimited"_s, Qt::CaseInsensitive) == 0) {
        parsed.valid = true;
        return parsed;
    }

    bool ok = false;
    const qint64 number = trimmed.toLongLong(&ok);
    if (ok && number >= 0) {
        parsed.valid = true;
        parsed.value = number;
    }
    return parsed;
}

QString LimitText::format(const std::optional<qint64> &value)
{
    // Not translated: the editors read the same word back.
    return value ? QString::number(*value) : u"unlimited"_s;
}

QString LimitText::error(const QString &field, const QString &text, bool allowEmpty)
{
    const Parsed parsed = parse(text);
    if (!parsed.valid)
        return tr("%1: \"%2\" is not a whole number of 0 or more or \"unlimited\".").arg(field, text.trimmed());
    if (parsed.empty && !allowEmpty)
        return tr("%1: enter a whole number or \"unlimited\".").arg(field);
    return {};
}

} // namespace Console
