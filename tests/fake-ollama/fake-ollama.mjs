#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A fake Ollama server for tests and demos. It responds like Ollama 0.12.3:
// same routes, status codes, content types, error bodies, stream framing and
// Host/Origin checks, with canned models and deterministic text.
//
//   node fake-ollama.mjs [--host 127.0.0.1] [--port 0]
//
// Prints exactly one line, "LISTENING <port>", once it accepts connections,
// and exits on SIGTERM or SIGINT. It binds to loopback addresses only.
//
// Models: llama3.2:latest, qwen2.5-coder:7b, llava:latest and
// nomic-embed-text:latest (embedding only). Names normalise as in Ollama, so
// "LLAMA3.2", "library/llama3.2" and
// "registry.ollama.ai/library/llama3.2:latest" are the same model; replies
// echo the caller's string unchanged.
//
// Deterministic defaults:
//   - 3 content chunks: "Hello", " from", " the" (the words cycle on).
//   - prompt_eval_count 10; eval_count = number of content chunks.
//   - durations in ns: load 1000000, prompt_eval 2000000, eval 1000000 per
//     completion token, total = their sum.
//   - /api/embed and /v1/embeddings: 5 prompt tokens per input string.
//
// Test controls, read from request headers (a gateway forwards unknown
// headers, so a test steers the fake through the gateway):
//   X-Fake-Chunks: N              content chunks (pull/push: progress steps); default 3
//   X-Fake-Delay-Ms: N            pause before each chunk after the first, and before the final one
//   X-Fake-First-Byte-Delay-Ms: N pause before the first byte of the reply
//   X-Fake-Hold: 1                after the first content chunk, wait for POST /_fake/release
//   X-Fake-Stall: 1               never respond
//   X-Fake-Error: before          500 {"error":...} before any byte of the stream
//                 during          after the first chunk, the line
//                                 {"error":"an error was encountered while running the model"}, then end
//                                 (on /v1 streams: an empty chunk, then end without [DONE])
//                 busy            503 "server busy, please try again.  maximum pending requests exceeded"
//                 empty-403       403 with an empty body
//                 reset           destroy the TCP connection after the first chunk
//   X-Fake-Omit: f1[,f2]          leave these fields out of the final chunk (e.g. prompt_eval_count)
//   X-Fake-Tokens: P,C            prompt and completion token counts to report
//   X-Fake-Split: one-write       the whole stream in one TCP write
//                 bytes           the stream in slices cut inside multi-byte UTF-8
//                                 characters and across line ends; text becomes
//                                 "Café crème 🙂 ..."
//   With X-Fake-Split the body is collected first, so Hold and Delay show no
//   partial output.
//
// Control endpoints (no Host or Origin check, not recorded):
//   GET  /_fake/requests   every request received: id, method, url, path,
//                          httpVersion, headers (lower-case names), rawHeaders,
//                          body, bodyBytes, bodySha256, bodyTruncated,
//                          receivedAt (ms), status, responseStartedAt,
//                          closedAt, connectionId (the TCP connection it came
//                          on), piecesWritten (content chunks written so far;
//                          writing waits while the client does not read), finished, aborted (the client closed before
//                          the reply finished), reset (closed by X-Fake-Error: reset)
//   POST /_fake/reset      forget the requests, restore models and blobs
//   POST /_fake/release    release every stream held by X-Fake-Hold
//   GET  /_fake/stats      open connections, active requests, streams in progress

import { createServer } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';

import { Catalogue } from './catalogue.mjs';
import { Exchange } from './exchange.mjs';
import { ControlError, readControls } from './generation.mjs';
import * as native from './native-api.mjs';
import * as openai from './openai-api.mjs';
import { sendEmpty, sendGinJson, sendText } from './wire.mjs';

const RUNNER_STOPPED_MESSAGE = 'model runner has unexpectedly stopped, this may be due to resource '
    + 'limitations or an internal error, check ollama server logs for details';
const SERVER_BUSY_MESSAGE = 'server busy, please try again.  maximum pending requests exceeded';

// ---- Routes -----------------------------------------------------------------

// `streams` marks routes whose reply is produced piece by piece, where
// X-Fake-Error during/reset and X-Fake-Hold act after the first piece.
const ROUTES = [
    ['GET', '/', native.handleRoot],
    ['HEAD', '/', native.handleRoot],
    ['GET', '/api/version', native.handleVersion],
    ['HEAD', '/api/version', native.handleVersion],
    ['GET', '/api/tags', native.handleTags],
    ['HEAD', '/api/tags', native.handleTags],
    ['POST', '/api/show', native.handleShow],
    ['GET', '/api/ps', native.handlePs],
    ['POST', '/api/generate', native.handleGenerate, { streams: true }],
    ['POST', '/api/chat', native.handleChat, { streams: true }],
    ['POST', '/api/embed', native.handleEmbed],
    ['POST', '/api/embeddings', native.handleEmbeddings],
    ['POST', '/api/pull', native.handlePull, { streams: true }],
    ['POST', '/api/push', native.handlePush, { streams: true }],
    ['POST', '/api/create', native.handleCreate, { streams: true }],
    ['POST', '/api/copy', native.handleCopy],
    ['DELETE', '/api/delete', native.handleDelete],
    ['HEAD', '/api/blobs/:digest', native.handleHeadBlob],
    ['POST', '/api/blobs/:digest', native.handleCreateBlob],
    ['POST', '/v1/chat/completions', openai.handleChatCompletions, { streams: true }],
    ['POST', '/v1/completions', openai.handleCompletions, { streams: true }],
    ['POST', '/v1/embeddings', openai.handleEmbeddingsV1],
    ['GET', '/v1/models', openai.handleModels],
    ['GET', '/v1/models/:model', openai.handleModel],
].map(([method, pattern, handler, options]) => ({
    method,
    handler,
    streams: options?.streams === true,
    paramNames: [...pattern.matchAll(/:(\w+)/g)].map(match => match[1]),
    regex: new RegExp('^' + pattern.replace(/:\w+/g, '([^/]+)') + '$'),
}));

function matchPath(path) {
    const matches = [];
    for (const route of ROUTES) {
        const match = route.regex.exec(path);
        if (!match)
            continue;
        const params = {};
        route.paramNames.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
        matches.push({ route, params });
    }
    return matches;
}

// gin's router: 405 for a known path with another method, a redirect when
// only the trailing slash differs, otherwise 404. Returns null once it has
// sent that response.
function findRoute(exchange) {
    const matches = matchPath(exchange.path);
    const found = matches.find(match => match.route.method === exchange.method);
    if (found)
        return found;
    if (matches.length > 0) {
        sendText(exchange.res, 405, 'text/plain', '405 method not allowed');
        return null;
    }

    const toggled = exchange.path.endsWith('/') ? exchange.path.slice(0, -1) : exchange.path + '/';
    if (exchange.path !== '/' && matchPath(toggled).some(match => match.route.method === exchange.method)) {
        const status = exchange.method === 'GET' ? 301 : 307;
        exchange.res.writeHead(status, { Location: toggled + exchange.url.search, 'Content-Length': 0 });
        exchange.res.end();
        return null;
    }

    sendText(exchange.res, 404, 'text/plain', '404 page not found');
    return null;
}

function isOpenAiPath(path) {
    return path.startsWith('/v1/');
}

function sendRouteError(exchange, status, message) {
    if (isOpenAiPath(exchange.path))
        openai.sendHandlerError(exchange, status, message);
    else
        sendGinJson(exchange.res, status, { error: message });
}

// ---- Host check (Ollama's DNS-rebinding guard) ---------------------------

// Go's net.SplitHostPort; on failure Ollama uses the whole Host value.
function hostWithoutPort(hostHeader) {
    if (hostHeader.startsWith('[')) {
        const end = hostHeader.indexOf(']');
        if (end > 0 && hostHeader[end + 1] === ':')
            return hostHeader.slice(1, end);
        return hostHeader;
    }
    const colon = hostHeader.lastIndexOf(':');
    if (colon < 0 || hostHeader.indexOf(':') !== colon)
        return hostHeader;
    return hostHeader.slice(0, colon);
}

function ipv4Octets(address) {
    return address.split('.').map(Number);
}

function isAllowedIp(address) {
    let ip = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped)
        ip = mapped[1];

    if (isIP(ip) === 4) {
        const [a, b] = ipv4Octets(ip);
        const loopback = a === 127;
        const isPrivate = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
        if (loopback || isPrivate || ip === '0.0.0.0')
            return true;
    } else {
        const firstByte = parseInt(ip.split(':')[0] || '0', 16) >> 8;
        if (ip === '::1' || ip === '::' || (firstByte & 0xfe) === 0xfc)
            return true;
    }

    return Object.values(networkInterfaces()).flat().some(iface => iface.address.toLowerCase() === ip);
}

// Returns 'reject', 'ip' (allowed by address) or 'name' (allowed by name).
function checkHost(hostHeader) {
    const host = hostWithoutPort(hostHeader);
    if (isIP(host) !== 0)
        return isAllowedIp(host) ? 'ip' : 'reject';

    const name = host.toLowerCase();
    const allowed = name === '' || name === 'localhost' || name === hostname().toLowerCase()
        || ['.localhost', '.local', '.internal'].some(suffix => name.endsWith(suffix));
    return allowed ? 'name' : 'reject';
}

// ---- Origin check (gin-contrib/cors 1.7.2 as Ollama configures it) ----------

const CORS_ALLOWED_HEADERS = [
    'Authorization', 'Content-Type', 'User-Agent', 'Accept', 'X-Requested-With', 'Openai-Beta',
    'X-Stainless-Arch', 'X-Stainless-Async', 'X-Stainless-Custom-Poll-Interval', 'X-Stainless-Helper-Method',
    'X-Stainless-Lang', 'X-Stainless-Os', 'X-Stainless-Package-Version', 'X-Stainless-Poll-Helper',
    'X-Stainless-Retry-Count', 'X-Stainless-Runtime', 'X-Stainless-Runtime-Version', 'X-Stainless-Timeout',
];

function allowedOrigins() {
    const origins = (process.env.OLLAMA_ORIGINS ?? '').split(',').filter(origin => origin !== '');
    for (const host of ['localhost', '127.0.0.1', '0.0.0.0'])
        origins.push(`http://${host}`, `https://${host}`, `http://${host}:*`, `https://${host}:*`);
    origins.push('app://*', 'file://*', 'tauri://*', 'vscode-webview://*', 'vscode-file://*');
    return origins.map(origin => origin.toLowerCase());
}

// gin-contrib/cors wildcard rules. A trailing "*" also drops the character
// before it, so "http://localhost:*" admits any origin starting with
// "http://localhost", which is the library's behaviour, kept on purpose.
function originAllowed(origin) {
    for (const allowed of allowedOrigins()) {
        if (allowed === '*' || allowed === origin)
            return true;
        const star = allowed.indexOf('*');
        if (star < 0)
            continue;
        if (star === 0 && origin.endsWith(allowed.slice(1)))
            return true;
        if (star === allowed.length - 1 && origin.startsWith(allowed.slice(0, star - 1)))
            return true;
        if (origin.startsWith(allowed.slice(0, star)) && origin.endsWith(allowed.slice(star + 1)))
            return true;
    }
    return false;
}

function firstRawHeader(exchange, name) {
    const pair = exchange.record.rawHeaders.find(([key]) => key.toLowerCase() === name);
    return pair ? pair[1] : '';
}

// Returns 'none' (not a CORS request), 'reject', 'preflight' or 'allowed'.
function checkOrigin(exchange) {
    const origin = firstRawHeader(exchange, 'origin');
    if (origin === '')
        return 'none';
    const host = firstRawHeader(exchange, 'host');
    if (origin === `http://${host}` || origin === `https://${host}`)
        return 'none';
    if (!originAllowed(origin))
        return 'reject';
    return exchange.method === 'OPTIONS' ? 'preflight' : 'allowed';
}

function sendPreflight(exchange, origin) {
    exchange.res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,HEAD',
        'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(','),
        'Access-Control-Max-Age': '43200',
        'Access-Control-Allow-Origin': origin,
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    exchange.res.end();
}

// Runs the CORS and Host middlewares in Ollama's order. Returns true when
// they sent the response themselves.
function handledByMiddleware(exchange) {
    const cors = checkOrigin(exchange);
    if (cors === 'reject') {
        sendEmpty(exchange.res, 403);
        return true;
    }
    if (cors === 'preflight') {
        sendPreflight(exchange, firstRawHeader(exchange, 'origin'));
        return true;
    }
    if (cors === 'allowed') {
        exchange.res.setHeader('Access-Control-Allow-Origin', firstRawHeader(exchange, 'origin'));
        exchange.res.setHeader('Vary', 'Origin');
    }

    const host = checkHost(exchange.req.headers.host ?? '');
    if (host === 'reject') {
        sendEmpty(exchange.res, 403);
        return true;
    }
    if (host === 'name' && exchange.method === 'OPTIONS') {
        sendEmpty(exchange.res, 204);
        return true;
    }
    return false;
}

// ---- Test controls applied before any handler ---------------------------------

// Handles X-Fake-Stall, the early X-Fake-Error modes and, for routes that do
// not stream, the first-byte delay and reset. Returns true when the request
// needs nothing more.
async function handledByControls(exchange, controls, route) {
    if (controls.stall) {
        await exchange.waitForClose();
        return true;
    }

    const earlyError = ['before', 'busy', 'empty-403'].includes(controls.error);
    if (!route.streams || earlyError) {
        if (!await exchange.sleep(controls.firstByteDelayMs))
            return true;
        controls.firstByteDelayMs = 0;
    }

    switch (controls.error) {
    case 'before':
        sendRouteError(exchange, 500, RUNNER_STOPPED_MESSAGE);
        return true;
    case 'busy':
        sendRouteError(exchange, 503, SERVER_BUSY_MESSAGE);
        return true;
    case 'empty-403':
        sendEmpty(exchange.res, 403);
        return true;
    case 'reset':
        if (route.streams)
            return false;
        exchange.resetConnection();
        return true;
    default:
        return false;
    }
}

// ---- Server -------------------------------------------------------------------------

class FakeOllama {
    constructor() {
        this.catalogue = new Catalogue();
        this.records = [];
        this.nextId = 1;
        this.live = new Set();
        this.heldStreams = new Set(); // wake-up functions of streams held by X-Fake-Hold
        this.sockets = new Set();
        this.nextSocketId = 1;
        this.http = createServer({ requestTimeout: 0 }, (req, res) => {
            this.dispatch(req, res).catch(error => this.failInternally(res, error));
        });
        // Ollama's http.Server has no idle timeout; 0 keeps idle connections open.
        this.http.keepAliveTimeout = 0;
        this.http.on('connection', socket => {
            // Tests tell pooled from fresh upstream connections by this id.
            socket.fakeConnectionId = this.nextSocketId++;
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
    }

    failInternally(res, error) {
        process.stderr.write(`fake-ollama: handler failed: ${error.stack ?? error}\n`);
        if (!res.headersSent)
            sendGinJson(res, 500, { error: `fake-ollama internal error: ${error.message}` });
        else
            res.destroy();
    }

    async dispatch(req, res) {
        if (req.url.startsWith('/_fake/'))
            return this.dispatchControl(req, res);

        const exchange = new Exchange(req, res, this);
        exchange.record.id = this.nextId++;
        exchange.record.connectionId = req.socket.fakeConnectionId;
        this.records.push(exchange.record);
        this.live.add(exchange);
        exchange.onClose(() => this.live.delete(exchange));

        if (!await exchange.readBody())
            return;
        if (handledByMiddleware(exchange))
            return;
        const found = findRoute(exchange);
        if (!found)
            return;

        let controls;
        try {
            controls = readControls(req.headers);
        } catch (error) {
            if (!(error instanceof ControlError))
                throw error;
            return sendRouteError(exchange, 400, error.message);
        }
        if (await handledByControls(exchange, controls, found.route))
            return;
        await found.route.handler(exchange, controls, found.params);
    }

    dispatchControl(req, res) {
        req.resume();
        const path = req.url.split('?')[0];
        const endpoints = {
            'GET /_fake/requests': () => this.records,
            'POST /_fake/reset': () => this.reset(),
            'POST /_fake/release': () => ({ released: this.release() }),
            'GET /_fake/stats': () => this.stats(),
        };
        const endpoint = endpoints[`${req.method} ${path}`];
        if (endpoint)
            return sendControlJson(res, 200, endpoint());
        const knownPath = Object.keys(endpoints).some(key => key.endsWith(` ${path}`));
        sendControlJson(res, knownPath ? 405 : 404, { error: `no control endpoint ${req.method} ${path}` });
    }

    reset() {
        this.records = [];
        this.catalogue.reset();
        return { reset: true };
    }

    release() {
        const waiting = [...this.heldStreams];
        for (const wake of waiting)
            wake();
        return waiting.length;
    }

    stats() {
        const exchanges = [...this.live];
        return {
            openConnections: this.sockets.size,
            activeRequests: exchanges.filter(exchange => !exchange.record.finished).length,
            streamsInProgress: exchanges.filter(exchange => exchange.streaming).length,
            heldStreams: this.heldStreams.size,
            requestsReceived: this.nextId - 1,
        };
    }

    listen(host, port) {
        return new Promise((resolve, reject) => {
            this.http.once('error', reject);
            this.http.listen(port, host, () => resolve(this.http.address().port));
        });
    }

    close() {
        this.http.close();
        for (const socket of this.sockets)
            socket.destroy();
    }
}

function sendControlJson(res, status, value) {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
}

// ---- Command line ---------------------------------------------------------------

function isLoopbackHost(host) {
    return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function parseCommandLine() {
    const { values } = parseArgs({
        options: {
            host: { type: 'string', default: '127.0.0.1' },
            port: { type: 'string', default: '0' },
        },
    });
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
        throw new Error(`invalid --port "${values.port}": expected 0 to 65535`);
    if (!isLoopbackHost(values.host))
        throw new Error(`invalid --host "${values.host}": the fake binds to loopback addresses only`);
    return { host: values.host, port };
}

async function main() {
    let options;
    try {
        options = parseCommandLine();
    } catch (error) {
        process.stderr.write(`fake-ollama: ${error.message}\n`);
        process.exit(2);
    }

    const server = new FakeOllama();
    const port = await server.listen(options.host, options.port);
    const stop = () => {
        server.close();
        process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stdout.write(`LISTENING ${port}\n`);
}

main().catch(error => {
    process.stderr.write(`fake-ollama: ${error.message}\n`);
    process.exit(1);
});
