/**
 * An in-memory credentials store and an `ICredentialsHelper` that treats credentials the way n8n's
 * CLI does (`packages/cli/src/credentials-helper.ts`, `credential-types.ts`), so that n8n-core's
 * request helpers (`httpRequestWithAuthentication`, `requestOAuth2`) run their real code paths:
 *
 * - `getDecrypted` returns the stored data with the type's property defaults applied
 *   (`NodeHelpers.getNodeParameters`, which also drops values whose display rules hide them) and
 *   expressions resolved, `$self` being the credential's own data; `raw` returns the stored data.
 * - `authenticate` applies a generic `IAuthenticateGeneric` (each key and value resolved as an
 *   expression with `$credentials`) or calls a function-form `authenticate`.
 * - `preAuthentication` calls the type's `preAuthentication` when its expirable hidden field is
 *   empty, when n8n-core says the credential expired (after a 401), or during a credential test,
 *   and persists the result; `runPreAuthentication` is the unconditional in-memory variant that
 *   `requestOAuth2` calls on every request.
 * - `updateCredentials` replaces the stored data; `updateCredentialsOauthTokenData` stores only
 *   `oauthTokenData` (n8n-core 2.41.1 `requestOAuth2` calls the latter after fetching a token).
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	deepCopy,
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialStore, StoredCredentials } from './credentialStore';
import { HarnessOAuth2Api, OAUTH2_API_NAME } from './oauth2-api';

export { CredentialStore, type CredentialWrite, type CredentialWriteKind, type StoredCredential } from './credentialStore';

/** The node the CLI resolves credential expressions against when no execution is running. */
const MOCK_NODE: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

/** Node types that know no node: `Workflow` tolerates unknown types, as in the CLI's mock. */
const NO_NODE_TYPES: INodeTypes = {
	getByName(nodeType: string): INodeType {
		throw new UserError(`Unknown node type "${nodeType}"`);
	},
	getByNameAndVersion(): INodeType {
		return undefined as unknown as INodeType;
	},
	getKnownTypes(): IDataObject {
		return {};
	},
};

/** The node n8n's credential tester builds a credential test around. */
export const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		readonly store: CredentialStore,
	) {
		super();
		for (const type of [new HarnessOAuth2Api(), ...credentialTypes]) this.types.set(type.name, type);
	}

	getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) throw new UserError(`Unknown credential type "${typeName}" (not registered with the harness)`);
		return type;
	}

	/** All ancestors, following `extends` transitively (CLI `CredentialTypes.getParentTypes`). */
	getParentTypes(typeName: string): string[] {
		const parents: string[] = [];
		const visit = (name: string): void => {
			for (const parent of this.types.get(name)?.extends ?? []) {
				if (parents.includes(parent)) continue;
				parents.push(parent);
				visit(parent);
			}
		};
		visit(typeName);
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		const shortName = nodeType.split('.').pop() ?? nodeType;
		return (type.supportedNodes ?? []).some((n) => n === nodeType || n === shortName);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!workflow || !node) {
			throw new UserError('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if (authenticate.type !== 'generic') return requestOptions;
		const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
				const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
				const valueResolved = this.resolveValue(String(value), { $credentials: credentials }, workflow, node);
				const bucket = (target[outerKey] ??= {});
				bucket[keyResolved] = valueResolved;
			}
		}
		return requestOptions;
	}

	private resolveValue(
		value: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', additionalKeys, undefined, '');
		return resolved ? resolved.toString() : '';
	}

	/** Restricts the requests a `preAuthentication` hook makes to the credential's allowed domains, as the CLI does. */
	private restrictToCredentialDomains(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): IHttpRequestHelper {
		return {
			helpers: {
				httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
					const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
					if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
					return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
				},
			},
		};
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') return undefined;

		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === CREDENTIAL_TEST_NODE_TYPE;
		if (!(credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials)) return undefined;

		const output = (await credentialType.preAuthentication.call(
			this.restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;

		const nodeCredentials = node.credentials?.[credentialType.name];
		if (!nodeCredentials) return undefined;
		const stored = this.store.resolve(nodeCredentials, credentialType.name);
		const dataToPersist: ICredentialDataDecryptedObject = { ...stored.data };
		for (const [key, value] of Object.entries(output)) {
			// Never overwrite a field the user stored as an expression with this run's value.
			if (key === expirable.name || !isExpression(stored.data[key])) dataToPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			this.restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new StoredCredentials(this.store.resolve(nodeCredentials, type), this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.resolve(nodeCredentials, type);
		const data = deepCopy(stored.data);
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/** Property defaults, then expressions (with `$self` = the credential data), like the CLI. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(
			properties,
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;
		for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
			if (data[key] === undefined && original[key] !== undefined) data[key] = original[key];
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				if (error instanceof Error) error.message += ' [Error resolving credentials]';
				throw error;
			}
			return data;
		}
		const workflow = new Workflow({ nodes: [deepCopy(MOCK_NODE)], connections: {}, active: false, nodeTypes: NO_NODE_TYPES });
		return (await workflow.expression.withIsolate(async () =>
			workflow.expression.getComplexParameterValue(
				MOCK_NODE,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			),
		)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.write('updateCredentials', this.store.resolve(nodeCredentials, type), data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.resolve(nodeCredentials, type);
		this.store.write('updateCredentialsOauthTokenData', stored, { ...stored.data, oauthTokenData: data.oauthTokenData });
	}

	/** The type's properties merged over its parents' (CLI `getCredentialsProperties`). */
	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (credentialType.extends === undefined) {
			if (type === OAUTH2_API_NAME || type === 'oAuth1Api') {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}
