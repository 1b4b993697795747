// SPDX-License-Identifier: GPL-3.0-or-later
// Sends a little realistic traffic through a running gateway with the
// official npm clients, for demos and screenshots:
//
//   node demo-traffic.mjs http://127.0.0.1:11435 <key>
import { Ollama } from 'ollama';
import OpenAI from 'openai';

const [, , gatewayUrl, key] = process.argv;
if (!gatewayUrl || !key) {
    console.error('usage: node demo-traffic.mjs GATEWAY_URL KEY');
    process.exit(2);
}

const ollama = new Ollama({ host: gatewayUrl, headers: { Authorization: `Bearer ${key}` } });
const openai = new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: key });

const chat = await ollama.chat({
    model: 'llama3.2',
    stream: true,
    messages: [{ role: 'user', content: 'Write a haiku about rivers' }],
});
for await (const part of chat)
    process.stdout.write(part.message.content);
process.stdout.write('\n');

const generated = await ollama.generate({ model: 'llama3.2', prompt: 'Why is the sky blue?' });
console.log(generated.response);

await ollama.list();

const stream = await openai.chat.completions.create({
    model: 'qwen2.5-coder:7b',
    stream: true,
    messages: [{ role: 'user', content: 'Explain a Rust borrow in one line' }],
});
for await (const chunk of stream)
    process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');

const completion = await openai.chat.completions.create({
    model: 'llama3.2',
    messages: [{ role: 'user', content: 'Summarise the plot of Hamlet in three sentences.' }],
});
console.log(completion.choices[0].message.content);
