// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs the official npm clients, ollama and openai, unchanged against the
// headless gateway, which fronts the fake Ollama.
//
//   SOULFRA_GATEWAY_BIN=<soulfra-gateway> SOULFRA_FAKE_OLLAMA=<fake-ollama.mjs> node run-clients.mjs
//
// Prints one line per check and ends with "N passed, N failed"; exits 1 on
// any failure. Every child process is killed on exit, and the whole run is
// cut off after RUN_TIMEOUT_MS.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ollama } from 'ollama';
import OpenAI from 'openai';

const RUN_TIMEOUT_MS = 2 * 60 * 1000;
const STARTUP_TIMEOUT_MS = 30 * 1000;
const CHECK_TIMEOUT_MS = 20 * 1000;
const COMMAND_TIMEOUT_MS = 30 * 1000;
// The gateway lets in-flight requests drain for up to 30 s on stop; none are in flight here.
const STOP_TIMEOUT_MS = 35 * 1000;
const GATEWAY_LOG_LINES = 40;

const scriptDir = dirname(fileURLToPath(import.meta.url));
const gatewayBinary = process.env.SOULFRA_GATEWAY_BIN ?? '';
const fakeScript = process.env.SOULFRA_FAKE_OLLAMA || join(scriptDir, '..', 'fake-ollama', 'fake-ollama.mjs');

const children = new Set();
let dataDir = null;
let passed = 0;
let failed = 0;

// ---- Process handling --------------------------------------------------------

function killChildren() {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGKILL');
    }
}

function cleanUp() {
    killChildren();
    if (dataDir)
        rmSync(dataDir, { recursive: true, force: true });
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        console.log(`run-clients: stopped by ${signal}`);
        console.log(`${passed} passed, ${failed + 1} failed`);
        process.exit(1);
    });
}

// Starts a child and resolves with { child, match } once a stdout line
// matches `pattern`. Keeps reading both pipes so the child never blocks.
function spawnUntilLine(command, args, pattern, label) {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.stdoutText = '';
    child.stderrText = '';
    child.stderr.on('data', data => { child.stderrText += data; });

    return new Promise((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => fail(`no matching line within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
        const onExit = (code, signal) => fail(`exited early (code ${code}, signal ${signal})`);
        function fail(reason) {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            reject(new Error(`${label}: ${reason}\n  stdout: ${child.stdoutText.trim()}\n  stderr: ${child.stderrText.trim()}`));
        }
        child.on('error', error => fail(error.message));
        child.on('exit', onExit);
        child.stdout.on('data', data => {
            child.stdoutText += data;
            const match = settled ? null : pattern.exec(child.stdoutText);
            if (match) {
                settled = true;
                clearTimeout(timer);
                child.off('exit', onExit);
                resolve({ child, match });
            }
        });
    });
}

// Runs `soulfra-gateway ARGS` to completion. `code` is the exit code, or
// null when the command could not start or was killed (see `failure`).
function runCommand(args) {
    return new Promise(resolve => {
        execFile(gatewayBinary, args, { timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
            let code = 0;
            if (error)
                code = typeof error.code === 'number' ? error.code : null;
            resolve({ code, failure: error?.message ?? '', stdout, stderr });
        });
    });
}

function waitForExit(child, timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms`)), timeoutMs);
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal });
        });
    });
}

// ---- A small test runner -------------------------------------------------------

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

function assertEqual(actual, expected, what) {
    if (actual !== expected)
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(name, body, timeoutMs = CHECK_TIMEOUT_MS) {
    try {
        await withTimeout(Promise.resolve().then(body), timeoutMs);
        passed += 1;
        console.log(`ok - ${name}`);
    } catch (error) {
        failed += 1;
        console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    }
}

// Resolves with the error a call throws; fails when it does not throw.
async function rejectionOf(call) {
    try {
        await call();
    } catch (error) {
        return error;
    }
    throw new Error('the call succeeded but should have failed');
}

// ---- The checks ------------------------------------------------------------------

const chatMessages = [{ role: 'user', content: 'hi' }];

async function checkOllamaClient(gatewayUrl, key, fakeUrl) {
    const ollama = new Ollama({ host: gatewayUrl, headers: { Authorization: `Bearer ${key}` } });

    await check('ollama.chat streams several parts ending with done and eval_count', async () => {
        const parts = [];
        for await (const part of await ollama.chat({ model: 'llama3.2', messages: chatMessages, stream: true }))
            parts.push(part);
        assert(parts.length >= 2, `expected several parts, got ${parts.length}`);
        const last = parts.at(-1);
        assertEqual(last.done, true, 'last part done');
        assertEqual(last.eval_count, 3, 'last part eval_count');
        assertEqual(parts.map(part => part.message.content).join(''), 'Hello from the', 'streamed text');
        assert(parts.slice(0, -1).every(part => part.done === false), 'only the last part is done');
    });

    await check('upstream request has a loopback Host and no client key', async () => {
        const records = await (await fetch(`${fakeUrl}/_fake/requests`)).json();
        const chat = records.find(record => record.path === '/api/chat');
        assert(chat, 'the fake saw no /api/chat request');
        assert(/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(chat.headers.host ?? ''), `upstream Host is ${chat.headers.host}`);
        assert(!JSON.stringify(chat.headers).includes(key), 'the client key reached the upstream');
    });

    await check('ollama.generate without streaming returns one response', async () => {
        const response = await ollama.generate({ model: 'llama3.2', prompt: 'hi', stream: false });
        assertEqual(response.response, 'Hello from the', 'response text');
        assertEqual(response.done, true, 'done');
        assertEqual(response.prompt_eval_count, 10, 'prompt_eval_count');
        assertEqual(response.eval_count, 3, 'eval_count');
    });

    await check('ollama.list returns the upstream models', async () => {
        const { models } = await ollama.list();
        const names = models.map(model => model.name);
        assert(names.includes('llama3.2:latest'), `models: ${names.join(', ')}`);
        const llama = models.find(model => model.name === 'llama3.2:latest');
        assertEqual(llama.details.parameter_size, '3.2B', 'parameter_size');
    });

    await check('ollama.embed returns one vector per input', async () => {
        const response = await ollama.embed({ model: 'nomic-embed-text', input: ['first', 'second'] });
        assertEqual(response.embeddings.length, 2, 'embeddings');
        assertEqual(response.embeddings[0].length, 768, 'dimensions');
        assertEqual(response.prompt_eval_count, 10, 'prompt_eval_count');
    });
}

async function checkOpenAiClient(gatewayUrl, key) {
    const openai = new OpenAI({ apiKey: key, baseURL: `${gatewayUrl}/v1`, maxRetries: 0, timeout: CHECK_TIMEOUT_MS });

    await check('openai streaming without include_usage has no usage in any chunk', async () => {
        const stream = await openai.chat.completions.create({ model: 'llama3.2', messages: chatMessages, stream: true });
        const chunks = [];
        for await (const chunk of stream)
            chunks.push(chunk);
        assert(chunks.every(chunk => chunk.usage === undefined || chunk.usage === null),
            'a chunk carries usage although include_usage was not requested');
        const text = chunks.map(chunk => chunk.choices[0]?.delta?.content ?? '').join('');
        assertEqual(text, 'Hello from the', 'streamed text');
        assert(chunks.some(chunk => chunk.choices[0]?.finish_reason === 'stop'), 'no chunk has finish_reason "stop"');
    });

    await check('openai streaming with include_usage ends with a usage chunk', async () => {
        const stream = await openai.chat.completions.create({
            model: 'llama3.2',
            messages: chatMessages,
            stream: true,
            stream_options: { include_usage: true },
        });
        const chunks = [];
        for await (const chunk of stream)
            chunks.push(chunk);
        const last = chunks.at(-1);
        assert(last?.usage, 'the last chunk has no usage');
        assertEqual(last.choices.length, 0, 'choices of the usage chunk');
        assertEqual(last.usage.prompt_tokens, 10, 'prompt_tokens');
        assertEqual(last.usage.completion_tokens, 3, 'completion_tokens');
        assertEqual(last.usage.total_tokens, 13, 'total_tokens');
        assert(chunks.slice(0, -1).every(chunk => !chunk.usage), 'usage appears before the last chunk');
    });

    await check('openai chat completion without streaming', async () => {
        const completion = await openai.chat.completions.create({ model: 'llama3.2', messages: chatMessages });
        assertEqual(completion.choices[0].message.content, 'Hello from the', 'content');
        assertEqual(completion.choices[0].finish_reason, 'stop', 'finish_reason');
        assertEqual(completion.usage.total_tokens, 13, 'total_tokens');
    });

    await check('openai models.list returns the upstream models', async () => {
        const ids = [];
        for await (const model of openai.models.list())
            ids.push(model.id);
        assert(ids.includes('llama3.2:latest'), `models: ${ids.join(', ')}`);
    });
}

async function checkAuthentication(gatewayUrl) {
    await check('ollama client without a key gets 401', async () => {
        const error = await rejectionOf(() => new Ollama({ host: gatewayUrl }).list());
        assertEqual(error.status_code, 401, 'status_code');
        assert(/^(missing|invalid) API key$/.test(error.message), `message: ${error.message}`);
    });

    await check('ollama client with a wrong key gets 401 invalid API key', async () => {
        const client = new Ollama({ host: gatewayUrl, headers: { Authorization: 'Bearer sk_live_wrong' } });
        const error = await rejectionOf(() => client.chat({ model: 'llama3.2', messages: chatMessages, stream: true }));
        assertEqual(error.status_code, 401, 'status_code');
        assertEqual(error.message, 'invalid API key', 'message');
    });

    await check('openai client with a wrong key gets AuthenticationError', async () => {
        const client = new OpenAI({ apiKey: 'sk_live_wrong', baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
        const error = await rejectionOf(() => client.chat.completions.create({ model: 'llama3.2', messages: chatMessages }));
        assert(error instanceof OpenAI.AuthenticationError, `got ${error?.constructor?.name}: ${error?.message}`);
        assertEqual(error.status, 401, 'status');
        assert(error.message.includes('invalid API key'), `message: ${error.message}`);
    });
}

// The limited key's tier allows two calls a day and one model (see createLimitedKey).
async function checkLimits(gatewayUrl, limitedKey) {
    const ollama = new Ollama({ host: gatewayUrl, headers: { Authorization: `Bearer ${limitedKey}` } });

    await check('ollama.list shows only the models the tier allows', async () => {
        const { models } = await ollama.list();
        assertEqual(JSON.stringify(models.map(model => model.name)), JSON.stringify(['llama3.2:latest']), 'model names');
    });

    await check('ollama client gets 403 for a model the tier does not allow', async () => {
        const error = await rejectionOf(() => ollama.chat({ model: 'QWEN2.5-CODER:7b', messages: chatMessages, stream: false }));
        assertEqual(error.status_code, 403, 'status_code');
        assert(error.message.includes("model 'qwen2.5-coder:7b' is not allowed for tier limited"), `message: ${error.message}`);
    });

    await check('openai client reads 429 headers once the calls per day are used', async () => {
        const openai = new OpenAI({ apiKey: limitedKey, baseURL: `${gatewayUrl}/v1`, maxRetries: 0, timeout: CHECK_TIMEOUT_MS });
        const allowed = await openai.chat.completions.create({ model: 'llama3.2', messages: chatMessages }).withResponse();
        assertEqual(allowed.response.headers.get('x-ratelimit-limit'), '2', 'x-ratelimit-limit of the last allowed call');
        assertEqual(allowed.response.headers.get('x-ratelimit-remaining'), '0', 'x-ratelimit-remaining of the last allowed call');

        const error = await rejectionOf(() => openai.chat.completions.create({ model: 'llama3.2', messages: chatMessages }));
        assert(error instanceof OpenAI.RateLimitError, `got ${error?.constructor?.name}: ${error?.message}`);
        assertEqual(error.status, 429, 'status');
        assertEqual(error.code, 'rate_limit_exceeded', 'code');
        assert(error.message.includes('calls per day limit of 2 reached'), `message: ${error.message}`);
        const retryAfter = Number(error.headers.get('retry-after'));
        assert(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 86400, `retry-after: ${retryAfter}`);
        assertEqual(error.headers.get('x-ratelimit-remaining'), '0', 'x-ratelimit-remaining');
        const reset = Number(error.headers.get('x-ratelimit-reset'));
        const nowSeconds = Date.now() / 1000;
        assert(reset > nowSeconds && reset <= nowSeconds + 86400 + 1, `x-ratelimit-reset: ${reset}`);
    });
}

// ---- Main --------------------------------------------------------------------------

async function startFake() {
    const { match } = await spawnUntilLine(process.execPath, [fakeScript, '--port', '0'], /^LISTENING (\d+)$/m, 'fake Ollama');
    return `http://127.0.0.1:${match[1]}`;
}

async function createKey() {
    const result = await runCommand(['keys', 'create', '--data-dir', dataDir, '--user', 'alice', '--tier', 'pro']);
    const lines = result.stdout.split('\n').map(line => line.trim()).filter(line => line !== '');
    if (result.code !== 0 || lines.length === 0)
        throw new Error(`keys create failed: ${result.failure || 'no key printed'}\n  stderr: ${result.stderr.trim()}`);
    return lines.at(-1);
}

// Creates tier "limited" (2 calls a day, only llama3.2) and a key on it
// with the tiers, users and keys commands.
async function createLimitedKey() {
    const commands = [
        ['tiers', 'set', 'limited', '--calls-per-day', '2', '--models', 'llama3.2', '--data-dir', dataDir],
        ['users', 'set', 'lim', '--tier', 'limited', '--data-dir', dataDir],
        ['keys', 'create', '--data-dir', dataDir, '--user', 'lim', '--tier', 'limited'],
    ];
    let result = null;
    for (const command of commands) {
        result = await runCommand(command);
        if (result.code !== 0)
            throw new Error(`${command.slice(0, 2).join(' ')} failed: ${result.failure}\n  stderr: ${result.stderr.trim()}`);
    }
    return result.stdout.split('\n').map(line => line.trim()).filter(line => line !== '').at(-1);
}

async function startGateway(fakeUrl) {
    const args = ['--headless', '--listen', '127.0.0.1:0', '--upstream', fakeUrl, '--data-dir', dataDir];
    const { child, match } = await spawnUntilLine(gatewayBinary, args,
        /^soulfra-gateway: listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m, 'gateway');
    return { child, url: match[1] };
}

async function stopGateway(gateway, key) {
    await check('gateway exits with code 0 on SIGTERM', async () => {
        gateway.child.kill('SIGTERM');
        const { code, signal } = await waitForExit(gateway.child, STOP_TIMEOUT_MS);
        assertEqual(signal, null, 'signal');
        assertEqual(code, 0, 'exit code');
    }, STOP_TIMEOUT_MS + 1000);

    await check('keys list runs after the gateway stopped', async () => {
        const result = await runCommand(['keys', 'list', '--data-dir', dataDir]);
        assertEqual(result.code, 0, `exit code (${result.failure} ${result.stderr.trim()})`);
        assert(result.stdout.includes('alice'), `the list does not name user alice:\n${result.stdout}`);
        assert(!result.stdout.includes(key), 'keys list printed the secret key');
    });
}

async function main() {
    const deadline = setTimeout(() => {
        console.log(`not ok - the run took longer than ${RUN_TIMEOUT_MS} ms`);
        console.log(`${passed} passed, ${failed + 1} failed`);
        process.exit(1);
    }, RUN_TIMEOUT_MS);
    deadline.unref();

    if (!gatewayBinary)
        throw new Error('SOULFRA_GATEWAY_BIN is not set; run through ctest or set it to the soulfra-gateway binary');
    dataDir = mkdtempSync(join(tmpdir(), 'soulfra-clients-'));

    const fakeUrl = await startFake();
    const key = await createKey();
    const limitedKey = await createLimitedKey();
    const gateway = await startGateway(fakeUrl);
    console.log(`run-clients: gateway ${gateway.url} in front of fake Ollama ${fakeUrl}`);

    await checkOllamaClient(gateway.url, key, fakeUrl);
    await checkOpenAiClient(gateway.url, key);
    await checkAuthentication(gateway.url);
    await checkLimits(gateway.url, limitedKey);
    await stopGateway(gateway, key);
    if (failed > 0)
        printGatewayLog(gateway.child);
}

function printGatewayLog(child) {
    const lines = `${child.stdoutText}${child.stderrText}`.trim().split('\n');
    console.log(`run-clients: last ${GATEWAY_LOG_LINES} lines of the gateway's output:`);
    for (const line of lines.slice(-GATEWAY_LOG_LINES))
        console.log(`  ${line}`);
}

try {
    await main();
} catch (error) {
    failed += 1;
    console.log(`not ok - setup\n  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
