/**
 * The common job shape (`options.simplify`): one shape for every provider, so that a workflow that
 * moves jobs between tools, reports across them or hands them to an AI agent learns one set of
 * names. Each provider maps its own record in `nodes/<Provider>/simplify.ts` (pure); the router and
 * the poll engine apply it. The shape is published as `dist/job.schema.json`.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseInstant, toIsoUtc } from './dates';
import { idString, isObject, textOf } from './json';

export const PROVIDER_KEYS = ['housecallPro', 'accelo', 'fsmNavigator', 'worklayer', 'planado'] as const;
type ProviderKey = (typeof PROVIDER_KEYS)[number];

export const STATUS_CATEGORIES = ['new', 'scheduled', 'inProgress', 'onHold', 'completed', 'canceled', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export interface Ref extends IDataObject {
	id: string | null;
	name: string | null;
}

interface Place extends IDataObject {
	id: string | null;
	address: string | null;
}

export interface CommonJob extends IDataObject {
	provider: ProviderKey;
	id: string;
	number: string | null;
	title: string | null;
	description: string | null;
	status: string | null;
	statusCategory: StatusCategory | null;
	customer: Ref | null;
	location: Place | null;
	assignees: Ref[];
	scheduledStart: string | null;
	scheduledEnd: string | null;
	dueAt: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	completedAt: string | null;
	amount: number | null;
	url: string | null;
}

export type JobSimplifier = (job: IDataObject) => CommonJob;

/** A time the API sent (ISO 8601 with or without offset, taken as UTC then) as ISO 8601 UTC, or null. */
export function isoOrNull(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	const ms = parseInstant(value, 'UTC');
	return ms === undefined ? null : toIsoUtc(ms);
}

/** Unix seconds (number or numeric string, as Accelo sends them; 0 means "not set") as ISO 8601 UTC. */
export function isoFromUnixSeconds(value: unknown): string | null {
	const seconds = Number(value);
	if (value === null || value === '' || !Number.isFinite(seconds) || seconds <= 0) return null;
	return toIsoUtc(seconds * 1000);
}

/** The first non-empty line of a text, trimmed and with its whitespace collapsed, or null. */
export function firstLineOrNull(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const line = value.split(/\r?\n/).find((part) => part.trim() !== '');
	return line === undefined ? null : line.replace(/\s+/g, ' ').trim();
}

export function textOrNull(value: unknown): string | null {
	return textOf(value) ?? null;
}

export function idOrNull(value: unknown): string | null {
	return idString(value) ?? null;
}

/** `{ id, name }` when either is known, else null. */
export function refOrNull(id: unknown, name: unknown): Ref | null {
	const ref: Ref = { id: idOrNull(id), name: textOrNull(name) };
	return ref.id === null && ref.name === null ? null : ref;
}

export function placeOrNull(id: unknown, address: unknown): Place | null {
	const place: Place = { id: idOrNull(id), address: textOrNull(address) };
	return place.id === null && place.address === null ? null : place;
}

/** A decimal amount: cents (integers) divided by 100, or a decimal given as number or string. */
export function amountOrNull(value: unknown, unit: 'cents' | 'units'): number | null {
	if (value === null || value === undefined || value === '') return null;
	const amount = Number(value);
	if (!Number.isFinite(amount)) return null;
	return unit === 'cents' ? Math.round(amount) / 100 : amount;
}

/** Joins the non-empty parts of an address object (`street`, `city`, …) into one line. */
export function addressLine(address: unknown, keys: string[]): string | null {
	if (!isObject(address)) return textOrNull(address);
	const parts = keys.map((key) => textOf(address[key])).filter((part): part is string => part !== undefined);
	return parts.length ? parts.join(', ') : null;
}
