'use strict';
/**
 * A small contract-server framework for the providers' sandboxes: routes, auth, a per-key rate
 * limit with 429 + Retry-After, fault injection and a log of every request received, so tests can
 * assert exactly what reached the server. Plain Node, no dependencies: the same servers run under
 * jest, in the end-to-end tests and behind `npm run dev`.
 */
const http = require('node:http');
const { randomUUID } = require('node:crypto');

function parseMultipart(body, contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	if (!match) return null;
	const boundary = Buffer.from(`--${match[1] || match[2]}`);
	const fields = {};
	const files = {};
	let start = body.indexOf(boundary);
	while (start !== -1) {
		const next = body.indexOf(boundary, start + boundary.length);
		if (next === -1) break;
		const part = body.subarray(start + boundary.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split !== -1) {
			const head = part.subarray(0, split).toString('utf8');
			const content = part.subarray(split + 4);
			const name = /name="([^"]*)"/i.exec(head)?.[1];
			const filename = /filename="([^"]*)"/i.exec(head)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
			if (name !== undefined) {
				if (filename !== undefined) files[name] = { filename, contentType: type, data: content, size: content.length };
				else fields[name] = content.toString('utf8');
			}
		}
		start = next;
	}
	return { fields, files };
}

function compile(pattern) {
	const names = [];
	const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|:(\w+)/g, (_, a, b) => {
		names.push(a || b);
		return '([^/]+)';
	});
	return { regex: new RegExp(`^${source}$`), names };
}

/** What a route sees of a request when its endpoint ignores paging: no offset, page 1, the same size. */
function withoutPaging(record, url) {
	const view = new URL(url.href);
	view.searchParams.delete('offset');
	if (view.searchParams.has('page')) view.searchParams.set('page', '1');
	let body = record.body;
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		body = { ...body };
		delete body.offset;
		if ('page' in body) body.page = 1;
	}
	return { url: view, body, query: [...view.searchParams.entries()], rawQuery: view.search.replace(/^\?/, '') };
}

/** `value` with `{{name}}` in its strings replaced by `vars[name]` (deeply; buffers as they are). */
function echo(value, vars) {
	if (typeof value === 'string') return value.replace(/\{\{(\w+)\}\}/g, (all, name) => (name in vars ? vars[name] : all));
	if (Buffer.isBuffer(value)) return Buffer.from(echo(value.toString('utf8'), vars));
	if (Array.isArray(value)) return value.map((v) => echo(v, vars));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, echo(v, vars)]));
	return value;
}

class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

class ContractServer {
	/**
	 * @param {object} opts
	 * @param {string} opts.name
	 * @param {(req) => string|null} opts.authenticate returns the API key or throws HttpError
	 * @param {(status:number, code:string, message:string) => object} opts.errorBody the provider's error envelope
	 * @param {{limit:number, windowMs:number}} [opts.rateLimit]
	 * @param {(res:{limit:number, remaining:number}) => object} [opts.rateLimitHeaders]
	 */
	constructor(opts) {
		this.opts = opts;
		this.routes = [];
		this.requests = [];
		this.faults = [];
		this.windows = new Map();
		this.server = null;
		this.url = null;
	}

	route(method, pattern, handler, { auth = true } = {}) {
		this.routes.push({ method, pattern, ...compile(pattern), handler, auth });
		return this;
	}

	/**
	 * Answers the next `times` matching requests with `status` (and body/headers) instead of the route.
	 * - `delayMs` holds the answer (until the client gives up, whichever comes first);
	 * - `drop: true` closes the connection without answering;
	 * - `applied: true` runs the route first (its changes stay) and then answers the fault instead
	 *   of its result: the provider did the work, but the answer was lost or replaced by a gateway;
	 * - `ignorePaging: true` instead makes the route answer as if no offset/page had been sent (the
	 *   first page again, at the size asked for), as an endpoint that ignores paging does; it lasts
	 *   until reset unless `times` is given. The log keeps the request as it was sent;
	 * - `{{key}}` (the API key the request authenticated with) and `{{authorization}}` (its raw
	 *   Authorization header) in the body's strings and in header values are replaced by what the
	 *   request carried: a provider echoing the credential. JSON-encoding the body escapes them;
	 *   `{{keyJson}}` is the key JSON-escaped once more (a message quoting a JSON request).
	 */
	inject({ method, path, status, times, body, headers = {}, delayMs = 0, drop = false, applied = false, ignorePaging = false }) {
		this.faults.push({ method, path, status, times: times ?? (ignorePaging ? Infinity : 1), body, headers, delayMs, drop, applied, ignorePaging });
	}

	clearLog() {
		this.requests.length = 0;
	}

	/** Forgets every key's rate window (a fresh minute), e.g. along with the client's pacers. */
	clearRateWindows() {
		this.windows.clear();
	}

	reset() {
		this.clearLog();
		this.faults.length = 0;
		this.windows.clear();
	}

	error(status, code, message, headers) {
		return new HttpError(status, this.opts.errorBody(status, code, message), headers);
	}

	takeRate(key) {
		const rl = this.opts.rateLimit;
		if (!rl) return null;
		const now = Date.now();
		const stamps = (this.windows.get(key) || []).filter((t) => now - t < rl.windowMs);
		const limited = stamps.length >= rl.limit;
		if (!limited) stamps.push(now);
		this.windows.set(key, stamps);
		const retryAfter = limited ? Math.max(1, Math.ceil((rl.windowMs - (now - stamps[0])) / 1000)) : 0;
		return { limit: rl.limit, remaining: Math.max(0, rl.limit - stamps.length), limited, retryAfter };
	}

	async handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://sandbox');
		const contentType = req.headers['content-type'] || '';
		let json;
		if (/json/i.test(contentType) && raw.length) {
			try {
				json = JSON.parse(raw.toString('utf8'));
			} catch {
				json = undefined;
			}
		}
		const record = {
			id: randomUUID(),
			at: Date.now(),
			method: req.method,
			path: url.pathname,
			rawQuery: url.search.replace(/^\?/, ''),
			query: [...url.searchParams.entries()],
			headers: req.headers,
			contentType,
			raw,
			body: json,
			multipart: /multipart\/form-data/i.test(contentType) ? parseMultipart(raw, contentType) : undefined,
		};
		this.requests.push(record);
		const send = (status, body, headers = {}) => {
			record.status = status;
			const isBuffer = Buffer.isBuffer(body);
			const payload = body === undefined ? '' : isBuffer ? body : JSON.stringify(body);
			res.writeHead(status, {
				...(body === undefined || isBuffer ? {} : { 'Content-Type': 'application/json' }),
				...headers,
			});
			res.end(payload);
		};
		let extraHeaders = {};
		try {
			const fault = this.faults.find(
				(f) => f.times > 0 && (!f.method || f.method === req.method) && (!f.path || f.path === url.pathname),
			);
			const candidates = this.routes.filter((r) => r.regex.test(url.pathname));
			const route = candidates.find((r) => r.method === req.method);
			if (!route) {
				if (candidates.length) throw this.error(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
				throw this.error(404, 'not_found', `No route ${req.method} ${url.pathname}`);
			}
			let key = null;
			if (route.auth) key = this.opts.authenticate(req, this);
			if (key !== null) {
				const rate = this.takeRate(key);
				if (rate) {
					extraHeaders = this.opts.rateLimitHeaders ? this.opts.rateLimitHeaders(rate) : {};
					if (rate.limited) {
						throw this.error(429, 'rate_limited', 'Rate limit exceeded.', { 'Retry-After': String(rate.retryAfter) });
					}
				}
			}
			const params = {};
			const m = route.regex.exec(url.pathname);
			route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
			const handle = () => route.handler({ ...record, params, url, key, searchParams: url.searchParams });
			if (fault?.ignorePaging) {
				fault.times -= 1;
				const seen = { ...record, url, ...withoutPaging(record, url) };
				const result = await route.handler({ ...seen, params, key, searchParams: seen.url.searchParams });
				const out = result || { status: 204 };
				return send(out.status ?? 200, out.body, { ...extraHeaders, ...(out.headers || {}) });
			}
			if (fault) {
				fault.times -= 1;
				if (fault.applied) {
					try {
						await handle();
					} catch {
						// The work failed; the fault's answer is sent all the same.
					}
				}
				if (fault.delayMs) {
					const gone = await new Promise((resolve) => {
						const timer = setTimeout(() => resolve(false), fault.delayMs);
						res.once('close', () => {
							clearTimeout(timer);
							resolve(true);
						});
					});
					if (gone) return undefined;
				}
				if (fault.drop) {
					record.status = 'dropped';
					return req.socket.destroy();
				}
				const vars = { key: key ?? '', keyJson: JSON.stringify(key ?? '').slice(1, -1), authorization: req.headers.authorization ?? '' };
				return send(fault.status, echo(fault.body ?? this.opts.errorBody(fault.status, 'injected', `Injected ${fault.status}`), vars), {
					...extraHeaders,
					...echo(fault.headers, vars),
				});
			}
			const result = await handle();
			const out = result || { status: 204 };
			send(out.status ?? 200, out.body, { ...extraHeaders, ...(out.headers || {}) });
		} catch (error) {
			if (error instanceof HttpError) return send(error.status, error.body, { ...extraHeaders, ...error.headers });
			send(500, this.opts.errorBody(500, 'internal', String(error && error.message)), extraHeaders);
		}
	}

	async listen(port = 0, host = '127.0.0.1') {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch(() => {
				if (!res.headersSent) res.writeHead(500);
				res.end();
			});
		});
		await new Promise((resolve) => this.server.listen(port, host, resolve));
		this.url = `http://${host}:${this.server.address().port}`;
		return this.url;
	}

	async close() {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(resolve));
		this.server = null;
	}
}

/** Records of a collection with string IDs, created in order. */
class Table {
	constructor(rows = []) {
		this.rows = new Map();
		for (const row of rows) this.rows.set(String(row.id), row);
	}
	all() {
		return [...this.rows.values()];
	}
	get(id) {
		return this.rows.get(String(id));
	}
	insert(row) {
		this.rows.set(String(row.id), row);
		return row;
	}
	delete(id) {
		return this.rows.delete(String(id));
	}
}

module.exports = { ContractServer, HttpError, Table, parseMultipart };
