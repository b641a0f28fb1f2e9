'use strict';
/**
 * A scripted OpenAI-compatible chat model on loopback, for the AI Agent end-to-end test: no key, no internet.
 *
 * n8n's OpenAI Chat Model node (typeVersion 1.2, chat completions) sends `POST {base URL}/chat/completions`
 * with the conversation (`messages`) and the tools it offers (`tools`, OpenAI function format); the editor's
 * model list and the credential test call `GET {base URL}/models`. Both are served here.
 *
 * Every request is recorded (method, path, parsed body), so a test can read what n8n told the model: the
 * tool descriptions and parameter schemas, and the tool results it delivered. Each answer comes from
 * `script(request)`, set by the test and free to change between scenarios; it returns either
 * `{ toolCalls: [{ name, args }] }` (OpenAI `tool_calls`) or `{ text }` (a final answer). The script reads
 * the conversation it is given (for example the last `tool` message) to decide the next turn.
 *
 * Answers `stream: true` requests as server-sent events with the same content, should n8n ask for them.
 */
const http = require('http');

const MODEL_ID = 'scripted-model';

/** Helpers a script uses to read the conversation of one chat-completions request. */
const conversation = {
	/** Every message of the request. */
	messages: (body) => (Array.isArray(body.messages) ? body.messages : []),
	/** The text of a message (a string, or OpenAI content parts). */
	text: (message) =>
		typeof message?.content === 'string'
			? message.content
			: Array.isArray(message?.content)
				? message.content.map((p) => (typeof p === 'string' ? p : (p.text ?? ''))).join('')
				: '',
	/** The tool results (role `tool`) of the conversation so far, oldest first. */
	toolResults: (body) => conversation.messages(body).filter((m) => m.role === 'tool'),
	/** The last message written by the user. */
	lastUser: (body) => [...conversation.messages(body)].reverse().find((m) => m.role === 'user'),
	/** The function tools offered, as `{ name, description, parameters }`. */
	tools: (body) => (Array.isArray(body.tools) ? body.tools : []).map((t) => t.function ?? t),
};

class ScriptedModel {
	constructor(script = () => ({ text: 'No script set.' })) {
		this.script = script;
		/** Every request received: `{ method, path, body }`, oldest first. */
		this.requests = [];
		this.calls = 0;
	}

	/** The chat-completions requests only (what the agent asked the model). */
	chatRequests() {
		return this.requests.filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path));
	}

	async start() {
		this.server = http.createServer((req, res) => this.handle(req, res));
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${this.server.address().port}/v1`;
		return this.url;
	}

	async stop() {
		if (this.server) await new Promise((resolve) => this.server.close(resolve));
	}

	handle(req, res) {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body = {};
			try {
				body = raw ? JSON.parse(raw) : {};
			} catch {
				body = { unparsed: raw };
			}
			const path = req.url.split('?')[0];
			this.requests.push({ method: req.method, path, body });
			if (req.method === 'GET' && /\/models$/.test(path)) {
				return send(res, 200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'wapay-e2e' }] });
			}
			if (req.method === 'POST' && /\/chat\/completions$/.test(path)) {
				let reply;
				try {
					reply = this.script(body);
				} catch (error) {
					return send(res, 500, { error: { message: `scripted model: ${error.message}`, type: 'server_error' } });
				}
				return this.answer(res, body, reply);
			}
			send(res, 404, { error: { message: `scripted model: no route for ${req.method} ${path}`, type: 'invalid_request_error' } });
		});
	}

	answer(res, body, reply) {
		const n = ++this.calls;
		const id = `chatcmpl-scripted-${n}`;
		const toolCalls = (reply.toolCalls ?? []).map((call, k) => ({
			id: call.id ?? `call_${n}_${k}`,
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
		}));
		const message = toolCalls.length > 0 ? { role: 'assistant', content: null, tool_calls: toolCalls } : { role: 'assistant', content: String(reply.text ?? '') };
		const finish = toolCalls.length > 0 ? 'tool_calls' : 'stop';
		const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
		if (!body.stream) {
			return send(res, 200, { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model ?? MODEL_ID, choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage });
		}
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		const chunk = (delta, finishReason = null, extra = {}) =>
			res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model ?? MODEL_ID, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`);
		if (toolCalls.length > 0) chunk({ role: 'assistant', content: null, tool_calls: toolCalls.map((c, index) => ({ index, ...c })) });
		else chunk({ role: 'assistant', content: message.content });
		chunk({}, finish, body.stream_options?.include_usage ? { usage } : {});
		res.end('data: [DONE]\n\n');
	}
}

function send(res, status, json) {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}

module.exports = { ScriptedModel, conversation, MODEL_ID };
