// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Gateway {

// An Ollama model name, parsed and normalised the way Ollama does it, so that
// allowlists and metering see `llama3.2`, `LLAMA3.2:LATEST` and
// `registry.ollama.ai/library/llama3.2:latest` as one model.
//
// Grammar: `[scheme://][host/][namespace/]model[:tag]`, cut from the right.
// Defaults: host registry.ollama.ai, namespace library, tag latest. Rules
// ported from ollama/ollama types/model/name.go (commit 5c0caaf) and
// internal/modelref/modelref.go (commit 2e429a7):
// - every part starts with an ASCII letter, digit or `_`, and continues with
//   those, `-` or `.`. The namespace may not contain `.`, and only the host
//   may contain `:` (a port);
// - host 1-350 characters, namespace, model and tag 1-80 each;
// - a separator with nothing on one side (`/llama3.2`, `llama3.2:`) is invalid;
// - the scheme is accepted and dropped only when a host is present;
// - surrounding whitespace is ignored.
//
// A trailing `:cloud` or `:local`, or a tag ending in `-cloud`, selects where
// Ollama runs the model. The source stays part of the name, so a key allowed
// `llama3.2` is not silently allowed `llama3.2:cloud`: `gpt-oss:120b:cloud`
// and `gpt-oss:120b-cloud` both become tag `120b:cloud`. A name that carries
// two sources (`x:120b-cloud:local`) is invalid, as in Ollama.
//
// NOTE: Newer Ollama snapshots also accept a "kind" part (`ns/skill/model`).
// This parser does not: `host/ns/skill/model` is invalid here, and
// `ns/skill/model` reads as host `ns`, namespace `skill`.
class ModelName final
{
public:
    enum class Source {
        Unspecified, // Ollama decides: a local model, or the cloud stub it was pulled as
        Local,       // `:local`: only a local model
        Cloud,       // `:cloud` or `-cloud`: forwarded by Ollama to ollama.com
    };

    static std::optional<ModelName> parse(QStringView text);

    // Parts in lower case: Ollama compares every part case-insensitively and
    // all valid characters are ASCII.
    const QString &host() const { return m_host; }
    const QString &namespaceName() const { return m_namespace; }
    const QString &model() const { return m_model; }

    // The tag with the source suffix, e.g. `latest`, `120b:cloud`.
    QString tag() const;
    // The tag without the source suffix, e.g. `120b`.
    const QString &baseTag() const { return m_tag; }
    Source source() const { return m_source; }

    // Every part spelled out: `registry.ollama.ai/library/llama3.2:latest`.
    QString canonical() const;

    // Ollama's DisplayShortest form: `llama3.2:latest`, `user/model:tag`,
    // `host/ns/model:tag`. The tag is always shown.
    QString display() const;

    friend bool operator==(const ModelName &, const ModelName &) = default;

private:
    ModelName() = default;

    QString m_host;
    QString m_namespace;
    QString m_model;
    QString m_tag;
    Source m_source = Source::Unspecified;
};

size_t qHash(const ModelName &name, size_t seed = 0) noexcept;

} // namespace Gateway
