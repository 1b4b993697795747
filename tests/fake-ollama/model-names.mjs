// SPDX-License-Identifier: GPL-3.0-or-later
//
// Model names as Ollama parses them (types/model/name.go, Ollama 0.12):
// [scheme://][host/][namespace/]model[:tag][@digest], cut from the right.
// Missing parts default to registry.ollama.ai, library and latest, and names
// compare case-insensitively.

export const DEFAULT_HOST = 'registry.ollama.ai';
export const DEFAULT_NAMESPACE = 'library';
export const DEFAULT_TAG = 'latest';

const MAX_HOST_LENGTH = 350;
const MAX_PART_LENGTH = 80;

function isAlphanumericOrUnderscore(c) {
    return /^[A-Za-z0-9_]$/.test(c);
}

// Ollama allows '.' everywhere but in the namespace, and ':' only in the host (a port).
function isValidPart(kind, part) {
    const maxLength = kind === 'host' ? MAX_HOST_LENGTH : MAX_PART_LENGTH;
    if (part.length < 1 || part.length > maxLength)
        return false;
    if (!isAlphanumericOrUnderscore(part[0]))
        return false;

    for (const c of part.slice(1)) {
        if (c === '_' || c === '-')
            continue;
        if (c === '.' && kind !== 'namespace')
            continue;
        if (c === ':' && kind === 'host')
            continue;
        if (!isAlphanumericOrUnderscore(c))
            return false;
    }
    return true;
}

// Splits `text` at the last `separator`. An empty part after a separator is
// kept as '' so that validation rejects it, as Ollama's MissingPart does.
function cutLast(text, separator) {
    const index = text.lastIndexOf(separator);
    if (index < 0)
        return { rest: text, part: null };
    return { rest: text.slice(0, index), part: text.slice(index + separator.length) };
}

// Parses a model name and fills in the defaults. Returns null when the name is
// empty or any part is invalid, which Ollama reports as `invalid model name`.
export function parseModelName(raw) {
    if (typeof raw !== 'string' || raw === '')
        return null;

    let rest = raw;
    let tag = DEFAULT_TAG;
    if (rest.lastIndexOf(':') > rest.lastIndexOf('/')) {
        const cut = cutLast(rest, ':');
        rest = cut.rest;
        tag = cut.part;
    }
    rest = cutLast(rest, '@').rest;

    const modelCut = cutLast(rest, '/');
    let model = modelCut.part ?? rest;
    let namespace = DEFAULT_NAMESPACE;
    let host = DEFAULT_HOST;
    if (modelCut.part !== null) {
        const namespaceCut = cutLast(modelCut.rest, '/');
        namespace = namespaceCut.part ?? modelCut.rest;
        if (namespaceCut.part !== null) {
            const schemeIndex = namespaceCut.rest.indexOf('://');
            host = schemeIndex >= 0 ? namespaceCut.rest.slice(schemeIndex + 3) : namespaceCut.rest;
        }
    }

    if (!isValidPart('host', host) || !isValidPart('namespace', namespace)
        || !isValidPart('model', model) || !isValidPart('tag', tag)) {
        return null;
    }
    return { host, namespace, model, tag };
}

// The key two names share when Ollama treats them as the same model.
export function canonicalKey(name) {
    return `${name.host}/${name.namespace}/${name.model}:${name.tag}`.toLowerCase();
}

// Ollama's DisplayShortest: default host and namespace left out, tag always shown.
export function displayShortest(name) {
    const defaultHost = name.host.toLowerCase() === DEFAULT_HOST;
    const defaultNamespace = name.namespace.toLowerCase() === DEFAULT_NAMESPACE;
    if (defaultHost && defaultNamespace)
        return `${name.model}:${name.tag}`;
    if (defaultHost)
        return `${name.namespace}/${name.model}:${name.tag}`;
    return `${name.host}/${name.namespace}/${name.model}:${name.tag}`;
}
