/** Helpers of the Grinfi outreach tests: direct calls to the sandbox (fixtures and cross-checks) and request assertions. */
import type { Sandbox } from '../../harness/sandbox';
import { KEY, run } from '../setup';

export const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export type LoggedRequest = Sandbox['server']['requests'][number];

/** Calls the sandbox directly (not through the node), e.g. to find fixtures or check state afterwards. */
export async function api(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
	const response = await fetch(`${sandbox.server.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${KEY}`, Accept: 'application/json', 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		/* not JSON */
	}
	return { status: response.status, body: parsed };
}

/** The records of a sandbox list (GET, or POST with a body). */
export async function records(sandbox: Sandbox, path: string, body?: unknown): Promise<any[]> {
	const { status, body: data } = await api(sandbox, body === undefined ? 'GET' : 'POST', path, body);
	if (status !== 200) throw new Error(`${path} answered ${status}: ${JSON.stringify(data)}`);
	return Array.isArray(data) ? data : data.data;
}

/** Runs the node and returns the items' JSON, the error and the one request the sandbox received. */
export async function call(sandbox: Sandbox, parameters: object, extra: Parameters<typeof run>[2] = {}) {
	sandbox.server.clearLog();
	const result = await run(sandbox, parameters, extra);
	const requests = [...sandbox.server.requests];
	sandbox.server.clearLog();
	return { result, error: result.error, json: result.items.map((i) => i.json), requests, request: requests[0] as LoggedRequest };
}

/** Asserts the node made exactly one request, with this method, path, query pairs and JSON body. */
export function expectRequest(
	requests: LoggedRequest[],
	method: string,
	path: string,
	query: Array<[string, string]> = [],
	body?: unknown,
): LoggedRequest {
	expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} ${path}`]);
	const request = requests[0];
	expect(request.query).toEqual(query);
	expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
	if (body === undefined) {
		expect(request.raw.length === 0 || request.body === undefined || (typeof request.body === 'object' && Object.keys(request.body).length === 0)).toBe(true);
	} else {
		expect(request.contentType).toMatch(/^application\/json/);
		expect(request.body).toEqual(body);
	}
	return request;
}

export function fileItem(data: Buffer, fileName: string, mimeType: string, property = 'data') {
	return { json: {}, binary: { [property]: { base64: data.toString('base64'), fileName, mimeType } } };
}
