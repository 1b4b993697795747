// SPDX-License-Identifier: GPL-3.0-or-later
//
// Ollama's native routes (/, /api/*), with Ollama 0.12's responses.

import { createHash } from 'node:crypto';

import { detailsOf, manifestDigest, tagsEntry } from './catalogue.mjs';
import { finalMetrics, planGeneration, runGeneration, StreamOutput } from './generation.mjs';
import { parseModelName } from './model-names.mjs';
import { decodeBody, goQuote, parseKeepAlive, parseThink } from './request-json.mjs';
import {
    goJson, goTimestamp, JSON_PLAIN, NDJSON,
    sendBody, sendEmpty, sendGinJson, sendText,
} from './wire.mjs';

export const OLLAMA_VERSION = '0.12.3';
export const MODEL_ERROR_MESSAGE = 'an error was encountered while running the model';

const DEFAULT_KEEP_ALIVE_SECONDS = 5 * 60;
const EMBED_TOKENS_PER_INPUT = 5;
const VERBOSE_VOCABULARY_SIZE = 20000;
const BLOB_DIGEST = /^sha256[:-][0-9a-fA-F]{64}$/;

function sendError(exchange, status, message) {
    sendGinJson(exchange.res, status, { error: message });
}

// Decodes the body, or sends Ollama's 400 response and returns null.
function bindRequest(exchange, structName, fields) {
    const decoded = decodeBody(exchange.record.body, structName, fields);
    if (decoded.eof) {
        sendError(exchange, 400, 'missing request body');
        return null;
    }
    if (decoded.error) {
        sendError(exchange, 400, decoded.error);
        return null;
    }
    return decoded.value;
}

function hasCapability(entry, capability) {
    return entry.capabilities.includes(capability);
}

function keepAliveSeconds(keepAlive) {
    return keepAlive.seconds === undefined ? DEFAULT_KEEP_ALIVE_SECONDS : keepAlive.seconds;
}

// Deterministic unit vector for a text: the same text always embeds the same.
function embeddingFor(text, dimensions) {
    let seed = createHash('sha256').update(text).digest().readUInt32LE(0);
    const values = [];
    for (let i = 0; i < dimensions; ++i) {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        values.push(seed / 0x100000000 - 0.5);
    }
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
    return values.map(v => Number((v / norm).toPrecision(7)));
}

function truncateEmbedding(vector, dimensions) {
    if (!Number.isInteger(dimensions) || dimensions <= 0 || dimensions >= vector.length)
        return vector;
    const truncated = vector.slice(0, dimensions);
    const norm = Math.sqrt(truncated.reduce((sum, v) => sum + v * v, 0)) || 1;
    return truncated.map(v => Number((v / norm).toPrecision(7)));
}

// ---- General routes -------------------------------------------------------

export function handleRoot(exchange) {
    sendText(exchange.res, 200, 'text/plain; charset=utf-8', 'Ollama is running');
}

export function handleVersion(exchange) {
    sendGinJson(exchange.res, 200, { version: OLLAMA_VERSION });
}

export function handleTags(exchange) {
    const models = exchange.server.catalogue.list().map(tagsEntry);
    sendGinJson(exchange.res, 200, { models });
}

export function handlePs(exchange) {
    const loaded = [...exchange.server.catalogue.loaded.values()]
        .sort((a, b) => b.expiresAt.localeCompare(a.expiresAt));
    const models = loaded.map(({ entry, expiresAt }) => ({
        name: entry.name,
        model: entry.name,
        size: entry.size,
        digest: manifestDigest(entry.name),
        details: detailsOf(entry),
        expires_at: expiresAt,
        size_vram: entry.size,
        context_length: Math.min(entry.contextLength, 4096),
    }));
    sendGinJson(exchange.res, 200, { models });
}

function modelInfo(entry, verbose) {
    const info = {
        'general.architecture': entry.family,
        'general.basename': entry.name.split(':')[0],
        'general.file_type': 15,
        'general.parameter_count': Math.round(parseFloat(entry.parameterSize) * (entry.parameterSize.endsWith('M') ? 1e6 : 1e9)),
        'general.quantization_version': 2,
        [`${entry.family}.context_length`]: entry.contextLength,
        [`${entry.family}.embedding_length`]: entry.embeddingLength,
        'tokenizer.ggml.model': 'gpt2',
        // Ollama empties arrays of more than 5 entries unless verbose is set. A real
        // vocabulary then runs to megabytes; this one is about 200 KB.
        'tokenizer.ggml.tokens': verbose ? Array.from({ length: VERBOSE_VOCABULARY_SIZE }, (_, i) => `tok${i}`) : [],
    };
    return info;
}

export function handleShow(exchange) {
    const request = bindRequest(exchange, 'api.ShowRequest', { model: 'string', name: 'string', verbose: 'boolean', system: 'string' });
    if (!request)
        return;

    const requested = request.model || request.name;
    if (!requested)
        return sendError(exchange, 400, 'model is required');
    if (!parseModelName(requested))
        return sendError(exchange, 400, 'invalid model name');
    const entry = exchange.server.catalogue.find(requested);
    if (!entry)
        return sendError(exchange, 404, `model '${requested}' not found`);

    const info = modelInfo(entry, request.verbose === true);
    // Ollama rewrites the basename for GitHub Copilot Chat, keyed on User-Agent.
    if ((exchange.req.headers['user-agent'] ?? '').startsWith('GitHubCopilotChat/'))
        info['general.basename'] = requested;

    sendGinJson(exchange.res, 200, {
        license: 'Fake license text.',
        modelfile: `# Modelfile generated by "ollama show"\nFROM ${entry.name}\n`,
        parameters: 'stop                           "<|eot_id|>"',
        template: '{{ .Prompt }}',
        ...(request.system ? { system: request.system } : {}),
        details: detailsOf(entry),
        model_info: info,
        capabilities: entry.capabilities,
        modified_at: entry.modifiedAt,
    });
}

// ---- Generate and chat ----------------------------------------------------

// Runs the checks shared by generate and chat. Returns { entry, keepAlive,
// thinkEnabled }, or null after sending the error response.
function resolveInferenceModel(exchange, request, route) {
    if (request.top_logprobs !== undefined && (request.top_logprobs < 0 || request.top_logprobs > 20)) {
        sendError(exchange, 400, 'top_logprobs must be between 0 and 20');
        return null;
    }
    const keepAlive = parseKeepAlive(request.keep_alive);
    if (keepAlive.error) {
        sendError(exchange, 400, keepAlive.error);
        return null;
    }
    const think = parseThink(request.think);
    if (think.error) {
        sendError(exchange, 400, think.error);
        return null;
    }

    const model = request.model ?? '';
    if (!parseModelName(model)) {
        if (model !== '')
            sendError(exchange, 400, 'invalid model name');
        else if (route === 'generate')
            sendError(exchange, 404, "model '' not found");
        else
            sendError(exchange, 400, 'model is required');
        return null;
    }
    const entry = exchange.server.catalogue.find(model);
    if (!entry) {
        sendError(exchange, 404, `model '${model}' not found`);
        return null;
    }
    return { entry, keepAlive, thinkEnabled: think.enabled };
}

// Capability checks run after the unload shortcut, as in Ollama. Returns the
// error message, or null when the model can serve the request.
export function capabilityError(request, entry, route, thinkEnabled) {
    const quoted = goQuote(request.model);
    if (thinkEnabled && !hasCapability(entry, 'thinking'))
        return `${quoted} does not support thinking`;
    if (route === 'chat' && Array.isArray(request.tools) && request.tools.length > 0 && !hasCapability(entry, 'tools'))
        return `${quoted} does not support tools`;
    if (route === 'generate' && request.suffix && !hasCapability(entry, 'insert'))
        return `${quoted} does not support insert`;
    if (!hasCapability(entry, 'completion'))
        return `${quoted} does not support ${route}`;
    return null;
}

function generateChunk(model, response) {
    return { model, created_at: goTimestamp(), response, done: false };
}

function generateFinal(model, response, plan, omit, withContext) {
    const final = { model, created_at: goTimestamp(), response, done: true, done_reason: plan.doneReason };
    if (withContext)
        final.context = Array.from({ length: plan.promptTokens + plan.completionTokens }, (_, i) => i + 1);
    Object.assign(final, finalMetrics(plan, omit));
    for (const field of omit)
        delete final[field];
    return final;
}

function chatChunk(model, content) {
    return { model, created_at: goTimestamp(), message: { role: 'assistant', content }, done: false };
}

function chatFinal(model, content, plan, omit) {
    const final = {
        model,
        created_at: goTimestamp(),
        message: { role: 'assistant', content },
        done_reason: plan.doneReason,
        done: true,
        ...finalMetrics(plan, omit),
    };
    for (const field of omit)
        delete final[field];
    return final;
}

// Native NDJSON stream: one JSON object and one "\n" per write.
function ndjsonSink(exchange, controls, makeChunk, makeFinal) {
    const output = new StreamOutput(exchange, NDJSON, controls.split);
    return {
        piece: text => output.write(goJson(makeChunk(text)) + '\n'),
        finish: async () => {
            output.write(goJson(makeFinal('')) + '\n');
            await output.end();
        },
        failDuring: async () => {
            output.write(goJson({ error: MODEL_ERROR_MESSAGE }) + '\n');
            await output.end();
        },
    };
}

// stream:false: one object with all the text, sent when generation ends.
function singleObjectSink(exchange, makeFinal) {
    let text = '';
    return {
        piece: piece => { text += piece; },
        finish: () => sendGinJson(exchange.res, 200, makeFinal(text)),
        failDuring: () => sendError(exchange, 500, MODEL_ERROR_MESSAGE),
    };
}

export async function handleGenerate(exchange, controls) {
    const request = bindRequest(exchange, 'api.GenerateRequest', {
        model: 'string', prompt: 'string', suffix: 'string', system: 'string', template: 'string',
        stream: 'boolean', raw: 'boolean', images: 'array', context: 'array', options: 'object',
    });
    if (!request)
        return;
    const resolved = resolveInferenceModel(exchange, request, 'generate');
    if (!resolved)
        return;
    const { entry, keepAlive, thinkEnabled } = resolved;
    const prompt = request.prompt ?? '';
    const catalogue = exchange.server.catalogue;

    if (prompt === '' && keepAlive.seconds === 0) {
        catalogue.markUnloaded(entry);
        return sendGinJson(exchange.res, 200, { model: request.model, created_at: goTimestamp(), response: '', done: true, done_reason: 'unload' });
    }
    if (request.raw && (request.template || request.system || request.context?.length))
        return sendError(exchange, 400, 'raw mode does not support template, system, or context');
    const unsupported = capabilityError(request, entry, 'generate', thinkEnabled);
    if (unsupported)
        return sendError(exchange, 400, unsupported);

    catalogue.markLoaded(entry, keepAliveSeconds(keepAlive));
    if (prompt === '')
        return sendGinJson(exchange.res, 200, { model: request.model, created_at: goTimestamp(), response: '', done: true, done_reason: 'load' });

    const plan = planGeneration(controls, request.options?.num_predict);
    const withContext = request.raw !== true;
    const makeFinal = text => generateFinal(request.model, text, plan, controls.omit, withContext);
    const sink = request.stream === false
        ? singleObjectSink(exchange, makeFinal)
        : ndjsonSink(exchange, controls, text => generateChunk(request.model, text), makeFinal);
    await runGeneration(exchange, controls, plan, sink);
}

export async function handleChat(exchange, controls) {
    const request = bindRequest(exchange, 'api.ChatRequest', {
        model: 'string', messages: 'array', tools: 'array', stream: 'boolean', options: 'object',
    });
    if (!request)
        return;
    const resolved = resolveInferenceModel(exchange, request, 'chat');
    if (!resolved)
        return;
    const { entry, keepAlive, thinkEnabled } = resolved;
    const messages = request.messages ?? [];
    const catalogue = exchange.server.catalogue;

    if (messages.length === 0 && keepAlive.seconds === 0) {
        catalogue.markUnloaded(entry);
        return sendGinJson(exchange.res, 200, chatLifecycleReply(request.model, 'unload'));
    }
    const unsupported = capabilityError(request, entry, 'chat', thinkEnabled);
    if (unsupported)
        return sendError(exchange, 400, unsupported);

    catalogue.markLoaded(entry, keepAliveSeconds(keepAlive));
    if (messages.length === 0)
        return sendGinJson(exchange.res, 200, chatLifecycleReply(request.model, 'load'));

    const plan = planGeneration(controls, request.options?.num_predict);
    const makeFinal = text => chatFinal(request.model, text, plan, controls.omit);
    const sink = request.stream === false
        ? singleObjectSink(exchange, makeFinal)
        : ndjsonSink(exchange, controls, text => chatChunk(request.model, text), makeFinal);
    await runGeneration(exchange, controls, plan, sink);
}

function chatLifecycleReply(model, doneReason) {
    return { model, created_at: goTimestamp(), message: { role: 'assistant', content: '' }, done_reason: doneReason, done: true };
}

// ---- Embeddings -------------------------------------------------------------

// Returns the input strings, or null for a type Ollama rejects.
function embedInputs(input) {
    if (input === undefined || input === null)
        return [];
    if (typeof input === 'string')
        return input === '' ? [] : [input];
    if (Array.isArray(input) && input.every(item => typeof item === 'string'))
        return input;
    return null;
}

// Runs /api/embed's checks and work. Returns { status, body } so that the
// OpenAI route can wrap the same result in its own shape.
export function computeEmbed(exchange, controls, request) {
    const model = request.model ?? '';
    if (!parseModelName(model)) {
        return model === ''
            ? { status: 404, error: "model '' not found" }
            : { status: 400, error: 'invalid model name' };
    }
    const inputs = embedInputs(request.input);
    if (inputs === null)
        return { status: 400, error: 'invalid input type' };
    const keepAlive = parseKeepAlive(request.keep_alive);
    if (keepAlive.error)
        return { status: 400, error: keepAlive.error };
    const entry = exchange.server.catalogue.find(model);
    if (!entry)
        return { status: 404, error: `model ${goQuote(model)} not found, try pulling it first` };

    exchange.server.catalogue.markLoaded(entry, keepAliveSeconds(keepAlive));
    if (inputs.length === 0)
        return { status: 200, body: { model, embeddings: [] } };

    const embeddings = inputs.map(text => truncateEmbedding(embeddingFor(text, entry.embeddingLength), request.dimensions));
    const plan = {
        promptTokens: controls.tokens?.prompt ?? EMBED_TOKENS_PER_INPUT * inputs.length,
        completionTokens: 0,
    };
    const metrics = finalMetrics(plan, controls.omit);
    const body = { model, embeddings, total_duration: metrics.total_duration, load_duration: metrics.load_duration };
    if (metrics.prompt_eval_count !== undefined)
        body.prompt_eval_count = metrics.prompt_eval_count;
    return { status: 200, body };
}

export function handleEmbed(exchange, controls) {
    const request = bindRequest(exchange, 'api.EmbedRequest', { model: 'string', truncate: 'boolean', dimensions: 'number', options: 'object' });
    if (!request)
        return;
    const result = computeEmbed(exchange, controls, request);
    if (result.error)
        return sendError(exchange, result.status, result.error);
    sendGinJson(exchange.res, 200, result.body);
}

// The legacy route reports no token counts at all.
export function handleEmbeddings(exchange) {
    const request = bindRequest(exchange, 'api.EmbeddingRequest', { model: 'string', prompt: 'string', options: 'object' });
    if (!request)
        return;
    const model = request.model ?? '';
    if (!parseModelName(model))
        return sendError(exchange, 400, model === '' ? 'model is required' : 'invalid model name');
    const keepAlive = parseKeepAlive(request.keep_alive);
    if (keepAlive.error)
        return sendError(exchange, 400, keepAlive.error);
    const entry = exchange.server.catalogue.find(model);
    if (!entry)
        return sendError(exchange, 404, `model ${goQuote(model)} not found, try pulling it first`);

    exchange.server.catalogue.markLoaded(entry, keepAliveSeconds(keepAlive));
    const prompt = request.prompt ?? '';
    const embedding = prompt === '' ? [] : embeddingFor(prompt, entry.embeddingLength);
    sendGinJson(exchange.res, 200, { embedding });
}

// ---- Model management -------------------------------------------------------

// Progress objects stream like generation pieces, so the X-Fake-* controls apply.
async function streamProgress(exchange, controls, request, steps, onSuccess) {
    const plan = { pieces: steps, doneReason: 'stop', promptTokens: 0, completionTokens: 0 };
    if (request.stream === false) {
        const sink = {
            piece: () => {},
            finish: () => {
                onSuccess();
                sendBody(exchange.res, 200, JSON_PLAIN, goJson({ status: 'success' }));
            },
            failDuring: () => sendBody(exchange.res, 500, JSON_PLAIN, goJson({ error: MODEL_ERROR_MESSAGE })),
        };
        return runGeneration(exchange, controls, plan, sink);
    }

    const output = new StreamOutput(exchange, NDJSON, controls.split);
    const sink = {
        piece: step => output.write(goJson(step) + '\n'),
        finish: async () => {
            onSuccess();
            output.write(goJson({ status: 'success' }) + '\n');
            await output.end();
        },
        failDuring: async () => {
            output.write(goJson({ error: MODEL_ERROR_MESSAGE }) + '\n');
            await output.end();
        },
    };
    await runGeneration(exchange, controls, plan, sink);
}

// Layer transfer progress: X-Fake-Chunks steps from 0 to the full size.
function transferSteps(verb, digest, total, count) {
    const steps = [];
    for (let i = 0; i < count; ++i) {
        const completed = count === 1 ? total : Math.round(total * i / (count - 1));
        steps.push({ status: `${verb} ${digest.slice(0, 12)}`, digest: `sha256:${digest}`, total, completed });
    }
    return steps;
}

export async function handlePull(exchange, controls) {
    const request = bindRequest(exchange, 'api.PullRequest', { model: 'string', name: 'string', insecure: 'boolean', stream: 'boolean' });
    if (!request)
        return;
    const requested = request.model || request.name || '';
    const name = parseModelName(requested);
    if (!name)
        return sendError(exchange, 400, 'invalid model name');

    const catalogue = exchange.server.catalogue;
    const existing = catalogue.find(requested);
    const digest = manifestDigest(requested.toLowerCase());
    const size = existing?.size ?? 1321098329;
    const steps = [
        { status: 'pulling manifest' },
        ...transferSteps('pulling', digest, size, controls.chunks),
        { status: 'verifying sha256 digest' },
        { status: 'writing manifest' },
    ];
    await streamProgress(exchange, controls, request, steps, () => {
        if (!catalogue.find(requested))
            catalogue.installPulled(name);
    });
}

export async function handlePush(exchange, controls) {
    const request = bindRequest(exchange, 'api.PushRequest', { model: 'string', name: 'string', insecure: 'boolean', stream: 'boolean' });
    if (!request)
        return;
    const requested = request.model || request.name || '';
    if (requested === '')
        return sendError(exchange, 400, 'model is required');
    const entry = exchange.server.catalogue.find(requested);
    if (!entry)
        return sendBody(exchange.res, 500, JSON_PLAIN, goJson({ error: 'open manifest: file does not exist' }));

    const digest = manifestDigest(entry.name);
    const steps = [
        { status: 'retrieving manifest' },
        { status: 'starting upload', digest: `sha256:${digest}`, total: entry.size },
        ...transferSteps('pushing', digest, entry.size, controls.chunks),
        { status: 'pushing manifest' },
    ];
    await streamProgress(exchange, controls, request, steps, () => {});
}

export async function handleCreate(exchange, controls) {
    const request = bindRequest(exchange, 'api.CreateRequest', { model: 'string', name: 'string', from: 'string', files: 'object', stream: 'boolean' });
    if (!request)
        return;
    const requested = request.model || request.name || '';
    const name = parseModelName(requested);
    if (!name)
        return sendError(exchange, 400, 'invalid model name');

    const catalogue = exchange.server.catalogue;
    const source = request.from ? catalogue.find(request.from) : null;
    if (request.from && !source)
        return sendBody(exchange.res, 404, JSON_PLAIN, goJson({ error: `model '${request.from}' not found` }));

    const digest = manifestDigest(requested.toLowerCase());
    const steps = [
        { status: `using existing layer sha256:${digest}` },
        { status: 'writing manifest' },
    ];
    await streamProgress(exchange, controls, request, steps, () => {
        if (source)
            catalogue.copy(source, name);
        else
            catalogue.installPulled(name);
    });
}

export function handleCopy(exchange) {
    const request = bindRequest(exchange, 'api.CopyRequest', { source: 'string', destination: 'string' });
    if (!request)
        return;
    if (!parseModelName(request.source ?? ''))
        return sendError(exchange, 400, `source ${goQuote(request.source ?? '')} is invalid`);
    const destination = parseModelName(request.destination ?? '');
    if (!destination)
        return sendError(exchange, 400, `destination ${goQuote(request.destination ?? '')} is invalid`);

    const catalogue = exchange.server.catalogue;
    const source = catalogue.find(request.source);
    if (!source)
        return sendError(exchange, 404, `model ${goQuote(request.source)} not found`);
    catalogue.copy(source, destination);
    sendEmpty(exchange.res, 200);
}

export function handleDelete(exchange) {
    const request = bindRequest(exchange, 'api.DeleteRequest', { model: 'string', name: 'string' });
    if (!request)
        return;
    const requested = request.model || request.name || '';
    if (!parseModelName(requested))
        return sendError(exchange, 400, `name ${goQuote(requested)} is invalid`);

    const catalogue = exchange.server.catalogue;
    const entry = catalogue.find(requested);
    if (!entry)
        return sendError(exchange, 404, `model '${requested}' not found`);
    catalogue.markUnloaded(entry);
    catalogue.remove(requested);
    sendEmpty(exchange.res, 200);
}

// Blobs are stored under "sha256-<hex>" files, so both separators name the same blob.
function blobKey(digest) {
    return digest.replace(/^sha256[:-]/, 'sha256:');
}

export function handleHeadBlob(exchange, _controls, params) {
    const digest = params.digest;
    if (!BLOB_DIGEST.test(digest))
        return sendError(exchange, 400, 'invalid digest format');
    if (!exchange.server.catalogue.blobs.has(blobKey(digest)))
        return sendError(exchange, 404, `blob ${goQuote(digest)} not found`);
    sendEmpty(exchange.res, 200);
}

// Ollama compares the computed "sha256:<hex>" with the path as given, so a
// "sha256-" path or upper-case hex never matches and gets 400.
export function handleCreateBlob(exchange, _controls, params) {
    const digest = params.digest;
    if (!BLOB_DIGEST.test(digest))
        return sendError(exchange, 400, 'invalid digest format');

    const blobs = exchange.server.catalogue.blobs;
    if (blobs.has(blobKey(digest)))
        return sendEmpty(exchange.res, 200);

    const actual = `sha256:${exchange.record.bodySha256}`;
    if (actual !== digest)
        return sendError(exchange, 400, `digest mismatch, expected ${goQuote(digest)}, got ${goQuote(actual)}`);
    blobs.add(actual);
    sendEmpty(exchange.res, 201);
}
