import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class GrinfiApi implements ICredentialType {
	name = 'grinfiApi';

	displayName = 'Grinfi API';

	documentationUrl = 'https://github.com/outreach-nodes/n8n-nodes-outreach#grinfi-api';

	icon = { light: 'file:../nodes/Grinfi/grinfi.svg', dark: 'file:../nodes/Grinfi/grinfi.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Grinfi open Settings → API Keys and copy a key. It acts on the team it was created for and is valid for three years.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://leadgen.grinfi.io',
			description: 'Change only to point at a Grinfi sandbox or proxy',
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
			url: '/id/api/users/current',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Grinfi refused the API key: check it was copied in full and has not expired or been deleted.' },
			},
		],
	};
}
