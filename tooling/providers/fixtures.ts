/**
 * What the shared node suites need from one provider, kept beside the provider's tooling: its node
 * run through a test harness against its simulator. The harness is the caller's (`H`, built by
 * `makeHarness` from a `HarnessSetup`), so the tooling does not depend on the test folder.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType, IVersionedNodeType } from 'n8n-workflow';

import type { CommonJob } from '../../nodes/shared/commonJob';
import type { JobEvent } from '../../nodes/shared/poll';
import type { RecordedRequest } from '../simulators/server';

/** A saved credential: its type and the data a user would have stored. */
export interface CredentialSetup {
	type: string;
	data: ICredentialDataDecryptedObject;
	name?: string;
}

/** The nodes, credential types and saved credentials a harness is built from. */
export interface HarnessSetup {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
	credentials?: CredentialSetup[];
}

/**
 * The shared trigger suite (test/nodes/triggers.test.ts): the trigger, and ways to create and change
 * jobs in the simulator between polls at chosen times.
 */
export interface TriggerFixture<H> {
	/** Provider name, for test titles. */
	name: string;
	/** Full node type of the trigger. */
	type: string;
	/** The events the trigger offers. */
	events: JobEvent[];
	/** Whether updates are found by a scan of recently created jobs (no change-time filter). */
	scansForChanges: boolean;
	/** Smallest step between two distinct timestamps of the API (1000 for whole seconds). */
	resolutionMs: number;
	start(): Promise<void>;
	stop(): Promise<void>;
	harness(): H;
	/** Requests to the job list endpoint since the log was cleared. */
	listRequests(): RecordedRequest[];
	clearLog(): void;
	/** Makes the next `times` job-list requests fail with HTTP 500. */
	failListRequests(times: number): void;
	/** Creates a job whose creation (and update) time is `atMs`; resolves to its id as the node outputs it. */
	createJob(atMs: number): string;
	/** Changes a job's status at `atMs`; returns the old and new status as the trigger reports them. */
	changeStatus(id: string, atMs: number): { from: string; to: string };
	/** Changes something other than the status at `atMs`. */
	touchJob(id: string, atMs: number): void;
	/** The id of an output item. */
	idOf(json: Record<string, unknown>): string;
}

/**
 * The common-shape suite (test/nodes/simplify.test.ts): the node, and the simulator's own record of a
 * job, so that the expected common values are computed from the store, not taken from the mapper.
 */
export interface SimplifyFixture<H> {
	name: string;
	/** Full node types of the action node and the trigger. */
	type: string;
	triggerType: string;
	start(): Promise<void>;
	stop(): Promise<void>;
	harness(): H;
	/** The `jobId` locator value of a job worth checking (with a technician, a schedule, …). */
	sampleJobId(): string;
	/** The common values of that job, derived from the simulator's store by the test itself. */
	expected(jobId: string): Partial<CommonJob>;
	/** Creates a job in the simulator at `atMs` (for the trigger's output); returns its id. */
	createJob(atMs: number): string;
	/** Extra Get Many parameters (e.g. a limit) so one request returns a spread of jobs. */
	listParameters?: IDataObject;
}
