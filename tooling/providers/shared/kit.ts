/**
 * What the node suites (trigger, Simplify, faults) and the crash test need of one provider's
 * simulator: the credential a harness stores for it, its job list endpoint, how its raw jobs name
 * their id and updated time, and the job edits made between polls. Each provider defines one in
 * `tooling/providers/<provider>/kit.ts`.
 */
import type { ICredentialType } from 'n8n-workflow';

import type { RecordedRequest, SimulatorServer } from '../../simulators/server';
import type { CredentialSetup } from '../fixtures';

/** What the suites do with any simulator. */
export interface SuiteSimulator {
	readonly server: SimulatorServer;
	readonly requests: readonly RecordedRequest[];
	/** Resolves to the base URL the credential points at. */
	start(): Promise<string>;
	stop(): Promise<void>;
}

/** One edit as a trigger's output shows it: the job and its updated time exactly as the API writes it. */
export interface MadeChange {
	id: string;
	updated: string;
}

export interface StatusChange extends MadeChange {
	from: string;
	to: string;
}

export interface ProviderKit<S extends SuiteSimulator> {
	/** Provider key (tooling/providers), also the action node's name: 'fsmNavigator'. */
	readonly key: string;
	/** The provider's name as test titles and its errors show it: 'FSM Navigator'. */
	readonly name: string;
	credentialTypes(): ICredentialType[];
	/** The credential for the simulator started at `baseUrl`. */
	credential(sim: S, baseUrl: string): CredentialSetup;
	/** Run before the simulator starts; returns what undoes it at stop (Planado's pacing). */
	beforeStart?(): () => void;
	/** Path of the job list (what a poll reads). */
	readonly listPath: string;
	/** Fields of a raw job: its id and its updated time. */
	readonly idField: string;
	readonly updatedField: string;
	/** Changes something other than the status at `atMs`. */
	touch(sim: S, id: string, atMs: number): MadeChange;
	/** Changes the status at `atMs` (back and forth between two). */
	changeStatus(sim: S, id: string, atMs: number): StatusChange;
}

/** Whether a request reads the job list. */
export function isListRequest(kit: { readonly listPath: string }, request: RecordedRequest): boolean {
	return request.method === 'GET' && request.path === kit.listPath;
}

/** A kit's own part: everything but the edits, which `storeKit` makes. */
export type KitBase<S extends SuiteSimulator> = Omit<ProviderKit<S>, 'touch' | 'changeStatus'>;

/** How the edits read and write a job in a provider's simulator: `K` is the status field. */
export interface JobEditor<S, J, K extends keyof J> {
	get(sim: S, id: string): J | undefined;
	/** Writes `patch` onto `job` at `atMs`; returns the updated time as the API writes it. */
	write(sim: S, id: string, job: J, patch: Partial<J>, atMs: number): string;
	/** Where status changes take another way than `write` (Planado records the transition). */
	writeStatus?(sim: S, id: string, status: J[K], atMs: number): string;
	/** What a touch changes (never the status). */
	touched(job: J, atMs: number): Partial<J>;
	statusField: K;
	/** The two statuses a change goes back and forth between. */
	statuses: readonly [J[K], J[K]];
}

/** A kit whose edits read the job, then write a patch of it. */
export function storeKit<S extends SuiteSimulator, J, K extends keyof J>(base: KitBase<S>, store: JobEditor<S, J, K>): ProviderKit<S> {
	const job = (sim: S, id: string): J => {
		const found = store.get(sim, id);
		if (!found) throw new Error(`${base.name}: no job ${id}`);
		return found;
	};
	return {
		...base,
		touch: (sim, id, atMs) => {
			const current = job(sim, id);
			return { id, updated: store.write(sim, id, current, store.touched(current, atMs), atMs) };
		},
		changeStatus: (sim, id, atMs) => {
			const current = job(sim, id);
			const from = current[store.statusField];
			const to = from === store.statuses[0] ? store.statuses[1] : store.statuses[0];
			const patch: Partial<J> = {};
			patch[store.statusField] = to;
			const updated = store.writeStatus ? store.writeStatus(sim, id, to, atMs) : store.write(sim, id, current, patch, atMs);
			return { id, updated, from: String(from), to: String(to) };
		},
	};
}

/** The credential of an API-key provider: the key and the simulator's base URL. */
export function apiKeyCredential(type: string, apiKey: string): KitBase<SuiteSimulator>['credential'] {
	return (_sim, baseUrl) => ({ type, data: { apiKey, baseUrl } });
}
