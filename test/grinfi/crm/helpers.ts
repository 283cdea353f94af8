import type { Sandbox } from '../../harness/sandbox';
import { KEY } from '../setup';

export const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** What the node returned for a record: the JSON the sandbox sent, parsed again. */
export const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export type Request = Sandbox['server']['requests'][number];

export function onlyRequest(sandbox: Sandbox): Request {
	expect(sandbox.server.requests.map((r) => `${r.method} ${r.path}`)).toHaveLength(1);
	const request = sandbox.server.requests[0];
	expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
	return request;
}

/** Method, path, decoded query pairs, JSON body and content type of one request. */
export function expectRequest(
	request: Request,
	expected: { method: string; path: string; query?: Array<[string, string]>; body?: unknown; contentType?: string | RegExp },
) {
	expect([request.method, request.path]).toEqual([expected.method, expected.path]);
	expect(request.query).toEqual(expected.query ?? []);
	if (expected.body === undefined) expect(request.raw.length).toBe(0);
	else expect(request.body).toEqual(expected.body);
	const contentType = expected.contentType ?? (expected.body === undefined ? undefined : 'application/json');
	if (contentType instanceof RegExp) expect(request.contentType).toMatch(contentType);
	else if (contentType) expect(request.contentType).toBe(contentType);
}

export const itemsOf = (result: { items: Array<{ json: unknown }> }) => result.items.map((i) => i.json);

export function stamp() {
	const now = new Date().toISOString();
	return { created_at: now, updated_at: now };
}
