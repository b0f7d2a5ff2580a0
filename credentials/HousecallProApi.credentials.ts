import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Housecall Pro API key: `Authorization: Token <key>` for a Company API Key and an Application API
 * Key alike (https://docs.housecallpro.com/docs/housecall-public-api, securitySchemes "Token
 * {api-key}"; the Get Jobs page's curl shows only a placeholder). `X-Company-Id` is sent only when
 * Company ID is filled in: a key of a single-company account is refused when it sends the header.
 */
export class HousecallProApi implements ICredentialType {
	name = 'housecallProApi';

	displayName = 'Housecall Pro API';

	icon: Icon = { light: 'file:../nodes/HousecallPro/housecallPro.svg', dark: 'file:../nodes/HousecallPro/housecallPro.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-field-service/n8n-nodes-field-service/blob/main/docs/credentials/housecall-pro.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Company API Key (Housecall Pro app: App Store → API Key Management, MAX or XL plan) or an Application API Key (partners)',
			hint: "A Company API Key is refused by the job schedule and dispatch endpoints: the node then goes through the job's appointment (option Schedule Through). Everything else works with either.",
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			placeholder: 'e.g. cmp_1a2b3c',
			description:
				'Only for multi-location accounts: the location (company) to act for, sent as the X-Company-Id header',
			hint: 'Leave empty otherwise: a single-company key is refused when the header is sent.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.housecallpro.com',
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Housecall Pro Instant Trigger: the signing secret shown when you add the webhook URL in the Housecall Pro app (MAX plan)',
			hint: 'Every delivery is checked against it; leave empty if you do not use the instant trigger.',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string> | undefined),
			Authorization: `Token ${String(credentials.apiKey ?? '').trim()}`,
		};
		const companyId = typeof credentials.companyId === 'string' ? credentials.companyId.trim() : '';
		if (companyId) headers['X-Company-Id'] = companyId;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/jobs',
			qs: { page_size: 1 },
		},
		// n8n shows only the HTTP reason ("Unauthorized") for a failed test unless a rule names the
		// status. Housecall Pro's own 401 body is `{"message":"Unauthorized"}` for every cause
		// (https://docs.housecallpro.com/docs/housecall-public-api), so this names the causes.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Unauthorized (Housecall Pro answered 401): the API key is wrong or revoked, or a Company ID was sent with a key that acts for one company only',
				},
			},
		],
	};
}
