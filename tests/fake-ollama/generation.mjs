// SPDX-License-Identifier: GPL-3.0-or-later
//
// The test controls (X-Fake-* request headers), the deterministic text
// generator and the output stream that can re-chunk its bytes on purpose.

export const DEFAULT_CONTENT_CHUNKS = 3;
export const DEFAULT_PROMPT_TOKENS = 10;

// Durations in the final chunk, in nanoseconds as Ollama reports them.
export const LOAD_DURATION_NS = 1000000;
export const PROMPT_EVAL_DURATION_NS = 2000000;
export const EVAL_DURATION_PER_TOKEN_NS = 1000000;

const ASCII_WORDS = ['Hello', ' from', ' the', ' fake', ' Ollama', '.'];
// Used with X-Fake-Split so that a cut can fall inside a multi-byte character.
const UNICODE_WORDS = ['Café', ' crème', ' 🙂', ' déjà', ' vu', '.'];

const ERROR_MODES = new Set(['before', 'during', 'busy', 'empty-403', 'reset']);
const SPLIT_MODES = new Set(['one-write', 'bytes']);
const MAX_CHUNKS = 1000000;
const MAX_DELAY_MS = 60 * 60 * 1000;

// Pause between the slices of an X-Fake-Split: bytes stream, so that they
// leave as separate TCP segments (Node disables Nagle's algorithm by default).
const SPLIT_SLICE_PAUSE_MS = 3;

// Pause between the first chunk and X-Fake-Error: reset, so the chunk is flushed.
const RESET_AFTER_MS = 20;

export class ControlError extends Error {}

function readInteger(headers, name, fallback, max) {
    const value = headers[name];
    if (value === undefined)
        return fallback;
    if (!/^\d+$/.test(value.trim()) || Number(value) > max)
        throw new ControlError(`invalid ${name} header: expected an integer from 0 to ${max}, got "${value}"`);
    return Number(value);
}

function readChoice(headers, name, choices) {
    const value = headers[name];
    if (value === undefined)
        return null;
    const choice = value.trim().toLowerCase();
    if (!choices.has(choice))
        throw new ControlError(`invalid ${name} header: expected one of ${[...choices].join(', ')}, got "${value}"`);
    return choice;
}

function readTokens(headers) {
    const value = headers['x-fake-tokens'];
    if (value === undefined)
        return null;
    const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
    if (!match)
        throw new ControlError(`invalid x-fake-tokens header: expected "PROMPT,COMPLETION", got "${value}"`);
    return { prompt: Number(match[1]), completion: Number(match[2]) };
}

function readOmit(headers) {
    const value = headers['x-fake-omit'];
    if (value === undefined)
        return new Set();
    return new Set(value.split(',').map(field => field.trim()).filter(field => field !== ''));
}

// Reads every X-Fake-* header of a request. Throws ControlError on a bad value.
export function readControls(headers) {
    return {
        chunks: readInteger(headers, 'x-fake-chunks', DEFAULT_CONTENT_CHUNKS, MAX_CHUNKS),
        delayMs: readInteger(headers, 'x-fake-delay-ms', 0, MAX_DELAY_MS),
        firstByteDelayMs: readInteger(headers, 'x-fake-first-byte-delay-ms', 0, MAX_DELAY_MS),
        hold: headers['x-fake-hold'] === '1',
        stall: headers['x-fake-stall'] === '1',
        error: readChoice(headers, 'x-fake-error', ERROR_MODES),
        omit: readOmit(headers),
        tokens: readTokens(headers),
        split: readChoice(headers, 'x-fake-split', SPLIT_MODES),
    };
}

// Decides the text pieces, token counts and done reason of one generation.
// `maxTokens` (num_predict or max_tokens) cuts the pieces short with "length".
export function planGeneration(controls, maxTokens) {
    const words = controls.split ? UNICODE_WORDS : ASCII_WORDS;
    let count = controls.chunks;
    let doneReason = 'stop';
    if (Number.isInteger(maxTokens) && maxTokens > 0 && maxTokens < count) {
        count = maxTokens;
        doneReason = 'length';
    }

    const pieces = Array.from({ length: count }, (_, i) => words[i % words.length]);
    return {
        pieces,
        doneReason,
        promptTokens: controls.tokens?.prompt ?? DEFAULT_PROMPT_TOKENS,
        completionTokens: controls.tokens?.completion ?? pieces.length,
    };
}

// The metric fields of a final chunk, in Ollama's order. Zero counts are left
// out as Go's omitempty does, and so is every field named in X-Fake-Omit.
export function finalMetrics(plan, omit) {
    const evalDuration = Math.max(plan.completionTokens, 1) * EVAL_DURATION_PER_TOKEN_NS;
    const metrics = {
        total_duration: LOAD_DURATION_NS + PROMPT_EVAL_DURATION_NS + evalDuration,
        load_duration: LOAD_DURATION_NS,
        prompt_eval_count: plan.promptTokens,
        prompt_eval_duration: PROMPT_EVAL_DURATION_NS,
        eval_count: plan.completionTokens,
        eval_duration: evalDuration,
    };
    for (const [field, value] of Object.entries(metrics)) {
        if (value === 0 || omit.has(field))
            delete metrics[field];
    }
    return metrics;
}

// Runs one generation against a sink with piece(text, index), finish() and
// failDuring(). Stops at once, with no further writes, when the client leaves.
export async function runGeneration(exchange, controls, plan, sink) {
    if (!await exchange.sleep(controls.firstByteDelayMs))
        return;

    for (let i = 0; i < plan.pieces.length; ++i) {
        if (i > 0 && !await exchange.sleep(controls.delayMs))
            return;
        sink.piece(plan.pieces[i], i);
        exchange.record.piecesWritten = i + 1;
        if (!await exchange.waitForDrain())
            return;
        if (i === 0 && !await afterFirstPiece(exchange, controls, sink))
            return;
    }

    if (plan.pieces.length === 0 && !await afterFirstPiece(exchange, controls, sink))
        return;
    if (plan.pieces.length > 0 && !await exchange.sleep(controls.delayMs))
        return;
    await sink.finish();
}

// Applies X-Fake-Error during/reset and X-Fake-Hold. Returns false when the
// generation must stop.
async function afterFirstPiece(exchange, controls, sink) {
    if (controls.error === 'during') {
        await sink.failDuring();
        return false;
    }
    if (controls.error === 'reset') {
        // Let the first chunk reach the client before the connection dies.
        if (await exchange.sleep(RESET_AFTER_MS))
            exchange.resetConnection();
        return false;
    }
    if (controls.hold)
        return exchange.waitForRelease();
    return !exchange.closed;
}

// Cut points that split the stream inside multi-byte characters and across
// line ends, so one slice contains the end of a line and the start of the next.
function awkwardSlices(bytes) {
    const cuts = new Set();
    for (let i = 0; i < bytes.length; ++i) {
        if (bytes[i] >= 0xc0)
            cuts.add(i + 1);
        if (bytes[i] === 0x0a) {
            cuts.add(i - 2);
            cuts.add(i + 4);
        }
    }

    const sorted = [...cuts].filter(cut => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
    const slices = [];
    let start = 0;
    for (const cut of sorted) {
        slices.push(bytes.subarray(start, cut));
        start = cut;
    }
    slices.push(bytes.subarray(start));
    return slices;
}

// A chunked streaming response. Headers leave with the first write, as in
// Ollama. With X-Fake-Split the whole body is collected first and then sent
// in one write (one-write) or in awkward slices (bytes).
export class StreamOutput {
    constructor(exchange, contentType, split) {
        this.exchange = exchange;
        this.contentType = contentType;
        this.split = split;
        this.pending = [];
        this.headerSent = false;
    }

    sendHeader() {
        if (this.headerSent)
            return;
        this.headerSent = true;
        this.exchange.streaming = true;
        this.exchange.res.writeHead(200, { 'Content-Type': this.contentType });
    }

    write(text) {
        if (this.exchange.closed)
            return;
        if (this.split) {
            this.pending.push(Buffer.from(text, 'utf8'));
            return;
        }
        this.sendHeader();
        this.exchange.res.write(text);
    }

    async end() {
        if (this.exchange.closed)
            return;
        this.sendHeader();
        const body = Buffer.concat(this.pending);
        if (this.split === 'bytes') {
            for (const slice of awkwardSlices(body)) {
                this.exchange.res.write(slice);
                if (!await this.exchange.sleep(SPLIT_SLICE_PAUSE_MS))
                    return;
            }
            this.exchange.res.end();
        } else {
            this.exchange.res.end(body);
        }
        this.exchange.streaming = false;
    }
}
