/** The crash test's job changes for every provider, by provider key (tooling/providers). */
import type { AcceloSimulator } from '../../simulators/accelo';
import type { FsmNavigatorSimulator } from '../../simulators/fsmNavigator';
import type { HousecallProSimulator } from '../../simulators/housecallPro';
import type { PlanadoSimulator } from '../../simulators/planado';
import type { WorklayerSimulator } from '../../simulators/worklayer';
import { acceloChanges } from './accelo';
import { fsmNavigatorChanges } from './fsmNavigator';
import { housecallProChanges } from './housecallPro';
import { planadoChanges } from './planado';
import type { JobChanges } from './types';
import { worklayerChanges } from './worklayer';

const MAKERS: Record<string, (sim: never) => JobChanges> = {
	fsmNavigator: (sim: FsmNavigatorSimulator) => fsmNavigatorChanges(sim),
	accelo: (sim: AcceloSimulator) => acceloChanges(sim),
	housecallPro: (sim: HousecallProSimulator) => housecallProChanges(sim),
	worklayer: (sim: WorklayerSimulator) => worklayerChanges(sim),
	planado: (sim: PlanadoSimulator) => planadoChanges(sim),
};

/** The changes of provider `key` for its running simulator. */
export function jobChangesFor(key: string, sim: unknown): JobChanges {
	const make = MAKERS[key];
	if (!make) throw new Error(`crash test: no job changes for provider ${key}`);
	return make(sim as never);
}

export type { JobChanges, MadeChange } from './types';
