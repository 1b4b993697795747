// SPDX-License-Identifier: GPL-3.0-or-later
//
// Bytes on the wire as Ollama's Go server writes them.

// Content types that gin and Ollama's middleware set.
export const JSON_UTF8 = 'application/json; charset=utf-8'; // gin's c.JSON
export const JSON_PLAIN = 'application/json'; // Ollama's own encoders and stream errors
export const NDJSON = 'application/x-ndjson';
export const EVENT_STREAM = 'text/event-stream';

// Go's encoding/json escapes <, > and & for HTML, and U+2028 and U+2029 for
// JavaScript; JSON.stringify escapes none of them.
export function goJson(value) {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g,
        c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

// A timestamp in Go's RFC 3339 form with nanoseconds, trailing zeros trimmed.
export function goTimestamp() {
    const now = Date.now();
    const subMillisecondNanos = Number(process.hrtime.bigint() % 1000000n);
    const nanos = (now % 1000) * 1000000 + subMillisecondNanos;
    const seconds = new Date(now).toISOString().slice(0, 19);
    const fraction = String(nanos).padStart(9, '0').replace(/0+$/, '');
    return fraction ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}

export function unixSeconds() {
    return Math.floor(Date.now() / 1000);
}

// Sends a complete body with Content-Length. Node drops the body of a HEAD reply.
export function sendBody(res, status, contentType, body) {
    const bytes = Buffer.from(body, 'utf8');
    const headers = { 'Content-Length': bytes.length };
    if (contentType)
        headers['Content-Type'] = contentType;
    res.writeHead(status, headers);
    res.end(bytes);
}

// gin's c.JSON: no trailing newline.
export function sendGinJson(res, status, value) {
    sendBody(res, status, JSON_UTF8, goJson(value));
}

// json.NewEncoder(w).Encode, used by the OpenAI middleware: one trailing newline.
export function sendEncodedJson(res, status, value) {
    sendBody(res, status, JSON_PLAIN, goJson(value) + '\n');
}

export function sendEmpty(res, status) {
    sendBody(res, status, null, '');
}

export function sendText(res, status, contentType, text) {
    sendBody(res, status, contentType, text);
}
