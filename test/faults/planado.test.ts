/**
 * Planado under injected faults (see suite.ts): its fixture is in tooling/providers/planado/faultFixture.ts.
 * The node paces itself to Planado's 90 calls a minute; as in the node tests, the window is scaled down a
 * hundredfold so that pacing never dominates the run.
 */
import { PLANADO_RATE_LIMIT, resetPacing } from '../../nodes/Planado/transport/pacing';
import { planadoFaults } from '../../tooling/providers/planado/faultFixture';
import { faultSuite } from './suite';

const REAL_LIMIT = { ...PLANADO_RATE_LIMIT };

beforeAll(() => {
	Object.assign(PLANADO_RATE_LIMIT, { calls: 90, windowMs: 600 });
	resetPacing();
});

afterAll(() => {
	Object.assign(PLANADO_RATE_LIMIT, REAL_LIMIT);
});

faultSuite(planadoFaults);
