/**
 * Planado API v2 simulator (real HTTP on loopback), built on `SimulatorServer`. Jobs plus the reference lists
 * a node needs for pickers.
 *
 * Vendor docs (public):
 *  - start page (auth, response codes, rate limit): https://api-docs.planadoapp.com/docs/v2/index.html
 *  - paging: https://api-docs.planadoapp.com/docs/v2/listing-resources.html
 *  - jobs: https://api-docs.planadoapp.com/docs/v2/resources/jobs.html and its list / get / create / update pages
 *    under https://api-docs.planadoapp.com/docs/v2/resources/jobs/
 *  - templates, job types, teams, clients, resolutions, users/create:
 *    https://api-docs.planadoapp.com/docs/v2/resources/ (job-templates.html, job-types.html, teams.html,
 *    clients/list.html, resolutions.html, users/create.html)
 *
 * Where the docs are silent the simulator takes the STRICT option, so a client bug shows up in tests. Every such
 * choice is marked `UNDOCUMENTED` below and summarised here:
 *
 *  - Order of checks: rate limit → authentication (401) → route (404) → query/body validation (422) → lookup (404)
 *    → version (409) → started-job rules (422).
 *  - Error bodies: the docs only say "the response body contains details of the error". The simulator answers
 *    `{ error: <code>, message: <text>, details?: {...} }` with 401 (bad/missing key), 404 (unknown route or job),
 *    400 (body is not JSON), 422 (validation; a public script saw 422 for a bad assignee), 409 (stale `version`).
 *  - 429: leaky bucket per key (the docs: 90 calls a minute, leaky bucket). The body is the plain text
 *    `Rate Limit Exceeded` that a public script observed; `rateLimit.body: 'json'` answers a JSON error instead.
 *    No rate-limit headers (the docs name none). Rejected requests do not fill the bucket.
 *  - Page size: the docs say it is fixed per resource but give it only for skills (20). Jobs use 50
 *    (`PLANADO_JOBS_PAGE_SIZE`), every reference list 20; both can be changed by option.
 *  - Paging is keyset: `after=<uuid>` returns the jobs older than that job in the list order (created_at desc, then
 *    serial_no desc), so the same `after` lists the same jobs "except removed entities" (documented). A cursor whose
 *    job was deleted still works (its position is remembered); a uuid that never existed → 422.
 *  - Query parameters: an unknown parameter, a repeated scalar, or the wrong shape (`status=x` instead of
 *    `status[]=x`, `status[0]=x`, `assignee=x`) → 422. Bracket keys may arrive percent-encoded (n8n does that).
 *  - Filter values: uuids must look like uuids (8-4-4-4-12 hex), statuses must be documented values, timestamps must
 *    be ISO 8601 date-times. An offset-less timestamp is read in the account time zone, which is UTC here.
 *  - `resolution[finished][]` / `resolution[canceled][]` imply their status (documented). A job matches when its
 *    status is in `status[]` ∪ the implied statuses, and a finished/canceled job must also carry one of the listed
 *    resolutions of its kind when that kind was given.
 *  - Bodies are parsed as JSON whatever the Content-Type (the docs' own curl examples send `--data` without one);
 *    anything but a JSON object → 400. Unknown body fields → 422.
 *  - PATCH takes the fields of the vendor's update page only: `external_id` / `external_order_id` / `template` /
 *    `job_type` → 422. An optional integer `version` is checked against the job's version (409 when stale); this
 *    lock is inferred from public scripts that send it.
 *  - "Started" (assignee, assignees and possible_resolutions are refused, 422) means status started, suspended or
 *    finished, or any job with `timestamps.started_at` set.
 *  - Status changes through the API: a posted job gets both `scheduled_at` and an assignee → scheduled; a scheduled
 *    or published job that loses either → posted. Nothing else changes status through the API (no status endpoint
 *    is documented); `setStatus()` plays the dispatcher's web UI and the mobile app.
 *  - Create answers 200 `{ job_uuid }` (the docs show the body, not the code). Update answers 200 `{ job_uuid }`.
 *  - `X-Planado-Notify-Assignees: false` disables push notifications (documented); every successful write is logged
 *    in `writes` with `notifyAssignees` (false only for the exact value `false`, case-insensitive).
 *  - `GET /users` and `GET /sites` shapes are inferred (the docs found show only the create-user request and the
 *    site references inside jobs). DELETE /jobs/{id} is used by public clients but undocumented → 404 here.
 *  - `scheduled_at` is rendered offset-less in lists (as the list page shows) and as `...000Z` in get (as the get
 *    page shows); both are UTC here.
 */
import { mulberry32, weightedPicker } from './random';
import { header, SimulatorServer, type Query, type QueryValue, type RecordedRequest, type SimResponse } from './server';
import { PlanadoWebhooks } from './webhooks';

// ---------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------

export const PLANADO_STATUSES = ['posted', 'scheduled', 'published', 'en_route', 'started', 'suspended', 'finished', 'canceled'] as const;
export type PlanadoJobStatus = (typeof PLANADO_STATUSES)[number];

export type PlanadoAssigneeRef = { worker_uuid: string } | { team_uuid: string };

export interface PlanadoGeolocation {
	latitude: number;
	longitude: number;
}

export interface PlanadoAddress {
	formatted: string;
	entrance_no: string | null;
	apartment: string | null;
	floor: string | null;
	description: string | null;
	geolocation: PlanadoGeolocation | null;
}

export interface PlanadoContact {
	name: string;
	value: string;
	type: 'phone' | 'email';
}

export interface PlanadoJobTimestamps {
	en_route_at: string | null;
	started_at: string | null;
	suspended_at: string | null;
	finished_at: string | null;
}

export interface PlanadoJobResolution {
	uuid: string;
	comment: string | null;
}

export interface PlanadoCustomFieldValue {
	uuid?: string;
	name?: string;
	value: unknown;
}

/** A stored job: every field of the list item plus what get adds, references kept as uuids. */
export interface PlanadoJob {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	/** `YYYY-MM-DDTHH:MM:SS`, no offset (account time zone; UTC in the simulator). */
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	description: string | null;
	template_uuid: string | null;
	type_uuid: string;
	client_uuid: string | null;
	site_uuid: string | null;
	assignee: PlanadoAssigneeRef | null;
	skill_uuids: string[];
	territory_uuid: string | null;
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	contacts: PlanadoContact[];
	address: PlanadoAddress | null;
	possible_resolution_uuids: string[];
	/** Set on finished and canceled jobs. */
	resolution: PlanadoJobResolution | null;
	timestamps: PlanadoJobTimestamps;
	custom_fields: PlanadoCustomFieldValue[];
	report_fields: PlanadoCustomFieldValue[];
	version: number;
	/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` */
	created_at: string;
	updated_at: string;
}

/** One element of `GET /jobs` → `jobs[]` (fields of the list page's table). */
export interface PlanadoJobListItem {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	description: string | null;
	assignee: PlanadoAssigneeRef | null;
	type_uuid: string;
	template_uuid: string | null;
	client_uuid: string | null;
	site_uuid: string | null;
	contacts: PlanadoContact[];
	territory_uuid: string | null;
	skill_uuids: string[];
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoNamedRef {
	uuid: string;
	name: string;
}

/** `GET /jobs/{id}` → `job`. */
export interface PlanadoJobDetail {
	uuid: string;
	external_id: string | null;
	external_order_id: string | null;
	serial_no: number;
	status: PlanadoJobStatus;
	scheduled_at: string | null;
	scheduled_duration: { minutes: number } | null;
	template: PlanadoNamedRef | null;
	client: { uuid: string; external_id: string | null } | null;
	site: { uuid: string; external_id: string | null } | null;
	type: { uuid: string; code: string };
	timestamps: PlanadoJobTimestamps;
	assignee: { worker: { uuid: string; email: string } } | { team: { uuid: string; name: string } } | null;
	skills: PlanadoNamedRef[];
	territory: PlanadoNamedRef | null;
	description: string | null;
	address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	possible_resolutions: PlanadoNamedRef[];
	custom_fields: PlanadoCustomFieldValue[];
	report_fields: PlanadoCustomFieldValue[];
	/** Only on finished and canceled jobs. */
	resolution?: { uuid: string; name: string; successful: boolean; comment: string | null };
	initial_job_uuid: string | null;
	completion_of_uuid: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoJobType {
	uuid: string;
	code: string;
}

export interface PlanadoTemplate {
	uuid: string;
	name: string;
	type_uuid: string;
	description: string | null;
	scheduled_duration: { minutes: number } | null;
	assignee: PlanadoAssigneeRef | null;
	created_at: string;
	updated_at: string;
}

export interface PlanadoTerritory {
	uuid: string;
	name: string;
}

export interface PlanadoUser {
	uuid: string;
	first_name: string;
	last_name: string;
	email: string;
	mobile_phone: string | null;
	territory: PlanadoTerritory | null;
}

export interface PlanadoTeam {
	uuid: string;
	name: string;
	territory: PlanadoTerritory | null;
	/** Not in the API answer; which workers the team holds. */
	worker_uuids: string[];
}

export interface PlanadoSkill {
	uuid: string;
	name: string;
}

export interface PlanadoResolution {
	uuid: string;
	name: string;
	successful: boolean;
	has_comment: boolean;
	comment_required: boolean;
}

export interface PlanadoClient {
	uuid: string;
	external_id: string | null;
	name: string;
	organization: boolean;
	organization_name?: string;
	first_name?: string | null;
	last_name?: string | null;
	middle_name?: string | null;
	site_address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoSite {
	uuid: string;
	external_id: string | null;
	name: string;
	client_uuid: string | null;
	address: PlanadoAddress | null;
	contacts: PlanadoContact[];
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PlanadoData {
	/** The "now" the data was generated against (ISO 8601). */
	referenceDate: string;
	jobTypes: PlanadoJobType[];
	templates: PlanadoTemplate[];
	territories: PlanadoTerritory[];
	users: PlanadoUser[];
	teams: PlanadoTeam[];
	skills: PlanadoSkill[];
	resolutions: PlanadoResolution[];
	clients: PlanadoClient[];
	sites: PlanadoSite[];
	/** In the API's list order: newest first. */
	jobs: PlanadoJob[];
}

export interface PlanadoErrorBody {
	error: string;
	message: string;
	details?: Record<string, string>;
}

/** One successful write, with the notification choice made by `X-Planado-Notify-Assignees`. */
export interface PlanadoWrite {
	method: 'POST' | 'PATCH';
	job_uuid: string;
	notifyAssignees: boolean;
	/** The header exactly as sent, or undefined. */
	notifyHeader: string | undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Formatting and parsing
// ---------------------------------------------------------------------------------------------------------

export const PLANADO_REFERENCE_DATE = '2026-03-01T00:00:00Z';
export const PLANADO_DEFAULT_API_KEY = 'planado_test_key';
export const PLANADO_JOBS_PAGE_SIZE = 50;
/** The docs' example: skills are listed in batches of 20. */
export const PLANADO_REFERENCE_PAGE_SIZE = 20;
export const PLANADO_RATE_LIMIT_TEXT = 'Rate Limit Exceeded';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const dayPrefixes = new Map<number, string>();
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `YYYY-MM-DDTHH:MM:SS` of an epoch ms, UTC; the date part is cached per day (the generator formats a lot). */
function isoSeconds(ms: number): string {
	const day = Math.floor(ms / DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY).toISOString().slice(0, 11);
		if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
	}
	const secs = Math.floor((ms - day * DAY) / 1000);
	return `${prefix}${PAD2[Math.floor(secs / 3600)]}:${PAD2[Math.floor(secs / 60) % 60]}:${PAD2[secs % 60]}`;
}

function msPart(ms: number): string {
	return PAD3[((ms % 1000) + 1000) % 1000];
}

/** `2016-05-29T17:31:01.419601Z`, the docs' created_at/updated_at form (microseconds, UTC). */
export function planadoTimestamp(ms: number, micros = 0): string {
	return `${isoSeconds(ms)}.${msPart(ms)}${PAD3[micros % 1000]}Z`;
}

/** `2019-11-20T06:25:00`, the list page's scheduled_at form (no offset). */
export function planadoLocal(ms: number): string {
	return isoSeconds(ms);
}

/** `2015-01-19T20:35:04.617Z`, the get page's timestamps form. */
function millisIso(ms: number): string {
	return `${isoSeconds(ms)}.${msPart(ms)}Z`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isUuid(value: string): boolean {
	return UUID_RE.test(value);
}

/** ISO 8601 date-time → epoch ms; an offset-less value is in the account time zone (UTC here). */
export function parsePlanadoDateTime(value: string): number | undefined {
	const m = DATETIME_RE.exec(value);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) return undefined;
	if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
	let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s ?? 0)) + (frac ? Math.floor(Number(frac) * 1000) : 0);
	if (offset && offset !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		const oh = Number(digits.slice(0, 2));
		const om = Number(digits.slice(2));
		if (oh > 23 || om > 59) return undefined;
		ms -= (offset[0] === '-' ? -1 : 1) * (oh * 60 + om) * MINUTE;
	}
	return ms;
}

const HEX8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** A random (version 4 shaped) uuid from the seeded generator. */
function uuidFrom(rand: () => number): string {
	const a = HEX8(rand() * 0x100000000);
	const b = HEX8(rand() * 0x100000000);
	const c = HEX8(rand() * 0x100000000);
	const d = HEX8(rand() * 0x100000000);
	return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0], 16) & 3]}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

// ---------------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------------

const WORKERS: ReadonlyArray<readonly [string, string]> = [
	['John', 'Doe'],
	['Maria', 'Garcia'],
	['David', 'Chen'],
	['Sarah', 'Johnson'],
	['Ahmed', 'Khan'],
	['Olga', 'Petrova'],
	['Lucas', 'Martin'],
	['Emily', 'Nguyen'],
	['Tom', 'Becker'],
	['Ines', 'Silva'],
];
const TERRITORIES = ['New York', 'New Jersey', 'Massachusetts'];
const TEAMS = ['Alpha', 'Bravo', 'Charlie'];
const SKILLS = ['Installation', 'Diagnostic', 'Fusion splicing', 'High voltage', 'Gas safety', 'Refrigeration'];
const JOB_TYPES = ['default', 'Repair', 'Installation', 'Diagnostic', 'Maintenance', 'Emergency'];
const TEMPLATES: ReadonlyArray<{ name: string; type: string; minutes: number; description: string | null }> = [
	{ name: 'Repair', type: 'Repair', minutes: 60, description: 'Find and fix the fault reported by the client.' },
	{ name: 'Network diagnostic', type: 'Diagnostic', minutes: 90, description: 'Check the line, the router and the in-house wiring.' },
	{ name: 'Installation', type: 'Installation', minutes: 120, description: 'Install and commission the equipment; train the client.' },
	{ name: 'Annual maintenance', type: 'Maintenance', minutes: 90, description: 'Scheduled yearly service visit.' },
	{ name: 'Emergency call-out', type: 'Emergency', minutes: 60, description: null },
	{ name: 'Delivery', type: 'default', minutes: 30, description: null },
];
const RESOLUTIONS: ReadonlyArray<readonly [string, boolean, boolean, boolean]> = [
	['Completed', true, false, false],
	['Completed with remarks', true, true, false],
	['Not completed', false, false, false],
	['Client not at home', false, true, false],
	['Failed with remark', false, true, true],
	['Canceled by client', false, true, false],
];
const ORGANIZATIONS = [
	'ACME Corporation',
	'Riverside Medical Center',
	'Summit Property Management',
	'Bluewater Hotels',
	'Greenfield School District',
	'Harbor Logistics',
	'Pinecrest Apartments',
	'Metro Fitness Clubs',
	'Lakeside Dental Group',
	'Cityline Restaurant Group',
	'Westbrook Manufacturing',
	'Evergreen Office Park',
];
const PEOPLE: ReadonlyArray<readonly [string, string]> = [
	['Karl', 'Heinz'],
	['Anna', 'Schmidt'],
	['Pedro', 'Alvarez'],
	['Julia', 'Rossi'],
	['Mark', 'Evans'],
	['Chloe', 'Dubois'],
	['Ivan', 'Sokolov'],
	['Grace', 'Thompson'],
];
const STREETS = ['Kelheimer Str.', 'Main Street', 'Harbor Drive', 'Elm Avenue', 'Commerce Blvd', 'Park Road', 'Lake Shore Drive', 'Broadway'];
const CITIES: ReadonlyArray<readonly [string, number, number]> = [
	['New York, NY', 40.71, -74.0],
	['Jersey City, NJ', 40.72, -74.07],
	['Boston, MA', 42.36, -71.06],
	['Newark, NJ', 40.73, -74.17],
];
const JOB_DESCRIPTIONS = [
	'Internet connection drops every evening.',
	'Install a new router and set up Wi-Fi in the office.',
	'Air conditioner in the server room is noisy.',
	'Water heater leaks; shut-off valve closed by staff.',
	'Replace the broken intercom panel at the entrance.',
	'Yearly check of the fire alarm system.',
	'No power in two outlets of the conference room.',
	'Deliver and mount the ordered shelving.',
];

const IN_PROGRESS_OR_DONE: ReadonlySet<PlanadoJobStatus> = new Set(['en_route', 'started', 'suspended', 'finished']);

/** Status of a job from when it is scheduled relative to the reference time. */
const STATUS_PAST = weightedPicker<PlanadoJobStatus>([
	['finished', 70],
	['canceled', 12],
	['suspended', 4],
	['published', 3],
	['scheduled', 3],
	['posted', 8],
]);
const STATUS_TODAY = weightedPicker<PlanadoJobStatus>([
	['published', 30],
	['en_route', 15],
	['started', 20],
	['suspended', 5],
	['finished', 20],
	['scheduled', 5],
	['canceled', 5],
]);
const STATUS_FUTURE = weightedPicker<PlanadoJobStatus>([
	['posted', 20],
	['scheduled', 40],
	['published', 35],
	['canceled', 5],
]);

/**
 * Deterministic demo data: 6 job types, 6 templates, 3 territories, 10 workers, 3 teams, 6 skills, 6 resolutions,
 * 20 clients (12 organisations with 1–2 sites each, 8 individuals) and `jobCount` jobs created over the 60 days
 * before `referenceDate`. About 4 % of the jobs are created in the last 24 hours and about 10 % are scheduled for
 * the reference day or the day after; with 8 or more jobs every status occurs. Jobs come newest first.
 */
export function generatePlanadoData(jobCount: number, seed = 1, referenceDate: Date | string = PLANADO_REFERENCE_DATE): PlanadoData {
	const rand = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
	const refMs = typeof referenceDate === 'string' ? Date.parse(referenceDate) : referenceDate.getTime();
	const ref = new Date(refMs).toISOString();
	const setupMs = refMs - 400 * DAY;
	const stamp = (ms: number): string => planadoTimestamp(ms, int(0, 999));
	const address = (): PlanadoAddress => {
		const [city, lat, lon] = pick(CITIES);
		return {
			formatted: `${int(1, 250)} ${pick(STREETS)}, ${city}`,
			entrance_no: rand() < 0.3 ? String(int(1, 4)) : null,
			apartment: rand() < 0.3 ? String(int(1, 120)) : null,
			floor: rand() < 0.4 ? String(int(1, 12)) : null,
			description: null,
			geolocation: { latitude: Math.round((lat + rand() * 0.1) * 1e6) / 1e6, longitude: Math.round((lon + rand() * 0.1) * 1e6) / 1e6 },
		};
	};
	const phone = (): string => `(${int(200, 989)}) ${int(200, 999)}-${String(int(0, 9999)).padStart(4, '0')}`;

	const jobTypes: PlanadoJobType[] = JOB_TYPES.map((code) => ({ uuid: uuidFrom(rand), code }));
	const territories: PlanadoTerritory[] = TERRITORIES.map((name) => ({ uuid: uuidFrom(rand), name }));
	const users: PlanadoUser[] = WORKERS.map(([first, last], i) => ({
		uuid: uuidFrom(rand),
		first_name: first,
		last_name: last,
		email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
		mobile_phone: phone(),
		territory: territories[i % territories.length],
	}));
	const teams: PlanadoTeam[] = TEAMS.map((name, i) => ({
		uuid: uuidFrom(rand),
		name,
		territory: territories[i],
		worker_uuids: users.filter((_, u) => u % TEAMS.length === i).map((u) => u.uuid),
	}));
	const skills: PlanadoSkill[] = SKILLS.map((name) => ({ uuid: uuidFrom(rand), name }));
	const resolutions: PlanadoResolution[] = RESOLUTIONS.map(([name, successful, hasComment, required]) => ({
		uuid: uuidFrom(rand),
		name,
		successful,
		has_comment: hasComment,
		comment_required: required,
	}));
	const typeByCode = new Map(jobTypes.map((t) => [t.code, t]));
	const templates: PlanadoTemplate[] = TEMPLATES.map((t, i) => {
		const created = setupMs + i * 3 * DAY;
		return {
			uuid: uuidFrom(rand),
			name: t.name,
			type_uuid: (typeByCode.get(t.type) ?? jobTypes[0]).uuid,
			description: t.description,
			scheduled_duration: { minutes: t.minutes },
			assignee: i === 4 ? { team_uuid: teams[0].uuid } : i === 5 ? { worker_uuid: users[0].uuid } : null,
			created_at: stamp(created),
			updated_at: stamp(created + int(1, 30) * DAY),
		};
	});

	const clients: PlanadoClient[] = [];
	const sites: PlanadoSite[] = [];
	for (let i = 0; i < ORGANIZATIONS.length + PEOPLE.length; i++) {
		const created = setupMs + i * 7 * DAY + int(0, 6) * DAY;
		const uuid = uuidFrom(rand);
		const org = i < ORGANIZATIONS.length;
		const base = {
			uuid,
			site_address: address(),
			version: int(1, 5),
			created_at: stamp(created),
			updated_at: stamp(created + int(0, 30) * DAY),
		};
		if (org) {
			const name = ORGANIZATIONS[i];
			clients.push({
				...base,
				external_id: `${100000 + i}-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
				name,
				organization: true,
				organization_name: name,
				contacts: [{ name: pick(PEOPLE)[0], value: phone(), type: 'phone' }],
			});
			const siteCount = i === 0 ? 2 : int(1, 2);
			for (let s = 0; s < siteCount; s++) {
				const siteCreated = created + int(0, 20) * DAY;
				sites.push({
					uuid: uuidFrom(rand),
					external_id: `site-${100 + sites.length}`,
					name: s === 0 ? 'Main office' : 'Warehouse',
					client_uuid: uuid,
					address: address(),
					contacts: [],
					version: int(1, 3),
					created_at: stamp(siteCreated),
					updated_at: stamp(siteCreated + int(0, 10) * DAY),
				});
			}
		} else {
			const [first, last] = PEOPLE[i - ORGANIZATIONS.length];
			clients.push({
				...base,
				external_id: rand() < 0.7 ? `${200000 + i}-${first.toLowerCase()}-${last.toLowerCase()}` : null,
				name: `${first} ${last}`,
				organization: false,
				first_name: first,
				last_name: last,
				middle_name: null,
				contacts: [{ name: first, value: phone(), type: 'phone' }],
			});
		}
	}
	// Clients are listed newest first, like jobs.
	clients.sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
	const sitesByClient = new Map<string, PlanadoSite[]>();
	for (const site of sites) if (site.client_uuid) sitesByClient.set(site.client_uuid, [...(sitesByClient.get(site.client_uuid) ?? []), site]);

	// Creation times, newest first. A few in the last 24 h, the rest over the 60 days before.
	const created: number[] = [];
	for (let i = 0; i < jobCount; i++) {
		const recent = i < Math.max(1, Math.round(jobCount * 0.04));
		created.push(refMs - (recent ? int(10, 23 * 60) * MINUTE : int(24 * 60, 60 * 24 * 60) * MINUTE) - int(0, 59_999));
	}
	created.sort((a, b) => b - a);

	const todayStart = Math.floor(refMs / DAY) * DAY;
	const successful = resolutions.filter((r) => r.successful);
	const unsuccessful = resolutions.filter((r) => !r.successful);
	const statuses: PlanadoJobStatus[] = [];
	const scheduled: Array<number | null> = [];
	for (let i = 0; i < jobCount; i++) {
		const c = created[i];
		// Scheduled 0–7 days after creation on a business-hours half hour; ~10 % today/tomorrow; some unscheduled.
		let at: number | null = null;
		const r = rand();
		if (r < 0.1) at = todayStart + int(0, 1) * DAY + int(8, 17) * HOUR + (rand() < 0.5 ? 30 * MINUTE : 0);
		else if (r < 0.92) at = Math.floor(c / DAY) * DAY + int(0, 7) * DAY + int(8, 17) * HOUR + (rand() < 0.5 ? 30 * MINUTE : 0);
		if (at !== null && at < c) at += DAY;
		scheduled.push(at);
		let status: PlanadoJobStatus;
		if (at === null) status = rand() < 0.8 ? 'posted' : 'canceled';
		else if (at < todayStart) status = STATUS_PAST(rand());
		else if (at < todayStart + DAY && at <= refMs + 2 * HOUR) status = STATUS_TODAY(rand());
		else status = STATUS_FUTURE(rand());
		statuses.push(status);
	}
	// Every status at least once when there is room: replace values that occur more than once.
	if (jobCount >= PLANADO_STATUSES.length) {
		const counts = new Map<PlanadoJobStatus, number>();
		for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
		for (const wanted of PLANADO_STATUSES) {
			if (counts.get(wanted)) continue;
			let i = Math.floor(rand() * jobCount);
			while ((counts.get(statuses[i]) ?? 0) < 2) i = (i + 1) % jobCount;
			counts.set(statuses[i], (counts.get(statuses[i]) ?? 0) - 1);
			statuses[i] = wanted;
			counts.set(wanted, 1);
			// A status that needs a time gets one in the past (or today for the in-progress ones).
			if (wanted !== 'posted' && wanted !== 'canceled' && scheduled[i] === null) scheduled[i] = Math.max(created[i] + HOUR, refMs - 3 * HOUR);
		}
	}

	const jobs: PlanadoJob[] = [];
	const firstSerial = 22000;
	// Oldest first so that links point to older jobs; reversed at the end.
	for (let i = jobCount - 1; i >= 0; i--) {
		const c = created[i];
		const status = statuses[i];
		let at = scheduled[i];
		if (status === 'posted' && rand() < 0.5) at = null;
		const template = rand() < 0.85 ? pick(templates) : null;
		const client = rand() < 0.9 ? pick(clients) : null;
		const clientSites = client ? (sitesByClient.get(client.uuid) ?? []) : [];
		const site = clientSites.length && rand() < 0.7 ? pick(clientSites) : null;
		let assignee: PlanadoAssigneeRef | null = null;
		const needsAssignee = status !== 'posted' && !(status === 'canceled' && rand() < 0.4);
		if (needsAssignee) assignee = rand() < 0.8 ? { worker_uuid: pick(users).uuid } : { team_uuid: pick(teams).uuid };
		if (status === 'posted' && at !== null) assignee = null; // posted = not both time and assignee
		if (status !== 'posted' && status !== 'canceled' && at === null) at = Math.max(c + HOUR, refMs - 3 * HOUR);
		const minutes = template?.scheduled_duration?.minutes ?? pick([30, 60, 90, 120]);

		const timestamps: PlanadoJobTimestamps = { en_route_at: null, started_at: null, suspended_at: null, finished_at: null };
		let last = c;
		if (at !== null && IN_PROGRESS_OR_DONE.has(status)) {
			const enRoute = Math.min(Math.max(at - int(10, 40) * MINUTE, c + MINUTE), refMs - 3 * MINUTE);
			timestamps.en_route_at = millisIso(enRoute);
			last = enRoute;
			if (status !== 'en_route') {
				const started = Math.min(enRoute + int(5, 45) * MINUTE, refMs - 2 * MINUTE);
				timestamps.started_at = millisIso(started);
				last = started;
				if (status === 'suspended') {
					last = Math.min(started + int(10, 60) * MINUTE, refMs - MINUTE);
					timestamps.suspended_at = millisIso(last);
				}
				if (status === 'finished') {
					last = Math.min(started + int(20, 180) * MINUTE, refMs - MINUTE);
					timestamps.finished_at = millisIso(last);
				}
			}
		} else if (status === 'canceled') last = Math.min(c + int(10, 3 * 24 * 60) * MINUTE, refMs - MINUTE);
		else if (status !== 'posted') last = Math.min(c + int(5, 600) * MINUTE, refMs - MINUTE);
		let resolution: PlanadoJobResolution | null = null;
		if (status === 'finished') {
			const res = rand() < 0.85 ? pick(successful) : pick(unsuccessful);
			resolution = { uuid: res.uuid, comment: res.has_comment && rand() < 0.5 ? 'Client asked to come back next week.' : null };
		} else if (status === 'canceled') {
			const res = pick(unsuccessful);
			resolution = { uuid: res.uuid, comment: res.comment_required ? 'Canceled by phone.' : null };
		}
		// Linked jobs: a follow-up of an older job (same template → completion_of too).
		let initial: string | null = null;
		let completionOf: string | null = null;
		if (jobs.length > 5 && rand() < 0.12) {
			const parent = jobs[jobs.length - 1 - int(0, Math.min(20, jobs.length - 1))];
			initial = parent.initial_job_uuid ?? parent.uuid;
			if (template && parent.template_uuid === template.uuid) completionOf = parent.completion_of_uuid ?? parent.uuid;
		}
		const serial = firstSerial + (jobCount - 1 - i);
		const order = rand() < 0.5 ? `crm-deal-${700000 + Math.floor((jobCount - 1 - i) / 3)}` : null;
		jobs.push({
			uuid: uuidFrom(rand),
			external_id: rand() < 0.3 ? `job-${serial}` : null,
			external_order_id: order,
			serial_no: serial,
			status,
			scheduled_at: at === null ? null : planadoLocal(at),
			scheduled_duration: at === null && rand() < 0.5 ? null : { minutes },
			description: template?.description ?? (rand() < 0.8 ? pick(JOB_DESCRIPTIONS) : null),
			template_uuid: template?.uuid ?? null,
			type_uuid: template?.type_uuid ?? jobTypes[0].uuid,
			client_uuid: client?.uuid ?? null,
			site_uuid: site?.uuid ?? null,
			assignee,
			skill_uuids: rand() < 0.4 ? [pick(skills).uuid] : [],
			territory_uuid: rand() < 0.6 ? pick(territories).uuid : null,
			initial_job_uuid: initial,
			completion_of_uuid: completionOf,
			contacts: client ? client.contacts.map((x) => ({ ...x })) : [],
			address: site?.address ?? client?.site_address ?? null,
			possible_resolution_uuids: [successful[0].uuid, unsuccessful[0].uuid],
			resolution,
			timestamps,
			custom_fields: [],
			report_fields: [],
			version: 1 + (status === 'posted' ? int(0, 2) : int(1, 8)),
			created_at: stamp(c),
			updated_at: stamp(Math.max(c, Math.min(last, refMs - 1))),
		});
	}
	jobs.reverse();
	return { referenceDate: ref, jobTypes, templates, territories, users, teams, skills, resolutions, clients, sites, jobs };
}

// ---------------------------------------------------------------------------------------------------------
// Job store
// ---------------------------------------------------------------------------------------------------------

interface SortKey {
	ms: number;
	serial: number;
}

/** Newest first: created_at desc, then serial_no desc. */
function compareKeys(a: SortKey, b: SortKey): number {
	return b.ms - a.ms || b.serial - a.serial;
}

function copyJob(job: PlanadoJob): PlanadoJob {
	return {
		...job,
		scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
		assignee: job.assignee ? { ...job.assignee } : null,
		skill_uuids: [...job.skill_uuids],
		contacts: job.contacts.map((c) => ({ ...c })),
		address: job.address ? { ...job.address, geolocation: job.address.geolocation ? { ...job.address.geolocation } : null } : null,
		possible_resolution_uuids: [...job.possible_resolution_uuids],
		resolution: job.resolution ? { ...job.resolution } : null,
		timestamps: { ...job.timestamps },
		custom_fields: job.custom_fields.map((f) => ({ ...f })),
		report_fields: job.report_fields.map((f) => ({ ...f })),
	};
}

/**
 * Jobs by uuid with a cached newest-first index. Writes replace the stored object (never mutate in place). The sort
 * key of every job ever stored is remembered, so an `after` cursor of a deleted job keeps its place.
 */
export class PlanadoJobStore {
	private readonly byUuid = new Map<string, PlanadoJob>();

	private readonly keys = new Map<string, SortKey>();

	private sorted: PlanadoJob[] | undefined;

	get size(): number {
		return this.byUuid.size;
	}

	get(uuid: string): PlanadoJob | undefined {
		return this.byUuid.get(uuid);
	}

	/** By uuid first, then by external_id (the docs: `:job_id` can be either). */
	find(id: string): PlanadoJob | undefined {
		const direct = this.byUuid.get(id);
		if (direct) return direct;
		for (const job of this.byUuid.values()) if (job.external_id !== null && job.external_id === id) return job;
		return undefined;
	}

	put(job: PlanadoJob): PlanadoJob {
		const key: SortKey = { ms: Date.parse(job.created_at), serial: job.serial_no };
		const old = this.keys.get(job.uuid);
		const replacing = this.byUuid.has(job.uuid);
		this.byUuid.set(job.uuid, job);
		this.keys.set(job.uuid, key);
		if (this.sorted && replacing && old && compareKeys(old, key) === 0) {
			const at = this.indexOfKey(key);
			if (at >= 0 && this.sorted[at].uuid === job.uuid) this.sorted[at] = job;
			else this.sorted = undefined;
		} else this.sorted = undefined;
		return job;
	}

	delete(uuid: string): boolean {
		this.sorted = undefined;
		return this.byUuid.delete(uuid);
	}

	values(): IterableIterator<PlanadoJob> {
		return this.byUuid.values();
	}

	/** Every job in the API's list order (newest first). */
	ordered(): readonly PlanadoJob[] {
		if (!this.sorted) {
			this.sorted = [...this.byUuid.values()].sort((a, b) => compareKeys(this.keys.get(a.uuid)!, this.keys.get(b.uuid)!));
		}
		return this.sorted;
	}

	/** The remembered sort key of a job uuid (also for deleted jobs). */
	keyOf(uuid: string): SortKey | undefined {
		return this.keys.get(uuid);
	}

	/** Index of the first job strictly after `key` in list order. */
	firstAfter(key: SortKey): number {
		const list = this.ordered();
		let lo = 0;
		let hi = list.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (compareKeys(this.keys.get(list[mid].uuid)!, key) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	maxSerial(): number {
		let max = 0;
		for (const job of this.byUuid.values()) if (job.serial_no > max) max = job.serial_no;
		return max;
	}

	private indexOfKey(key: SortKey): number {
		const list = this.sorted ?? [];
		let lo = 0;
		let hi = list.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			const c = compareKeys(this.keys.get(list[mid].uuid)!, key);
			if (c === 0) return mid;
			if (c < 0) lo = mid + 1;
			else hi = mid - 1;
		}
		return -1;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Rate limiter (leaky bucket per key)
// ---------------------------------------------------------------------------------------------------------

/** The docs: "90 per minute … using the Leaky Bucket algorithm … occasional spikes … are allowed". */
class LeakyBucket {
	private readonly levels = new Map<string, { level: number; at: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	reset(): void {
		this.levels.clear();
	}

	take(key: string, now: number): boolean {
		const state = this.levels.get(key) ?? { level: 0, at: now };
		const leaked = ((now - state.at) * this.limit) / this.windowMs;
		const level = Math.max(0, state.level - leaked);
		if (level + 1 > this.limit + 1e-9) {
			this.levels.set(key, { level, at: now });
			return false;
		}
		this.levels.set(key, { level: level + 1, at: now });
		return true;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------------------------

export interface PlanadoListHookInfo {
	/** 0 for the first page of a listing (no `after`), then 1, 2, … following the cursors this simulator handed out. */
	pageIndex: number;
	after: string | undefined;
	request: RecordedRequest;
}

export interface PlanadoSimulatorOptions {
	/** Valid API keys (sent as `Authorization: Bearer <key>`). Default `[PLANADO_DEFAULT_API_KEY]`. */
	apiKeys?: string[];
	/** Generated jobs when neither `jobs` nor `data` is given (default 25). */
	jobCount?: number;
	/** Seed for the generated data (default 1). */
	seed?: number;
	/** Reference lists and jobs (copied). */
	data?: PlanadoData;
	/** Use exactly these jobs (copied); reference lists come from `data` or the generated defaults. */
	jobs?: PlanadoJob[];
	/** Enforce the leaky bucket (the real API: 90 per 60 000 ms). `body: 'json'` for a JSON 429 body. */
	rateLimit?: { limit: number; windowMs: number; body?: 'text' | 'json' };
	/** Clock for writes and the rate limit. */
	now?: () => Date;
	/** Wait this long before every answer. */
	latencyMs?: number;
	/** Jobs per page of GET /jobs (default `PLANADO_JOBS_PAGE_SIZE`). */
	pageSize?: number;
	/** Items per page of the reference lists (default `PLANADO_REFERENCE_PAGE_SIZE`). */
	referencePageSize?: number;
	/** Called before each GET /jobs page is computed; may change the store. */
	onList?: (info: PlanadoListHookInfo) => void | Promise<void>;
}

interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

function apiError(status: number, error: string, message: string, details?: Record<string, string>): ApiResult {
	const body: PlanadoErrorBody = details ? { error, message, details } : { error, message };
	return { status, body };
}

const UNAUTHORIZED = (): ApiResult => apiError(401, 'unauthorized', 'Missing or invalid API key. Send Authorization: Bearer <api-key>.');
const NOT_FOUND = (): ApiResult => apiError(404, 'not_found', 'Not found');

class Validation {
	readonly details: Record<string, string> = {};

	add(field: string, reason: string): void {
		if (!(field in this.details)) this.details[field] = reason;
	}

	get any(): boolean {
		return Object.keys(this.details).length > 0;
	}

	result(): ApiResult {
		const [field, reason] = Object.entries(this.details)[0];
		return apiError(422, 'validation_failed', `${field} ${reason}`, this.details);
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STARTED_STATUSES: ReadonlySet<PlanadoJobStatus> = new Set(['started', 'suspended', 'finished']);

const CREATE_FIELDS = new Set([
	'template',
	'job_type',
	'external_id',
	'external_order_id',
	'description',
	'scheduled_at',
	'scheduled_duration',
	'assignee',
	'assignees',
	'possible_resolutions',
	'address',
	'contacts',
	'client',
	'site',
	'territory',
	'skills',
	'custom_fields',
	'report_fields',
]);
/** The update page's table: no template, job_type, external_id or external_order_id; `version` for the lock. */
const UPDATE_FIELDS = new Set([
	'description',
	'scheduled_at',
	'scheduled_duration',
	'assignee',
	'assignees',
	'possible_resolutions',
	'address',
	'contacts',
	'client',
	'site',
	'territory',
	'skills',
	'custom_fields',
	'report_fields',
	'version',
]);
const LOCKED_WHEN_STARTED = ['assignee', 'assignees', 'possible_resolutions'];

const LIST_PARAMS = new Set([
	'after',
	'status',
	'assignee',
	'client',
	'client_uuid',
	'site_uuid',
	'external_order_id',
	'initial_job_uuid',
	'completion_of_uuid',
	'scheduled_at',
	'updated_at',
	'resolution',
]);

interface JobFilter {
	statuses: Set<PlanadoJobStatus> | undefined;
	finishedResolutions: Set<string> | undefined;
	canceledResolutions: Set<string> | undefined;
	workerUuid?: string;
	teamUuid?: string;
	clientUuid?: string;
	clientExternalId?: string;
	siteUuid?: string;
	externalOrderId?: string;
	initialJobUuid?: string;
	completionOfUuid?: string;
	scheduledAfter?: number;
	scheduledBefore?: number;
	updatedAfter?: number;
	updatedBefore?: number;
}

export class PlanadoSimulator {
	readonly server: SimulatorServer;

	readonly jobs = new PlanadoJobStore();

	/** Webhook subscriptions (`/v2/webhooks`) and their deliveries (webhooks.ts). */
	readonly webhooks = new PlanadoWebhooks();

	readonly jobTypes: PlanadoJobType[];

	readonly templates: PlanadoTemplate[];

	readonly territories: PlanadoTerritory[];

	readonly users: PlanadoUser[];

	readonly teams: PlanadoTeam[];

	readonly skills: PlanadoSkill[];

	readonly resolutions: PlanadoResolution[];

	readonly clients: PlanadoClient[];

	readonly sites: PlanadoSite[];

	readonly apiKeys: Set<string>;

	/** Every successful create/update, in order. */
	readonly writes: PlanadoWrite[] = [];

	readonly pageSize: number;

	readonly referencePageSize: number;

	/** Called before each GET /jobs page is computed (settable at any time). */
	onList: ((info: PlanadoListHookInfo) => void | Promise<void>) | undefined;

	latencyMs: number;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/v2`. */
	baseUrl = '';

	private readonly now: () => Date;

	private readonly limiter: LeakyBucket | undefined;

	private readonly rateLimitBody: 'text' | 'json';

	private readonly pageOfCursor = new Map<string, number>();

	private nextSerial: number;

	private readonly rand: () => number;

	constructor(options: PlanadoSimulatorOptions = {}) {
		const data = options.data ?? generatePlanadoData(options.jobs ? 0 : (options.jobCount ?? 25), options.seed ?? 1);
		this.jobTypes = data.jobTypes.map((x) => ({ ...x }));
		this.templates = data.templates.map((x) => ({ ...x }));
		this.territories = data.territories.map((x) => ({ ...x }));
		this.users = data.users.map((x) => ({ ...x }));
		this.teams = data.teams.map((x) => ({ ...x, worker_uuids: [...x.worker_uuids] }));
		this.skills = data.skills.map((x) => ({ ...x }));
		this.resolutions = data.resolutions.map((x) => ({ ...x }));
		this.clients = data.clients.map((x) => ({ ...x }));
		this.sites = data.sites.map((x) => ({ ...x }));
		for (const job of options.jobs ?? data.jobs) this.jobs.put(copyJob(job));
		this.apiKeys = new Set(options.apiKeys ?? [PLANADO_DEFAULT_API_KEY]);
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit ? new LeakyBucket(options.rateLimit.limit, options.rateLimit.windowMs) : undefined;
		this.rateLimitBody = options.rateLimit?.body ?? 'text';
		this.latencyMs = options.latencyMs ?? 0;
		this.pageSize = options.pageSize ?? PLANADO_JOBS_PAGE_SIZE;
		this.referencePageSize = options.referencePageSize ?? PLANADO_REFERENCE_PAGE_SIZE;
		this.onList = options.onList;
		this.nextSerial = this.jobs.maxSerial() + 1;
		this.rand = mulberry32((options.seed ?? 1) ^ 0x5eed);
		this.server = new SimulatorServer((req) => this.handle(req));
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Starts on loopback; resolves to the API base URL including `/v2`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}/v2`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	// ----- store access for tests ---------------------------------------------------------------------------

	/** By uuid or external_id. */
	getJob(id: string): PlanadoJob | undefined {
		return this.jobs.find(id);
	}

	/** Adds or replaces a job as is (no version bump). */
	putJob(job: PlanadoJob): PlanadoJob {
		if (job.serial_no >= this.nextSerial) this.nextSerial = job.serial_no + 1;
		return this.jobs.put(copyJob(job));
	}

	/** A job as GET /v2/jobs/<uuid> answers it (what a webhook carries). */
	jobDetail(uuid: string): PlanadoJobDetail | undefined {
		const job = this.jobs.find(uuid);
		return job ? this.detail(job) : undefined;
	}

	deleteJob(uuid: string): boolean {
		return this.jobs.delete(uuid);
	}

	/** Every job in the API's default list order (newest first). */
	listJobs(): PlanadoJob[] {
		return [...this.jobs.ordered()];
	}

	/**
	 * Changes the status as the dispatcher's web UI or the worker's mobile app would: sets the matching timestamp,
	 * the resolution of finished/canceled jobs (default: the first successful / unsuccessful one), bumps `version`
	 * and `updated_at`.
	 */
	setStatus(uuid: string, status: PlanadoJobStatus, options: { resolutionUuid?: string; comment?: string | null; at?: Date } = {}): PlanadoJob {
		const job = this.jobs.get(uuid);
		if (!job) throw new Error(`No job ${uuid}`);
		const atMs = (options.at ?? this.now()).getTime();
		const timestamps = { ...job.timestamps };
		if (status === 'en_route') timestamps.en_route_at = millisIso(atMs);
		if (status === 'started' && !timestamps.started_at) timestamps.started_at = millisIso(atMs);
		if (status === 'suspended') timestamps.suspended_at = millisIso(atMs);
		if (status === 'finished') {
			timestamps.started_at ??= millisIso(atMs);
			timestamps.finished_at = millisIso(atMs);
		}
		let resolution: PlanadoJobResolution | null = null;
		if (status === 'finished' || status === 'canceled') {
			const fallback = this.resolutions.find((r) => r.successful === (status === 'finished')) ?? this.resolutions[0];
			resolution = { uuid: options.resolutionUuid ?? fallback.uuid, comment: options.comment ?? null };
		}
		return this.jobs.put({ ...job, status, timestamps, resolution, version: job.version + 1, updated_at: this.stamp(atMs) });
	}

	resetRateLimit(): void {
		this.limiter?.reset();
	}

	// ----- request handling --------------------------------------------------------------------------------

	private stamp(ms: number): string {
		return planadoTimestamp(ms, Math.floor(this.rand() * 1000));
	}

	private async handle(req: RecordedRequest): Promise<SimResponse> {
		const result = await this.respond(req);
		return { status: result.status, headers: result.headers, body: result.body, delayMs: this.latencyMs || undefined };
	}

	private async respond(req: RecordedRequest): Promise<ApiResult> {
		const nowMs = this.now().getTime();
		const authorization = header(req, 'authorization');
		if (this.limiter && !this.limiter.take(authorization ?? '', nowMs)) {
			return this.rateLimitBody === 'json'
				? apiError(429, 'rate_limit_exceeded', PLANADO_RATE_LIMIT_TEXT)
				: { status: 429, body: PLANADO_RATE_LIMIT_TEXT };
		}
		const match = /^Bearer ([^\s]+)$/.exec(authorization?.trim() ?? '');
		if (!match || !this.apiKeys.has(match[1])) return UNAUTHORIZED();

		const method = req.method.toUpperCase();
		const parts = req.path.replace(/\/+$/, '').split('/').slice(1);
		if (parts[0] !== 'v2' || parts.length < 2 || parts.length > 3) return NOT_FOUND();
		const [, resource, id] = parts;

		if (resource === 'webhooks') return this.webhooks.route(method, id, req.body);
		if (resource === 'jobs') {
			if (id === undefined) {
				if (method === 'GET') return this.listJobsRoute(req);
				if (method === 'POST') return this.createJob(req, nowMs);
				return NOT_FOUND();
			}
			const job = this.jobs.find(id);
			if (method === 'GET') return job ? { status: 200, body: { job: this.detail(job) } } : NOT_FOUND();
			if (method === 'PATCH') return job ? this.updateJob(req, job, nowMs) : NOT_FOUND();
			return NOT_FOUND(); // UNDOCUMENTED: DELETE is not documented.
		}
		if (method !== 'GET') return NOT_FOUND();
		const reference: Record<string, { items: ReadonlyArray<{ uuid: string }>; render: (x: never) => unknown; single?: string }> = {
			templates: { items: this.templates, render: (x: PlanadoTemplate) => x, single: 'template' },
			job_types: { items: this.jobTypes, render: (x: PlanadoJobType) => x },
			users: { items: this.users, render: (x: PlanadoUser) => x, single: 'user' },
			teams: { items: this.teams, render: (x: PlanadoTeam) => ({ uuid: x.uuid, name: x.name, territory: x.territory }), single: 'team' },
			skills: { items: this.skills, render: (x: PlanadoSkill) => x },
			resolutions: { items: this.resolutions, render: (x: PlanadoResolution) => x },
			territories: { items: this.territories, render: (x: PlanadoTerritory) => x },
			clients: { items: this.clients, render: (x: PlanadoClient) => x, single: 'client' },
			// The sites page documents `client: { uuid, external_id }` (resources/client-sites/list.html).
			sites: { items: this.sites, render: (x: PlanadoSite) => this.siteAnswer(x), single: 'site' },
		};
		const spec = Object.prototype.hasOwnProperty.call(reference, resource) ? reference[resource] : undefined;
		if (!spec) return NOT_FOUND();
		const render = spec.render as (x: { uuid: string }) => unknown;
		if (id !== undefined) {
			const item = spec.single ? spec.items.find((x) => x.uuid === id || (x as { external_id?: string | null }).external_id === id) : undefined;
			return item && spec.single ? { status: 200, body: { [spec.single]: render(item) } } : NOT_FOUND();
		}
		for (const [name] of req.queryPairs) if (name !== 'after') return apiError(422, 'validation_failed', `${name} is not a supported query parameter`, { [name]: 'is not a supported query parameter' });
		const after = req.query.after;
		let start = 0;
		if (after !== undefined) {
			if (typeof after !== 'string' || !isUuid(after)) return apiError(422, 'validation_failed', 'after must be a uuid', { after: 'must be a uuid' });
			const at = spec.items.findIndex((x) => x.uuid === after);
			if (at < 0) return apiError(422, 'validation_failed', 'after does not match an item of this list', { after: 'does not match an item of this list' });
			start = at + 1;
		}
		return { status: 200, body: { [resource]: spec.items.slice(start, start + this.referencePageSize).map(render) } };
	}

	// ----- jobs: list -------------------------------------------------------------------------------------

	private async listJobsRoute(req: RecordedRequest): Promise<ApiResult> {
		const v = new Validation();
		const filter = this.parseFilter(req, v);
		const afterRaw = req.query.after;
		let afterKey: SortKey | undefined;
		let after: string | undefined;
		if (afterRaw !== undefined) {
			if (typeof afterRaw !== 'string' || !isUuid(afterRaw)) v.add('after', 'must be the uuid of the last job of the previous page');
			else {
				after = afterRaw;
				afterKey = this.jobs.keyOf(afterRaw);
				if (!afterKey) v.add('after', 'does not match a job');
			}
		}
		if (v.any) return v.result();

		const pageIndex = after === undefined ? 0 : (this.pageOfCursor.get(after) ?? -1);
		if (this.onList) await this.onList({ pageIndex, after, request: req });

		const list = this.jobs.ordered();
		let i = afterKey ? this.jobs.firstAfter(afterKey) : 0;
		const page: PlanadoJobListItem[] = [];
		for (; i < list.length && page.length < this.pageSize; i++) {
			if (this.matches(list[i], filter)) page.push(this.listItem(list[i]));
		}
		if (page.length > 0 && pageIndex >= 0) this.pageOfCursor.set(page[page.length - 1].uuid, pageIndex + 1);
		return { status: 200, body: { jobs: page } };
	}

	private parseFilter(req: RecordedRequest, v: Validation): JobFilter {
		const q: Query = req.query;
		const filter: JobFilter = { statuses: undefined, finishedResolutions: undefined, canceledResolutions: undefined };
		const seen = new Set<string>();
		for (const [rawName] of req.queryPairs) {
			const base = rawName.replace(/\[.*$/, '');
			if (!LIST_PARAMS.has(base)) v.add(base, 'is not a supported filter');
			if (rawName === base) {
				if (seen.has(base)) v.add(base, 'must be given once');
				seen.add(base);
			}
		}
		const scalar = (name: string, value: QueryValue | undefined, check?: 'uuid'): string | undefined => {
			if (value === undefined) return undefined;
			if (typeof value !== 'string') {
				v.add(name, 'must be a single value');
				return undefined;
			}
			if (check === 'uuid' && !isUuid(value)) {
				v.add(name, 'must be a uuid');
				return undefined;
			}
			return value;
		};
		const object = (name: string, value: QueryValue | undefined, allowed: string[]): Record<string, QueryValue> | undefined => {
			if (value === undefined) return undefined;
			if (!isRecord(value)) {
				v.add(name, `must be given as ${allowed.map((k) => `${name}[${k}]`).join(' or ')}`);
				return undefined;
			}
			for (const key of Object.keys(value)) if (!allowed.includes(key)) v.add(`${name}[${key}]`, 'is not a supported filter');
			return value as Record<string, QueryValue>;
		};
		const uuidList = (name: string, value: QueryValue | undefined): Set<string> | undefined => {
			if (value === undefined) return undefined;
			if (!Array.isArray(value) || !value.every((x): x is string => typeof x === 'string')) {
				v.add(name, `must be an array (${name}[]=…)`);
				return undefined;
			}
			for (const x of value) if (!isUuid(x)) v.add(name, 'must contain uuids');
			return new Set(value);
		};
		const time = (name: string, value: QueryValue | undefined): number | undefined => {
			const raw = scalar(name, value);
			if (raw === undefined) return undefined;
			const ms = parsePlanadoDateTime(raw);
			if (ms === undefined) v.add(name, 'must be an ISO 8601 date-time');
			return ms;
		};

		if (q.status !== undefined) {
			const value = q.status;
			if (!Array.isArray(value) || !value.every((x): x is string => typeof x === 'string')) v.add('status', 'must be an array (status[]=…)');
			else {
				const bad = value.filter((s) => !(PLANADO_STATUSES as readonly string[]).includes(s));
				if (bad.length) v.add('status', `has unknown values: ${bad.join(', ')}; allowed: ${PLANADO_STATUSES.join(', ')}`);
				else filter.statuses = new Set(value as PlanadoJobStatus[]);
			}
		}
		const assignee = object('assignee', q.assignee, ['worker_uuid', 'team_uuid']);
		if (assignee) {
			filter.workerUuid = scalar('assignee[worker_uuid]', assignee.worker_uuid, 'uuid');
			filter.teamUuid = scalar('assignee[team_uuid]', assignee.team_uuid, 'uuid');
		}
		const client = object('client', q.client, ['uuid', 'external_id']);
		if (client) {
			filter.clientUuid = scalar('client[uuid]', client.uuid, 'uuid');
			filter.clientExternalId = scalar('client[external_id]', client.external_id);
		}
		const clientUuid = scalar('client_uuid', q.client_uuid, 'uuid');
		if (clientUuid !== undefined) {
			if (filter.clientUuid !== undefined && filter.clientUuid !== clientUuid) v.add('client_uuid', 'contradicts client[uuid]');
			filter.clientUuid = clientUuid;
		}
		filter.siteUuid = scalar('site_uuid', q.site_uuid, 'uuid');
		filter.externalOrderId = scalar('external_order_id', q.external_order_id);
		filter.initialJobUuid = scalar('initial_job_uuid', q.initial_job_uuid, 'uuid');
		filter.completionOfUuid = scalar('completion_of_uuid', q.completion_of_uuid, 'uuid');
		const scheduled = object('scheduled_at', q.scheduled_at, ['after', 'before']);
		if (scheduled) {
			filter.scheduledAfter = time('scheduled_at[after]', scheduled.after);
			filter.scheduledBefore = time('scheduled_at[before]', scheduled.before);
		}
		const updated = object('updated_at', q.updated_at, ['after', 'before']);
		if (updated) {
			filter.updatedAfter = time('updated_at[after]', updated.after);
			filter.updatedBefore = time('updated_at[before]', updated.before);
		}
		const resolution = object('resolution', q.resolution, ['finished', 'canceled']);
		if (resolution) {
			filter.finishedResolutions = uuidList('resolution[finished]', resolution.finished);
			filter.canceledResolutions = uuidList('resolution[canceled]', resolution.canceled);
		}
		// A resolution filter implies its status (documented), added to any status[] given.
		if (filter.finishedResolutions || filter.canceledResolutions) {
			filter.statuses = new Set(filter.statuses ?? []);
			if (filter.finishedResolutions) filter.statuses.add('finished');
			if (filter.canceledResolutions) filter.statuses.add('canceled');
		}
		return filter;
	}

	private matches(job: PlanadoJob, f: JobFilter): boolean {
		if (f.statuses && !f.statuses.has(job.status)) return false;
		if (f.finishedResolutions && job.status === 'finished' && !(job.resolution && f.finishedResolutions.has(job.resolution.uuid))) return false;
		if (f.canceledResolutions && job.status === 'canceled' && !(job.resolution && f.canceledResolutions.has(job.resolution.uuid))) return false;
		if (f.workerUuid !== undefined && !(job.assignee && 'worker_uuid' in job.assignee && job.assignee.worker_uuid === f.workerUuid)) return false;
		if (f.teamUuid !== undefined && !(job.assignee && 'team_uuid' in job.assignee && job.assignee.team_uuid === f.teamUuid)) return false;
		if (f.clientUuid !== undefined && job.client_uuid !== f.clientUuid) return false;
		if (f.clientExternalId !== undefined) {
			const client = job.client_uuid ? this.clients.find((c) => c.uuid === job.client_uuid) : undefined;
			if (!client || client.external_id !== f.clientExternalId) return false;
		}
		if (f.siteUuid !== undefined && job.site_uuid !== f.siteUuid) return false;
		if (f.externalOrderId !== undefined && job.external_order_id !== f.externalOrderId) return false;
		if (f.initialJobUuid !== undefined && job.initial_job_uuid !== f.initialJobUuid) return false;
		if (f.completionOfUuid !== undefined && job.completion_of_uuid !== f.completionOfUuid) return false;
		if (f.scheduledAfter !== undefined || f.scheduledBefore !== undefined) {
			if (job.scheduled_at === null) return false;
			const at = parsePlanadoDateTime(job.scheduled_at) ?? NaN;
			if (f.scheduledAfter !== undefined && !(at > f.scheduledAfter)) return false;
			if (f.scheduledBefore !== undefined && !(at < f.scheduledBefore)) return false;
		}
		if (f.updatedAfter !== undefined || f.updatedBefore !== undefined) {
			const at = Date.parse(job.updated_at);
			if (f.updatedAfter !== undefined && !(at > f.updatedAfter)) return false;
			if (f.updatedBefore !== undefined && !(at < f.updatedBefore)) return false;
		}
		return true;
	}

	private listItem(job: PlanadoJob): PlanadoJobListItem {
		return {
			uuid: job.uuid,
			external_id: job.external_id,
			external_order_id: job.external_order_id,
			serial_no: job.serial_no,
			status: job.status,
			scheduled_at: job.scheduled_at,
			scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
			description: job.description,
			assignee: job.assignee ? { ...job.assignee } : null,
			type_uuid: job.type_uuid,
			template_uuid: job.template_uuid,
			client_uuid: job.client_uuid,
			site_uuid: job.site_uuid,
			contacts: job.contacts.map((c) => ({ ...c })),
			territory_uuid: job.territory_uuid,
			skill_uuids: [...job.skill_uuids],
			initial_job_uuid: job.initial_job_uuid,
			completion_of_uuid: job.completion_of_uuid,
			version: job.version,
			created_at: job.created_at,
			updated_at: job.updated_at,
		};
	}

	private siteAnswer(site: PlanadoSite): unknown {
		const { client_uuid: clientUuid, ...rest } = site;
		const client = clientUuid ? this.clients.find((c) => c.uuid === clientUuid) : undefined;
		return { ...rest, client: clientUuid ? { uuid: clientUuid, external_id: client?.external_id ?? null } : null };
	}

	private detail(job: PlanadoJob): PlanadoJobDetail {
		const template = job.template_uuid ? this.templates.find((t) => t.uuid === job.template_uuid) : undefined;
		const client = job.client_uuid ? this.clients.find((c) => c.uuid === job.client_uuid) : undefined;
		const site = job.site_uuid ? this.sites.find((s) => s.uuid === job.site_uuid) : undefined;
		const type = this.jobTypes.find((t) => t.uuid === job.type_uuid);
		const territory = job.territory_uuid ? this.territories.find((t) => t.uuid === job.territory_uuid) : undefined;
		let assignee: PlanadoJobDetail['assignee'] = null;
		if (job.assignee && 'worker_uuid' in job.assignee) {
			const uuid = job.assignee.worker_uuid;
			assignee = { worker: { uuid, email: this.users.find((u) => u.uuid === uuid)?.email ?? '' } };
		} else if (job.assignee) {
			const uuid = job.assignee.team_uuid;
			assignee = { team: { uuid, name: this.teams.find((t) => t.uuid === uuid)?.name ?? '' } };
		}
		const named = (uuid: string, list: ReadonlyArray<{ uuid: string; name: string }>): PlanadoNamedRef => ({ uuid, name: list.find((x) => x.uuid === uuid)?.name ?? '' });
		const detail: PlanadoJobDetail = {
			uuid: job.uuid,
			external_id: job.external_id,
			external_order_id: job.external_order_id,
			serial_no: job.serial_no,
			status: job.status,
			scheduled_at: job.scheduled_at === null ? null : `${job.scheduled_at}.000Z`,
			scheduled_duration: job.scheduled_duration ? { ...job.scheduled_duration } : null,
			template: template ? { uuid: template.uuid, name: template.name } : null,
			client: client ? { uuid: client.uuid, external_id: client.external_id } : null,
			site: site ? { uuid: site.uuid, external_id: site.external_id } : null,
			type: { uuid: job.type_uuid, code: type?.code ?? '' },
			timestamps: { ...job.timestamps },
			assignee,
			skills: job.skill_uuids.map((u) => named(u, this.skills)),
			territory: territory ? { uuid: territory.uuid, name: territory.name } : null,
			description: job.description,
			address: job.address ? { ...job.address, geolocation: job.address.geolocation ? { ...job.address.geolocation } : null } : null,
			contacts: job.contacts.map((c) => ({ ...c })),
			possible_resolutions: job.possible_resolution_uuids.map((u) => named(u, this.resolutions)),
			custom_fields: job.custom_fields.map((f) => ({ ...f })),
			report_fields: job.report_fields.map((f) => ({ ...f })),
			initial_job_uuid: job.initial_job_uuid,
			completion_of_uuid: job.completion_of_uuid,
			version: job.version,
			created_at: job.created_at,
			updated_at: job.updated_at,
		};
		if (job.resolution && (job.status === 'finished' || job.status === 'canceled')) {
			const res = this.resolutions.find((r) => r.uuid === job.resolution!.uuid);
			detail.resolution = { uuid: job.resolution.uuid, name: res?.name ?? '', successful: res?.successful ?? false, comment: job.resolution.comment };
		}
		return detail;
	}

	// ----- jobs: create and update -------------------------------------------------------------------------

	private jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		let parsed: unknown;
		try {
			parsed = JSON.parse(req.rawBody);
		} catch {
			parsed = undefined;
		}
		return isRecord(parsed) ? { fields: parsed } : { error: apiError(400, 'bad_request', 'The body must be a JSON object') };
	}

	private notifyOf(req: RecordedRequest, method: 'POST' | 'PATCH', jobUuid: string): void {
		const raw = header(req, 'x-planado-notify-assignees');
		this.writes.push({ method, job_uuid: jobUuid, notifyAssignees: raw?.trim().toLowerCase() !== 'false', notifyHeader: raw });
	}

	/** Validates the writable fields present and returns the job with them applied. */
	private applyFields(body: Record<string, unknown>, base: PlanadoJob, v: Validation, creating: boolean): PlanadoJob {
		const job = copyJob(base);
		const has = (field: string): boolean => Object.prototype.hasOwnProperty.call(body, field);
		const allowed = creating ? CREATE_FIELDS : UPDATE_FIELDS;
		for (const field of Object.keys(body)) if (!allowed.has(field)) v.add(field, creating ? 'is not a field of a job' : 'cannot be changed by an update');

		const ref = <T extends { uuid: string }>(field: string, value: unknown, list: readonly T[], byName?: (x: T) => string): T | undefined => {
			if (!isRecord(value)) {
				v.add(field, 'must be an object with a uuid');
				return undefined;
			}
			const found = typeof value.uuid === 'string'
				? list.find((x) => x.uuid === value.uuid)
				: byName && typeof value.name === 'string'
					? list.find((x) => byName(x) === value.name)
					: undefined;
			if (!found) v.add(field, typeof value.uuid === 'string' || typeof value.name === 'string' ? 'does not exist' : 'must have a uuid');
			return found;
		};
		const text = (field: string, max: number, nullable: boolean): string | null | undefined => {
			const value = body[field];
			if (value === null && nullable) return null;
			if (typeof value !== 'string') v.add(field, nullable ? 'must be a string or null' : 'must be a string');
			else if (value.length > max) v.add(field, `must be at most ${max} characters`);
			else return value;
			return undefined;
		};

		if (creating && has('template')) {
			const template = ref('template', body.template, this.templates, (t) => t.name);
			if (template) {
				job.template_uuid = template.uuid;
				job.type_uuid = template.type_uuid;
				job.description = template.description;
				job.scheduled_duration = template.scheduled_duration ? { ...template.scheduled_duration } : null;
				job.assignee = template.assignee ? { ...template.assignee } : null;
			}
		}
		if (creating && has('job_type')) {
			const value = body.job_type;
			const type = isRecord(value)
				? this.jobTypes.find((t) => (typeof value.uuid === 'string' && t.uuid === value.uuid) || (typeof value.code === 'string' && t.code === value.code))
				: undefined;
			if (!type) v.add('job_type', isRecord(value) ? 'does not exist' : 'must be an object with a uuid or code');
			else job.type_uuid = type.uuid;
		}
		if (creating && has('external_id')) {
			const value = text('external_id', 500, false);
			if (typeof value === 'string') {
				if ([...this.jobs.values()].some((j) => j.external_id === value)) v.add('external_id', 'has already been taken');
				else job.external_id = value;
			}
		}
		if (creating && has('external_order_id')) {
			const value = text('external_order_id', 500, false);
			if (typeof value === 'string') job.external_order_id = value;
		}
		if (has('description')) {
			const value = text('description', 15000, true);
			if (value !== undefined) job.description = value;
		}
		if (has('scheduled_at')) {
			const value = body.scheduled_at;
			if (value === null) job.scheduled_at = null;
			else {
				const ms = typeof value === 'string' ? parsePlanadoDateTime(value) : undefined;
				if (ms === undefined) v.add('scheduled_at', 'must be an ISO 8601 date-time or null');
				else job.scheduled_at = planadoLocal(ms);
			}
		}
		if (has('scheduled_duration')) {
			const value = body.scheduled_duration;
			if (value === null) job.scheduled_duration = null;
			else if (!isRecord(value) || typeof value.minutes !== 'number' || !Number.isInteger(value.minutes) || value.minutes < 0) {
				v.add('scheduled_duration', 'must be {"minutes": <non-negative integer>} or null');
			} else job.scheduled_duration = { minutes: value.minutes };
		}
		const assigneeOf = (field: string, value: unknown): PlanadoAssigneeRef | undefined => {
			if (isRecord(value) && isRecord(value.worker) && typeof value.worker.uuid === 'string' && !('team' in value)) {
				const uuid = value.worker.uuid;
				if (this.users.some((u) => u.uuid === uuid)) return { worker_uuid: uuid };
				v.add(field, 'worker does not exist');
				return undefined;
			}
			if (isRecord(value) && isRecord(value.team) && typeof value.team.uuid === 'string' && !('worker' in value)) {
				const uuid = value.team.uuid;
				if (this.teams.some((t) => t.uuid === uuid)) return { team_uuid: uuid };
				v.add(field, 'team does not exist');
				return undefined;
			}
			// A public script got 422 "either team or worker must present" for a flat worker_uuid.
			v.add(field, 'either team or worker must present');
			return undefined;
		};
		if (has('assignees')) {
			const list = body.assignees;
			if (!Array.isArray(list) || list.length === 0) v.add('assignees', 'must be a non-empty array');
			else {
				// UNDOCUMENTED: the element shape; the first one is taken as the assignee with edit access.
				const first = assigneeOf('assignees', list[0]);
				for (const other of list.slice(1)) assigneeOf('assignees', other);
				if (first) job.assignee = first;
			}
		} else if (has('assignee')) {
			if (body.assignee === null) job.assignee = null;
			else {
				const value = assigneeOf('assignee', body.assignee);
				if (value) job.assignee = value;
			}
		}
		if (has('possible_resolutions')) {
			const list = body.possible_resolutions;
			const found = Array.isArray(list) ? list.map((x) => ref('possible_resolutions', x, this.resolutions, (r) => r.name)) : undefined;
			if (!found) v.add('possible_resolutions', 'must be an array');
			else if (found.every((x): x is PlanadoResolution => x !== undefined)) {
				if (!found.some((r) => r.successful) || !found.some((r) => !r.successful)) {
					v.add('possible_resolutions', 'must contain at least one successful and one unsuccessful resolution');
				} else job.possible_resolution_uuids = found.map((r) => r.uuid);
			}
		}
		if (has('address')) {
			const value = body.address;
			if (!isRecord(value) || typeof value.formatted !== 'string') v.add('address', 'must be an object with a formatted string');
			else {
				const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
				const geo = isRecord(value.geolocation) && typeof value.geolocation.latitude === 'number' && typeof value.geolocation.longitude === 'number'
					? { latitude: value.geolocation.latitude, longitude: value.geolocation.longitude }
					: null;
				job.address = {
					formatted: value.formatted,
					entrance_no: str(value.entrance_no),
					apartment: str(value.apartment),
					floor: str(value.floor),
					description: str(value.description),
					geolocation: geo,
				};
			}
		}
		if (has('contacts')) {
			const list = body.contacts;
			const ok = Array.isArray(list) && list.every((c) => isRecord(c) && typeof c.value === 'string' && (c.type === 'phone' || c.type === 'email'));
			if (!ok) v.add('contacts', 'must be an array of {name, value, type: "phone" | "email"}');
			else job.contacts = (list as Array<Record<string, unknown>>).map((c) => ({ name: typeof c.name === 'string' ? c.name : '', value: c.value as string, type: c.type as 'phone' | 'email' }));
		}
		if (has('client')) {
			const value = body.client;
			if (value === null) job.client_uuid = null;
			else if (isRecord(value) && typeof value.organization === 'boolean' && value.uuid === undefined) {
				job.client_uuid = this.newClient(value, v);
			} else if (isRecord(value) && typeof value.external_id === 'string' && value.uuid === undefined) {
				const client = this.clients.find((c) => c.external_id === value.external_id);
				if (!client) v.add('client', 'does not exist');
				else job.client_uuid = client.uuid;
			} else {
				const client = ref('client', value, this.clients);
				if (client) job.client_uuid = client.uuid;
			}
		}
		if (has('site')) {
			const value = body.site;
			if (value === null) job.site_uuid = null;
			else if (isRecord(value) && typeof value.external_id === 'string' && value.uuid === undefined) {
				const site = this.sites.find((s) => s.external_id === value.external_id);
				if (!site) v.add('site', 'does not exist');
				else job.site_uuid = site.uuid;
			} else {
				const site = ref('site', value, this.sites);
				if (site) job.site_uuid = site.uuid;
			}
		}
		if (has('territory')) {
			if (body.territory === null) job.territory_uuid = null;
			else {
				const territory = ref('territory', body.territory, this.territories, (t) => t.name);
				if (territory) job.territory_uuid = territory.uuid;
			}
		}
		if (has('skills')) {
			const list = body.skills;
			if (!Array.isArray(list)) v.add('skills', 'must be an array');
			else {
				const found = list.map((x) => ref('skills', x, this.skills, (s) => s.name));
				if (found.every((x): x is PlanadoSkill => x !== undefined)) job.skill_uuids = found.map((s) => s.uuid);
			}
		}
		for (const field of ['custom_fields', 'report_fields'] as const) {
			if (!has(field)) continue;
			const list = body[field];
			if (!Array.isArray(list) || !list.every((x) => isRecord(x) && 'value' in x)) v.add(field, 'must be an array of {uuid or name, value}');
			else {
				job[field] = (list as Array<Record<string, unknown>>).map((x) => ({
					...(typeof x.uuid === 'string' ? { uuid: x.uuid } : {}),
					...(typeof x.name === 'string' ? { name: x.name } : {}),
					value: x.value,
				}));
			}
		}
		return job;
	}

	private newClient(value: Record<string, unknown>, v: Validation): string | null {
		const org = value.organization === true;
		const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
		const name = org ? str(value.organization_name) : [str(value.first_name), str(value.middle_name), str(value.last_name)].filter(Boolean).join(' ');
		if (!name) {
			v.add('client', org ? 'organization_name is required' : 'needs at least one of first_name, last_name, middle_name');
			return null;
		}
		const nowStamp = this.stamp(this.now().getTime());
		const client: PlanadoClient = {
			uuid: uuidFrom(this.rand),
			external_id: str(value.external_id),
			name,
			organization: org,
			...(org ? { organization_name: name } : { first_name: str(value.first_name), last_name: str(value.last_name), middle_name: str(value.middle_name) }),
			site_address: null,
			contacts: [],
			version: 1,
			created_at: nowStamp,
			updated_at: nowStamp,
		};
		this.clients.unshift(client);
		return client.uuid;
	}

	/** Posted + time + assignee → scheduled; scheduled/published without either → posted. */
	private deriveStatus(job: PlanadoJob): PlanadoJobStatus {
		const ready = job.scheduled_at !== null && job.assignee !== null;
		if (job.status === 'posted' && ready) return 'scheduled';
		if ((job.status === 'scheduled' || job.status === 'published') && !ready) return 'posted';
		return job.status;
	}

	private createJob(req: RecordedRequest, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const nowStamp = this.stamp(nowMs);
		const blank: PlanadoJob = {
			uuid: uuidFrom(this.rand),
			external_id: null,
			external_order_id: null,
			serial_no: this.nextSerial,
			status: 'posted',
			scheduled_at: null,
			scheduled_duration: null,
			description: null,
			template_uuid: null,
			type_uuid: (this.jobTypes.find((t) => t.code === 'default') ?? this.jobTypes[0]).uuid,
			client_uuid: null,
			site_uuid: null,
			assignee: null,
			skill_uuids: [],
			territory_uuid: null,
			initial_job_uuid: null,
			completion_of_uuid: null,
			contacts: [],
			address: null,
			possible_resolution_uuids: this.defaultResolutions(),
			resolution: null,
			timestamps: { en_route_at: null, started_at: null, suspended_at: null, finished_at: null },
			custom_fields: [],
			report_fields: [],
			version: 1,
			created_at: nowStamp,
			updated_at: nowStamp,
		};
		const v = new Validation();
		const job = this.applyFields(fields, blank, v, true);
		if (v.any) return v.result();
		job.status = this.deriveStatus(job);
		this.nextSerial++;
		this.jobs.put(job);
		this.notifyOf(req, 'POST', job.uuid);
		return { status: 200, body: { job_uuid: job.uuid } };
	}

	private defaultResolutions(): string[] {
		const ok = this.resolutions.find((r) => r.successful);
		const bad = this.resolutions.find((r) => !r.successful);
		return [ok, bad].filter((r): r is PlanadoResolution => r !== undefined).map((r) => r.uuid);
	}

	private updateJob(req: RecordedRequest, current: PlanadoJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const v = new Validation();
		if ('version' in fields) {
			const version = fields.version;
			if (typeof version !== 'number' || !Number.isInteger(version)) v.add('version', 'must be an integer');
			if (v.any) return v.result();
		}
		const updated = this.applyFields(fields, current, v, false);
		if (v.any) return v.result();
		if (typeof fields.version === 'number' && fields.version !== current.version) {
			return apiError(409, 'conflict', `The job was changed by someone else: version ${fields.version} is stale, the current version is ${current.version}`, {
				version: String(current.version),
			});
		}
		const started = STARTED_STATUSES.has(current.status) || current.timestamps.started_at !== null;
		if (started) {
			const locked = LOCKED_WHEN_STARTED.filter((f) => f in fields);
			if (locked.length) {
				const details: Record<string, string> = {};
				for (const f of locked) details[f] = 'cannot be updated in a started job';
				return apiError(422, 'job_started', `${locked.join(', ')} cannot be updated in a started job`, details);
			}
		}
		updated.status = this.deriveStatus(updated);
		const changed = JSON.stringify({ ...updated, version: 0, updated_at: '' }) !== JSON.stringify({ ...current, version: 0, updated_at: '' });
		if (changed) {
			updated.version = current.version + 1;
			updated.updated_at = this.stamp(nowMs);
			this.jobs.put(updated);
		}
		this.notifyOf(req, 'PATCH', current.uuid);
		return { status: 200, body: { job_uuid: current.uuid } };
	}
}
