/** Small helpers of the harness. */
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import type { RunError } from './types';

export const WORKFLOW_ID = 'harness-wf';
export const BASE_URL = 'http://localhost:5678';

export function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

export function isVersioned(type: INodeType | IVersionedNodeType): type is IVersionedNodeType {
	return 'nodeVersions' in type;
}

export function hasKey<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
	return typeof value === 'object' && value !== null && key in value;
}

export function toRunError(error: unknown): RunError {
	const field = (key: string): unknown => (hasKey(error, key) ? error[key] : undefined);
	const text = (key: string): string | null | undefined => {
		const value = field(key);
		return value === null ? null : value === undefined ? undefined : String(value);
	};
	return {
		name: text('name') ?? 'Error',
		message: text('message') ?? String(error),
		description: text('description'),
		httpCode: text('httpCode'),
		context: field('context'),
		raw: error,
	};
}
