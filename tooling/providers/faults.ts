/**
 * What the fault suite needs to know of one provider: how to start its simulator with a credential,
 * which requests are list pages, reads, writes or token requests, its error format, how to build the
 * input items of each operation, and how to change the simulator's jobs behind the node's back. Each
 * provider defines this in `tooling/providers/<provider>/faultFixture.ts`; `test/faults/<provider>.test.ts`
 * runs `faultSuite` on it.
 */
import type { ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { RecordedRequest, SimulatorServer } from '../simulators/server';
import type { Random } from './faultRandom';
import type { CredentialSetup } from './fixtures';

/** A page of the job list, another read, a write, or the credential's token endpoint. */
export type RequestKind = 'list' | 'read' | 'write' | 'auth';

/** One input item and what the suite checks its outcome against. */
export interface ItemPlan {
	/** The item's JSON; the operation's parameters read it by expression (`={{ $json.title }}`). */
	json: IDataObject;
	/** Writes: the key `writeKey` gives every request that applies this item's write. */
	writeKey?: string;
	/** Get, Update, Change Status: the job the item is about. */
	jobId?: string;
	/** The job does not exist: the item must fail with the provider's not-found message. */
	missing?: boolean;
}

export interface OperationPlan {
	/** Node parameters besides `resource`, `operation` and the Timeout option (the suite adds those). */
	parameters: INodeParameters;
	items: ItemPlan[];
}

/** One way to call Get Many, and which jobs it selects. */
export interface ListFilter {
	label: string;
	/** Extra Get Many parameters, such as `{ filters: { status: 'Pending' } }`. */
	parameters: INodeParameters;
	/** The ids of the jobs the filter selects in the simulator now. */
	ids(): string[];
}

/** A running simulator and everything the suite does with it. */
export interface FaultWorld {
	server: SimulatorServer;
	credentials: CredentialSetup[];
	/** Values that must never appear in run data: API keys, client secrets, tokens issued so far. */
	secrets(): string[];
	classify(req: RecordedRequest): RequestKind | undefined;
	/** A body in the provider's own error format for an injected HTTP status. */
	errorBody(status: number, rng: Random): unknown;
	/** What an error about a job that does not exist says (the provider's message). */
	notFoundMessage: RegExp;
	listFilters: ListFilter[];
	/**
	 * The item a write request applies, when it is one: the unique marker in its body (Create,
	 * Update), or `status:<job id>` for a status change.
	 */
	writeKey(req: RecordedRequest): string | undefined;
	get(rng: Random, count: number): OperationPlan;
	/** `markers` are unique texts for the items' titles. */
	create(rng: Random, markers: string[]): OperationPlan;
	update(rng: Random, markers: string[]): OperationPlan;
	changeStatus(rng: Random, count: number): OperationPlan;
	/** The id of the job in an output item. */
	outputId(json: IDataObject): string | undefined;
	/** Ids of the jobs whose title is `marker`. */
	jobsTitled(marker: string): string[];
	/**
	 * A loss the provider's API gives no way to see, where it has one: a read during which jobs both
	 * left and joined the list (so its total came back to what it was) and one moved across a page
	 * boundary unseen. Such losses are counted and reported as `blind spot`, not as `lost`.
	 */
	blindSpot?: string;
	/** Changes to the simulator's jobs while a Get Many pages; each returns what it did. */
	mutate: {
		create(rng: Random): string;
		change(rng: Random): string;
		delete(rng: Random): string;
	};
	stop(): Promise<void>;
}

export interface FaultFixture {
	/** The provider's name as its errors start: 'FSM Navigator'. */
	name: string;
	/** Full node type name, e.g. 'n8n-nodes-field-service.fsmNavigator'. */
	nodeType: string;
	node: INodeType;
	credentialTypes: ICredentialType[];
	start(jobCount: number, rng: Random): Promise<FaultWorld>;
}

/** A unique marker text inside a request body, as `markerOf` makes them. */
export const MARKER_PATTERN = /fault-[0-9a-z]+-\d+/;

export function markerIn(req: RecordedRequest): string | undefined {
	return MARKER_PATTERN.exec(req.rawBody)?.[0];
}

/** `{ __rl: true, mode: 'id', value }`: the Job resource locator by expression from `$json.jobId`. */
export const JOB_ID_FROM_ITEM = { __rl: true, mode: 'id', value: '={{ $json.jobId }}' };
