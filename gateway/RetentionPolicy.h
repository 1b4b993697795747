// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QMetaType>
#include <QString>

namespace Gateway {

class Storage;
struct RequestLogEntry;

// Retention settings of the request log: prompt and response text kept in
// full, as their first N characters or not at all, and the days raw rows stay.
// Stored in the settings table, so the CLI, the console and a running
// gateway share it. Usage rollups are never affected.
struct RetentionPolicy
{
    enum class TextMode { Full, FirstChars, None };

    TextMode textMode = TextMode::Full;
    int textChars = 0;  // characters kept per text in FirstChars mode, 1..maxTextChars
    int logDays = 0;    // raw request log rows older than this are purged; 0 keeps them forever

    // Settings table names and their value formats.
    static inline const QString textSettingName = QStringLiteral("retention_text");         // full, none or first:N
    static inline const QString logDaysSettingName = QStringLiteral("retention_log_days");  // whole days, 0 = forever

    // Equals GatewayConfig::maxStoredTextChars: the proxy already cuts each
    // text to that length, so a larger N would keep the same as full.
    static constexpr int maxTextChars = 64 * 1024;
    // About 100 years; a larger value is almost certainly a typing error.
    static constexpr int maxLogDays = 36500;

    // Returns base with the text mode of "full", "none" or "first:N"
    // (case-insensitive).
    static Result<RetentionPolicy> parseText(const QString &text, RetentionPolicy base);
    // Parses a whole number of days from 0 to maxLogDays.
    static Result<int> parseLogDays(const QString &text);
    // Builds a policy from the two settings values; an empty value is the default.
    static Result<RetentionPolicy> fromSettings(const QString &text, const QString &logDaysText);

    // Reads the policy from storage's settings table. InvalidArgument when a
    // stored value is malformed, StorageFailed when it cannot be read.
    static Result<RetentionPolicy> load(Storage &storage);
    // Validates, then writes both settings in one transaction.
    Result<Done> save(Storage &storage) const;

    Result<Done> validate() const;
    // The text setting in its stored form, e.g. "first:200".
    QString textSetting() const;
    // A line for people, e.g. "first 200 characters".
    QString describeText() const;

    // Cuts or clears prompt and response text of entry according to the policy.
    void applyTo(RequestLogEntry &entry) const;
    // The first chars characters of text, never splitting a surrogate pair.
    static QString firstChars(const QString &text, int chars);

    bool operator==(const RetentionPolicy &other) const = default;
};

} // namespace Gateway

Q_DECLARE_METATYPE(Gateway::RetentionPolicy)
