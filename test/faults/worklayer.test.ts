/** Worklayer under injected faults (see suite.ts): its fixture is in tooling/providers/worklayer/faultFixture.ts. */
import { worklayerFaults } from '../../tooling/providers/worklayer/faultFixture';
import { faultSuite } from './suite';

faultSuite(worklayerFaults);
