import type { Sandbox } from './setup';

/** The requests the sandbox received, as `METHOD path?query`. */
export function requestLines(sandbox: Sandbox): string[] {
	return sandbox.server.requests.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${decodeURIComponent(r.rawQuery)}` : ''}`);
}

export function onlyRequest(sandbox: Sandbox) {
	expect(sandbox.server.requests).toHaveLength(1);
	return sandbox.server.requests[0];
}

export const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x41), Buffer.from('\n%%EOF\n')]);

export function fileItem(data: Buffer, fileName: string, mimeType: string, json: object = {}) {
	return { json: json as Record<string, string>, binary: { data: { base64: data.toString('base64'), fileName, mimeType } } };
}
