/**
 * Planado under injected faults (see suite.ts): its fixture is in tooling/providers/planado/faultFixture.ts.
 * The node paces itself to Planado's 90 calls a minute; as in the node tests, the window is scaled down a
 * hundredfold so that pacing never dominates the run.
 */
import { planadoApi } from '../../nodes/Planado/provider';
import { planadoFaults } from '../../tooling/providers/planado/faultFixture';
import { faultSuite } from './suite';

const REAL_LIMIT = planadoApi.pacing!.limit;

beforeAll(() => {
	planadoApi.pacing!.limit = { calls: 90, windowMs: 600 };
	planadoApi.pacing!.reset();
});

afterAll(() => {
	planadoApi.pacing!.limit = REAL_LIMIT;
});

faultSuite(planadoFaults);
