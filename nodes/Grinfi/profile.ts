import type { IDataObject } from 'n8n-workflow';

import { offsetPager } from '../shared/pagination';
import type { ApiProfile } from '../shared/transport';

function describeValidation(data: unknown): string | undefined {
	if (!data || typeof data !== 'object') return undefined;
	const lines = Object.entries(data as IDataObject).map(([field, messages]) =>
		`${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
	);
	return lines.length ? lines.join('; ') : undefined;
}

/**
 * Grinfi (leadgen.grinfi.io): `{data, limit, offset, total, has_more}` lists, errors as
 * `{error: {reason, message, data}}`, 300 requests a minute per key.
 */
export const grinfi: ApiProfile = {
	name: 'Grinfi',
	credentialType: 'grinfiApi',
	secretField: 'apiKey',
	requestsPerMinute: 300,
	errorOf(body, statusCode) {
		const envelope = (body ?? {}) as IDataObject;
		const error = (envelope.error ?? {}) as IDataObject;
		const message =
			(typeof error.message === 'string' && error.message) ||
			(typeof envelope.message === 'string' && envelope.message) ||
			`HTTP ${statusCode}`;
		return {
			message: error.reason ? `${message} (${String(error.reason)})` : message,
			description: describeValidation(error.data),
		};
	},
	unwrap(body) {
		if (Array.isArray(body)) return body as IDataObject[];
		const envelope = (body ?? {}) as IDataObject;
		if (Array.isArray(envelope.data)) return envelope.data as IDataObject[];
		return envelope;
	},
	pager: offsetPager({ maxPageSize: 100, recordsProperty: 'data' }),
	statusHints: {
		401: 'Check the API key in the Grinfi credential.',
		402: 'Your Grinfi team has no credits left for this (enrichment needs credits). Top up in Grinfi, then run the item again.',
		403: 'The API key has no access to this resource.',
		504: 'Grinfi timed out. Narrow the request (e.g. filter by automation) or use the per-item operation.',
	},
};
