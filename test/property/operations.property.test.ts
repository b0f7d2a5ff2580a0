/**
 * Every operation's parameter readers, through the operation itself: with any values in its
 * parameters, an operation either refuses with an InvalidInputError (the router makes it a
 * NodeOperationError naming the parameter) before any request, or gets as far as sending one.
 * Any other exception (a TypeError, a RangeError of an invalid date…) fails the property. The HTTP
 * helper here sends nothing: it records that a request was made and stops the operation.
 */
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operations as acceloOperations, descriptions as acceloDescriptions } from '../../nodes/Accelo/actions';
import { operations as fsmOperations, descriptions as fsmDescriptions } from '../../nodes/FsmNavigator/actions';
import { operations as hcpOperations, descriptions as hcpDescriptions } from '../../nodes/HousecallPro/actions';
import { operations as planadoOperations, descriptions as planadoDescriptions } from '../../nodes/Planado/actions';
import { planadoApi } from '../../nodes/Planado/provider';
import { operations as worklayerOperations, descriptions as worklayerDescriptions } from '../../nodes/Worklayer/actions';
import type { OperationMap } from '../../nodes/shared/router';
import { InvalidInputError } from '../../nodes/shared/parameters';
import { RUNS, TIME_ZONES, anyValue, isoLike } from './arbitraries';

// 10,000 inputs per property: minutes on a loaded machine, seconds otherwise.
jest.setTimeout(300_000);

/** Stands for the request: thrown by the HTTP helper so the operation stops there. */
class RequestSent extends Error {}

const UUID_VALUE = '137eafeb-15d1-6480-022b-0ec4617ba21a';

/** Every parameter name of a node's descriptions, collections' options included. */
function parameterNames(properties: ReadonlyArray<INodeProperties | { name: string; values?: unknown; options?: unknown }>): string[] {
	const names = new Set<string>();
	const walk = (entries: unknown): void => {
		if (!Array.isArray(entries)) return;
		for (const entry of entries as Array<{ name?: unknown; options?: unknown; values?: unknown; type?: unknown }>) {
			if (typeof entry?.name === 'string' && entry.type !== undefined) names.add(entry.name);
			walk(entry?.options);
			walk(entry?.values);
		}
	};
	walk(properties);
	names.delete('resource');
	names.delete('operation');
	return [...names];
}

interface Provider {
	name: string;
	operations: OperationMap;
	names: string[];
	credentials: ICredentialDataDecryptedObject;
}

const PROVIDERS: Provider[] = [
	{ name: 'Accelo', operations: acceloOperations, names: parameterNames(acceloDescriptions), credentials: { baseUrl: 'http://127.0.0.1:9', deployment: 'x' } },
	{ name: 'FSM Navigator', operations: fsmOperations, names: parameterNames(fsmDescriptions), credentials: { baseUrl: 'http://127.0.0.1:9' } },
	{ name: 'Housecall Pro', operations: hcpOperations, names: parameterNames(hcpDescriptions), credentials: { baseUrl: 'http://127.0.0.1:9' } },
	{ name: 'Planado', operations: planadoOperations, names: parameterNames(planadoDescriptions), credentials: { baseUrl: 'http://127.0.0.1:9' } },
	{ name: 'Worklayer', operations: worklayerOperations, names: parameterNames(worklayerDescriptions), credentials: { baseUrl: 'http://127.0.0.1:9' } },
];

/** A parameter's value: anything, or something that passes the usual checks. */
const parameterValue = fc.oneof(
	anyValue,
	isoLike,
	fc.constantFrom(UUID_VALUE, '42', 7, 'pro_1a2b', 'Scheduled', 'scheduled', 'CLAIMED', 'worker', 'company', 'High', true, false, 100, ''),
	fc.constant({ __rl: true, mode: 'id', value: '42' }),
	fc.dictionary(fc.constantFrom('title', 'jobTitle', 'description', 'scheduledAt', 'statusId', 'notes', 'tags', 'name'), anyValue, { maxKeys: 3, noNullPrototype: true }),
);

function fakeContext(provider: Provider, values: Record<string, unknown>, timeZone: string, sent: { count: number }): IExecuteFunctions {
	const node = { id: 'n', name: 'Node', type: 'fake', typeVersion: 1, position: [0, 0], parameters: {}, credentials: {} };
	const context = {
		getNode: () => node,
		getTimezone: () => timeZone,
		getNodeParameter: (name: string, _item: number, fallback: unknown, options?: { extractValue?: boolean }) => {
			const value = name in values ? values[name] : fallback;
			if (options?.extractValue && typeof value === 'object' && value !== null && '__rl' in value) return (value as { value?: unknown }).value;
			return value;
		},
		getCredentials: async () => ({ ...provider.credentials }),
		continueOnFail: () => false,
		getExecutionCancelSignal: () => undefined,
		logger: { debug: () => undefined, warn: () => undefined, info: () => undefined, error: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async () => {
				sent.count++;
				throw new RequestSent('request sent');
			},
			returnJsonArray: (items: IDataObject | IDataObject[]) => (Array.isArray(items) ? items : [items]).map((json) => ({ json })),
		},
	};
	return context as unknown as IExecuteFunctions;
}

beforeAll(() => {
	// No pacing wait: nothing is sent.
	planadoApi.pacing!.limit = { calls: Number.MAX_SAFE_INTEGER, windowMs: 1 };
});

describe.each(PROVIDERS.map((p) => [p.name, p] as const))('%s operations', (_name, provider) => {
	it.each(Object.keys(provider.operations.job))('%s refuses bad input with an InvalidInputError before any request, or sends one', async (operation) => {
		const handler = provider.operations.job[operation];
		await fc.assert(
			fc.asyncProperty(fc.dictionary(fc.constantFrom(...provider.names), parameterValue, { maxKeys: 8, noNullPrototype: true }), fc.constantFrom(...TIME_ZONES), async (values, timeZone) => {
				const sent = { count: 0 };
				try {
					await handler.call(fakeContext(provider, values, timeZone, sent), 0);
				} catch (error) {
					if (error instanceof InvalidInputError) {
						expect(sent.count).toBe(0);
						return;
					}
					// The transport wraps what the helper threw; anything else is a reader's failure.
					if (sent.count > 0) return;
					throw error;
				}
			}),
			{ numRuns: RUNS },
		);
	});
});

it('knows the parameters of every operation', () => {
	for (const provider of PROVIDERS) expect(provider.names).toEqual(expect.arrayContaining(['jobId', 'options', 'filters']));
});
