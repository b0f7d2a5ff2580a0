import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** What Auth0's token endpoint answers (https://docs.taxfyle.com/concepts/authentication). */
interface TokenResponse {
	access_token?: string;
	error?: string;
	error_description?: string;
}

interface FullResponse {
	statusCode?: number;
	body?: unknown;
}

/**
 * The token URL as an error may show it: scheme, host and path only. A URL typed with a user and
 * password (`https://user:pass@host/`) or a query would otherwise put them into the error.
 */
function shownUrl(url: string): string {
	try {
		const { protocol, host, pathname } = new URL(url);
		return `${protocol}//${host}${pathname}`;
	} catch {
		return 'the Token URL (not a valid URL)';
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Auth0's own words for a refusal, without anything from the request (it holds the client secret). */
function auth0Message(body: unknown): string {
	if (!isRecord(body)) return '';
	const { error, error_description: description } = body as TokenResponse;
	const parts = [typeof error === 'string' ? error : '', typeof description === 'string' ? description : ''].filter(Boolean);
	return parts.join(': ');
}

/**
 * Worklayer (Taxfyle) API client: OAuth 2 client credentials through Auth0, with a JSON body that
 * names the audience (https://docs.taxfyle.com/concepts/authentication). n8n's OAuth2 credential
 * sends a form body without an audience, so the token is fetched here, by `preAuthentication`, and
 * kept in the expirable Access Token field: n8n fetches a new one when it is empty and when the API
 * answers 401 (tokens last an hour), then resends the request once.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	ENOTFOUND: 'the host was not found',
	EAI_AGAIN: 'the host name could not be looked up',
};

export class WorklayerApi implements ICredentialType {
	name = 'worklayerApi';

	displayName = 'Worklayer API';

	icon: Icon = { light: 'file:../nodes/Worklayer/worklayer.svg', dark: 'file:../nodes/Worklayer/worklayer.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-field-service/n8n-nodes-field-service/blob/main/docs/credentials/worklayer.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The API client ID Taxfyle customer success issued for your workspace',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret issued with the client ID',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: 'https://api.worklayer.com/public/',
			description: 'The API the token is for. Worklayer supports only https://api.worklayer.com/public/.',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://taxfyle.auth0.com/oauth/token',
			description: 'Where the client ID and secret are exchanged for an access token. Change only for a proxy or a test server.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.worklayer.com/v1.0',
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Worklayer Instant Trigger: the signing secret Worklayer shared when it set up your webhook (docs.taxfyle.com, Webhooks)',
			hint: 'Every delivery is checked against it; leave empty if you do not use the instant trigger.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = String(credentials.tokenUrl ?? '').trim() || 'https://taxfyle.auth0.com/oauth/token';
		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url,
				json: true,
				body: {
					client_id: credentials.clientId,
					client_secret: credentials.clientSecret,
					audience: credentials.audience || 'https://api.worklayer.com/public/',
					grant_type: 'client_credentials',
				},
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A redirect would carry the client secret in the body to wherever it points: not followed.
				disableFollowRedirect: true,
				timeout: 30_000,
			})) as FullResponse;
		} catch (error) {
			// The request's own error carries its body, and so the client secret: only what happened goes
			// on, in words (n8n swaps a message naming ECONNRESET for its own generic one).
			const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
			throw new Error(`Worklayer: the token endpoint ${shownUrl(url)} could not be reached (${NETWORK_WORDS[code] ?? 'no answer'})`);
		}
		const body = response.body;
		const token = isRecord(body) && typeof body.access_token === 'string' ? body.access_token : '';
		if (!token) {
			const reason = auth0Message(body);
			throw new Error(
				`Worklayer: no access token from ${shownUrl(url)} (HTTP ${response.statusCode ?? '?'}${reason ? `, ${reason}` : ''}). Check the Client ID, Client Secret and Audience.`,
			);
		}
		return { accessToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/jobs',
			qs: { page_size: 1 },
		},
	};
}
