import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Accelo service application: OAuth 2 client credentials. n8n fetches and renews the token (form
 * body, client authenticated with HTTP Basic), so nothing here talks HTTP. The token URL depends on
 * the deployment; `{deployment}` in Base URL is replaced by the Deployment field, here and in the
 * node (a credential default expression sees raw field values, not other expressions).
 */
export class AcceloOAuth2Api implements ICredentialType {
	name = 'acceloOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Accelo OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Accelo/accelo.svg', dark: 'file:../nodes/Accelo/accelo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-field-service/n8n-nodes-field-service/blob/main/docs/credentials/accelo.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Deployment',
			name: 'deployment',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. planet-express',
			description:
				'The first part of your Accelo address: planet-express for planet-express.accelo.com. Letters, digits and hyphens only.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://{deployment}.api.accelo.com',
			description:
				'Change only for a proxy or a test server. {deployment} is replaced by the Deployment field.',
			hint: 'The API is at {Base URL}/api/v0, the token at {Base URL}/oauth2/v0/token.',
		},
		// n8n lists oAuth2Api's own fields (Client ID, Client Secret, Scope, Allowed Domains) before a
		// child's new ones, and only an override keeps its parent's place: Client ID, seen first, says
		// where Deployment is.
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			// A hint shows under the field; a description only on hovering the label.
			hint: 'Of the service application registered in Accelo. Fill in Deployment (further down) too: the credential needs it.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			// Only a deployment name (letters, digits, hyphens) makes a token URL: anything else, such as
			// `evil.example/x?`, would move the host, and n8n would send the client ID and secret there.
			default:
				'={{/^[a-z0-9][a-z0-9-]*$/i.test(String($self["deployment"] || "").trim()) ? $self["baseUrl"].replace("{deployment}", String($self["deployment"]).trim()).replace(/\\/+$/, "") + "/oauth2/v0/token" : "invalid-accelo-deployment:"}}',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'read(all) write(all)',
			description:
				"Accelo scopes for the service application. Accelo's docs separate scopes with commas (read(all),write(all)); n8n sends the value as typed.",
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{/^[a-z0-9][a-z0-9-]*$/i.test(String($credentials.deployment || "").trim()) ? $credentials.baseUrl.replace("{deployment}", String($credentials.deployment).trim()).replace(/\\/+$/, "") : "invalid-accelo-deployment:"}}',
			url: '/api/v0/tokeninfo',
		},
	};
}
