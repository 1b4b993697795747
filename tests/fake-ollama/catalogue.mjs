// SPDX-License-Identifier: GPL-3.0-or-later
//
// The fake's model store: the installed models, the loaded ones (/api/ps) and
// the uploaded blobs. Every value is fixed so that tests can assert on it.

import { createHash } from 'node:crypto';

import { canonicalKey, displayShortest, parseModelName } from './model-names.mjs';

const INITIAL_MODELS = [
    {
        name: 'llama3.2:latest',
        size: 2019393189,
        modifiedAt: '2025-09-30T10:00:00Z',
        family: 'llama',
        families: ['llama'],
        parameterSize: '3.2B',
        quantizationLevel: 'Q4_K_M',
        capabilities: ['completion', 'tools'],
        contextLength: 131072,
        embeddingLength: 3072,
    },
    {
        name: 'qwen2.5-coder:7b',
        size: 4683087332,
        modifiedAt: '2025-09-20T10:00:00Z',
        family: 'qwen2',
        families: ['qwen2'],
        parameterSize: '7.6B',
        quantizationLevel: 'Q4_K_M',
        capabilities: ['completion', 'tools', 'insert'],
        contextLength: 32768,
        embeddingLength: 3584,
    },
    {
        name: 'llava:latest',
        size: 4733363377,
        modifiedAt: '2025-09-10T10:00:00Z',
        family: 'llama',
        families: ['llama', 'clip'],
        parameterSize: '7B',
        quantizationLevel: 'Q4_0',
        capabilities: ['completion', 'vision'],
        contextLength: 32768,
        embeddingLength: 4096,
    },
    {
        name: 'nomic-embed-text:latest',
        size: 274302450,
        modifiedAt: '2025-09-01T10:00:00Z',
        family: 'nomic-bert',
        families: ['nomic-bert'],
        parameterSize: '137M',
        quantizationLevel: 'F16',
        capabilities: ['embedding'],
        contextLength: 2048,
        embeddingLength: 768,
    },
];

// Details for models that appear through pull or create without a source model.
const PULLED_MODEL_TEMPLATE = {
    size: 1321098329,
    family: 'llama',
    families: ['llama'],
    parameterSize: '1.2B',
    quantizationLevel: 'Q4_K_M',
    capabilities: ['completion'],
    contextLength: 8192,
    embeddingLength: 2048,
};

function sha256Hex(text) {
    return createHash('sha256').update(text).digest('hex');
}

// A model's manifest digest: fixed per display name.
export function manifestDigest(displayName) {
    return sha256Hex(`manifest:${displayName}`);
}

function goTimeNow() {
    return new Date().toISOString();
}

export class Catalogue {
    constructor() {
        this.reset();
    }

    reset() {
        this.models = new Map();
        this.loaded = new Map();
        this.blobs = new Set();
        for (const model of INITIAL_MODELS)
            this.install(parseModelName(model.name), model);
    }

    install(name, template, modifiedAt = template.modifiedAt ?? goTimeNow()) {
        const entry = { ...template, name: displayShortest(name), modifiedAt };
        this.models.set(canonicalKey(name), entry);
        return entry;
    }

    // Returns the installed entry for a raw model string, or null.
    find(rawName) {
        const name = parseModelName(rawName);
        return name ? this.models.get(canonicalKey(name)) ?? null : null;
    }

    remove(rawName) {
        const name = parseModelName(rawName);
        return name !== null && this.models.delete(canonicalKey(name));
    }

    copy(source, destinationName) {
        return this.install(destinationName, source, goTimeNow());
    }

    installPulled(name) {
        return this.install(name, PULLED_MODEL_TEMPLATE, goTimeNow());
    }

    // Installed models, most recently modified first, as /api/tags orders them.
    list() {
        return [...this.models.values()].sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    }

    markLoaded(entry, keepAliveSeconds) {
        const expiresAt = keepAliveSeconds === Infinity
            ? '2318-01-01T00:00:00Z'
            : new Date(Date.now() + keepAliveSeconds * 1000).toISOString();
        this.loaded.set(entry.name, { entry, expiresAt });
    }

    markUnloaded(entry) {
        this.loaded.delete(entry.name);
    }
}

export function detailsOf(entry) {
    return {
        parent_model: '',
        format: 'gguf',
        family: entry.family,
        families: entry.families,
        parameter_size: entry.parameterSize,
        quantization_level: entry.quantizationLevel,
    };
}

export function tagsEntry(entry) {
    return {
        name: entry.name,
        model: entry.name,
        modified_at: entry.modifiedAt,
        size: entry.size,
        digest: manifestDigest(entry.name),
        details: detailsOf(entry),
    };
}
