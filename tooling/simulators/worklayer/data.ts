/** Worklayer demo data: the same seed and reference date give the same records. */
import { ensureEveryValue, type StatusByAge, statusByAge } from '../kit/history';
import { DAY, HOUR, MINUTE } from '../kit/time';
import { mulberry32, weightedPicker } from '../random';
import { cachedTime, worklayerIsoMicros, worklayerIsoMs } from './time';
import { WORKLAYER_DEFAULT_WORKSPACE_ID, WORKLAYER_REFERENCE_DATE, WORKLAYER_STATUSES, type WorklayerData, type WorklayerDocument, type WorklayerJob, type WorklayerJobMember, type WorklayerJobStatus, type WorklayerJobTemplate, type WorklayerMember, type WorklayerPro, type WorklayerQuestion, type WorklayerServicePackage } from './types';

/** A version-4 UUID from the seeded generator. */
export function uuidFrom(rand: () => number): string {
	const h = (): string => Math.floor(rand() * 0x1_0000_0000).toString(16).padStart(8, '0');
	const a = h();
	const b = h();
	const c = h();
	const d = h();
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0], 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const SHORT_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function shortIdFrom(rand: () => number): string {
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
const STATUS_BY_AGE: StatusByAge<WorklayerJobStatus> = [
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

	const statuses = created.map((c) => statusByAge(STATUS_BY_AGE, (ref - c) / DAY, rand()));
	// Every status at least once: a missing one replaces a value that occurs more than once.
	ensureEveryValue(statuses, WORKLAYER_STATUSES, rand);

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

export function compareJobs(a: WorklayerJob, b: WorklayerJob): number {
	const ta = cachedTime(a.create_time) ?? 0;
	const tb = cachedTime(b.create_time) ?? 0;
	return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
