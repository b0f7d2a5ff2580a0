/** A fault-suite run's options, and helpers of an execution: a time limit, items' pairing and errors, requests described. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { PlanOptions, RequestRecord } from './plan';

export interface SuiteOptions {
	/** Input items to run in all (each one operation). Default 1,000. */
	operations?: number;
	/** Jobs in the simulator at the start. Default 150. */
	jobCount?: number;
	/** The node's Timeout option. Default 300 ms. */
	timeoutMs?: number;
	faultRate?: PlanOptions['faultRate'];
	mutationRate?: number;
	/** One execution taking longer than this is a hang. Default 60 s. */
	hangMs?: number;
}

export class HangError extends Error {}

export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new HangError(`no result within ${ms} ms`)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

export function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'object' && paired !== null && !Array.isArray(paired) && typeof paired.item === 'number') return paired.item;
	return undefined;
}

export function isErrorOutput(json: IDataObject): boolean {
	const keys = Object.keys(json);
	return keys.length === 1 && keys[0] === 'error' && typeof json.error === 'string';
}

export function itemIndexOf(context: unknown): number | undefined {
	if (typeof context !== 'object' || context === null) return undefined;
	const index = (context as IDataObject).itemIndex;
	return typeof index === 'number' ? index : undefined;
}

export function describeRequests(log: RequestRecord[]): string {
	return log
		.map((r) => {
			const query = r.req.rawUrl.includes('?') ? r.req.rawUrl.slice(r.req.rawUrl.indexOf('?')) : '';
			const parts = [`${r.req.method} ${r.req.path}${query.length > 80 ? `${query.slice(0, 80)}…` : query}`];
			if (r.mutation) parts.push(`(before it: ${r.mutation})`);
			if (r.fault) parts.push(`[${r.fault}]`);
			if (r.handledStatus !== undefined) parts.push(`→ ${r.handledStatus}`);
			return `    ${parts.join(' ')}`;
		})
		.join('\n');
}

export type ItemState = 'success' | 'error' | 'doneBeforeFailure' | 'notRun';

/** What became of one input item in an execution. */
export interface ItemOutcome {
	state: ItemState;
	outputs: IDataObject[];
	message?: string;
	errorName?: string;
	/** The error's wording was checked already (one error for every item). */
	checked?: boolean;
}
