import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FsmNavigatorApi implements ICredentialType {
	name = 'fsmNavigatorApi';

	displayName = 'FSM Navigator API';

	icon: Icon = { light: 'file:../nodes/FsmNavigator/fsmNavigator.svg', dark: 'file:../nodes/FsmNavigator/fsmNavigator.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-field-service/n8n-nodes-field-service/blob/main/docs/credentials/fsm-navigator.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An FSM Navigator API key (starts with fsm_live_ or fsm_test_). Reads need the jobs:read scope, writes jobs:write. The REST API is on Enterprise plans.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://fsmnavigator.com/api/v1',
			description: 'Change only for a proxy or a test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/jobs',
			qs: { per_page: 1 },
		},
		// n8n shows only the HTTP reason ("Unauthorized") for a failed test unless a rule names the
		// status; these say what FSM Navigator means by it (https://fsmnavigator.com/docs/api/endpoints/:
		// a missing or invalid key gets 401; listing jobs needs the jobs:read scope).
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid or missing API key (FSM Navigator answered 401): paste the whole key, starting with fsm_live_ or fsm_test_' } },
			{ type: 'responseCode', properties: { value: 403, message: 'The API key may not read jobs (FSM Navigator answered 403): give it the jobs:read scope' } },
		],
	};
}
