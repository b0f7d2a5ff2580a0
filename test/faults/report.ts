/** What a fault-suite run found, and how it is printed. */
import { skippedFromEnv, type FaultKind, type MutationKind } from './plan';

export const OPERATIONS = ['getAll', 'get', 'create', 'update', 'changeStatus'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** `blindSpot`: a loss the provider's API cannot show (FaultWorld.blindSpot); reported, not failed. */
export type Category = 'lost' | 'doubled' | 'unclear' | 'blindSpot';

export interface Violation {
	category: Category;
	execution: number;
	item?: number;
	what: string;
	/** The execution: operation, items, continue-on-fail, requests with their faults and job changes. */
	context: string;
}

export interface FaultReport {
	provider: string;
	seed: number;
	executions: number;
	operations: Record<Operation, number>;
	itemsSucceeded: number;
	itemsFailed: number;
	faults: Record<FaultKind, number>;
	mutations: Record<MutationKind, number>;
	violations: Violation[];
	/** Error messages by shape (numbers blanked), most frequent first. */
	errors: Array<[string, number]>;
	runMs: number;
	slowestExecutionMs: number;
}

export function formatReport(report: FaultReport): string {
	const counts = (record: Record<string, number>) =>
		Object.entries(record)
			.map(([kind, n]) => `${kind}: ${n}`)
			.join(', ');
	const by = (category: Category) => report.violations.filter((v) => v.category === category).length;
	const total = Object.values(report.operations).reduce((a, b) => a + b, 0);
	return [
		`Fault suite, ${report.provider} (seed ${report.seed}${skippedFromEnv().length ? `, FAULT_SKIP=${skippedFromEnv().join(',')}` : ''}): ${total} operations in ${report.executions} executions, ${(report.runMs / 1000).toFixed(1)} s (slowest execution ${report.slowestExecutionMs} ms)`,
		`  operations: ${counts(report.operations)}`,
		`  items succeeded ${report.itemsSucceeded}, failed ${report.itemsFailed}`,
		`  faults injected (${Object.values(report.faults).reduce((a, b) => a + b, 0)}): ${counts(report.faults)}`,
		`  jobs changed during Get Many: ${counts(report.mutations)}`,
		`  lost ${by('lost')}, doubled ${by('doubled')}, unclear ${by('unclear')}, blind spot ${by('blindSpot')}`,
		`  errors: ${report.errors
			.slice(0, 12)
			.map(([shape, n]) => `${n}× ${shape}`)
			.join(' | ')}`,
	].join('\n');
}

export function formatViolations(report: FaultReport, max = 8): string {
	const shown = report.violations.slice(0, max).map((v) => `- ${v.category}${v.item !== undefined ? ` (item ${v.item})` : ''}: ${v.what}\n  ${v.context}`);
	const more = report.violations.length > max ? `\n… and ${report.violations.length - max} more` : '';
	return `${shown.join('\n')}${more}`;
}

/** Adds `part` into `total` (the lanes of one provider). */
export function merge(total: FaultReport, part: FaultReport): void {
	total.executions += part.executions;
	for (const key of OPERATIONS) total.operations[key] += part.operations[key];
	total.itemsSucceeded += part.itemsSucceeded;
	total.itemsFailed += part.itemsFailed;
	for (const key of Object.keys(part.faults) as FaultKind[]) total.faults[key] = (total.faults[key] ?? 0) + part.faults[key];
	for (const key of Object.keys(part.mutations) as MutationKind[]) total.mutations[key] = (total.mutations[key] ?? 0) + part.mutations[key];
	total.violations.push(...part.violations);
	const errors = new Map(total.errors);
	for (const [shape, n] of part.errors) errors.set(shape, (errors.get(shape) ?? 0) + n);
	total.errors = [...errors.entries()].sort((a, b) => b[1] - a[1]);
	total.slowestExecutionMs = Math.max(total.slowestExecutionMs, part.slowestExecutionMs);
}
