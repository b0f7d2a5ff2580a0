/** The fault suite's own judges: what counts as a clear error, a leaked secret, a repeatable plan. */
import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { SimulatorServer, type RecordedRequest } from '../../tooling/simulators/server';
import { leakedSecrets, unclearError } from './checks';
import type { FaultWorld } from './fixture';
import { FaultPlan, type FaultKind } from './plan';

const NODE: INode = { id: '1', name: 'FSM Navigator', type: 'n8n-nodes-field-service.fsmNavigator', typeVersion: 1, position: [0, 0], parameters: {} };

describe('unclearError', () => {
	it.each([
		['NodeApiError', 'FSM Navigator: Job not found (not_found)'],
		['NodeApiError', 'FSM Navigator did not answer in time'],
		['NodeApiError', 'FSM Navigator closed the connection unexpectedly'],
		['NodeApiError', 'FSM Navigator answered HTTP 502'],
		['NodeOperationError', "The job is 'Closed': it cannot be moved to 'Assigned'"],
		[undefined, 'FSM Navigator: Injected failure 500 (internal_error)'],
	])('accepts %s %j', (name, message) => {
		expect(unclearError('FSM Navigator', name, message)).toBeUndefined();
	});

	it.each([
		['NodeApiError', 'FSM Navigator answered HTTP 200', 'a failure reported as a success status'],
		['NodeOperationError', "Cannot read properties of undefined (reading 'data')", 'a crash'],
		[undefined, 'Unexpected end of JSON input', 'a crash'],
		['NodeApiError', 'Request failed with status code 503', 'does not name FSM Navigator'],
		['TypeError', 'x is not a function', 'a crash'],
		['Error', 'Something went wrong', 'an error of type Error'],
		['NodeApiError', '', 'an error without a message'],
	])('refuses %s %j', (name, message, why) => {
		expect(unclearError('FSM Navigator', name, message)).toContain(why);
	});
});

describe('leakedSecrets', () => {
	it('finds a key in an error cause, a context or a header, not only in plain strings', () => {
		const error = new NodeApiError(NODE, { message: 'x' }, { message: 'FSM Navigator answered HTTP 401' });
		(error as unknown as { context: object }).context = { request: { headers: { 'X-API-Key': 'fsm_test_key' } } };
		expect(leakedSecrets({ runData: { node: [{ error }] } }, ['fsm_test_key', 'other_secret'])).toEqual(['fsm_test_key']);
		expect(leakedSecrets({ runData: { node: [{ json: { note: 'clean' } }] } }, ['fsm_test_key'])).toEqual([]);
	});

	it('ignores secrets too short to tell from ordinary text', () => {
		expect(leakedSecrets({ text: 'abc' }, ['abc'])).toEqual([]);
	});
});

describe('FaultPlan', () => {
	const request = (path: string, rawUrl = path): RecordedRequest => ({
		method: 'GET',
		path,
		rawUrl,
		query: {},
		queryPairs: [],
		headers: {},
		rawBody: '',
		body: undefined,
	});

	/** The faults a plan with `seed` puts on 200 list requests of one execution, in arrival `order`. */
	function faultsFor(seed: number, order: number[]): Array<FaultKind | undefined> {
		const server = new SimulatorServer(() => ({ status: 200 }));
		const world = { server, classify: () => 'list', errorBody: () => ({ message: 'x' }), mutate: {} } as unknown as FaultWorld;
		const plan = new FaultPlan(world, seed, { timeoutMs: 300, faultRate: { list: 0.3, read: 0, write: 0, auth: 0 }, mutationRate: 0 });
		plan.begin(1, false);
		const byPage = new Map<number, FaultKind | undefined>();
		for (const page of order) {
			server.onRequest?.(request('/jobs', `/jobs?page=${page}`));
			byPage.set(page, plan.log[plan.log.length - 1].fault);
		}
		plan.end();
		return [...byPage.keys()].sort((a, b) => a - b).map((page) => byPage.get(page));
	}

	const pages = Array.from({ length: 200 }, (_, i) => i + 1);

	it('gives the same requests the same faults for a seed, whatever order they arrive in', () => {
		const inOrder = faultsFor(42, pages);
		expect(faultsFor(42, [...pages].reverse())).toEqual(inOrder);
		const injected = inOrder.filter((fault) => fault !== undefined).length;
		expect(injected).toBeGreaterThan(30);
		expect(injected).toBeLessThan(90);
	});

	it('gives another seed other faults', () => {
		expect(faultsFor(43, pages)).not.toEqual(faultsFor(42, pages));
	});
});
