/**
 * Worklayer (Taxfyle) job API simulator over real loopback HTTP, built on `SimulatorServer`.
 *
 * Sources: the vendor's "Listing Workspace Jobs" page (https://docs.taxfyle.com/jobs/job-list) and the
 * other public pages: https://docs.taxfyle.com/concepts/authentication, /jobs/job-resource,
 * /jobs/job-create, /jobs/job-submit, /jobs/job-creation-flow, /jobs/job-get-checklist,
 * /service-packages/service-package-resource, /service-packages/answer-questions,
 * /documents/document-resource. Where those pages are silent the simulator takes the STRICT option, so a
 * client bug shows up in tests; each such choice is marked `UNDOCUMENTED` and summarised here:
 *
 *  - Layout: `{origin}/v1.0/...` is the API (the real base URL is `https://api.worklayer.com/v1.0`) and
 *    `{origin}/oauth/token` the Auth0 token endpoint (really `https://taxfyle.auth0.com/oauth/token`).
 *  - Order of checks: token path → authentication (401) → rate limit (429) → route (404) → permission
 *    (403) → query/body validation (400) → lookup (404) → state (400).
 *  - Error bodies (the docs only name the errors Forbidden, Unauthorized, NotFound, BadRequest):
 *    `{ "error": "<that name>", "message": "..." }` with the matching HTTP status (403, 401, 404, 400);
 *    429 uses `TooManyRequests` plus a `Retry-After` header (seconds). Token endpoint errors use Auth0's
 *    `{ "error", "error_description" }` (https://auth0.com/docs/api/authentication#client-credentials-flow).
 *  - Lists (jobs, members, job templates, service packages, documents) page with `page_size` /
 *    `page_token` → `{ data, next_page_token }`. Default size 50 (documented for jobs); the maximum is not
 *    documented: option `maxPageSize` (default 100) and `pageSizeAboveMax` ('clamp', the AIP-158 rule
 *    https://google.aip.dev/158 the API's naming follows, or 'error'). `page_size=0` means the default;
 *    negative or non-integer → 400. The end is `next_page_token: ""` (documented); option
 *    `endSignal: 'missing'` omits the field instead (seen on other endpoints).
 *  - Job order (undocumented): `create_time` ascending, then `id`. Tokens are keyset cursors in the
 *    format of the docs' sample token (base64 of `<type>/<key>/asc/<url-encoded last value>`), so a job
 *    inserted or deleted between two page reads shifts nothing; a job created "in the past" behind the
 *    cursor is not seen. A token that does not decode → 400.
 *  - Query parameters other than `filter`, `page_size`, `page_token` (for example a sort) → 400; a
 *    parameter given twice or in bracket form → 400.
 *  - Filter grammar: see `parseWorklayerFilter`. Precedence and parentheses are not documented: by
 *    default mixing AND with OR at one level and any parenthesis → 400 (option `filterGrammar`).
 *  - A missing time (`transmit_time: null`) matches no comparison, not even `!=`.
 *  - Status values: the five documented ones plus `CANCELED` (the docs mention a canceled final state;
 *    its spelling is not documented). Only `POST /jobs/{id}/submit` changes status, and only
 *    UNDER_CONSTRUCTION → UNCLAIMED (https://docs.taxfyle.com/jobs/job-submit); anything else → 400.
 *  - Create (`POST /jobs`, JSON `{owner_user_id, job_template_id}`) answers 200 with the job (shape
 *    undocumented). The owner must be a CLIENT member and the template must exist (else 400); unknown
 *    fields → 400.
 *  - `POST /jobs/{id}/requested-provider` takes `{ "requested_provider_id": "<pro uuid>" }` (field name
 *    undocumented; the product's `requestedProviderId`); it and `.../request-previous` are allowed only
 *    before submit (job-creation-flow: "This must be done prior to submitting the job"). The job resource
 *    lists no field for it, so it is kept beside the job (`requestedProviderOf`), not in the job body.
 *  - Get answers the bare job (option `wrapSingle: true` wraps it in `{ data }`).
 *  - Job ids in paths that are not UUIDs → 404.
 *  - Timestamps: `create_time` / `transmit_time` / `deadline_time` carry milliseconds; `update_time`
 *    carries microseconds on every write (the docs' sample shows both forms), strictly increasing.
 */
import { createHash } from 'node:crypto';

import { mulberry32, weightedPicker, type Weighted } from './random';
import { header, SimulatorServer, type RecordedRequest, type SimResponse } from './server';

// ---------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------

export const WORKLAYER_STATUSES = ['UNDER_CONSTRUCTION', 'INFO_GATHERING', 'UNCLAIMED', 'CLAIMED', 'CLOSED', 'CANCELED'] as const;
export type WorklayerJobStatus = (typeof WORKLAYER_STATUSES)[number];

/** A person on a job. The docs show `role` (e.g. CHAMPION), `type` (e.g. CLIENT), `user_id` and names. */
export interface WorklayerJobMember {
	user_id: string;
	given_name: string;
	family_name: string;
	/** CLIENT for the person the work is for, CHAMPION for the Pro who claimed the job. */
	role: 'CLIENT' | 'CHAMPION';
	/** CLIENT for workspace users, PROVIDER for Taxfyle Pros (UNDOCUMENTED spelling). */
	type: 'CLIENT' | 'PROVIDER';
}

export interface WorklayerJob {
	id: string;
	short_id: string;
	name: string | null;
	description: string;
	/** A string, e.g. "91" (docs' sample). */
	workspace_id: string;
	status: WorklayerJobStatus;
	create_time: string;
	update_time: string;
	transmit_time: string | null;
	deadline_time: string | null;
	total_amount: number;
	members: WorklayerJobMember[];
}

/** A member of the workspace (`GET /v1.0/members`). The API client itself is a MACHINE member. */
export interface WorklayerMember {
	user_id: string;
	workspace_id: string;
	given_name: string;
	family_name: string;
	email: string | null;
	type: 'CLIENT' | 'ADMIN' | 'MACHINE';
	create_time: string;
}

/** A Taxfyle Pro (not a workspace member; appears on claimed jobs and as a requested provider). */
export interface WorklayerPro {
	user_id: string;
	given_name: string;
	family_name: string;
}

export type WorklayerQuestionType = 'BOOL' | 'NUMERIC' | 'TEXT' | 'DATE_TIME' | 'SINGLE_SELECT' | 'MULTI_SELECT';

export interface WorklayerQuestion {
	id: string;
	type: WorklayerQuestionType;
	question_text: string;
	options: Array<{ id: string; text: string }>;
}

/** https://docs.taxfyle.com/service-packages/service-package-resource */
export interface WorklayerServicePackage {
	id: string;
	name: string;
	type: 'PERSONAL' | 'BUSINESS' | 'ADD_ON';
	description: string;
	create_time: string;
	modified_time: string;
	required_questions: WorklayerQuestion[];
}

/** `GET /v1.0/job-templates` (job-creation-flow): what a new job is created from. */
export interface WorklayerJobTemplate {
	id: string;
	name: string;
	description: string;
	/** The tax form, used in job descriptions ("Tony Stark | 2021 | 1040"). */
	form: string;
	/** Price of a job created from it (`total_amount`). */
	price: number;
	supported_service_packages: string[];
	create_time: string;
	update_time: string;
}

/** https://docs.taxfyle.com/documents/document-resource */
export interface WorklayerDocument {
	id: string;
	title: string;
	description: string;
	create_time: string;
	update_time: string;
	document_type: { id: string; name: string } | null;
}

export interface WorklayerData {
	referenceDate: string;
	workspaceId: string;
	members: WorklayerMember[];
	pros: WorklayerPro[];
	servicePackages: WorklayerServicePackage[];
	templates: WorklayerJobTemplate[];
	/** Ascending `create_time`, then `id`. */
	jobs: WorklayerJob[];
	/** Job id → documents (Maps: plain objects with 50,000 UUID keys are slow). */
	documents: Map<string, WorklayerDocument[]>;
	/** Job id → the job template it was created from (not part of the job resource). */
	jobTemplates: Map<string, string>;
}

export interface WorklayerErrorBody {
	error: 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'TooManyRequests';
	message: string;
}

export interface WorklayerList<T> {
	data: T[];
	next_page_token?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------

export const WORKLAYER_REFERENCE_DATE = '2026-03-01T00:00:00Z';
export const WORKLAYER_API_PREFIX = '/v1.0';
export const WORKLAYER_TOKEN_PATH = '/oauth/token';
/** "Only https://api.worklayer.com/public/ is supported" (https://docs.taxfyle.com/concepts/authentication). */
export const WORKLAYER_AUDIENCE = 'https://api.worklayer.com/public/';
export const WORKLAYER_DEFAULT_CLIENT_ID = 'worklayer-test-client';
export const WORKLAYER_DEFAULT_CLIENT_SECRET = 'worklayer-test-secret';
export const WORKLAYER_DEFAULT_WORKSPACE_ID = '91';
export const WORKLAYER_DEFAULT_PAGE_SIZE = 50;
export const WORKLAYER_DEFAULT_MAX_PAGE_SIZE = 100;
export const WORKLAYER_TOKEN_SCOPE = 'api:access';

/** Fields the list `filter` understands and their comparators (docs' filtering table). */
export const WORKLAYER_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = {
	'members.user_id': [':'],
	status: ['=', '!='],
	create_time: ['=', '!=', '>', '>=', '<', '<='],
	transmit_time: ['=', '!=', '>', '>=', '<', '<='],
	deadline_time: ['=', '!=', '>', '>=', '<', '<='],
};

// ---------------------------------------------------------------------------------------------------------
// Time helpers (microseconds since the epoch as plain numbers: < 2^53 until year 2255)
// ---------------------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp (upper-case T and Z, offset required) to microseconds; undefined if invalid. */
export function parseWorklayerTime(value: string): number | undefined {
	const m = RFC3339_RE.exec(value);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
	if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
	let ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s));
	if (offset !== 'Z') {
		const sign = offset[0] === '-' ? -1 : 1;
		const oh = Number(offset.slice(1, 3));
		const om = Number(offset.slice(4, 6));
		if (oh > 23 || om > 59) return undefined;
		ms -= sign * (oh * 60 + om) * MINUTE;
	}
	const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
	return ms * 1000 + micros;
}

const timeCache = new Map<string, number | undefined>();

/** `parseWorklayerTime` with a bounded cache: lists sort and compare the same strings over and over. */
function cachedTime(value: string): number | undefined {
	if (timeCache.has(value)) return timeCache.get(value);
	const parsed = parseWorklayerTime(value);
	if (timeCache.size >= 500_000) timeCache.clear();
	timeCache.set(value, parsed);
	return parsed;
}

const dayPrefixes = new Map<number, string>();
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `2026-02-17T17:44:31.737Z`. Fast: the date part is cached per day (big data sets call this a lot). */
export function worklayerIsoMs(ms: number): string {
	const day = Math.floor(ms / DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY).toISOString().slice(0, 11);
		if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
	}
	const inDay = ms - day * DAY;
	const secs = Math.floor(inDay / 1000);
	return `${prefix}${PAD2[Math.floor(secs / 3600)]}:${PAD2[Math.floor(secs / 60) % 60]}:${PAD2[secs % 60]}.${String(inDay % 1000).padStart(3, '0')}Z`;
}

/** `2026-02-17T17:45:13.285105Z`. */
export function worklayerIsoMicros(micros: number): string {
	const ms = Math.floor(micros / 1000);
	const rest = String(micros - ms * 1000).padStart(3, '0');
	return `${worklayerIsoMs(ms).slice(0, -1)}${rest}Z`;
}

// ---------------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------------

/** A version-4 UUID from the seeded generator. */
function uuidFrom(rand: () => number): string {
	const h = (): string => Math.floor(rand() * 0x1_0000_0000).toString(16).padStart(8, '0');
	const a = h();
	const b = h();
	const c = h();
	const d = h();
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0], 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const SHORT_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function shortIdFrom(rand: () => number): string {
	let id = '';
	for (let i = 0; i < 11; i++) id += SHORT_ID_ALPHABET[Math.floor(rand() * SHORT_ID_ALPHABET.length)];
	return id;
}

const GIVEN_NAMES = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Ethan', 'Harper', 'Daniel', 'Evelyn', 'Henry', 'Priya', 'Wei'];
const FAMILY_NAMES = ['Johnson', 'Martinez', 'Nguyen', 'Patel', 'Kim', 'Okafor', 'Rossi', 'Schmidt', 'Cohen', 'Garcia', 'Brown', 'Lee', 'Walker', 'Hughes', 'Silva', 'Novak', 'Murphy', 'Tanaka', 'Ali', 'Fischer'];
const PRO_NAMES: ReadonlyArray<[string, string]> = [
	['Dana', 'Whitfield'],
	['Marcus', 'Bell'],
	['Renee', 'Alvarez'],
	['Samuel', 'Osei'],
	['Grace', 'Lindqvist'],
	['Tariq', 'Haddad'],
	['Hannah', 'Moreau'],
	['Victor', 'Chang'],
];

const QUESTIONS: Record<string, WorklayerQuestion[]> = {
	PERSONAL: [
		{ id: 'FILING_STATUS', type: 'SINGLE_SELECT', question_text: 'What is your filing status?', options: [{ id: 'SINGLE', text: 'Single' }, { id: 'MFJ', text: 'Married filing jointly' }, { id: 'HOH', text: 'Head of household' }] },
		{ id: 'DEPENDENTS', type: 'NUMERIC', question_text: 'How many dependents do you claim?', options: [] },
		{ id: 'HAS_W2', type: 'BOOL', question_text: 'Did you receive a W-2?', options: [] },
	],
	BUSINESS: [
		{ id: 'ENTITY_NAME', type: 'TEXT', question_text: 'Legal name of the business', options: [] },
		{ id: 'FISCAL_YEAR_END', type: 'DATE_TIME', question_text: 'When does the fiscal year end?', options: [] },
		{ id: 'INCOME_TYPES', type: 'MULTI_SELECT', question_text: 'Which kinds of income did the business have?', options: [{ id: 'SALES', text: 'Sales' }, { id: 'SERVICES', text: 'Services' }, { id: 'RENTAL', text: 'Rental' }] },
	],
	ADD_ON: [{ id: 'STATE_COUNT', type: 'NUMERIC', question_text: 'How many state returns are needed?', options: [] }],
};

const PACKAGE_DEFS: ReadonlyArray<{ name: string; type: 'PERSONAL' | 'BUSINESS' | 'ADD_ON'; description: string }> = [
	{ name: '1040 Tier 1', type: 'PERSONAL', description: 'Individual return with W-2 income' },
	{ name: '1040 Tier 2', type: 'PERSONAL', description: 'Individual return with investments or rental income' },
	{ name: 'Business Return', type: 'BUSINESS', description: 'Corporate or partnership return' },
	{ name: 'Additional State', type: 'ADD_ON', description: 'One additional state return' },
];

const TEMPLATE_DEFS: ReadonlyArray<{ name: string; form: string; price: number; packages: number[] }> = [
	{ name: 'Personal Return', form: '1040', price: 199, packages: [0, 1, 3] },
	{ name: 'Business Return', form: '1120S', price: 499, packages: [2, 3] },
	{ name: 'Partnership Return', form: '1065', price: 599, packages: [2, 3] },
	{ name: 'Amended Return', form: '1040-X', price: 149, packages: [0] },
	{ name: 'Tax Extension', form: '4868', price: 79, packages: [0] },
];

const DOCUMENT_TYPES: ReadonlyArray<{ id: string; name: string; title: string }> = [
	{ id: 'W_2', name: 'W-2', title: 'W-2 from employer' },
	{ id: 'FORM_1099', name: '1099', title: '1099-INT from bank' },
	{ id: 'PHOTO_ID', name: 'Photo ID', title: "Driver's license" },
	{ id: 'DRAFT_RETURN', name: 'Draft return', title: 'Draft return for review' },
];

/** Status by job age: new jobs are drafts or in the pool, old ones mostly closed. */
const STATUS_BY_AGE: ReadonlyArray<{ maxDays: number; pick: (r: number) => WorklayerJobStatus }> = [
	{ maxDays: 1, pick: weightedPicker<WorklayerJobStatus>([['UNDER_CONSTRUCTION', 45], ['INFO_GATHERING', 20], ['UNCLAIMED', 30], ['CANCELED', 5]]) },
	{ maxDays: 14, pick: weightedPicker<WorklayerJobStatus>([['UNDER_CONSTRUCTION', 15], ['INFO_GATHERING', 15], ['UNCLAIMED', 25], ['CLAIMED', 35], ['CLOSED', 5], ['CANCELED', 5]]) },
	{ maxDays: 60, pick: weightedPicker<WorklayerJobStatus>([['UNDER_CONSTRUCTION', 5], ['UNCLAIMED', 10], ['CLAIMED', 40], ['CLOSED', 38], ['CANCELED', 7]]) },
	{ maxDays: Infinity, pick: weightedPicker<WorklayerJobStatus>([['CLAIMED', 8], ['CLOSED', 82], ['CANCELED', 10]]) },
];

const IN_POOL_OR_LATER: ReadonlySet<WorklayerJobStatus> = new Set(['UNCLAIMED', 'CLAIMED', 'CLOSED']);

/**
 * Deterministic demo data: 24 workspace members (1 MACHINE — the API client —, 2 ADMIN, 21 CLIENT),
 * 8 Pros, 4 service packages, 5 job templates and `jobCount` jobs created over the 400 days before
 * `referenceDate` (default `WORKLAYER_REFERENCE_DATE`), at least 3 of them (when `jobCount >= 3`) in the
 * last 24 hours. With `jobCount >= 6` every status occurs. Deadlines of open jobs fall after the
 * reference date, those of closed jobs before it.
 */
export function generateWorklayerData(jobCount: number, seed = 1, referenceDate: Date | string = WORKLAYER_REFERENCE_DATE): WorklayerData {
	const rand = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
	const ref = typeof referenceDate === 'string' ? Date.parse(referenceDate) : referenceDate.getTime();
	const workspaceId = WORKLAYER_DEFAULT_WORKSPACE_ID;
	const early = ref - 800 * DAY;

	const members: WorklayerMember[] = [];
	const memberAt = (i: number): number => early + i * 7 * DAY + int(0, DAY - 1);
	members.push({ user_id: uuidFrom(rand), workspace_id: workspaceId, given_name: 'API', family_name: 'Client', email: null, type: 'MACHINE', create_time: worklayerIsoMs(memberAt(0)) });
	for (let i = 1; i <= 23; i++) {
		const given = GIVEN_NAMES[(i * 7) % GIVEN_NAMES.length];
		const family = FAMILY_NAMES[(i * 11) % FAMILY_NAMES.length];
		members.push({
			user_id: uuidFrom(rand),
			workspace_id: workspaceId,
			given_name: given,
			family_name: family,
			email: `${given}.${family}${i}@example.com`.toLowerCase(),
			type: i <= 2 ? 'ADMIN' : 'CLIENT',
			create_time: worklayerIsoMs(memberAt(i)),
		});
	}
	const clients = members.filter((m) => m.type === 'CLIENT');
	const pros: WorklayerPro[] = PRO_NAMES.map(([given, family]) => ({ user_id: uuidFrom(rand), given_name: given, family_name: family }));

	const servicePackages: WorklayerServicePackage[] = PACKAGE_DEFS.map((def, i) => {
		const at = worklayerIsoMicros((early + i * DAY) * 1000 + int(0, 999_999));
		return { id: uuidFrom(rand), name: def.name, type: def.type, description: def.description, create_time: at, modified_time: at, required_questions: QUESTIONS[def.type].map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) })) };
	});
	const templates: WorklayerJobTemplate[] = TEMPLATE_DEFS.map((def, i) => {
		const at = worklayerIsoMs(early + (10 + i) * DAY + int(0, DAY - 1));
		return {
			id: uuidFrom(rand),
			name: def.name,
			description: `${def.name} (Form ${def.form})`,
			form: def.form,
			price: def.price,
			supported_service_packages: def.packages.map((p) => servicePackages[p].id),
			create_time: at,
			update_time: at,
		};
	});

	// Creation times ascending; the last three fall within the 24 hours before the reference date.
	const created: number[] = [];
	for (let i = 0; i < jobCount; i++) created.push(ref - int(1, 400 * 86_400 - 1) * 1000 - int(0, 999));
	for (let i = 0; i < Math.min(3, jobCount); i++) created[i] = ref - int(60, 23 * 3600) * 1000 - int(0, 999);
	created.sort((a, b) => a - b);

	const statuses = created.map((c) => {
		const ageDays = (ref - c) / DAY;
		return (STATUS_BY_AGE.find((b) => ageDays < b.maxDays) ?? STATUS_BY_AGE[STATUS_BY_AGE.length - 1]).pick(rand());
	});
	// Every status at least once: a missing one replaces a value that occurs more than once.
	if (jobCount >= WORKLAYER_STATUSES.length) {
		const counts = new Map<WorklayerJobStatus, number>();
		for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
		for (const wanted of WORKLAYER_STATUSES) {
			if (counts.get(wanted)) continue;
			let i = Math.floor(rand() * jobCount);
			while ((counts.get(statuses[i]) ?? 0) < 2) i = (i + 1) % jobCount;
			counts.set(statuses[i], (counts.get(statuses[i]) ?? 0) - 1);
			statuses[i] = wanted;
			counts.set(wanted, 1);
		}
	}

	const shortIds = new Set<string>();
	const jobs: WorklayerJob[] = [];
	const documents = new Map<string, WorklayerDocument[]>();
	const jobTemplates = new Map<string, string>();
	for (let i = 0; i < jobCount; i++) {
		const status = statuses[i];
		const createdMs = created[i];
		const owner = clients[Math.floor(rand() * clients.length)];
		const template = templates[Math.floor(rand() * templates.length)];
		let shortId = shortIdFrom(rand);
		while (shortIds.has(shortId)) shortId = shortIdFrom(rand);
		shortIds.add(shortId);
		const taxYear = Number(worklayerIsoMs(createdMs).slice(0, 4)) - 1;

		let transmitMs: number | null = null;
		if (IN_POOL_OR_LATER.has(status) || (status === 'CANCELED' && rand() < 0.5)) {
			transmitMs = Math.min(createdMs + int(10, 72 * 60) * MINUTE + int(0, 999), ref - int(1, 600) * 1000);
			if (transmitMs < createdMs) transmitMs = createdMs + 1;
		}
		let deadlineMs: number | null = null;
		if (status !== 'UNDER_CONSTRUCTION' && rand() < 0.8) {
			deadlineMs = status === 'CLOSED' || status === 'CANCELED'
				? Math.min(createdMs + int(5, 40) * DAY, ref - HOUR)
				: Math.max(createdMs, ref) + int(1, 60) * DAY;
			// 17:00 UTC on that day; closed jobs keep theirs in the past, open ones in the future.
			deadlineMs = Math.floor(deadlineMs / DAY) * DAY + 17 * HOUR;
			if ((status === 'CLOSED' || status === 'CANCELED') && deadlineMs >= ref) deadlineMs -= DAY;
			if (status !== 'CLOSED' && status !== 'CANCELED' && deadlineMs <= ref) deadlineMs += DAY;
		}
		const jobMembers: WorklayerJobMember[] = [{ user_id: owner.user_id, given_name: owner.given_name, family_name: owner.family_name, role: 'CLIENT', type: 'CLIENT' }];
		if (status === 'CLAIMED' || status === 'CLOSED') {
			const pro = pros[Math.floor(rand() * pros.length)];
			jobMembers.push({ user_id: pro.user_id, given_name: pro.given_name, family_name: pro.family_name, role: 'CHAMPION', type: 'PROVIDER' });
		}
		const lastEvent = Math.max(createdMs, transmitMs ?? 0);
		const updatedMs = Math.min(lastEvent + (status === 'UNDER_CONSTRUCTION' ? int(0, 120) * 1000 : int(1, 20 * 24 * 60) * MINUTE), ref - 1);
		const updatedMicros = Math.max(updatedMs, createdMs) * 1000 + (rand() < 0.5 ? int(1, 999) : 0);
		const id = uuidFrom(rand);
		jobTemplates.set(id, template.id);
		jobs.push({
			id,
			short_id: shortId,
			name: rand() < 0.4 ? null : template.name,
			description: `${owner.given_name} ${owner.family_name} | ${taxYear} | ${template.form}`,
			workspace_id: workspaceId,
			status,
			create_time: worklayerIsoMs(createdMs),
			update_time: updatedMicros % 1000 === 0 ? worklayerIsoMs(updatedMicros / 1000) : worklayerIsoMicros(updatedMicros),
			transmit_time: transmitMs === null ? null : worklayerIsoMs(transmitMs),
			deadline_time: deadlineMs === null ? null : worklayerIsoMs(deadlineMs),
			total_amount: template.price,
			members: jobMembers,
		});
		const docCount = status === 'UNDER_CONSTRUCTION' ? 0 : int(0, 3);
		if (docCount) {
			const docs: WorklayerDocument[] = [];
			documents.set(id, docs);
			for (let d = 0; d < docCount; d++) {
				const type = DOCUMENT_TYPES[Math.floor(rand() * DOCUMENT_TYPES.length)];
				const at = worklayerIsoMs(Math.min(createdMs + int(1, 3 * 24 * 60) * MINUTE, ref - 1));
				docs.push({ id: uuidFrom(rand), title: type.title, description: `${type.name} uploaded by the client`, create_time: at, update_time: at, document_type: { id: type.id, name: type.name } });
			}
		}
	}
	jobs.sort(compareJobs);
	return { referenceDate: worklayerIsoMs(ref), workspaceId, members, pros, servicePackages, templates, jobs, documents, jobTemplates };
}

function compareJobs(a: WorklayerJob, b: WorklayerJob): number {
	const ta = cachedTime(a.create_time) ?? 0;
	const tb = cachedTime(b.create_time) ?? 0;
	return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------------
// Filter expressions
// ---------------------------------------------------------------------------------------------------------

export interface WorklayerFilterGrammar {
	/**
	 * What `a AND b OR c` means (undocumented): 'reject' (default: 400, so a client cannot rely on a
	 * guess), 'orBindsTighter' (AIP-160, https://google.aip.dev/160: `a AND (b OR c)`) or
	 * 'andBindsTighter' (`(a AND b) OR c`).
	 */
	mixedAndOr?: 'reject' | 'orBindsTighter' | 'andBindsTighter';
	/** Whether `(` `)` group terms (undocumented; default false → 400). */
	parentheses?: boolean;
}

export type WorklayerFilterNode =
	| { kind: 'and' | 'or'; children: WorklayerFilterNode[] }
	| { kind: 'term'; field: string; op: string; value: string; quoted: boolean };

export class WorklayerFilterError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(`${message} (at position ${position})`);
	}
}

interface FilterToken {
	kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'end';
	text: string;
	pos: number;
}

function tokenize(input: string): FilterToken[] {
	const tokens: FilterToken[] = [];
	let i = 0;
	while (i < input.length) {
		const c = input[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '(' || c === ')') {
			tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, pos: i });
			i++;
			continue;
		}
		if (c === '"') {
			// Escaping inside strings is not documented; AIP-160's backslash escapes are used.
			const start = i;
			let text = '';
			i++;
			for (;;) {
				if (i >= input.length) throw new WorklayerFilterError('unterminated string', start);
				const ch = input[i];
				if (ch === '\\') {
					if (i + 1 >= input.length) throw new WorklayerFilterError('unterminated string', start);
					text += input[i + 1];
					i += 2;
					continue;
				}
				if (ch === '"') {
					i++;
					break;
				}
				text += ch;
				i++;
			}
			tokens.push({ kind: 'string', text, pos: start });
			continue;
		}
		const two = input.slice(i, i + 2);
		if (two === '>=' || two === '<=' || two === '!=') {
			tokens.push({ kind: 'op', text: two, pos: i });
			i += 2;
			continue;
		}
		if (c === '=' || c === '<' || c === '>' || c === ':') {
			tokens.push({ kind: 'op', text: c, pos: i });
			i++;
			continue;
		}
		const m = /^[A-Za-z0-9_.\-+]+/.exec(input.slice(i));
		if (!m) throw new WorklayerFilterError(`unexpected character '${c}'`, i);
		tokens.push({ kind: 'word', text: m[0], pos: i });
		i += m[0].length;
	}
	tokens.push({ kind: 'end', text: '', pos: input.length });
	return tokens;
}

/**
 * Parses a list filter. Grammar (docs' fields and comparators; the rest is strict where undocumented):
 *
 *     filter  := seq
 *     seq     := factor { ("AND" | "OR") factor }      -- keywords upper-case; see `mixedAndOr`
 *     factor  := term | "(" seq ")"                     -- parentheses only with `parentheses: true`
 *     term    := field op value
 *     field   := "members.user_id" | "status" | "create_time" | "transmit_time" | "deadline_time"
 *     op      := ":" (members.user_id) | "=" "!=" (status) | "=" "!=" ">" ">=" "<" "<=" (times)
 *     value   := '"' { char | '\' char } '"' | bare word [A-Za-z0-9_.+-]+
 *
 * Times must be quoted RFC 3339 timestamps; status values (quoted or bare) must be a known status.
 * Two terms without AND/OR between them, `=<`, lower-case `and`, NOT and `-` negation → error.
 */
export function parseWorklayerFilter(input: string, grammar: WorklayerFilterGrammar = {}): WorklayerFilterNode {
	const mixed = grammar.mixedAndOr ?? 'reject';
	const allowParens = grammar.parentheses ?? false;
	const tokens = tokenize(input);
	let at = 0;
	const peek = (): FilterToken => tokens[at];
	const next = (): FilterToken => tokens[at++];

	const term = (): WorklayerFilterNode => {
		const fieldTok = next();
		if (fieldTok.kind !== 'word') throw new WorklayerFilterError(`expected a field name, found ${describe(fieldTok)}`, fieldTok.pos);
		const field = fieldTok.text;
		const ops = WORKLAYER_FILTER_FIELDS[field];
		if (!ops) throw new WorklayerFilterError(`unknown field '${field}'; filterable fields are ${Object.keys(WORKLAYER_FILTER_FIELDS).join(', ')}`, fieldTok.pos);
		const opTok = next();
		if (opTok.kind !== 'op') throw new WorklayerFilterError(`expected a comparator after '${field}', found ${describe(opTok)}`, opTok.pos);
		if (!ops.includes(opTok.text)) throw new WorklayerFilterError(`comparator '${opTok.text}' is not supported for '${field}'; use ${ops.join(' ')}`, opTok.pos);
		const valueTok = next();
		if (valueTok.kind !== 'string' && valueTok.kind !== 'word') throw new WorklayerFilterError(`expected a value after '${field} ${opTok.text}', found ${describe(valueTok)}`, valueTok.pos);
		const value = valueTok.text;
		if (field === 'status' && !(WORKLAYER_STATUSES as readonly string[]).includes(value)) {
			throw new WorklayerFilterError(`invalid status '${value}'; allowed: ${WORKLAYER_STATUSES.join(', ')}`, valueTok.pos);
		}
		if (field.endsWith('_time')) {
			if (valueTok.kind !== 'string') throw new WorklayerFilterError(`the value of '${field}' must be a quoted timestamp`, valueTok.pos);
			if (parseWorklayerTime(value) === undefined) throw new WorklayerFilterError(`invalid timestamp '${value}' for '${field}'`, valueTok.pos);
		}
		return { kind: 'term', field, op: opTok.text, value, quoted: valueTok.kind === 'string' };
	};

	const factor = (): WorklayerFilterNode => {
		const t = peek();
		if (t.kind === 'lparen') {
			if (!allowParens) throw new WorklayerFilterError('parentheses are not supported', t.pos);
			next();
			const inner = seq();
			const close = next();
			if (close.kind !== 'rparen') throw new WorklayerFilterError(`expected ')', found ${describe(close)}`, close.pos);
			return inner;
		}
		if (t.kind === 'rparen') throw new WorklayerFilterError(allowParens ? "unexpected ')'" : 'parentheses are not supported', t.pos);
		return term();
	};

	const seq = (): WorklayerFilterNode => {
		const factors: WorklayerFilterNode[] = [factor()];
		const ops: Array<'AND' | 'OR'> = [];
		let firstMixPos = -1;
		for (;;) {
			const t = peek();
			if (t.kind === 'end' || t.kind === 'rparen') break;
			if (t.kind !== 'word' || (t.text !== 'AND' && t.text !== 'OR')) throw new WorklayerFilterError(`expected AND, OR or the end of the filter, found ${describe(t)}`, t.pos);
			next();
			const op = t.text as 'AND' | 'OR';
			if (ops.length && ops[0] !== op && firstMixPos < 0) firstMixPos = t.pos;
			ops.push(op);
			factors.push(factor());
		}
		if (factors.length === 1) return factors[0];
		if (firstMixPos < 0) return { kind: ops[0] === 'AND' ? 'and' : 'or', children: factors };
		if (mixed === 'reject') throw new WorklayerFilterError('AND and OR cannot be mixed in one expression', firstMixPos);
		const loose = mixed === 'orBindsTighter' ? 'AND' : 'OR';
		const groups: WorklayerFilterNode[][] = [[factors[0]]];
		ops.forEach((op, i) => {
			if (op === loose) groups.push([factors[i + 1]]);
			else groups[groups.length - 1].push(factors[i + 1]);
		});
		const tightKind = loose === 'AND' ? 'or' : 'and';
		const children = groups.map((g): WorklayerFilterNode => (g.length === 1 ? g[0] : { kind: tightKind, children: g }));
		return { kind: loose === 'AND' ? 'and' : 'or', children };
	};

	if (peek().kind === 'end') throw new WorklayerFilterError('empty filter', 0);
	const root = seq();
	const rest = peek();
	if (rest.kind !== 'end') throw new WorklayerFilterError(`unexpected ${describe(rest)}`, rest.pos);
	return root;
}

function describe(t: FilterToken): string {
	if (t.kind === 'end') return 'the end of the filter';
	if (t.kind === 'string') return `"${t.text}"`;
	return `'${t.text}'`;
}

/** Whether `job` matches a parsed filter. */
export function matchesWorklayerFilter(job: WorklayerJob, node: WorklayerFilterNode): boolean {
	if (node.kind !== 'term') {
		return node.kind === 'and' ? node.children.every((c) => matchesWorklayerFilter(job, c)) : node.children.some((c) => matchesWorklayerFilter(job, c));
	}
	const value = node.value;
	if (node.field === 'members.user_id') return job.members.some((m) => m.user_id === value);
	if (node.field === 'status') return node.op === '=' ? job.status === node.value : job.status !== node.value;
	const raw = job[node.field as 'create_time' | 'transmit_time' | 'deadline_time'];
	if (raw === null) return false;
	const actual = cachedTime(raw);
	const wanted = cachedTime(value);
	if (actual === undefined || wanted === undefined) return false;
	switch (node.op) {
		case '=':
			return actual === wanted;
		case '!=':
			return actual !== wanted;
		case '>':
			return actual > wanted;
		case '>=':
			return actual >= wanted;
		case '<':
			return actual < wanted;
		default:
			return actual <= wanted;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------------------------

/** What the API client's machine member may do (403 Forbidden when denied). */
export type WorklayerPermission = 'jobs.list' | 'jobs.get' | 'jobs.create' | 'jobs.write' | 'members.list' | 'templates.list' | 'servicePackages.list' | 'documents.list';

export interface WorklayerIssuedToken {
	accessToken: string;
	clientId: string;
	/** ms since epoch, by the simulator's clock. */
	expiresAt: number;
}

export interface WorklayerListHookInfo {
	/** 0 for the first page (no `page_token`), 1 for the page read with the first page's token, and so on. */
	pageIndex: number;
	pageToken: string | undefined;
	filter: string | undefined;
	request: RecordedRequest;
}

export interface WorklayerSimulatorOptions {
	/** Generated jobs when neither `data` nor `jobs` is given (default 25). */
	jobCount?: number;
	/** Seed for generated data (default 1). */
	seed?: number;
	/** Reference data and jobs (copied). */
	data?: WorklayerData;
	/** Use exactly these jobs (copied); members, templates, ... come from `data` or the defaults. */
	jobs?: WorklayerJob[];
	clientId?: string;
	clientSecret?: string;
	/** The audience the token endpoint accepts (default `WORKLAYER_AUDIENCE`). */
	audience?: string;
	/** Access token lifetime (default 3600, as in the docs). */
	tokenTtlSeconds?: number;
	/** Rolling-window limit per API client (429 above it). Default: unlimited. */
	rateLimit?: { limit: number; windowMs: number };
	/** Clock for timestamps of writes, token expiry and the rate limit (default: real time). */
	now?: () => Date;
	/** A fixed wait before every answer, as a distant API has. */
	latencyMs?: number;
	/** Default 100 (undocumented). */
	maxPageSize?: number;
	/** What `page_size` above the maximum does (default 'clamp'). */
	pageSizeAboveMax?: 'clamp' | 'error';
	/** End of a list: `next_page_token: ""` (default, documented) or no field at all. */
	endSignal?: 'empty' | 'missing';
	filterGrammar?: WorklayerFilterGrammar;
	/** Get answers `{ data: job }` instead of the bare job. */
	wrapSingle?: boolean;
	/** Permissions the machine member lacks. */
	deniedPermissions?: WorklayerPermission[];
	/** Called before each page of `GET /jobs` is computed; may change the store. */
	onList?: (info: WorklayerListHookInfo) => void | Promise<void>;
}

interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: WorklayerErrorBody['error'],
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
const notFound = (message: string): ApiError => new ApiError(404, 'NotFound', message);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copyJob(job: WorklayerJob): WorklayerJob {
	return { ...job, members: job.members.map((m) => ({ ...m })) };
}

export class WorklayerSimulator {
	readonly server: SimulatorServer;

	/** The job store, by id. Prefer `putJob` / `deleteJob`, which keep the list order index. */
	readonly jobs = new Map<string, WorklayerJob>();

	readonly members: WorklayerMember[];

	readonly pros: WorklayerPro[];

	readonly templates: WorklayerJobTemplate[];

	readonly servicePackages: WorklayerServicePackage[];

	readonly documents: Map<string, WorklayerDocument[]>;

	/** Job id → job template id (set on create; used for the questionnaire and answers). */
	readonly jobTemplates = new Map<string, string>();

	readonly workspaceId: string;

	readonly clientId: string;

	readonly clientSecret: string;

	readonly audience: string;

	/** Every access token issued, in order. */
	readonly issuedTokens: WorklayerIssuedToken[] = [];

	tokenTtlSeconds: number;

	latencyMs: number;

	maxPageSize: number;

	pageSizeAboveMax: 'clamp' | 'error';

	endSignal: 'empty' | 'missing';

	filterGrammar: WorklayerFilterGrammar;

	wrapSingle: boolean;

	deniedPermissions: Set<WorklayerPermission>;

	onList: ((info: WorklayerListHookInfo) => void | Promise<void>) | undefined;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/v1.0`. */
	baseUrl = '';

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/oauth/token`. */
	tokenUrl = '';

	private readonly now: () => Date;

	private readonly rateLimit: { limit: number; windowMs: number } | undefined;

	private readonly hits = new Map<string, number[]>();

	private sorted: WorklayerJob[] | undefined;

	private readonly requestedProviders = new Map<string, string>();

	private readonly packageAnswers = new Map<string, Array<{ service_package_id: string; answers: Record<string, unknown> }>>();

	private readonly questionnaireAnswers = new Map<string, Record<string, unknown>>();

	private readonly tokenPages = new Map<string, number>();

	private readonly rand: () => number;

	private lastWriteMicros = 0;

	private tokenCounter = 0;

	constructor(options: WorklayerSimulatorOptions = {}) {
		const seed = options.seed ?? 1;
		const data = options.data ?? generateWorklayerData(options.jobs ? 0 : (options.jobCount ?? 25), seed);
		this.members = data.members.map((m) => ({ ...m }));
		this.pros = data.pros.map((p) => ({ ...p }));
		this.templates = data.templates.map((t) => ({ ...t, supported_service_packages: [...t.supported_service_packages] }));
		this.servicePackages = data.servicePackages.map((p) => ({ ...p, required_questions: p.required_questions.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o })) })) }));
		this.documents = new Map([...data.documents].map(([id, docs]) => [id, docs.map((d) => ({ ...d }))]));
		this.workspaceId = data.workspaceId;
		for (const [jobId, templateId] of data.jobTemplates) this.jobTemplates.set(jobId, templateId);
		for (const job of options.jobs ?? data.jobs) this.jobs.set(job.id, copyJob(job));
		this.clientId = options.clientId ?? WORKLAYER_DEFAULT_CLIENT_ID;
		this.clientSecret = options.clientSecret ?? WORKLAYER_DEFAULT_CLIENT_SECRET;
		this.audience = options.audience ?? WORKLAYER_AUDIENCE;
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
		this.rateLimit = options.rateLimit;
		this.now = options.now ?? (() => new Date());
		this.latencyMs = options.latencyMs ?? 0;
		this.maxPageSize = options.maxPageSize ?? WORKLAYER_DEFAULT_MAX_PAGE_SIZE;
		this.pageSizeAboveMax = options.pageSizeAboveMax ?? 'clamp';
		this.endSignal = options.endSignal ?? 'empty';
		this.filterGrammar = { ...options.filterGrammar };
		this.wrapSingle = options.wrapSingle ?? false;
		this.deniedPermissions = new Set(options.deniedPermissions ?? []);
		this.onList = options.onList;
		this.rand = mulberry32(seed ^ 0x5eed);
		this.server = new SimulatorServer((req) => this.handle(req));
	}

	/** Starts on loopback; resolves to the API base URL including `/v1.0`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}${WORKLAYER_API_PREFIX}`;
		this.tokenUrl = `${origin}${WORKLAYER_TOKEN_PATH}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Requests to the API (not the token endpoint). */
	get apiRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path.startsWith(`${WORKLAYER_API_PREFIX}/`));
	}

	/** Requests to the token endpoint. */
	get tokenRequests(): RecordedRequest[] {
		return this.server.requests.filter((r) => r.path === WORKLAYER_TOKEN_PATH);
	}

	// ----- store -----

	getJob(id: string): WorklayerJob | undefined {
		return this.jobs.get(id);
	}

	getJobByShortId(shortId: string): WorklayerJob | undefined {
		for (const job of this.jobs.values()) if (job.short_id === shortId) return job;
		return undefined;
	}

	/** Adds or replaces a job as given (no timestamps are touched). */
	putJob(job: WorklayerJob): WorklayerJob {
		this.jobs.set(job.id, job);
		this.sorted = undefined;
		return job;
	}

	deleteJob(id: string): boolean {
		this.sorted = undefined;
		return this.jobs.delete(id);
	}

	/** Every job in the API's list order: `create_time` ascending, then `id`. */
	listJobs(): readonly WorklayerJob[] {
		if (!this.sorted) this.sorted = [...this.jobs.values()].sort(compareJobs);
		return this.sorted;
	}

	/** The Pro requested for a job through `requested-provider`, if any. */
	requestedProviderOf(jobId: string): string | undefined {
		return this.requestedProviders.get(jobId);
	}

	/** Makes every issued token expired (the next API call with one gets 401). */
	expireTokens(): void {
		for (const t of this.issuedTokens) t.expiresAt = Number.NEGATIVE_INFINITY;
	}

	resetRateLimit(): void {
		this.hits.clear();
	}

	// ----- request handling -----

	private async handle(req: RecordedRequest): Promise<SimResponse> {
		let result: ApiResult;
		try {
			result = req.path === WORKLAYER_TOKEN_PATH ? this.token(req) : await this.api(req);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			const body: WorklayerErrorBody = { error: error.code, message: error.message };
			result = { status: error.status, body, headers: error.headers };
		}
		return { status: result.status, body: result.body, headers: result.headers, delayMs: this.latencyMs || undefined };
	}

	private nowMs(): number {
		return this.now().getTime();
	}

	/** `update_time` of a write: microseconds, strictly increasing even within one millisecond. */
	private writeTime(): { micros: number; iso: string } {
		let micros = this.nowMs() * 1000;
		if (micros <= this.lastWriteMicros) micros = this.lastWriteMicros + 1;
		this.lastWriteMicros = micros;
		return { micros, iso: worklayerIsoMicros(micros) };
	}

	// Auth0 client-credentials token endpoint (https://auth0.com/docs/api/authentication#client-credentials-flow).
	// Auth0 takes JSON (what the Worklayer docs show) or a form body.
	private token(req: RecordedRequest): ApiResult {
		const oauthError = (status: number, error: string, description: string): ApiResult => ({ status, body: { error, error_description: description } });
		if (req.method !== 'POST') return { status: 404, body: 'Not Found' };
		const body = req.body;
		if (!isRecord(body)) return oauthError(400, 'invalid_request', 'The request body must be a JSON object');
		const field = (name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
		const grantType = field('grant_type');
		if (!grantType) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
		if (grantType !== 'client_credentials') return oauthError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`);
		const clientId = field('client_id');
		const secret = field('client_secret');
		if (!clientId) return oauthError(401, 'access_denied', 'Unauthorized');
		if (clientId !== this.clientId || secret !== this.clientSecret) return oauthError(401, 'access_denied', 'Unauthorized');
		const audience = field('audience');
		if (!audience) return oauthError(403, 'access_denied', 'No audience parameter was provided, and no default audience has been configured');
		if (audience !== this.audience) return oauthError(403, 'access_denied', `Service not found: ${audience}`);
		this.tokenCounter++;
		const part = (s: string): string => Buffer.from(s).toString('base64url');
		const digest = createHash('sha256').update(`${this.tokenCounter}:${this.rand()}`).digest('base64url');
		const accessToken = `${part('{"alg":"RS256","typ":"JWT"}')}.${part(JSON.stringify({ sub: `${clientId}@clients`, n: this.tokenCounter }))}.${digest}`;
		this.issuedTokens.push({ accessToken, clientId, expiresAt: this.nowMs() + this.tokenTtlSeconds * 1000 });
		return { status: 200, body: { access_token: accessToken, scope: WORKLAYER_TOKEN_SCOPE, expires_in: this.tokenTtlSeconds, token_type: 'Bearer' } };
	}

	private authenticate(req: RecordedRequest): WorklayerIssuedToken {
		const unauthorized = (message: string): ApiError => new ApiError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
		const auth = header(req, 'authorization');
		if (!auth) throw unauthorized('API Client does not have valid credentials: no Authorization header');
		const m = /^Bearer\s+(\S+)$/i.exec(auth);
		if (!m) throw unauthorized('API Client does not have valid credentials: expected Authorization: Bearer <token>');
		const issued = this.issuedTokens.find((t) => t.accessToken === m[1]);
		if (!issued) throw unauthorized('API Client does not have valid credentials: unknown token');
		if (this.nowMs() >= issued.expiresAt) throw unauthorized('API Client does not have valid credentials: the token has expired');
		return issued;
	}

	private throttle(clientId: string): void {
		if (!this.rateLimit) return;
		const now = this.nowMs();
		let hits = this.hits.get(clientId);
		if (!hits) this.hits.set(clientId, (hits = []));
		while (hits.length && hits[0] <= now - this.rateLimit.windowMs) hits.shift();
		if (hits.length >= this.rateLimit.limit) {
			const retryAfter = Math.max(1, Math.ceil((hits[0] + this.rateLimit.windowMs - now) / 1000));
			throw new ApiError(429, 'TooManyRequests', 'Rate limit exceeded; retry later', { 'Retry-After': String(retryAfter) });
		}
		hits.push(now);
	}

	private require(permission: WorklayerPermission, message: string): void {
		if (this.deniedPermissions.has(permission)) throw new ApiError(403, 'Forbidden', message);
	}

	private async api(req: RecordedRequest): Promise<ApiResult> {
		const token = this.authenticate(req);
		this.throttle(token.clientId);
		if (!req.path.startsWith(`${WORKLAYER_API_PREFIX}/`)) throw notFound(`No route for ${req.method} ${req.path}`);
		const seg = req.path.slice(WORKLAYER_API_PREFIX.length + 1).split('/');
		const method = req.method.toUpperCase();
		const route = `${method} ${seg[0]}`;
		const noRoute = (): ApiError => notFound(`No route for ${method} ${req.path}`);

		if (seg.length === 1) {
			switch (route) {
				case 'GET jobs':
					this.require('jobs.list', 'API Client cannot list workspace jobs');
					return this.listJobsRoute(req);
				case 'POST jobs':
					this.require('jobs.create', 'API Client cannot create jobs');
					return this.createJob(req);
				case 'GET members':
					this.require('members.list', 'API Client cannot list workspace members');
					return this.page(req, this.members, (m) => m.user_id, 'workspace_member.user_id');
				case 'GET job-templates':
					this.require('templates.list', 'API Client cannot list job templates');
					return this.page(req, this.templates, (t) => t.id, 'job_template.id');
				case 'GET service-packages':
					this.require('servicePackages.list', 'API Client cannot list service packages');
					return this.page(req, this.servicePackages, (p) => p.id, 'service_package.id');
				default:
					throw noRoute();
			}
		}
		if (seg.length === 2 && method === 'GET' && (seg[0] === 'job-templates' || seg[0] === 'service-packages')) {
			this.noQuery(req);
			if (seg[0] === 'job-templates') {
				this.require('templates.list', 'API Client cannot read job templates');
				const t = this.templates.find((x) => x.id === seg[1]);
				if (!t) throw notFound(`Job template ${seg[1]} was not found`);
				return { status: 200, body: t };
			}
			this.require('servicePackages.list', 'API Client cannot read service packages');
			const p = this.servicePackages.find((x) => x.id === seg[1]);
			if (!p) throw notFound(`Service package ${seg[1]} was not found`);
			return { status: 200, body: p };
		}
		if (seg[0] !== 'jobs' || seg.length > 4) throw noRoute();

		const sub = seg.slice(2).join('/');
		const known: Record<string, string> = {
			'': 'GET',
			submit: 'POST',
			'requested-provider': 'POST',
			'requested-provider/request-previous': 'POST',
			job_link: 'POST',
			questionnaire: 'GET',
			'questionnaire/answers': 'PUT',
			answers: 'PUT',
			documents: 'GET',
			checklist: 'GET',
		};
		if (known[sub] !== method) throw noRoute();

		// GET /jobs/getByShortId:{short_id} (a custom method on the collection).
		if (sub === '' && seg[1].startsWith('getByShortId:')) {
			this.require('jobs.get', 'API Client cannot read jobs');
			this.noQuery(req);
			const shortId = seg[1].slice('getByShortId:'.length);
			const job = this.getJobByShortId(shortId);
			if (!job) throw notFound(`Job with short id ${shortId} was not found`);
			return this.single(job);
		}
		const id = seg[1];
		this.require(sub === '' ? 'jobs.get' : method === 'GET' ? (sub === 'documents' ? 'documents.list' : 'jobs.get') : 'jobs.write', `API Client cannot ${method === 'GET' ? 'read' : 'change'} this job`);
		const job = UUID_RE.test(id) ? this.jobs.get(id) : undefined;
		if (sub !== 'documents') this.noQuery(req);
		if (!job) throw notFound(`Job ${id} was not found`);
		switch (sub) {
			case '':
				return this.single(job);
			case 'submit':
				return this.submit(req, job);
			case 'requested-provider':
				return this.requestProvider(req, job);
			case 'requested-provider/request-previous':
				return this.requestPrevious(req, job);
			case 'job_link':
				return this.jobLink(req, job);
			case 'questionnaire':
				return { status: 200, body: this.questionnaire(job) };
			case 'questionnaire/answers':
				return this.putQuestionnaireAnswers(req, job);
			case 'answers':
				return this.putPackageAnswers(req, job);
			case 'documents':
				return this.page(req, this.documents.get(job.id) ?? [], (d) => d.id, 'document.id');
			default:
				return { status: 200, body: this.checklist(job) };
		}
	}

	private single(job: WorklayerJob): ApiResult {
		const copy = copyJob(job);
		return { status: 200, body: this.wrapSingle ? { data: copy } : copy };
	}

	private noQuery(req: RecordedRequest): void {
		if (req.queryPairs.length) throw badRequest(`Unknown query parameter '${req.queryPairs[0][0]}'`);
	}

	/** The list query parameters, validated. */
	private listParams(req: RecordedRequest, allowFilter: boolean): { filter?: string; pageSize: number; pageToken?: string } {
		const allowed = allowFilter ? ['filter', 'page_size', 'page_token'] : ['page_size', 'page_token'];
		const seen = new Map<string, string>();
		for (const [name, value] of req.queryPairs) {
			if (!allowed.includes(name)) {
				throw badRequest(name === 'filter' ? 'This list cannot be filtered' : `Unknown query parameter '${name}'${/order|sort/i.test(name) ? '; jobs cannot be sorted' : ''}`);
			}
			if (seen.has(name)) throw badRequest(`Query parameter '${name}' was given more than once`);
			seen.set(name, value);
		}
		let pageSize = WORKLAYER_DEFAULT_PAGE_SIZE;
		const rawSize = seen.get('page_size');
		if (rawSize !== undefined) {
			if (!/^[0-9]+$/.test(rawSize)) throw badRequest(`page_size must be a non-negative integer, got '${rawSize}'`);
			const n = Number(rawSize);
			if (n > this.maxPageSize) {
				if (this.pageSizeAboveMax === 'error') throw badRequest(`page_size must be at most ${this.maxPageSize}`);
				pageSize = this.maxPageSize;
			} else if (n > 0) pageSize = n;
		}
		const pageToken = seen.get('page_token') || undefined;
		const filter = seen.get('filter');
		return { filter: filter === undefined || filter.trim() === '' ? undefined : filter, pageSize, pageToken };
	}

	private decodeToken(token: string, key: string): string {
		let decoded: string;
		try {
			decoded = Buffer.from(token, 'base64').toString('utf8');
		} catch {
			throw badRequest('Invalid page_token');
		}
		const prefix = `string/${key}/asc/`;
		if (!/^[A-Za-z0-9+/]+=*$/.test(token) || !decoded.startsWith(prefix)) throw badRequest('Invalid page_token');
		let value: string;
		try {
			value = decodeURIComponent(decoded.slice(prefix.length));
		} catch {
			throw badRequest('Invalid page_token');
		}
		if (!value.startsWith('local|')) throw badRequest('Invalid page_token');
		return value.slice('local|'.length);
	}

	private encodeToken(key: string, value: string): string {
		// The docs' sample token is base64 of `string/workspace_member.user_id/asc/local%7C<uuid>`.
		return Buffer.from(`string/${key}/asc/${encodeURIComponent(`local|${value}`)}`).toString('base64');
	}

	private endOf<T>(data: T[], nextToken: string): WorklayerList<T> {
		if (nextToken) return { data, next_page_token: nextToken };
		return this.endSignal === 'missing' ? { data } : { data, next_page_token: '' };
	}

	/** Keyset paging of a reference list (ordered by its key). */
	private page<T>(req: RecordedRequest, items: readonly T[], keyOf: (item: T) => string, key: string): ApiResult {
		const { pageSize, pageToken } = this.listParams(req, false);
		const ordered = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
		const after = pageToken === undefined ? undefined : this.decodeToken(pageToken, key);
		const rest = after === undefined ? ordered : ordered.filter((item) => keyOf(item) > after);
		const data = rest.slice(0, pageSize);
		const token = rest.length > pageSize ? this.encodeToken(key, keyOf(data[data.length - 1])) : '';
		return { status: 200, body: this.endOf(data, token) };
	}

	private async listJobsRoute(req: RecordedRequest): Promise<ApiResult> {
		const { filter, pageSize, pageToken } = this.listParams(req, true);
		let node: WorklayerFilterNode | undefined;
		if (filter !== undefined) {
			try {
				node = parseWorklayerFilter(filter, this.filterGrammar);
			} catch (error) {
				if (error instanceof WorklayerFilterError) throw badRequest(`Invalid filter: ${error.message}`);
				throw error;
			}
		}
		const key = 'job.create_time,job.id';
		let cursor: { micros: number; id: string } | undefined;
		if (pageToken !== undefined) {
			const value = this.decodeToken(pageToken, key);
			const bar = value.lastIndexOf('|');
			const micros = parseWorklayerTime(value.slice(0, bar));
			if (bar < 0 || micros === undefined) throw badRequest('Invalid page_token');
			cursor = { micros, id: value.slice(bar + 1) };
		}
		const pageIndex = pageToken === undefined ? 0 : (this.tokenPages.get(pageToken) ?? -1);
		if (this.onList) await this.onList({ pageIndex, pageToken, filter, request: req });

		const data: WorklayerJob[] = [];
		let more = false;
		const ordered = this.listJobs();
		// Keyset: start after the cursor (binary search over create_time, then id).
		let lo = 0;
		if (cursor) {
			let hi = ordered.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				const job = ordered[mid];
				const t = cachedTime(job.create_time) ?? 0;
				if (t < cursor.micros || (t === cursor.micros && job.id <= cursor.id)) lo = mid + 1;
				else hi = mid;
			}
		}
		for (let i = lo; i < ordered.length; i++) {
			const job = ordered[i];
			if (node && !matchesWorklayerFilter(job, node)) continue;
			if (data.length === pageSize) {
				more = true;
				break;
			}
			data.push(copyJob(job));
		}
		let token = '';
		if (more) {
			const last = data[data.length - 1];
			token = this.encodeToken(key, `${last.create_time}|${last.id}`);
			this.tokenPages.set(token, pageIndex < 0 ? -1 : pageIndex + 1);
		}
		return { status: 200, body: this.endOf(data, token) };
	}

	private jsonBody(req: RecordedRequest): unknown {
		const contentType = header(req, 'content-type') ?? '';
		if (!/^application\/json\b/i.test(contentType.trim())) throw badRequest('The request body must be JSON (Content-Type: application/json)');
		try {
			return JSON.parse(req.rawBody) as unknown;
		} catch {
			throw badRequest('The request body is not valid JSON');
		}
	}

	private createJob(req: RecordedRequest): ApiResult {
		this.noQuery(req);
		const body = this.jsonBody(req);
		if (!isRecord(body)) throw badRequest('The request body must be a JSON object');
		for (const field of Object.keys(body)) {
			if (field !== 'owner_user_id' && field !== 'job_template_id') throw badRequest(`Unknown field '${field}'`);
		}
		const { owner_user_id: ownerId, job_template_id: templateId } = body;
		if (typeof ownerId !== 'string' || !ownerId) throw badRequest('owner_user_id is required and must be a string');
		if (typeof templateId !== 'string' || !templateId) throw badRequest('job_template_id is required and must be a string');
		const owner = this.members.find((m) => m.user_id === ownerId);
		if (!owner || owner.type !== 'CLIENT') throw badRequest(`owner_user_id ${ownerId} is not a client member of this workspace`);
		const template = this.templates.find((t) => t.id === templateId);
		if (!template) throw badRequest(`job_template_id ${templateId} does not match a job template`);
		const { micros, iso } = this.writeTime();
		let id = uuidFrom(this.rand);
		while (this.jobs.has(id)) id = uuidFrom(this.rand);
		let shortId = shortIdFrom(this.rand);
		while (this.getJobByShortId(shortId)) shortId = shortIdFrom(this.rand);
		const job: WorklayerJob = {
			id,
			short_id: shortId,
			name: template.name,
			description: `${owner.given_name} ${owner.family_name} | ${new Date(micros / 1000).getUTCFullYear() - 1} | ${template.form}`,
			workspace_id: this.workspaceId,
			status: 'UNDER_CONSTRUCTION',
			create_time: worklayerIsoMs(Math.floor(micros / 1000)),
			update_time: iso,
			transmit_time: null,
			deadline_time: null,
			total_amount: template.price,
			members: [{ user_id: owner.user_id, given_name: owner.given_name, family_name: owner.family_name, role: 'CLIENT', type: 'CLIENT' }],
		};
		this.putJob(job);
		this.jobTemplates.set(job.id, template.id);
		return { status: 200, body: copyJob(job) };
	}

	private touch(job: WorklayerJob, changes: Partial<WorklayerJob>): WorklayerJob {
		const updated: WorklayerJob = { ...copyJob(job), ...changes, update_time: this.writeTime().iso };
		this.putJob(updated);
		return updated;
	}

	private requireDraft(job: WorklayerJob, action: string): void {
		if (job.status !== 'UNDER_CONSTRUCTION') throw badRequest(`Cannot ${action}: job ${job.id} is ${job.status}; only UNDER_CONSTRUCTION jobs allow it`);
	}

	private emptyBody(req: RecordedRequest): void {
		if (req.rawBody.trim() === '') return;
		const body = this.jsonBody(req);
		if (!isRecord(body) || Object.keys(body).length) throw badRequest('This action takes no request body');
	}

	private submit(req: RecordedRequest, job: WorklayerJob): ApiResult {
		this.emptyBody(req);
		this.requireDraft(job, 'submit');
		const now = this.nowMs();
		return { status: 200, body: copyJob(this.touch(job, { status: 'UNCLAIMED', transmit_time: worklayerIsoMs(now) })) };
	}

	private requestProvider(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!isRecord(body)) throw badRequest('The request body must be a JSON object');
		for (const field of Object.keys(body)) if (field !== 'requested_provider_id') throw badRequest(`Unknown field '${field}'`);
		const proId = body.requested_provider_id;
		if (typeof proId !== 'string' || !proId) throw badRequest('requested_provider_id is required and must be a string');
		if (!this.pros.some((p) => p.user_id === proId)) throw badRequest(`requested_provider_id ${proId} does not match a Pro`);
		this.requireDraft(job, 'request a provider');
		this.requestedProviders.set(job.id, proId);
		return { status: 200, body: copyJob(this.touch(job, {})) };
	}

	private requestPrevious(req: RecordedRequest, job: WorklayerJob): ApiResult {
		this.emptyBody(req);
		this.requireDraft(job, 'request the previous Pro');
		const owner = job.members.find((m) => m.role === 'CLIENT')?.user_id;
		let previous: string | undefined;
		for (const other of this.listJobs()) {
			if (other.id === job.id || !other.members.some((m) => m.role === 'CLIENT' && m.user_id === owner)) continue;
			const champion = other.members.find((m) => m.role === 'CHAMPION');
			if (champion) previous = champion.user_id; // the latest by create_time wins
		}
		if (!previous) throw badRequest('The job owner has no previous job with a Pro');
		this.requestedProviders.set(job.id, previous);
		return { status: 200, body: copyJob(this.touch(job, {})) };
	}

	private jobLink(req: RecordedRequest, job: WorklayerJob): ApiResult {
		// The request and response shapes are not documented; a one-hour link to the job's page.
		this.emptyBody(req);
		const expires = worklayerIsoMs(this.nowMs() + HOUR);
		const code = createHash('sha256').update(`${job.id}:${this.rand()}`).digest('hex').slice(0, 24);
		return { status: 200, body: { url: `https://app.worklayer.com/link/${code}`, expire_time: expires } };
	}

	private templateOf(job: WorklayerJob): WorklayerJobTemplate | undefined {
		const id = this.jobTemplates.get(job.id);
		return this.templates.find((t) => t.id === id);
	}

	private questionsOf(job: WorklayerJob): WorklayerQuestion[] {
		const ids = this.templateOf(job)?.supported_service_packages ?? [];
		const seen = new Set<string>();
		const questions: WorklayerQuestion[] = [];
		for (const p of this.servicePackages) {
			if (!ids.includes(p.id)) continue;
			for (const q of p.required_questions) {
				if (seen.has(q.id)) continue;
				seen.add(q.id);
				questions.push(q);
			}
		}
		return questions;
	}

	/** The shape of the questionnaire is not documented. */
	private questionnaire(job: WorklayerJob): Record<string, unknown> {
		const answers = this.questionnaireAnswers.get(job.id) ?? {};
		const questions = this.questionsOf(job).map((q) => ({ ...q, answer: answers[q.id] ?? null }));
		return { job_id: job.id, complete: questions.every((q) => q.answer !== null), questions };
	}

	private checkAnswer(q: WorklayerQuestion, value: unknown): boolean {
		// Answer formats from https://docs.taxfyle.com/service-packages/answer-questions
		const optionIds = q.options.map((o) => o.id);
		switch (q.type) {
			case 'BOOL':
				return typeof value === 'boolean';
			case 'NUMERIC':
				return typeof value === 'number' && Number.isFinite(value);
			case 'TEXT':
				return typeof value === 'string';
			case 'DATE_TIME':
				return typeof value === 'string' && parseWorklayerTime(value) !== undefined;
			case 'SINGLE_SELECT':
				return typeof value === 'string' && optionIds.includes(value);
			default:
				return Array.isArray(value) && value.every((v) => typeof v === 'string' && optionIds.includes(v));
		}
	}

	private putQuestionnaireAnswers(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!isRecord(body) || !isRecord(body.answers) || Object.keys(body).length !== 1) throw badRequest('The body must be { "answers": { "<question id>": <answer> } }');
		this.requireDraft(job, 'answer the questionnaire');
		const questions = this.questionsOf(job);
		for (const [qid, value] of Object.entries(body.answers)) {
			const q = questions.find((x) => x.id === qid);
			if (!q) throw badRequest(`Unknown question '${qid}'`);
			if (!this.checkAnswer(q, value)) throw badRequest(`Invalid answer for ${qid} (${q.type})`);
		}
		this.questionnaireAnswers.set(job.id, { ...(this.questionnaireAnswers.get(job.id) ?? {}), ...body.answers });
		this.touch(job, {});
		return { status: 200, body: this.questionnaire(job) };
	}

	private putPackageAnswers(req: RecordedRequest, job: WorklayerJob): ApiResult {
		const body = this.jsonBody(req);
		if (!Array.isArray(body)) throw badRequest('The body must be an array of { service_package_id, answers }');
		this.requireDraft(job, 'answer questions');
		const template = this.templateOf(job);
		const entries: Array<{ service_package_id: string; answers: Record<string, unknown> }> = [];
		for (const entry of body) {
			if (!isRecord(entry) || typeof entry.service_package_id !== 'string' || !isRecord(entry.answers)) throw badRequest('Each entry must be { service_package_id, answers }');
			const pkg = this.servicePackages.find((p) => p.id === entry.service_package_id);
			if (!pkg || !template?.supported_service_packages.includes(pkg.id)) throw badRequest(`Service package ${entry.service_package_id} is not supported by this job's template`);
			for (const [qid, value] of Object.entries(entry.answers)) {
				const q = pkg.required_questions.find((x) => x.id === qid);
				if (!q) throw badRequest(`Unknown question '${qid}' for service package ${pkg.id}`);
				if (!this.checkAnswer(q, value)) throw badRequest(`Invalid answer for ${qid} (${q.type})`);
			}
			entries.push({ service_package_id: pkg.id, answers: { ...entry.answers } });
		}
		// PUT semantics: the full set replaces what was there (documented).
		this.packageAnswers.set(job.id, entries);
		const updated = this.touch(job, {});
		const ready = entries.some((e) => {
			const pkg = this.servicePackages.find((p) => p.id === e.service_package_id);
			return !!pkg && pkg.required_questions.every((q) => q.id in e.answers);
		});
		return { status: 200, body: { ...copyJob(updated), ready_to_submit: ready } };
	}

	/** The Info Gathering Checklist, in the documented shape (https://docs.taxfyle.com/jobs/job-get-checklist). */
	private checklist(job: WorklayerJob): Record<string, unknown> {
		const docs = this.documents.get(job.id) ?? [];
		const has = (typeId: string): WorklayerDocument | undefined => docs.find((d) => d.document_type?.id === typeId);
		const item = (id: string, name: string, description: string, required: boolean, typeId: string): Record<string, unknown> => {
			const doc = has(typeId);
			return { id, name, short_description: description, required, ad_hoc: false, completed: !!doc, update_time: doc?.update_time ?? job.update_time, input: { document: { document_type_id: typeId } } };
		};
		return {
			sections: [
				{
					id: 'PERSONAL_INFORMATION',
					name: 'Personal information',
					requested_supporting_items: [
						item(`${job.id.slice(0, 8)}-w2`, 'W-2', 'Salary from employer', false, 'W_2'),
						item(`${job.id.slice(0, 8)}-id`, 'Photo ID', 'A government-issued photo ID', true, 'PHOTO_ID'),
					],
				},
			],
		};
	}
}
