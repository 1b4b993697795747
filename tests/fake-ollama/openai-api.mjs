// SPDX-License-Identifier: GPL-3.0-or-later
//
// Ollama's OpenAI-compatible routes (/v1/*). Ollama translates each request
// into a native one and wraps the reply; the stream default is false here.

import { finalMetrics, planGeneration, runGeneration, StreamOutput } from './generation.mjs';
import { parseModelName } from './model-names.mjs';
import { capabilityError, computeEmbed, MODEL_ERROR_MESSAGE } from './native-api.mjs';
import { decodeBody } from './request-json.mjs';
import { EVENT_STREAM, goJson, sendEncodedJson, sendGinJson, unixSeconds } from './wire.mjs';

function errorType(status) {
    if (status === 400)
        return 'invalid_request_error';
    if (status === 404)
        return 'not_found_error';
    return 'api_error';
}

export function openAiError(status, message) {
    return { error: { message, type: errorType(status), param: null, code: null } };
}

// Errors raised by Ollama's OpenAI middleware itself go out through gin's c.JSON.
function sendMiddlewareError(exchange, status, message) {
    sendGinJson(exchange.res, status, openAiError(status, message));
}

// Errors from the native handler are re-encoded by the middleware's writer.
export function sendHandlerError(exchange, status, message) {
    sendEncodedJson(exchange.res, status, openAiError(status, message));
}

// The middleware binds without Ollama's "missing request body" case, so an
// empty body reports Go's io.EOF text.
function bindRequest(exchange, structName, fields) {
    const decoded = decodeBody(exchange.record.body, structName, fields);
    if (decoded.error) {
        sendMiddlewareError(exchange, 400, decoded.error);
        return null;
    }
    return decoded.value;
}

// Model checks of the native handler behind a /v1 inference route.
function resolveModel(exchange, model, route) {
    if (!parseModelName(model)) {
        if (model !== '')
            sendHandlerError(exchange, 400, 'invalid model name');
        else if (route === 'generate')
            sendHandlerError(exchange, 404, "model '' not found");
        else
            sendHandlerError(exchange, 400, 'model is required');
        return null;
    }
    const entry = exchange.server.catalogue.find(model);
    if (!entry) {
        sendHandlerError(exchange, 404, `model '${model}' not found`);
        return null;
    }
    return entry;
}

// Ollama numbers its ids from 0 to 998, so they repeat; this fake counts instead of drawing.
function completionId(exchange, prefix) {
    return `${prefix}-${exchange.record.id % 999}`;
}

function usageOf(plan, omit) {
    const metrics = finalMetrics(plan, omit);
    const prompt = metrics.prompt_eval_count ?? 0;
    const completion = metrics.eval_count ?? 0;
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function includeUsageRequested(request) {
    return request.stream_options?.include_usage === true;
}

// ---- /v1/chat/completions ---------------------------------------------------

// SSE: a role chunk, one chunk per content piece, a finish chunk with an empty
// delta, the usage chunk only when include_usage was requested, then [DONE].
function chatEventSink(exchange, controls, request, plan) {
    const output = new StreamOutput(exchange, EVENT_STREAM, controls.split);
    const base = {
        id: completionId(exchange, 'chatcmpl'),
        object: 'chat.completion.chunk',
        created: unixSeconds(),
        model: request.model,
        system_fingerprint: 'fp_ollama',
    };
    const send = chunk => output.write(`data: ${goJson(chunk)}\n\n`);
    let roleSent = false;
    const sendRoleOnce = () => {
        if (roleSent)
            return;
        roleSent = true;
        send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    };

    return {
        piece: text => {
            sendRoleOnce();
            send({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
        },
        finish: async () => {
            sendRoleOnce();
            send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: plan.doneReason }] });
            if (includeUsageRequested(request))
                send({ ...base, choices: [], usage: usageOf(plan, controls.omit) });
            output.write('data: [DONE]\n\n');
            await output.end();
        },
        // A native error line passes the wrapper as an empty chunk; no finish
        // chunk and no [DONE] follow.
        failDuring: async () => {
            send({ ...base, model: '', choices: [{ index: 0, delta: {}, finish_reason: null }] });
            await output.end();
        },
    };
}

function chatObjectSink(exchange, controls, request, plan) {
    let text = '';
    return {
        piece: piece => { text += piece; },
        finish: () => sendEncodedJson(exchange.res, 200, {
            id: completionId(exchange, 'chatcmpl'),
            object: 'chat.completion',
            created: unixSeconds(),
            model: request.model,
            system_fingerprint: 'fp_ollama',
            choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: plan.doneReason }],
            usage: usageOf(plan, controls.omit),
        }),
        failDuring: () => sendHandlerError(exchange, 500, MODEL_ERROR_MESSAGE),
    };
}

export async function handleChatCompletions(exchange, controls) {
    const request = bindRequest(exchange, 'openai.ChatCompletionRequest', {
        model: 'string', messages: 'array', stream: 'boolean', stream_options: 'object', max_tokens: 'number', tools: 'array',
    });
    if (!request)
        return;
    if (!Array.isArray(request.messages) || request.messages.length === 0)
        return sendMiddlewareError(exchange, 400, "[] is too short - 'messages'");

    const entry = resolveModel(exchange, request.model ?? '', 'chat');
    if (!entry)
        return;
    const unsupported = capabilityError(request, entry, 'chat', false);
    if (unsupported)
        return sendHandlerError(exchange, 400, unsupported);

    exchange.server.catalogue.markLoaded(entry, 5 * 60);
    const plan = planGeneration(controls, request.max_tokens);
    const sink = request.stream === true
        ? chatEventSink(exchange, controls, request, plan)
        : chatObjectSink(exchange, controls, request, plan);
    await runGeneration(exchange, controls, plan, sink);
}

// ---- /v1/completions ----------------------------------------------------------

// SSE: one chunk per piece and a final chunk with finish_reason. With
// include_usage every chunk carries a zeroed usage object and the real counts
// come in a last chunk without choices.
function completionEventSink(exchange, controls, request, plan) {
    const output = new StreamOutput(exchange, EVENT_STREAM, controls.split);
    const includeUsage = includeUsageRequested(request);
    const id = completionId(exchange, 'cmpl');
    const created = unixSeconds();
    const chunk = (choices, usage) => {
        const value = { id, object: 'text_completion', created, choices, model: request.model, system_fingerprint: 'fp_ollama' };
        if (usage)
            value.usage = usage;
        return value;
    };
    const zeroUsage = includeUsage ? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } : null;
    const send = value => output.write(`data: ${goJson(value)}\n\n`);

    return {
        piece: text => send(chunk([{ text, index: 0, finish_reason: null }], zeroUsage)),
        finish: async () => {
            send(chunk([{ text: '', index: 0, finish_reason: plan.doneReason }], zeroUsage));
            if (includeUsage)
                send(chunk([], usageOf(plan, controls.omit)));
            output.write('data: [DONE]\n\n');
            await output.end();
        },
        failDuring: async () => {
            send({ ...chunk([{ text: '', index: 0, finish_reason: null }], zeroUsage), model: '' });
            await output.end();
        },
    };
}

function completionObjectSink(exchange, controls, request, plan) {
    let text = '';
    return {
        piece: piece => { text += piece; },
        finish: () => sendEncodedJson(exchange.res, 200, {
            id: completionId(exchange, 'cmpl'),
            object: 'text_completion',
            created: unixSeconds(),
            model: request.model,
            system_fingerprint: 'fp_ollama',
            choices: [{ text, index: 0, finish_reason: plan.doneReason }],
            usage: usageOf(plan, controls.omit),
        }),
        failDuring: () => sendHandlerError(exchange, 500, MODEL_ERROR_MESSAGE),
    };
}

export async function handleCompletions(exchange, controls) {
    const request = bindRequest(exchange, 'openai.CompletionRequest', {
        model: 'string', prompt: 'string', stream: 'boolean', stream_options: 'object', max_tokens: 'number', suffix: 'string',
    });
    if (!request)
        return;

    const entry = resolveModel(exchange, request.model ?? '', 'generate');
    if (!entry)
        return;
    const unsupported = capabilityError(request, entry, 'generate', false);
    if (unsupported)
        return sendHandlerError(exchange, 400, unsupported);

    exchange.server.catalogue.markLoaded(entry, 5 * 60);
    // An empty prompt only loads the model; the wrapper reports it as finish_reason "load".
    const plan = (request.prompt ?? '') === ''
        ? { pieces: [], doneReason: 'load', promptTokens: 0, completionTokens: 0 }
        : planGeneration(controls, request.max_tokens);
    const sink = request.stream === true
        ? completionEventSink(exchange, controls, request, plan)
        : completionObjectSink(exchange, controls, request, plan);
    await runGeneration(exchange, controls, plan, sink);
}

// ---- /v1/embeddings -----------------------------------------------------------

function float32Base64(vector) {
    return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

export function handleEmbeddingsV1(exchange, controls) {
    const request = bindRequest(exchange, 'openai.EmbedRequest', { model: 'string', dimensions: 'number', encoding_format: 'string' });
    if (!request)
        return;

    const format = request.encoding_format ?? '';
    if (format !== '' && !['float', 'base64'].includes(format.toLowerCase())) {
        return sendMiddlewareError(exchange, 400,
            `Invalid value for 'encoding_format' = ${format}. Supported values: ['float', 'base64'].`);
    }
    let input = request.input;
    if (input === '')
        input = [''];
    if (input === undefined || input === null || (Array.isArray(input) && input.length === 0))
        return sendMiddlewareError(exchange, 400, 'invalid input');

    const result = computeEmbed(exchange, controls, { model: request.model, input, dimensions: request.dimensions });
    if (result.error)
        return sendHandlerError(exchange, result.status, result.error);

    const base64 = format.toLowerCase() === 'base64';
    const promptTokens = result.body.prompt_eval_count ?? 0;
    sendEncodedJson(exchange.res, 200, {
        object: 'list',
        data: result.body.embeddings.map((embedding, index) => ({
            object: 'embedding',
            embedding: base64 ? float32Base64(embedding) : embedding,
            index,
        })),
        model: request.model,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
}

// ---- /v1/models -----------------------------------------------------------------

function modelObject(id, modifiedAt) {
    return {
        id,
        object: 'model',
        created: Math.floor(Date.parse(modifiedAt) / 1000),
        owned_by: parseModelName(id)?.namespace ?? '',
    };
}

// With no models installed Ollama's nil slice serialises as "data": null.
export function handleModels(exchange) {
    const models = exchange.server.catalogue.list();
    const data = models.length === 0 ? null : models.map(entry => modelObject(entry.name, entry.modifiedAt));
    sendEncodedJson(exchange.res, 200, { object: 'list', data });
}

export function handleModel(exchange, _controls, params) {
    const requested = params.model;
    if (!parseModelName(requested))
        return sendHandlerError(exchange, 400, 'invalid model name');
    const entry = exchange.server.catalogue.find(requested);
    if (!entry)
        return sendHandlerError(exchange, 404, `model '${requested}' not found`);
    sendEncodedJson(exchange.res, 200, modelObject(requested, entry.modifiedAt));
}
