// SPDX-License-Identifier: GPL-3.0-or-later
//
// Request bodies decoded the way gin's ShouldBindJSON and Go's encoding/json
// decode them, with error messages close to Go's.

const GO_TYPE_NAMES = {
    string: 'string',
    boolean: 'bool',
    number: 'int',
    array: 'slice',
    object: 'map',
};

function jsonKind(value) {
    if (Array.isArray(value))
        return 'array';
    if (typeof value === 'boolean')
        return 'bool';
    return typeof value;
}

function kindMatches(value, expected) {
    if (expected === 'array')
        return Array.isArray(value);
    if (expected === 'object')
        return typeof value === 'object' && !Array.isArray(value);
    return typeof value === expected;
}

// NOTE: Go's messages also name what the decoder was looking for; this names
// the offending character and its offset only.
function syntaxMessage(text, error) {
    if (/end of JSON input/i.test(error.message))
        return 'unexpected EOF';
    const position = /at position (\d+)/.exec(error.message);
    const offset = position ? Number(position[1]) : text.length - text.trimStart().length;
    return `invalid character '${text[offset] ?? ''}' at offset ${offset}`;
}

// Decodes a JSON object body. Returns { value } or { error, eof }, where eof
// marks an empty body (Go's io.EOF). `fields` maps field names to the JSON
// type Go expects (string, boolean, number, array, object); null is accepted
// everywhere, as Go leaves the zero value.
export function decodeBody(bodyText, structName, fields = {}) {
    if (bodyText.trim() === '')
        return { error: 'EOF', eof: true };

    let value;
    try {
        value = JSON.parse(bodyText);
    } catch (error) {
        return { error: syntaxMessage(bodyText, error) };
    }

    if (value === null)
        return { value: {} };
    if (typeof value !== 'object' || Array.isArray(value))
        return { error: `json: cannot unmarshal ${jsonKind(value)} into Go value of type ${structName}` };

    for (const [field, expected] of Object.entries(fields)) {
        const fieldValue = value[field];
        if (fieldValue === undefined || fieldValue === null || kindMatches(fieldValue, expected))
            continue;
        return {
            error: `json: cannot unmarshal ${jsonKind(fieldValue)} into Go struct field `
                + `${structName.replace(/^.*\./, '')}.${field} of type ${GO_TYPE_NAMES[expected]}`,
        };
    }
    return { value };
}

// Go's %q for the strings that appear in Ollama's messages.
export function goQuote(text) {
    return JSON.stringify(String(text));
}

const DURATION_UNITS_NS = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

// Go's time.ParseDuration, in seconds. Throws with Go's message.
function parseGoDuration(text) {
    if (/^[-+]?0$/.test(text))
        return 0;
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text))
        throw new Error(`time: missing unit in duration ${goQuote(text)}`);

    const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
    if (!match)
        throw new Error(`time: invalid duration ${goQuote(text)}`);

    let nanos = 0;
    for (const [, amount, unit] of match[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g))
        nanos += Number(amount) * DURATION_UNITS_NS[unit];
    return (match[1] === '-' ? -nanos : nanos) / 1e9;
}

// Ollama's keep_alive (api.Duration): a number of seconds or a Go duration
// string; a negative value keeps the model loaded forever. Returns
// { seconds } with undefined for "absent", or { error }.
export function parseKeepAlive(value) {
    if (value === undefined || value === null)
        return { seconds: undefined };

    let seconds;
    if (typeof value === 'number') {
        seconds = value;
    } else if (typeof value === 'string') {
        try {
            seconds = parseGoDuration(value);
        } catch (error) {
            return { error: error.message };
        }
    } else {
        return { error: `Unsupported type: '${jsonKind(value)}'` };
    }
    return { seconds: seconds < 0 ? Infinity : seconds };
}

const THINK_LEVELS = new Set(['low', 'medium', 'high', 'max']);

// Ollama's think field: a bool or a level. Returns { enabled } or { error }.
export function parseThink(value) {
    if (value === undefined || value === null)
        return { enabled: false };
    if (typeof value === 'boolean')
        return { enabled: value };
    if (typeof value === 'string' && THINK_LEVELS.has(value))
        return { enabled: true };
    return { error: `invalid think value: ${goQuote(JSON.stringify(value))} (must be "high", "medium", "low", "max", true, or false)` };
}
