/** FSM Navigator under injected faults (see suite.ts): its fixture is in tooling/providers/fsmNavigator/faultFixture.ts. */
import { fsmNavigatorFaults } from '../../tooling/providers/fsmNavigator/faultFixture';
import { faultSuite } from './suite';

faultSuite(fsmNavigatorFaults);
