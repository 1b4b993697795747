// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>

namespace Gateway {

// Finds programming languages and frameworks in prompt text by keywords from
// a JSON table: resources/topics.json built in, extended by the operator's
// <data-dir>/topics.json. Keywords match case-insensitively and as whole
// words: "go" does not match "good", while "c++" and "next.js" match as
// written. Runs of whitespace count as one space in text and keywords.
//
// The table format is documented in docs/analytics.md. A detector is not
// changed after loading, so one instance may be read from several threads.
class TopicDetector final
{
public:
    enum class Kind { Language, Framework };

    struct Topic
    {
        Kind kind = Kind::Language;
        QString name; // lower case, e.g. "python"
        bool operator==(const Topic &other) const = default;
    };

    // Prompt characters read per request; the rest is ignored, which bounds
    // the time a log write spends on detection.
    static constexpr qsizetype scannedChars = 4096;
    // Resource path of the built-in table.
    static QString builtInPath();

    // A detector without keywords: detect() finds nothing.
    TopicDetector() = default;

    // The built-in table plus <dataDir>/topics.json when that file exists. A
    // file that cannot be read or parsed is logged as a warning and ignored,
    // so the built-in table is used alone.
    static TopicDetector load(const QString &dataDir);

    // Adds the names and keywords of a table in JSON. On any error nothing
    // is added; origin names the table in the message.
    Result<Done> addTable(const QByteArray &json, const QString &origin);
    Result<Done> addFile(const QString &path);

    // The topics whose keywords occur in the first scannedChars characters
    // of text, each once, languages first, then by name.
    QList<Topic> detect(QStringView text) const;

    // Every name of kind in the table, sorted.
    QStringList names(Kind kind) const;
    // Stable name of a kind, as in the usage_topics_daily.kind column.
    static QString kindName(Kind kind);

private:
    struct Keyword
    {
        QString text;            // normalized: lower case, single spaces
        int topic = 0;           // index into m_topics
        bool wordStart = false;  // starts with a letter, digit or '_', so needs a boundary before
        bool wordEnd = false;    // ends with one, so needs a boundary after
    };

    int topicIndex(Kind kind, const QString &name);
    void addKeyword(const QString &normalizedText, int topic);
    const QList<int> *candidatesFor(QChar first) const;
    bool matchesAt(const QString &text, qsizetype position, const Keyword &keyword) const;

    QList<Topic> m_topics;
    QList<Keyword> m_keywords;
    // Keyword indices by first character: ASCII in the array, others in the hash.
    std::array<QList<int>, 128> m_byAsciiStart;
    QHash<char16_t, QList<int>> m_byOtherStart;
};

} // namespace Gateway
