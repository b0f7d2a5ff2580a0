/**
 * The sandbox's simulated activity (ProviderTooling.demo.liveActivity): each round, in every
 * provider's demo account, one job arrives and another changes status, seen through the
 * simulator's own HTTP API as a trigger would see them, round after round.
 */
import { PROVIDERS, type ProviderTooling, type RunningSimulator } from '../../tooling/providers';

describe.each(PROVIDERS.map((p) => [p.displayName, p] as const))('%s simulator in the sandbox', (_name, provider: ProviderTooling) => {
	let running: RunningSimulator;
	beforeAll(async () => {
		running = await provider.startSimulator({ jobCount: 200, referenceDate: new Date(), noRateLimit: true });
	});
	afterAll(async () => await running.stop());

	it('creates a job and changes another one every round, for many rounds', async () => {
		const config = provider.bench.floorConfig(running, {});
		const { headers } = await provider.bench.floor.authorize(config);
		const readAll = async () => {
			const jobs: Array<Record<string, unknown>> = [];
			for (let index = 0; ; index++) {
				const res = await fetch(provider.bench.floor.pageUrl(config, index), { headers });
				const page = provider.bench.floor.readPage(await res.json(), config);
				jobs.push(...page.items);
				if (page.last) break;
			}
			return new Map(jobs.map((job) => [String(job[provider.bench.idField]), JSON.stringify(job)]));
		};
		for (let round = 0; round < 40; round++) {
			const before = await readAll();
			const said = provider.demo.liveActivity(running);
			const after = await readAll();
			const added = [...after.keys()].filter((id) => !before.has(id));
			const changed = [...after].filter(([id, job]) => before.has(id) && before.get(id) !== job);
			expect({ round, said, added: added.length }).toEqual({ round, said, added: 1 });
			expect({ said, changed: changed.length > 0 }).toEqual({ said, changed: true });
			expect(said).toMatch(/created.*; job .*→/);
		}
	});
});
