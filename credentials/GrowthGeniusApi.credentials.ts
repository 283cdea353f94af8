import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class GrowthGeniusApi implements ICredentialType {
	name = 'growthGeniusApi';

	displayName = 'GrowthGenius API';

	documentationUrl = 'https://github.com/outreach-nodes/n8n-nodes-outreach#growthgenius-api';

	icon = { light: 'file:../nodes/GrowthGenius/growthgenius.svg', dark: 'file:../nodes/GrowthGenius/growthgenius.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your GrowthGenius API key. It is sent as it is in the Authorization header (no "Bearer" prefix).',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 78',
			description:
				'Numeric ID of the GrowthGenius user the contacts and messages belong to; every call except the User API needs it. Not sure? Save the credential without it, run the GrowthGenius node with User → Get Many, copy the "ID" of your user and add it here.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.growthgenius.com',
			description: 'Change only to point at a GrowthGenius sandbox or proxy',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.apiKey.trim()}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/integrations/v1/users',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'GrowthGenius refused the API key. Paste the key alone, without "Bearer".',
				},
			},
		],
	};
}
