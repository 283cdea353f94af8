import type { IDataObject } from 'n8n-workflow';

import { pageNumberPager } from '../shared/pagination';
import type { ApiProfile } from '../shared/transport';

const RECORDS: Record<string, string> = { dossiers: 'dossier', contacts: 'contact', flows: 'flow' };

/** LeadGrid API v1: `{data, meta}` envelopes, `{error: {code, message}}` errors, 600 requests a minute. */
export const leadGrid: ApiProfile = {
	name: 'LeadGrid',
	credentialType: 'leadGridApi',
	secretField: 'apiKey',
	requestsPerMinute: 600,
	checkSecret: (key) =>
		key.startsWith('lg_live_')
			? undefined
			: 'The LeadGrid API key must start with "lg_live_". Create one in LeadGrid under Settings → API and paste the full key into the credential.',
	errorOf(body, statusCode, request) {
		const error = ((body as IDataObject)?.error ?? {}) as IDataObject;
		const email = ((request.body ?? {}) as IDataObject).email;
		if (statusCode === 409 && typeof email === 'string') {
			return { message: `A contact with the email "${email}" already exists (duplicate_contact)`, description: 'Emails are unique per organization, case-insensitively. Update that contact instead, or use another email.' };
		}
		const message = typeof error.message === 'string' ? error.message : `HTTP ${statusCode}`;
		return { message: error.code ? `${message} (${String(error.code)})` : message };
	},
	unwrap(body) {
		const data = (body as IDataObject)?.data;
		return (data ?? body) as IDataObject | IDataObject[];
	},
	pager: pageNumberPager({ maxPageSize: 100, recordsProperty: 'data' }),
	notFound(path) {
		// /dossiers/<id>, /dossiers/<id>/notes, /flows/<id>/stages…: the first record of the path
		const segments = path.split('/').filter(Boolean);
		const at = segments.findIndex((segment) => segment in RECORDS);
		if (at === -1 || !segments[at + 1]) return undefined;
		// unlinking: the link or either record is missing, and LeadGrid's message says which
		if (segments[at + 2] === 'contacts' && segments[at + 3]) return undefined;
		return { what: RECORDS[segments[at]], id: decodeURIComponent(segments[at + 1]) };
	},
	statusHints: {
		401: 'Check the API key in the LeadGrid credential; keys start with lg_live_ and can expire.',
		402: 'API access needs the LeadGrid Growth plan.',
		403: 'The API key lacks the scope this operation needs (Settings → API in LeadGrid).',
	},
};
