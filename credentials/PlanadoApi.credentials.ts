import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class PlanadoApi implements ICredentialType {
	name = 'planadoApi';

	displayName = 'Planado API';

	icon: Icon = { light: 'file:../nodes/Planado/planado.svg', dark: 'file:../nodes/Planado/planado.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-field-service/n8n-nodes-field-service/blob/main/docs/credentials/planado.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A Planado API key, from Settings → Integrations → API in Planado. It is sent as Authorization: Bearer.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.planadoapp.com/v2',
			description:
				"The API of your account's region (a key works only in its own region). Change it otherwise only for a proxy or a test server.",
			hint: 'https://api.planadoapp.com/v2, or https://api.planado.ru/v2 for accounts in the Russian region.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// One page of jobs: the list has no page-size parameter, and no cheaper documented endpoint exists.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/jobs',
		},
		// n8n shows only the HTTP reason ("Unauthorized") for a failed test unless a rule names the
		// status (https://api-docs.planadoapp.com/docs/v2/index.html: 401 for a missing or wrong key).
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Missing or invalid API key (Planado answered 401): copy it from Settings → Integrations → API; a key works only in its own region (Base URL)',
				},
			},
		],
	};
}
