// SPDX-License-Identifier: GPL-3.0-or-later
//
// One request and its response, with the record that /_fake/requests lists.

import { createHash } from 'node:crypto';

// Bodies larger than this are counted and hashed but stored only up to here.
const MAX_STORED_BODY_BYTES = 32 * 1024 * 1024;

function rawHeaderPairs(rawHeaders) {
    const pairs = [];
    for (let i = 0; i + 1 < rawHeaders.length; i += 2)
        pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
    return pairs;
}

function parseTarget(target) {
    try {
        return new URL(target, 'http://fake-ollama.invalid');
    } catch {
        return new URL('http://fake-ollama.invalid/');
    }
}

// The entry of GET /_fake/requests. The server sets the id; the exchange
// fills in the body and the response fields as they happen.
function newRecord(req, path) {
    return {
        id: 0,
        method: req.method,
        url: req.url,
        path,
        httpVersion: req.httpVersion,
        headers: { ...req.headers },
        rawHeaders: rawHeaderPairs(req.rawHeaders),
        body: '',
        bodyBytes: 0,
        bodySha256: '',
        bodyTruncated: false,
        receivedAt: Date.now(),
        status: null,
        responseStartedAt: null,
        closedAt: null,
        finished: false,
        aborted: false,
        reset: false,
    };
}

export class Exchange {
    constructor(req, res, server) {
        this.req = req;
        this.res = res;
        this.server = server;
        this.url = parseTarget(req.url);
        this.path = this.url.pathname;
        this.method = req.method;
        this.body = Buffer.alloc(0);
        this.closed = false;
        this.streaming = false;
        this.closeListeners = new Set();
        this.record = newRecord(req, this.path);

        this.watchResponse();
    }

    watchResponse() {
        const writeHead = this.res.writeHead.bind(this.res);
        this.res.writeHead = (status, ...rest) => {
            this.record.status = status;
            this.record.responseStartedAt = Date.now();
            return writeHead(status, ...rest);
        };

        this.res.on('finish', () => {
            this.record.finished = true;
        });
        this.res.on('close', () => {
            // 'close' without 'finish' means the connection went away first.
            if (!this.res.writableFinished && !this.record.reset)
                this.record.aborted = true;
            this.record.closedAt = Date.now();
            this.closed = true;
            this.streaming = false;
            for (const listener of this.closeListeners)
                listener();
            this.closeListeners.clear();
        });
    }

    // Reads the whole request body. Resolves false when the client went away first.
    readBody() {
        const hash = createHash('sha256');
        const stored = [];
        let storedBytes = 0;

        return new Promise(resolve => {
            this.req.on('data', chunk => {
                hash.update(chunk);
                this.record.bodyBytes += chunk.length;
                const room = MAX_STORED_BODY_BYTES - storedBytes;
                if (chunk.length > room)
                    this.record.bodyTruncated = true;
                if (room > 0) {
                    const kept = chunk.subarray(0, room);
                    stored.push(kept);
                    storedBytes += kept.length;
                }
            });
            this.req.on('end', () => {
                this.body = Buffer.concat(stored);
                this.record.body = this.body.toString('utf8');
                this.record.bodySha256 = hash.digest('hex');
                resolve(true);
            });
            this.onClose(() => resolve(false));
        });
    }

    onClose(listener) {
        if (this.closed)
            listener();
        else
            this.closeListeners.add(listener);
    }

    // Waits `ms` milliseconds. Resolves false at once if the connection closes.
    sleep(ms) {
        if (this.closed)
            return Promise.resolve(false);
        if (ms <= 0)
            return Promise.resolve(true);
        return new Promise(resolve => {
            const wake = () => {
                clearTimeout(timer);
                this.closeListeners.delete(wake);
                resolve(!this.closed);
            };
            const timer = setTimeout(wake, ms);
            this.closeListeners.add(wake);
        });
    }

    // Waits while the client's socket buffer is full, as Ollama's writes
    // block under TCP flow control. Resolves false if the connection closes.
    waitForDrain() {
        if (this.closed)
            return Promise.resolve(false);
        if (!this.res.writableNeedDrain)
            return Promise.resolve(true);
        return new Promise(resolve => {
            const wake = () => {
                this.res.off('drain', wake);
                this.closeListeners.delete(wake);
                resolve(!this.closed);
            };
            this.res.once('drain', wake);
            this.closeListeners.add(wake);
        });
    }

    // Waits until POST /_fake/release. Resolves false if the connection closes first.
    waitForRelease() {
        if (this.closed)
            return Promise.resolve(false);
        return new Promise(resolve => {
            const wake = () => {
                this.server.heldStreams.delete(wake);
                this.closeListeners.delete(wake);
                resolve(!this.closed);
            };
            this.server.heldStreams.add(wake);
            this.closeListeners.add(wake);
        });
    }

    // Resolves only when the client closes; no response is ever sent.
    waitForClose() {
        return new Promise(resolve => this.onClose(resolve));
    }

    // Destroys the TCP connection mid-response, as a crashing server would.
    resetConnection() {
        this.record.reset = true;
        this.req.socket.destroy();
    }
}
