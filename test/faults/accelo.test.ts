/** Accelo under injected faults (see suite.ts): its fixture is in tooling/providers/accelo/faultFixture.ts. The token endpoint is faulted too. */
import { acceloFaults } from '../../tooling/providers/accelo/faultFixture';
import { faultSuite } from './suite';

faultSuite(acceloFaults);
