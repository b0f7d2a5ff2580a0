/**
 * The fault fixtures' common part: the Get plan (one item in ten asks for a job that does not exist),
 * the list filters, the changes made while a Get Many pages, and the fixture around a world.
 */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import type { FaultFixture, FaultWorld, ItemPlan, ListFilter } from '../faults';
import { JOB_ID_FROM_ITEM } from '../faults';
import type { Random } from '../faultRandom';
import { nodeType } from '../util';
import type { ProviderKit, SuiteSimulator } from './kit';

export interface FaultJobsSpec<J> {
	/** A job id the simulator never hands out. */
	missingId: string;
	/** Adds a job; returns its id. */
	create(rng: Random): string;
	/** Changes `job` behind the node's back; returns what it changed it to. */
	change(job: J, rng: Random): string;
	/** Deletes `job` as the API would. */
	remove(job: J): void;
}

/** `jobs` are the simulator's jobs now; their id is the kit's `idField`. */
export function faultJobs<S extends SuiteSimulator, J extends object>(kit: ProviderKit<S>, sim: S, jobs: () => readonly J[], spec: FaultJobsSpec<J>) {
	const { missingId } = spec;
	const idOf = (job: J): string => String((job as Record<string, unknown>)[kit.idField]);
	const ids = (match: (job: J) => boolean): string[] => jobs().filter(match).map(idOf);
	const world: Pick<FaultWorld, 'server' | 'get' | 'mutate' | 'stop'> = {
		server: sim.server,
		get: (rng, count) => ({
			parameters: { jobId: JOB_ID_FROM_ITEM },
			items: rng
				.sample(jobs(), count)
				.map((job): ItemPlan => (rng.chance(0.1) ? { json: { jobId: missingId }, jobId: missingId, missing: true } : { json: { jobId: idOf(job) }, jobId: idOf(job) })),
		}),
		mutate: {
			create: (rng) => `created job ${spec.create(rng)}`,
			change: (rng) => {
				const job = rng.pick(jobs());
				return `changed job ${idOf(job)} to ${spec.change(job, rng)}`;
			},
			delete: (rng) => {
				const job = rng.pick(jobs());
				spec.remove(job);
				return `deleted job ${idOf(job)}`;
			},
		},
		stop: async () => await sim.stop(),
	};
	return {
		ids,
		/** A Get Many filter with `parameters` and the jobs `match` selects. */
		filter: (label: string, parameters: INodeParameters, match: (job: J) => boolean): ListFilter => ({ label, parameters, ids: () => ids(match) }),
		world,
	};
}

/** The fixture of a provider's node on its kit's credential type. */
export function faultFixture<S extends SuiteSimulator>(kit: ProviderKit<S>, node: INodeType, start: FaultFixture['start']): FaultFixture {
	return { name: kit.name, nodeType: nodeType(kit.key), node, credentialTypes: kit.credentialTypes(), start };
}
