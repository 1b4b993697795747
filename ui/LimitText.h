// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Console {

// The text form of limit values in the console's editors: a whole number of
// 0 or more, or "unlimited". User overrides also accept an empty field,
// which keeps the tier's value.
class LimitText final
{
    Q_DECLARE_TR_FUNCTIONS(LimitText)

public:
    struct Parsed
    {
        bool valid = false;
        bool empty = false;          // the field was blank
        std::optional<qint64> value; // empty: unlimited
    };

    static Parsed parse(const QString &text);
    static QString format(const std::optional<qint64> &value);
    // An error message for field, or empty when text is valid; allowEmpty
    // accepts a blank field.
    static QString error(const QString &field, const QString &text, bool allowEmpty);
};

} // namespace Console
