/** The credential "Test" button in the harness. */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { CREDENTIAL_TEST_NODE_TYPE, CredentialStore } from './credentials-helper';
import { OAUTH2_API_NAME } from './oauth2-api';
import type { CredentialTestResult } from './types';
import { hasKey } from './util';
import type { Harness } from './engine';

/**
 * The credential "Test" button, as n8n's `CredentialsTester` runs it: the type's `test` request
 * is put on a temporary node's `routing` and sent by n8n-core's `RoutingNode` through
 * `httpRequestWithAuthentication` with the credential's data (defaults applied); `rules` are
 * checked the same way. OAuth2 types without a `test` pass when they hold an access token.
 * `data` defaults to the stored credential; preAuthentication results are saved to the store.
 */
export async function credentialTest(harness: Harness, type: string, data?: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const credentialType = harness.credentialsHelper.getType(type);
	const id = CredentialStore.idFor(type);
	const name = `${type} (test)`;
	const hooks = harness.hooksFor('internal', harness.nextExecutionId(), []);
	const additionalData = harness.additionalData(hooks);
	const credentials: ICredentialsDecrypted = { id, name, type, data: data ?? harness.store.dataOf(type) };
	try {
		credentials.data = await harness.credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentials.data ?? {},
			type,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String(hasKey(error, 'message') ? error.message : error) };
	}

	const testRequest = credentialType.test;
	if (!testRequest) {
		if (harness.credentialsHelper.getParentTypes(type).includes(OAUTH2_API_NAME)) {
			const token = credentials.data?.oauthTokenData;
			return hasKey(token, 'access_token')
				? { status: 'OK', message: 'Connection Successful!' }
				: { status: 'Error', message: 'This OAuth2 credential was not connected to an account.' };
		}
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const testNodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: CREDENTIAL_TEST_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: 'Credential test node',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: CREDENTIAL_TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id, name } },
	};
	harness.credentialTestNodeType = testNodeType;
	let response: INodeExecutionData[][] | null | undefined;
	try {
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
		const workflowNode = workflow.getNode(node.name) ?? node;
		const executeData: IExecuteData = { node: workflowNode, data: {}, source: null };
		const context = new ExecuteContext(
			workflow,
			workflowNode,
			additionalData,
			'internal',
			createRunExecutionData({ executionData: null }),
			0,
			[],
			{ main: [[{ json: {} }]] },
			executeData,
			[],
		);
		response = await new RoutingNode(context, testNodeType, credentials).runNode();
	} catch (error) {
		const cause = hasKey(error, 'cause') ? error.cause : undefined;
		const res = hasKey(cause, 'response') ? cause.response : undefined;
		if (hasKey(res, 'status')) {
			const statusCode = Number(res.status);
			const statusMessage = hasKey(res, 'statusText') ? String(res.statusText) : '';
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (hasKey(cause, 'code')) {
			return { status: 'Error', message: String(cause.code) };
		}
		return { status: 'Error', message: String(hasKey(error, 'message') ? error.message : error) };
	} finally {
		harness.credentialTestNodeType = undefined;
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key.split('.').reduce<unknown>((acc, key) => (hasKey(acc, key) ? acc[key] : undefined), body);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
