// SPDX-License-Identifier: GPL-3.0-or-later
// Opens paced NDJSON streams through a proxy to bench_fast_upstream and
// measures how late each line arrives: the upstream stamps every line with
// CLOCK_MONOTONIC ("emitted_ns"), and process.hrtime reads the same clock.
//
//   node stream_probe.mjs URL KEY STREAMS LINES INTERVAL_MS
//
// Prints one JSON object: streams completed, dropped, lines received, and
// the median, p99 and max delay in microseconds.
import http from 'node:http';

const [, , url, key, streamsText, linesText, intervalText] = process.argv;
const streams = Number(streamsText ?? 1);
const lines = Number(linesText ?? 50);
const interval = Number(intervalText ?? 20);
const target = new URL('/api/generate', url);
const agent = new http.Agent({ keepAlive: true, maxSockets: streams + 1 });

function openStream() {
    return new Promise(resolve => {
        const delays = [];
        let buffered = '';
        let done = false;
        const request = http.request(target, {
            method: 'POST',
            agent,
            headers: {
                'Content-Type': 'application/json',
                Authorization: `Bearer ${key}`,
                'X-Bench-Lines': String(lines),
                'X-Bench-Interval-Ms': String(interval),
            },
        }, response => {
            response.setEncoding('utf8');
            response.on('data', chunk => {
                const now = process.hrtime.bigint();
                buffered += chunk;
                let end;
                while ((end = buffered.indexOf('\n')) >= 0) {
                    const line = buffered.slice(0, end);
                    buffered = buffered.slice(end + 1);
                    const match = /"emitted_ns":(\d+)/.exec(line);
                    if (match)
                        delays.push(Number(now - BigInt(match[1])) / 1000);
                    if (line.includes('"done":true'))
                        done = true;
                }
            });
            response.on('end', () => resolve({ delays, completed: done && response.statusCode === 200 }));
            response.on('error', () => resolve({ delays, completed: false }));
        });
        request.on('error', () => resolve({ delays, completed: false }));
        request.end('{"model":"llama3.2","prompt":"stream please","stream":true}');
    });
}

const results = await Promise.all(Array.from({ length: streams }, openStream));
const delays = results.flatMap(result => result.delays).sort((a, b) => a - b);
const percentile = p => delays.length ? delays[Math.min(delays.length - 1, Math.floor(delays.length * p))] : null;
const completed = results.filter(result => result.completed && result.delays.length === lines).length;

console.log(JSON.stringify({
    streams,
    completed,
    dropped: streams - completed,
    lines: delays.length,
    p50_us: percentile(0.5),
    p99_us: percentile(0.99),
    max_us: delays.length ? delays[delays.length - 1] : null,
    over_5ms: delays.filter(delay => delay > 5000).length,
}));
agent.destroy();
