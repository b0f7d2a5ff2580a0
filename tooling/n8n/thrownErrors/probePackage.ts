/**
 * `n8n-nodes-error-probe`: a throwaway community package (plain JS, no build) whose node calls
 * `this.helpers.httpRequestWithAuthentication` once per probe case and returns, for each, the
 * thrown error written down by SHAPE_FUNCTION_SOURCE. Two credentials: an API key in a header
 * (the FSM Navigator way) and OAuth 2 client credentials (the Accelo way), because n8n sends the two
 * through different code (`requestOAuth2` for the second).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { SHAPE_FUNCTION_SOURCE } from './shape';

export const PROBE_PACKAGE = 'n8n-nodes-error-probe';
export const PROBE_NODE_TYPE = `${PROBE_PACKAGE}.errorProbe`;
export const PROBE_KEY_CREDENTIAL = 'errorProbeApi';
export const PROBE_OAUTH2_CREDENTIAL = 'errorProbeOAuth2Api';

const NODE_SOURCE = `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ErrorProbe = void 0;
${SHAPE_FUNCTION_SOURCE}
class ErrorProbe {
	constructor() {
		this.description = {
			displayName: 'Error Probe',
			name: 'errorProbe',
			icon: 'fa:bug',
			group: ['transform'],
			version: 1,
			description: 'Writes down what httpRequestWithAuthentication throws',
			defaults: { name: 'Error Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: '${PROBE_KEY_CREDENTIAL}', required: false },
				{ name: '${PROBE_OAUTH2_CREDENTIAL}', required: false },
			],
			properties: [
				{ displayName: 'Cases (JSON)', name: 'cases', type: 'string', default: '[]' },
				{ displayName: 'Closed Port URL', name: 'closedPortUrl', type: 'string', default: '' },
			],
		};
	}
	async execute() {
		const cases = JSON.parse(this.getNodeParameter('cases', 0));
		const closedPortUrl = this.getNodeParameter('closedPortUrl', 0);
		const out = [];
		for (const probe of cases) {
			const credentialType = probe.credential === 'oauth2' ? '${PROBE_OAUTH2_CREDENTIAL}' : '${PROBE_KEY_CREDENTIAL}';
			const credentials = await this.getCredentials(credentialType);
			const base = probe.closedPort ? closedPortUrl : String(credentials.baseUrl);
			const options = { method: probe.method, url: base + probe.path, json: true, timeout: probe.timeoutMs || 10000, returnFullResponse: true };
			if (probe.body) options.body = probe.body;
			let thrown = null;
			let answered = null;
			try {
				const response = await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options);
				answered = { statusCode: response.statusCode };
			} catch (error) {
				thrown = shape(error, 0, []);
			}
			out.push({ json: { case: probe.name, thrown, answered }, pairedItem: { item: 0 } });
		}
		return [out];
	}
}
exports.ErrorProbe = ErrorProbe;
`;

const KEY_CREDENTIAL_SOURCE = `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ErrorProbeApi = void 0;
class ErrorProbeApi {
	constructor() {
		this.name = '${PROBE_KEY_CREDENTIAL}';
		this.displayName = 'Error Probe API';
		this.documentationUrl = 'https://example.com/error-probe';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		];
		this.authenticate = { type: 'generic', properties: { headers: { 'X-Probe-Key': '={{$credentials.apiKey}}' } } };
	}
}
exports.ErrorProbeApi = ErrorProbeApi;
`;

const OAUTH2_CREDENTIAL_SOURCE = `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ErrorProbeOAuth2Api = void 0;
class ErrorProbeOAuth2Api {
	constructor() {
		this.name = '${PROBE_OAUTH2_CREDENTIAL}';
		this.extends = ['oAuth2Api'];
		this.displayName = 'Error Probe OAuth2 API';
		this.documentationUrl = 'https://example.com/error-probe';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
			{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
			{ displayName: 'Auth URL', name: 'authUrl', type: 'hidden', default: '' },
			{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
			{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
			{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		];
	}
}
exports.ErrorProbeOAuth2Api = ErrorProbeOAuth2Api;
`;

/** Writes the package into `dir` (ready for `npm pack`). */
export function writeErrorProbePackage(dir: string): void {
	const files: Record<string, string> = {
		'package.json': JSON.stringify(
			{
				name: PROBE_PACKAGE,
				version: '0.0.1',
				description: 'Throwaway package: what n8n throws for a failing request',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/ErrorProbe/ErrorProbe.node.js'],
					credentials: ['dist/credentials/ErrorProbeApi.credentials.js', 'dist/credentials/ErrorProbeOAuth2Api.credentials.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
		'dist/nodes/ErrorProbe/ErrorProbe.node.js': NODE_SOURCE,
		'dist/credentials/ErrorProbeApi.credentials.js': KEY_CREDENTIAL_SOURCE,
		'dist/credentials/ErrorProbeOAuth2Api.credentials.js': OAUTH2_CREDENTIAL_SOURCE,
	};
	for (const [path, content] of Object.entries(files)) {
		const file = join(dir, path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, content, 'utf8');
	}
}
