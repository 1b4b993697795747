// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UsageRow.h"

#include <QCoreApplication>
#include <QString>

class QComboBox;

namespace Console {

// The measure an analytics chart plots: one number of a UsageRow with its
// name, unit and axis title.
class UsageMetric final
{
    Q_DECLARE_TR_FUNCTIONS(Console::UsageMetric)

public:
    enum Kind { Requests, Generations, Tokens, PromptTokens, CompletionTokens, Errors };

    UsageMetric() = delete;

    static qint64 valueOf(Kind kind, const Gateway::UsageRow &row);
    static QString name(Kind kind);   // "Requests"
    static QString unit(Kind kind);   // "requests", after values in tooltips
    // "Requests per hour", for a value axis.
    static QString axisTitle(Kind kind, Gateway::UsagePeriod period);

    // Fills combo with every kind (as item data), Requests selected.
    static void fillComboBox(QComboBox *combo);
};

} // namespace Console
