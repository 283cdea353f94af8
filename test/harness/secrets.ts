/** Checks that a secret appears nowhere in what a run produced: items, errors (incl. their message and stack), run data. */
const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

export function serialize(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Error ? { ...(v as unknown as Record<string, unknown>), message: v.message, stack: v.stack } : v,
	);
}

/**
 * Fails when `secret` (as is, JSON-escaped, or escaped twice: a string holding JSON) occurs in
 * the JSON text of `value`: a string containing the secret shows in that text in escaped form.
 */
export function expectNoSecret(value: unknown, secret: string): void {
	const text = serialize(value);
	for (const form of new Set([secret, escaped(secret), escaped(escaped(secret))])) {
		expect({ found: text.includes(form), form }).toEqual({ found: false, form });
	}
}
