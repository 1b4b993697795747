// SPDX-License-Identifier: GPL-3.0-or-later
#include "TopicDetector.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

Q_LOGGING_CATEGORY(lcTopics, "soulfra.gateway.topicdetector")

// Limits for operator tables: long enough for any real keyword, short enough
// that a mistake (a pasted paragraph) is reported instead of slowing every
// log write.
constexpr qsizetype maxNameChars = 64;
constexpr qsizetype maxKeywordChars = 200;

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Lower case with every run of whitespace replaced by one space. Leading and
// trailing spaces stay, because a keyword such as "def " relies on them.
QString normalized(QStringView text)
{
    QString result;
    result.reserve(text.size());
    bool inSpace = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            if (!inSpace)
                result += u' ';
            inSpace = true;
            continue;
        }
        inSpace = false;
        result += c.toLower();
    }
    return result;
}

struct ParsedTopic
{
    TopicDetector::Kind kind;
    QString name;
    QStringList keywords; // normalized
};

Error tableError(const QString &origin, const QString &message)
{
    return Error(ErrorCode::InvalidArgument, u"invalid topic table %1: %2"_s.arg(origin, message));
}

Result<QList<ParsedTopic>> parseKind(const QJsonValue &value, TopicDetector::Kind kind, const QString &section,
                                     const QString &origin)
{
    if (!value.isObject())
        return tableError(origin, u"\"%1\" must be an object of name: [keywords]"_s.arg(section));

    QList<ParsedTopic> topics;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = it.key().trimmed().toLower();
        if (name.isEmpty() || name.size() > maxNameChars) {
            return tableError(origin, u"name \"%1\" in \"%2\" must have 1 to %3 characters"_s
                                          .arg(it.key(), section).arg(maxNameChars));
        }
        if (!it.value().isArray() || it.value().toArray().isEmpty()) {
            return tableError(origin, u"\"%1\" in \"%2\" must be a non-empty array of keyword strings"_s
                                          .arg(it.key(), section));
        }

        ParsedTopic topic{kind, name, {}};
        for (const QJsonValue &keyword : it.value().toArray()) {
            const QString text = normalized(keyword.toString());
            if (!keyword.isString() || text.trimmed().isEmpty() || text.size() > maxKeywordChars) {
                return tableError(origin, u"keywords of \"%1\" in \"%2\" must be strings of 1 to %3 characters "
                                          "other than spaces"_s.arg(it.key(), section).arg(maxKeywordChars));
            }
            if (!topic.keywords.contains(text))
                topic.keywords.append(text);
        }
        topics.append(topic);
    }
    return topics;
}

Result<QList<ParsedTopic>> parseTable(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return tableError(origin, u"%1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isObject())
        return tableError(origin, u"expected an object with \"languages\" and \"frameworks\""_s);

    QList<ParsedTopic> topics;
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        TopicDetector::Kind kind;
        if (it.key() == u"languages")
            kind = TopicDetector::Kind::Language;
        else if (it.key() == u"frameworks")
            kind = TopicDetector::Kind::Framework;
        else
            return tableError(origin, u"unknown key \"%1\": expected \"languages\" or \"frameworks\""_s.arg(it.key()));

        Result<QList<ParsedTopic>> parsed = parseKind(it.value(), kind, it.key(), origin);
        if (!parsed)
            return parsed.error();
        topics.append(parsed.value());
    }
    return topics;
}

} // namespace

QString TopicDetector::builtInPath()
{
    return u":/soulfra/topics.json"_s;
}

TopicDetector TopicDetector::load(const QString &dataDir)
{
    TopicDetector detector;
    if (Result<Done> builtIn = detector.addFile(builtInPath()); !builtIn)
        qCCritical(lcTopics).noquote() << "built-in topic table unusable:" << builtIn.error().message();

    const QString operatorPath = QDir(dataDir).filePath(u"topics.json"_s);
    if (dataDir.isEmpty() || !QFileInfo::exists(operatorPath))
        return detector;
    if (Result<Done> added = detector.addFile(operatorPath); !added) {
        qCWarning(lcTopics).noquote() << added.error().message() << "- detecting with the built-in table only";
        return detector;
    }
    qCInfo(lcTopics).noquote() << "added topic keywords from" << operatorPath;
    return detector;
}

Result<Done> TopicDetector::addFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tableError(path, file.errorString());
    return addTable(file.readAll(), path);
}

Result<Done> TopicDetector::addTable(const QByteArray &json, const QString &origin)
{
    // Everything is parsed and checked before the first keyword is added, so
    // a bad table leaves the detector unchanged.
    Result<QList<ParsedTopic>> parsed = parseTable(json, origin);
    if (!parsed)
        return parsed.error();

    for (const ParsedTopic &topic : parsed.value()) {
        const int index = topicIndex(topic.kind, topic.name);
        for (const QString &keyword : topic.keywords)
            addKeyword(keyword, index);
    }
    return Done{};
}

int TopicDetector::topicIndex(Kind kind, const QString &name)
{
    for (qsizetype i = 0; i < m_topics.size(); ++i) {
        if (m_topics.at(i).kind == kind && m_topics.at(i).name == name)
            return int(i);
    }
    m_topics.append(Topic{kind, name});
    return int(m_topics.size() - 1);
}

void TopicDetector::addKeyword(const QString &normalizedText, int topic)
{
    for (const Keyword &existing : std::as_const(m_keywords)) {
        if (existing.topic == topic && existing.text == normalizedText)
            return;
    }

    const Keyword keyword{normalizedText, topic, isWordChar(normalizedText.front()), isWordChar(normalizedText.back())};
    const char16_t first = normalizedText.front().unicode();
    const int index = int(m_keywords.size());
    m_keywords.append(keyword);
    if (first < m_byAsciiStart.size())
        m_byAsciiStart.at(first).append(index);
    else
        m_byOtherStart[first].append(index);
}

const QList<int> *TopicDetector::candidatesFor(QChar first) const
{
    const char16_t c = first.unicode();
    if (c < m_byAsciiStart.size())
        return &m_byAsciiStart.at(c);
    const auto found = m_byOtherStart.constFind(c);
    return found == m_byOtherStart.constEnd() ? nullptr : &found.value();
}

bool TopicDetector::matchesAt(const QString &text, qsizetype position, const Keyword &keyword) const
{
    if (!QStringView(text).sliced(position).startsWith(keyword.text))
        return false;
    if (keyword.wordStart && position > 0 && isWordChar(text.at(position - 1)))
        return false;
    const qsizetype end = position + keyword.text.size();
    return !(keyword.wordEnd && end < text.size() && isWordChar(text.at(end)));
}

QList<TopicDetector::Topic> TopicDetector::detect(QStringView text) const
{
    if (m_keywords.isEmpty() || text.isEmpty())
        return {};

    const QString scanned = normalized(text.left(scannedChars));
    QList<bool> found(m_topics.size(), false);
    for (qsizetype position = 0; position < scanned.size(); ++position) {
        const QList<int> *candidates = candidatesFor(scanned.at(position));
        if (!candidates)
            continue;
        for (const int index : *candidates) {
            const Keyword &keyword = m_keywords.at(index);
            if (!found[keyword.topic] && matchesAt(scanned, position, keyword))
                found[keyword.topic] = true;
        }
    }

    QList<Topic> topics;
    for (qsizetype i = 0; i < m_topics.size(); ++i) {
        if (found[i])
            topics.append(m_topics.at(i));
    }
    std::sort(topics.begin(), topics.end(), [](const Topic &a, const Topic &b) {
        return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    return topics;
}

QStringList TopicDetector::names(Kind kind) const
{
    QStringList result;
    for (const Topic &topic : m_topics) {
        if (topic.kind == kind)
            result.append(topic.name);
    }
    result.sort();
    return result;
}

QString TopicDetector::kindName(Kind kind)
{
    return kind == Kind::Language ? u"language"_s : u"framework"_s;
}

} // namespace Gateway
