/** Housecall Pro under injected faults (see suite.ts): its fixture is in tooling/providers/housecallPro/faultFixture.ts. */
import { housecallProFaults } from '../../tooling/providers/housecallPro/faultFixture';
import { faultSuite } from './suite';

faultSuite(housecallProFaults);
