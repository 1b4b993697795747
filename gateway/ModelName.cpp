// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelName.h"

#include <QHashFunctions>

using namespace Qt::StringLiterals;

namespace Gateway {

namespace {

constexpr auto kDefaultHost = "registry.ollama.ai"_L1;
constexpr auto kDefaultNamespace = "library"_L1;
constexpr auto kDefaultTag = "latest"_L1;

// Ollama puts this marker in a part that a separator promised but that is
// empty (`/llama3.2`, `llama3.2:`). '!' is invalid in every part, so the
// marker makes the whole name invalid during validation.
constexpr auto kMissingPart = "!MISSING!"_L1;

enum class PartKind { Host, Namespace, Model, Tag };

struct SourceSplit
{
    QString base;
    ModelName::Source source = ModelName::Source::Unspecified;
    bool explicitSource = false;
};

// Port of parseSourceSuffix in ollama/ollama internal/modelref/modelref.go.
SourceSplit splitSourceSuffix(const QString &raw)
{
    const qsizetype colon = raw.lastIndexOf(u':');
    if (colon < 0)
        return {raw, ModelName::Source::Unspecified, false};

    const QString suffixRaw = raw.mid(colon + 1).trimmed();
    const QString suffix = suffixRaw.toLower();

    if (suffix == "cloud"_L1)
        return {raw.left(colon), ModelName::Source::Cloud, true};
    if (suffix == "local"_L1)
        return {raw.left(colon), ModelName::Source::Local, true};

    if (!suffixRaw.contains(u'/') && suffix.endsWith("-cloud"_L1)) {
        const QString tag = suffixRaw.chopped(qsizetype(sizeof("-cloud") - 1));
        return {raw.left(colon + 1) + tag, ModelName::Source::Cloud, true};
    }

    return {raw, ModelName::Source::Unspecified, false};
}

struct Cut
{
    QString before;
    QString after;
    bool found = false;
};

// Cuts at the last separator. Empty sides become kMissingPart, like
// cutPromised in ollama/ollama types/model/name.go.
Cut cutLastPromised(const QString &text, QChar separator)
{
    const qsizetype at = text.lastIndexOf(separator);
    if (at < 0)
        return {text, QString(), false};

    Cut cut{text.left(at), text.mid(at + 1), true};
    if (cut.before.isEmpty())
        cut.before = kMissingPart;
    if (cut.after.isEmpty())
        cut.after = kMissingPart;
    return cut;
}

bool isAsciiAlphanumericOrUnderscore(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
        || u == u'_';
}

bool isValidPart(PartKind kind, const QString &part)
{
    const qsizetype maxLength = kind == PartKind::Host ? 350 : 80;
    if (part.isEmpty() || part.size() > maxLength)
        return false;

    if (!isAsciiAlphanumericOrUnderscore(part.front()))
        return false;

    for (qsizetype i = 1; i < part.size(); ++i) {
        const QChar c = part.at(i);
        if (c == u'-' || isAsciiAlphanumericOrUnderscore(c))
            continue;
        if (c == u'.' && kind != PartKind::Namespace)
            continue;
        if (c == u':' && kind == PartKind::Host)
            continue;
        return false;
    }
    return true;
}

} // namespace

std::optional<ModelName> ModelName::parse(QStringView text)
{
    const QString raw = text.trimmed().toString();
    if (raw.isEmpty())
        return std::nullopt;

    // A second source suffix under the first one is Ollama's
    // "use either :local or :cloud, not both".
    const SourceSplit split = splitSourceSuffix(raw);
    if (split.explicitSource && splitSourceSuffix(split.base).explicitSource)
        return std::nullopt;

    // Cut from the right, as ParseNameBare does: the tag only when its ':'
    // comes after the last '/', so a host port is never taken for a tag.
    QString rest = split.base;
    QString host;
    QString nameSpace;
    QString model;
    QString tag;

    if (rest.lastIndexOf(u':') > rest.lastIndexOf(u'/')) {
        const Cut cut = cutLastPromised(rest, u':');
        rest = cut.before;
        tag = cut.after;
    }

    const Cut modelCut = cutLastPromised(rest, u'/');
    if (!modelCut.found) {
        model = rest;
    } else {
        model = modelCut.after;
        const Cut namespaceCut = cutLastPromised(modelCut.before, u'/');
        if (!namespaceCut.found) {
            nameSpace = namespaceCut.before;
        } else {
            nameSpace = namespaceCut.after;
            const qsizetype scheme = namespaceCut.before.indexOf("://"_L1);
            host = scheme < 0 ? namespaceCut.before : namespaceCut.before.mid(scheme + 3);
        }
    }

    if (host.isEmpty())
        host = kDefaultHost;
    if (nameSpace.isEmpty())
        nameSpace = kDefaultNamespace;
    if (tag.isEmpty())
        tag = kDefaultTag;

    if (!isValidPart(PartKind::Host, host) || !isValidPart(PartKind::Namespace, nameSpace)
        || !isValidPart(PartKind::Model, model) || !isValidPart(PartKind::Tag, tag)) {
        return std::nullopt;
    }

    ModelName name;
    name.m_host = host.toLower();
    name.m_namespace = nameSpace.toLower();
    name.m_model = model.toLower();
    name.m_tag = tag.toLower();
    name.m_source = split.source;
    return name;
}

QString ModelName::tag() const
{
    switch (m_source) {
    case Source::Cloud:
        return m_tag + ":cloud"_L1;
    case Source::Local:
        return m_tag + ":local"_L1;
    case Source::Unspecified:
        break;
    }
    return m_tag;
}

QString ModelName::canonical() const
{
    return m_host + u'/' + m_namespace + u'/' + m_model + u':' + tag();
}

QString ModelName::display() const
{
    if (m_host != kDefaultHost)
        return m_host + u'/' + m_namespace + u'/' + m_model + u':' + tag();
    if (m_namespace != kDefaultNamespace)
        return m_namespace + u'/' + m_model + u':' + tag();
    return m_model + u':' + tag();
}

size_t qHash(const ModelName &name, size_t seed) noexcept
{
    return qHash(name.canonical(), seed);
}

} // namespace Gateway
