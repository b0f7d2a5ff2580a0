/**
 * What the common-shape suite (simplify.test.ts) needs from one provider: its node through the
 * harness against its simulator, and the simulator's own record of a job, so that the expected
 * common values are computed here from the store, not taken from the mapper.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CommonJob } from '../../../nodes/shared/commonJob';
import type { Harness } from '../../harness/engine';

export interface SimplifyFixture {
	name: string;
	/** Full node types of the action node and the trigger. */
	type: string;
	triggerType: string;
	start(): Promise<void>;
	stop(): Promise<void>;
	harness(): Harness;
	/** The `jobId` locator value of a job worth checking (with a technician, a schedule, …). */
	sampleJobId(): string;
	/** The common values of that job, derived from the simulator's store by the test itself. */
	expected(jobId: string): Partial<CommonJob>;
	/** Creates a job in the simulator at `atMs` (for the trigger's output); returns its id. */
	createJob(atMs: number): string;
	/** Extra Get Many parameters (e.g. a limit) so one request returns a spread of jobs. */
	listParameters?: IDataObject;
}
