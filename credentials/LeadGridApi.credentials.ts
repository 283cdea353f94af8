import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class LeadGridApi implements ICredentialType {
	name = 'leadGridApi';

	displayName = 'LeadGrid API';

	documentationUrl = 'https://github.com/outreach-nodes/n8n-nodes-outreach#leadgrid-api';

	icon = { light: 'file:../nodes/LeadGrid/leadgrid.svg', dark: 'file:../nodes/LeadGrid/leadgrid.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'lg_live_…',
			description:
				'In LeadGrid open Settings → API, click Create API key, pick the scopes you need and copy the key (shown once). Keys start with lg_live_.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://leadgrid.io/api/v1',
			description: 'Change only to point at a LeadGrid sandbox or proxy',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Secret of the webhook endpoint you created in LeadGrid (Settings → API → Webhooks). The LeadGrid Trigger uses it to verify the X-LeadGrid-Signature of every delivery.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey.trim()}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/flows',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'LeadGrid refused the API key. Keys start with lg_live_; check it was copied in full and has not expired.',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 402, message: 'API access needs the LeadGrid Growth plan.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key needs the flows:read scope for this test.' },
			},
		],
	};
}
