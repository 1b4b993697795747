// SPDX-License-Identifier: GPL-3.0-or-later
#include "UsageMetric.h"

#include <QComboBox>

namespace Console {

qint64 UsageMetric::valueOf(Kind kind, const Gateway::UsageRow &row)
{
    switch (kind) {
    case Requests:
        return row.requests;
    case Generations:
        return row.generations;
    case Tokens:
        return row.tokens();
    case PromptTokens:
        return row.promptTokens;
    case CompletionTokens:
        return row.completionTokens;
    case Errors:
        return row.errors.total();
    }
    return 0;
}

QString UsageMetric::name(Kind kind)
{
    switch (kind) {
    case Requests:
        return tr("Requests");
    case Generations:
        return tr("Generations");
    case Tokens:
        return tr("Tokens (prompt and completion)");
    case PromptTokens:
        return tr("Prompt tokens");
    case CompletionTokens:
        return tr("Completion tokens");
    case Errors:
        return tr("Failed requests");
    }
    return {};
}

QString UsageMetric::unit(Kind kind)
{
    switch (kind) {
    case Requests:
        return tr("requests");
    case Generations:
        return tr("generations");
    case Tokens:
    case PromptTokens:
    case CompletionTokens:
        return tr("tokens");
    case Errors:
        return tr("failed requests");
    }
    return {};
}

QString UsageMetric::axisTitle(Kind kind, Gateway::UsagePeriod period)
{
    const QString what = [kind] {
        switch (kind) {
        case Requests:
            return tr("Requests");
        case Generations:
            return tr("Generations");
        case Tokens:
        case PromptTokens:
        case CompletionTokens:
            return tr("Tokens");
        case Errors:
            return tr("Failed requests");
        }
        return QString();
    }();

    switch (period) {
    case Gateway::UsagePeriod::Minute:
        return tr("%1 per minute").arg(what);
    case Gateway::UsagePeriod::Hour:
        return tr("%1 per hour").arg(what);
    case Gateway::UsagePeriod::Day:
        return tr("%1 per day").arg(what);
    case Gateway::UsagePeriod::Month:
        return tr("%1 per month").arg(what);
    }
    return what;
}

void UsageMetric::fillComboBox(QComboBox *combo)
{
    for (Kind kind : {Requests, Generations, Tokens, PromptTokens, CompletionTokens, Errors})
        combo->addItem(name(kind), int(kind));
    combo->setCurrentIndex(0);
}

} // namespace Console
