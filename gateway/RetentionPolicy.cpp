// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionPolicy.h"

#include "RequestLogEntry.h"
#include "Storage.h"

using namespace Qt::StringLiterals;

namespace Gateway {

Result<RetentionPolicy> RetentionPolicy::parseText(const QString &text, RetentionPolicy base)
{
    const QString value = text.trimmed().toLower();
    if (value == u"full"_s) {
        base.textMode = TextMode::Full;
        base.textChars = 0;
        return base;
    }
    if (value == u"none"_s) {
        base.textMode = TextMode::None;
        base.textChars = 0;
        return base;
    }

    const QString prefix = u"first:"_s;
    if (value.startsWith(prefix)) {
        bool ok = false;
        const qint64 chars = value.mid(prefix.size()).toLongLong(&ok);
        if (ok && chars >= 1 && chars <= maxTextChars) {
            base.textMode = TextMode::FirstChars;
            base.textChars = int(chars);
            return base;
        }
        return Error(ErrorCode::InvalidArgument,
                     u"invalid text retention \"%1\": N in first:N must be a whole number from 1 to %2"_s
                         .arg(text).arg(maxTextChars));
    }
    return Error(ErrorCode::InvalidArgument,
                 u"invalid text retention \"%1\": expected full, none or first:N"_s.arg(text));
}

Result<int> RetentionPolicy::parseLogDays(const QString &text)
{
    bool ok = false;
    const qint64 days = text.trimmed().toLongLong(&ok);
    if (!ok || days < 0 || days > maxLogDays) {
        return Error(ErrorCode::InvalidArgument,
                     u"invalid log retention \"%1\": expected a whole number of days from 0 (keep forever) to %2"_s
                         .arg(text).arg(maxLogDays));
    }
    return int(days);
}

Result<RetentionPolicy> RetentionPolicy::fromSettings(const QString &text, const QString &logDaysText)
{
    RetentionPolicy policy;
    if (!text.trimmed().isEmpty()) {
        Result<RetentionPolicy> parsed = parseText(text, policy);
        if (!parsed)
            return parsed;
        policy = parsed.value();
    }
    if (!logDaysText.trimmed().isEmpty()) {
        Result<int> days = parseLogDays(logDaysText);
        if (!days)
            return days.error();
        policy.logDays = days.value();
    }
    return policy;
}

Result<RetentionPolicy> RetentionPolicy::load(Storage &storage)
{
    Result<QString> text = storage.setting(textSettingName);
    if (!text)
        return text.error();
    Result<QString> days = storage.setting(logDaysSettingName);
    if (!days)
        return days.error();
    return fromSettings(text.value(), days.value());
}

Result<Done> RetentionPolicy::save(Storage &storage) const
{
    if (Result<Done> valid = validate(); !valid)
        return valid;
    return storage.saveSettings({{textSettingName, textSetting()}, {logDaysSettingName, QString::number(logDays)}});
}

Result<Done> RetentionPolicy::validate() const
{
    if (textMode == TextMode::FirstChars && (textChars < 1 || textChars > maxTextChars)) {
        return Error(ErrorCode::InvalidArgument,
                     u"invalid text retention: the number of characters kept must be from 1 to %1, not %2"_s
                         .arg(maxTextChars).arg(textChars));
    }
    if (logDays < 0 || logDays > maxLogDays) {
        return Error(ErrorCode::InvalidArgument,
                     u"invalid log retention: days must be from 0 (keep forever) to %1, not %2"_s
                         .arg(maxLogDays).arg(logDays));
    }
    return Done{};
}

QString RetentionPolicy::textSetting() const
{
    switch (textMode) {
    case TextMode::Full:
        return u"full"_s;
    case TextMode::None:
        return u"none"_s;
    case TextMode::FirstChars:
        break;
    }
    return u"first:%1"_s.arg(textChars);
}

QString RetentionPolicy::describeText() const
{
    switch (textMode) {
    case TextMode::Full:
        return u"full text (up to %1 characters)"_s.arg(maxTextChars);
    case TextMode::None:
        return u"no text"_s;
    case TextMode::FirstChars:
        break;
    }
    return u"first %1 characters"_s.arg(textChars);
}

void RetentionPolicy::applyTo(RequestLogEntry &entry) const
{
    switch (textMode) {
    case TextMode::Full:
        return;
    case TextMode::None:
        entry.promptText.clear();
        entry.responseText.clear();
        return;
    case TextMode::FirstChars:
        entry.promptText = firstChars(entry.promptText, textChars);
        entry.responseText = firstChars(entry.responseText, textChars);
        return;
    }
}

QString RetentionPolicy::firstChars(const QString &text, int chars)
{
    if (text.size() <= chars)
        return text;
    // QString counts UTF-16 code units: a cut between the halves of a
    // surrogate pair would leave half a character behind.
    qsizetype end = chars;
    if (end > 0 && text.at(end - 1).isHighSurrogate())
        --end;
    return text.left(end);
}

} // namespace Gateway
