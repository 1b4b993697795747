// SPDX-License-Identifier: GPL-3.0-or-later
//
// The event claim flow end to end, as staff and an attendee would do it:
// staff create a code and print the sheet with the CLI; the "phone"
// (zbarimg) reads the QR code from the printed page; Debian's chromium,
// driven by playwright-core at a phone's viewport, opens the claim page and
// claims; the key read from the page then works with the official ollama
// client against the headless gateway in front of the fake Ollama.
//
//   SOULFRA_GATEWAY_BIN=<soulfra-gateway> SOULFRA_FAKE_OLLAMA=<fake-ollama.mjs> \
//     node claim-browser.mjs [--screenshots DIR]
//
// With --screenshots, the claim form, the key page (key masked) and the
// printed sheet are saved as PNG files in DIR. Prints one line per check,
// ends with "N passed, N failed" and exits 1 on any failure.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { Ollama } from 'ollama';
import { chromium } from 'playwright-core';

const RUN_TIMEOUT_MS = 3 * 60 * 1000;
const STARTUP_TIMEOUT_MS = 30 * 1000;
const STOP_TIMEOUT_MS = 35 * 1000;
const CHROMIUM = process.env.SOULFRA_CHROMIUM || '/usr/bin/chromium';
// A phone: 390 x 844 CSS pixels (an iPhone 14's screen), 2 device pixels each.
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const CHROMIUM_FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const scriptDir = dirname(fileURLToPath(import.meta.url));
const gatewayBinary = process.env.SOULFRA_GATEWAY_BIN ?? '';
const fakeScript = process.env.SOULFRA_FAKE_OLLAMA || join(scriptDir, '..', 'fake-ollama', 'fake-ollama.mjs');
const screenshotArg = process.argv.indexOf('--screenshots');
const screenshotDir = screenshotArg > 0 ? process.argv[screenshotArg + 1] : null;
const run = promisify(execFile);

const children = new Set();
const tempDirs = [];
let passed = 0;
let failed = 0;

process.on('exit', () => {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGKILL');
    }
    for (const dir of tempDirs)
        rmSync(dir, { recursive: true, force: true });
});

function spawnUntilLine(command, args, pattern, label) {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.stdoutText = '';
    child.stderrText = '';
    child.stderr.on('data', data => { child.stderrText += data; });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label}: did not start within ${STARTUP_TIMEOUT_MS} ms`)),
            STARTUP_TIMEOUT_MS);
        child.on('exit', code => reject(new Error(`${label}: exited early (code ${code})\n${child.stderrText}`)));
        child.stdout.on('data', data => {
            child.stdoutText += data;
            const match = pattern.exec(child.stdoutText);
            if (match) {
                clearTimeout(timer);
                child.removeAllListeners('exit');
                resolve({ child, match });
            }
        });
    });
}

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

async function check(name, body) {
    try {
        await body();
        passed += 1;
        console.log(`ok - ${name}`);
    } catch (error) {
        failed += 1;
        console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    }
}

async function gateway(args) {
    return run(gatewayBinary, args, { timeout: 30000 });
}

// Staff: an event with one single-use code, printed on an L7160 sheet that
// points at the gateway. The "phone" reads the sheet back with zbarimg.
async function printAndScan(dataDir, gatewayUrl) {
    const created = await gateway(['events', 'create', '--data-dir', dataDir, '--name', 'DevFest 2026',
        '--text', 'Scan, claim, and try the gateway for a week.', '--single-use', '1']);
    const lines = created.stdout.trim().split('\n');
    const [eventId, code] = lines;
    writeFileSync(join(dataDir, 'codes.txt'), created.stdout);

    await gateway(['events', 'set-url', gatewayUrl, '--data-dir', dataDir]);
    const pdf = join(dataDir, 'sheet.pdf');
    await gateway(['events', 'sheet', eventId, '--template', 'L7160', '--out', pdf, '--codes',
        join(dataDir, 'codes.txt'), '--data-dir', dataDir]);

    const page = join(dataDir, 'page');
    await run('pdftoppm', ['-r', '300', '-png', '-singlefile', pdf, page]);
    const { stdout } = await run('zbarimg', ['-q', '--raw', `${page}.png`]);
    if (screenshotDir) {
        // A full sheet for the documentation: an event of 21 codes.
        const full = await gateway(['events', 'create', '--data-dir', dataDir, '--name', 'DevFest 2026',
            '--single-use', '21']);
        writeFileSync(join(dataDir, 'full.txt'), full.stdout);
        const fullPdf = join(dataDir, 'full.pdf');
        await gateway(['events', 'sheet', full.stdout.split('\n')[0], '--template', 'L7160', '--out', fullPdf,
            '--codes', join(dataDir, 'full.txt'), '--outlines', '--data-dir', dataDir]);
        await run('pdftoppm', ['-r', '80', '-png', '-singlefile', fullPdf, join(screenshotDir, 'claim-sheet')]);
    }
    return { code, scanned: stdout.trim() };
}

async function main() {
    const deadline = setTimeout(() => {
        console.log(`not ok - the run took longer than ${RUN_TIMEOUT_MS} ms\n${passed} passed, ${failed + 1} failed`);
        process.exit(1);
    }, RUN_TIMEOUT_MS);
    deadline.unref();
    assert(gatewayBinary, 'SOULFRA_GATEWAY_BIN is not set');

    const dataDir = mkdtempSync(join(tmpdir(), 'soulfra-claim-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'soulfra-chromium-'));
    tempDirs.push(dataDir, profileDir);

    const fake = await spawnUntilLine(process.execPath, [fakeScript, '--port', '0'], /^LISTENING (\d+)$/m, 'fake Ollama');
    const fakeUrl = `http://127.0.0.1:${fake.match[1]}`;
    const gw = await spawnUntilLine(gatewayBinary,
        ['--headless', '--listen', '127.0.0.1:0', '--upstream', fakeUrl, '--data-dir', dataDir],
        /^soulfra-gateway: listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/m, 'gateway');
    const gatewayUrl = gw.match[1];
    console.log(`claim-browser: gateway ${gatewayUrl} in front of fake Ollama ${fakeUrl}`);

    const { code, scanned } = await printAndScan(dataDir, gatewayUrl);
    await check('the printed sheet scans to the claim URL of the code', async () => {
        assert(scanned === `${gatewayUrl}/claim/${code.replaceAll('-', '')}`, `scanned ${JSON.stringify(scanned)}`);
    });

    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, ...PHONE,
    });
    const page = context.pages()[0] ?? await context.newPage();
    const foreign = [];
    const consoleErrors = [];
    page.on('request', request => {
        if (!request.url().startsWith(gatewayUrl))
            foreign.push(request.url());
    });
    page.on('console', message => {
        if (message.type() === 'error')
            consoleErrors.push(message.text());
    });

    let key = '';
    try {
        await check('the claim page opens from the scanned URL with the event text', async () => {
            const response = await page.goto(scanned);
            assert(response.status() === 200, `status ${response.status()}`);
            assert(await page.textContent('h1') === 'DevFest 2026', 'event name in h1');
            assert((await page.textContent('main')).includes('try the gateway for a week'), 'event text shown');
            const csp = response.headers()['content-security-policy'] ?? '';
            assert(csp.startsWith("default-src 'none'"), `CSP ${csp}`);
        });

        await check('the page fits a phone screen and loads nothing else', async () => {
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            assert(width <= PHONE.viewport.width, `page is ${width} px wide`);
            assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
            assert(consoleErrors.length === 0, `console errors (CSP?): ${consoleErrors.join(' | ')}`);
        });
        if (screenshotDir)
            await page.screenshot({ path: join(screenshotDir, 'claim-page.png'), fullPage: true });

        await check('claiming shows the key once, with a copy button the inline script enabled', async () => {
            await page.fill('#email', 'ada@example.org');
            await page.check('#consent');
            await Promise.all([page.waitForNavigation(), page.tap('#claim')]);
            key = (await page.textContent('#api-key')).trim();
            assert(/^sk_trial_[0-9a-z]+$/.test(key), `key ${JSON.stringify(key)}`);
            assert(await page.isVisible('#copy'), 'the copy button stays hidden: the inline script did not run');
            const snippet = await page.textContent('pre');
            assert(snippet.includes(`curl ${gatewayUrl}/api/chat`), `snippet origin: ${snippet}`);
            assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
        });
        if (screenshotDir) {
            await page.screenshot({ path: join(screenshotDir, 'claim-key.png'), fullPage: true,
                mask: [page.locator('#api-key'), page.locator('pre')], maskColor: '#c9d1d9' });
        }

        await check('reloading the key page never shows a key again', async () => {
            const response = await page.reload();
            assert(response.status() === 409, `status ${response.status()}`);
            const text = await page.textContent('body');
            assert(!text.includes('sk_trial_'), 'a key is on the reloaded page');
            assert(text.includes('Already claimed'), `page says: ${text}`);
        });

        await check('going back to the form and claiming again issues no key', async () => {
            const back = await page.goto(scanned);
            assert(back.status() === 409, `status ${back.status()}`);
            assert(!(await page.textContent('body')).includes('sk_trial_'), 'a key is on the page');
        });
    } finally {
        await context.close();
    }

    await check('the claimed key works with the official ollama client', async () => {
        const ollama = new Ollama({ host: gatewayUrl, headers: { Authorization: `Bearer ${key}` } });
        const reply = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false });
        assert(reply.message.content === 'Hello from the', `reply ${JSON.stringify(reply.message)}`);
        const { models } = await ollama.list();
        assert(models.length > 0, 'no models listed');
    });

    await check('the key is a 7-day pro_trial key of the event', async () => {
        const { stdout } = await gateway(['keys', 'list', '--json', '--data-dir', dataDir]);
        const keys = JSON.parse(stdout);
        const trial = keys.find(entry => entry.tier === 'pro_trial');
        assert(trial, `no pro_trial key in ${stdout}`);
        const days = (Date.parse(trial.expiresAt) - Date.now()) / 86400000;
        assert(days > 6.99 && days <= 7, `expires in ${days} days`);
        assert(!stdout.includes(key), 'keys list printed the secret');
    });

    gw.child.kill('SIGTERM');
    await new Promise(resolve => {
        const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        gw.child.once('exit', () => { clearTimeout(timer); resolve(); });
    });
}

try {
    await main();
} catch (error) {
    failed += 1;
    console.log(`not ok - setup\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
