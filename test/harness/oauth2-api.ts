/**
 * A stand-in for n8n-nodes-base's `oAuth2Api` credential type (n8n-nodes-base is not installed).
 *
 * Credential types that declare `extends = ['oAuth2Api']` inherit these properties: n8n merges the
 * parent's properties first and lets the child override any of them by name
 * (`NodeHelpers.mergeNodeProperties`). Only the properties n8n-core's `requestOAuth2` reads are
 * defined, with the same names, types, defaults and display rules as n8n's own definition, because
 * `NodeHelpers.getNodeParameters` drops a value whose display rules hide it (for example
 * `authQueryParameters` when `grantType` is `clientCredentials`).
 */
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

export const OAUTH2_API_NAME = 'oAuth2Api';

export class HarnessOAuth2Api implements ICredentialType {
	name = OAUTH2_API_NAME;

	displayName = 'OAuth2 API';

	genericAuth = true;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body', description: 'Send credentials in body' },
				{ name: 'Header', value: 'header', description: 'Send credentials as Basic Auth header' },
			],
			default: 'header',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
	];
}
