import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureCheck =
	| { ok: true; timestamp: number }
	| { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' | 'no-secret' };

/** Constant-time comparison of two strings of hex or any text. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	if (left.length !== right.length) {
		// Compare anyway so the time taken does not depend on where the strings differ.
		timingSafeEqual(left, left);
		return false;
	}
	return timingSafeEqual(left, right);
}

/**
 * Verifies a `t=<unix seconds>,v1=<hex>` signature header: HMAC-SHA256 over `<t>.<raw body>`
 * with the shared secret, compared in constant time, and the timestamp within `toleranceSeconds`
 * of now (either way), so a captured delivery cannot be replayed later.
 */
export function verifyTimestampedSignature(args: {
	header: string | undefined;
	rawBody: Buffer;
	secret: string;
	toleranceSeconds: number;
	nowSeconds?: number;
}): SignatureCheck {
	const { header, rawBody, secret, toleranceSeconds } = args;
	if (!secret) return { ok: false, reason: 'no-secret' };
	if (!header) return { ok: false, reason: 'missing' };
	const parts = new Map<string, string[]>();
	for (const piece of header.split(',')) {
		const at = piece.indexOf('=');
		if (at <= 0) continue;
		const name = piece.slice(0, at).trim();
		parts.set(name, [...(parts.get(name) ?? []), piece.slice(at + 1).trim()]);
	}
	const t = parts.get('t')?.[0];
	const signatures = parts.get('v1') ?? [];
	if (!t || !/^\d+$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
	const timestamp = Number(t);
	const now = args.nowSeconds ?? Math.floor(Date.now() / 1000);
	if (Math.abs(now - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
	const expected = createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`${t}.`, 'utf8'), rawBody]))
		.digest('hex');
	return signatures.some((candidate) => safeEqual(expected, candidate.toLowerCase()))
		? { ok: true, timestamp }
		: { ok: false, reason: 'mismatch' };
}
