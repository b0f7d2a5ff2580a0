/**
 * FSM Navigator Jobs API simulator (real HTTP on loopback), built on `SimulatorServer`.
 *
 * Source of truth: the vendor's Jobs API page, https://fsmnavigator.com/docs/api/endpoints/. Where those are silent the simulator takes the STRICT option, so a client
 * bug surfaces in tests instead of being silently tolerated. Every such choice is marked
 * `UNDOCUMENTED (strict)` or `UNDOCUMENTED` below and summarised here:
 *
 *  - Routing: only the exact path `/api/v1/jobs` exists (no trailing slash, no `/jobs/{id}`: the id goes in
 *    the query string). Any other path or method (DELETE, HEAD, ...) → 404 `not_found`.
 *  - Order of checks: rate limit → authentication (401) → route (404) → scope (403) → validation (400)
 *    → job lookup (404) → body validation (400).
 *  - The rate limit is a rolling window per `X-API-Key` value as sent (a missing/invalid key is throttled
 *    too); rejected (429) requests do not count against the window. Without the `rateLimit` option the
 *    headers are still sent (limit 100000 per 60 s) but nothing is enforced.
 *  - Query strings: unknown query parameters, a parameter given twice, or bracket/array forms → 400
 *    `validation_failed`. Get (`?id=`) accepts no other parameter. POST must not carry `?id=`.
 *  - Integers in the query must be plain decimal digits (`1.0`, `-1`, `1e2`, `` → 400).
 *  - `per_page` outside 1..100 → 400 (the docs only say "max 100"); `page` < 1 → 400.
 *  - Dates: ISO 8601 `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, upper-case `T`/`Z` only, calendar
 *    checked (Feb 30 is rejected). A date-time without an offset is taken as UTC. A date-only filter bound is
 *    midnight UTC of that day, so `created_before=2026-02-01` does NOT include the rest of Feb 1st.
 *    `scheduled_start` / `scheduled_end` must be date-times (date-only → 400); they are stored normalised to
 *    `YYYY-MM-DDTHH:MM:SSZ`. `scheduled_end` before `scheduled_start` → 400.
 *  - Bodies of POST/PUT/PATCH must be `Content-Type: application/json` holding a JSON object; anything else
 *    (form encoding, a JSON array, malformed JSON) → 400 `validation_failed`.
 *  - Unknown body fields → 400 (also read-only ones such as `job_id`, `customer_name`, and `job_status` on POST).
 *  - Field types are exact: ids must be JSON integers (`"87"` → 400); `job_priority` /
 *    `asset_relationship_type` / `job_status` are case-sensitive. `job_title` is a non-blank string of at most
 *    255 characters; `job_description` a string (null → 400). `assigned_technician_id`, `scheduled_start` and
 *    `scheduled_end` accept null (unassign / clear). An unknown `customer_location_id` or
 *    `assigned_technician_id` → 400 `validation_failed` (404 is reserved for the job id).
 *  - `asset_relationship_type` without `asset_ids` → 400. Unknown or deleted asset ids are skipped silently
 *    (documented); duplicates are linked once. A PUT with `asset_ids` replaces every link with fresh ones
 *    (`linked_at` = now, type = the given one or `serviced`).
 *  - PUT: empty body → 400; `job_status` → 400 "use PATCH to change job_status". Edits to Closed/Cancelled jobs
 *    are allowed (nothing says otherwise).
 *  - PATCH: the body must be exactly `{ "job_status": ... }`. A move to the same status is not in the table and
 *    gives `invalid_status_transition`. No other precondition (e.g. a technician for Assigned) is enforced.
 *    `actual_start` is set on the first entry to In Progress; `actual_end` on every entry to Completed.
 *  - Error bodies are exactly `{success:false,error,message[,details]}` (no request_id); every response carries
 *    an `X-Request-Id` header, and success bodies carry `request_id` (12 hex chars, fresh per request).
 *  - Validation errors: `message` names the first failing field and why; `details` maps each failing field to
 *    its reason.
 */
import { randomBytes } from 'node:crypto';

import { mulberry32, weightedPicker, type Weighted } from './random';
import { header, SimulatorServer, type RecordedRequest, type SimResponse } from './server';

// ---------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------

export const FSM_STATUSES = [
	'Pending',
	'Assigned',
	'In Progress',
	'On Hold',
	'Completed',
	'Invoiced',
	'Paid',
	'Closed',
	'Cancelled',
] as const;
export type FsmJobStatus = (typeof FSM_STATUSES)[number];

export const FSM_PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;
export type FsmJobPriority = (typeof FSM_PRIORITIES)[number];

export const FSM_RELATIONSHIP_TYPES = [
	'serviced',
	'installed',
	'replaced',
	'inspected',
	'maintenance',
	'meter_threshold',
] as const;
export type FsmAssetRelationshipType = (typeof FSM_RELATIONSHIP_TYPES)[number];

export type FsmScope = 'jobs:read' | 'jobs:write' | 'technicians:read' | 'assets:read';

/** The seed's transition table, verbatim. */
export const FSM_STATUS_TRANSITIONS: Readonly<Record<FsmJobStatus, readonly FsmJobStatus[]>> = {
	Pending: ['Assigned', 'Cancelled'],
	Assigned: ['In Progress', 'Pending', 'Cancelled', 'On Hold'],
	'In Progress': ['Completed', 'Assigned', 'On Hold', 'Cancelled'],
	'On Hold': ['In Progress', 'Assigned', 'Cancelled'],
	Completed: ['Invoiced'],
	Invoiced: ['Paid'],
	Paid: ['Closed'],
	Cancelled: [],
	Closed: [],
};

/** One linked asset as it appears in `assets[]` of the get response. */
export interface FsmJobAsset {
	asset_id: number;
	asset_tag: string;
	asset_name: string;
	asset_status: string;
	relationship_type: FsmAssetRelationshipType;
	relationship_notes: string | null;
	linked_at: string;
}

export interface FsmJob {
	job_id: number;
	job_title: string;
	job_description: string;
	/** Typed to the nine documented statuses; tests may cast other strings in to test pass-through. */
	job_status: FsmJobStatus;
	job_priority: FsmJobPriority;
	assigned_technician_id: number | null;
	assigned_technician_name: string | null;
	customer_location_id: number;
	customer_location_name: string;
	customer_id: number;
	customer_name: string;
	scheduled_start: string | null;
	scheduled_end: string | null;
	actual_start: string | null;
	actual_end: string | null;
	created_at: string;
	updated_at: string;
	assets: FsmJobAsset[];
}

/** A job as it appears in the list response (no `assets`). */
export type FsmJobListItem = Omit<FsmJob, 'assets'>;

export interface FsmTechnician {
	technician_id: number;
	technician_name: string;
}

export interface FsmCustomer {
	customer_id: number;
	customer_name: string;
}

export interface FsmCustomerLocation {
	customer_location_id: number;
	customer_location_name: string;
	customer_id: number;
	address: string;
}

/** An asset of the company's inventory. Deleted assets are silently skipped when linked. */
export interface FsmAsset {
	asset_id: number;
	asset_tag: string;
	asset_name: string;
	asset_status: string;
	customer_location_id: number;
	deleted: boolean;
}

export interface FsmData {
	/** The fixed "now" the demo data was generated against (ISO 8601). */
	referenceDate: string;
	technicians: FsmTechnician[];
	customers: FsmCustomer[];
	locations: FsmCustomerLocation[];
	assets: FsmAsset[];
	/** Ascending `job_id`, ascending `created_at`. */
	jobs: FsmJob[];
}

// ---------------------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------------------

export const FSM_REFERENCE_DATE = '2026-03-01T00:00:00Z';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const dayPrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const timeSuffixes: Array<string | undefined> = new Array<string | undefined>(86_400);

/** `2026-02-24T14:30:00Z` (the docs' format: UTC, whole seconds). Fast: the date part is cached per day. */
export function fsmIso(ms: number): string {
	const day = Math.floor(ms / DAY);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY).toISOString().slice(0, 11);
		if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
	}
	const secs = Math.floor((ms - day * DAY) / 1000);
	let suffix = timeSuffixes[secs];
	if (suffix === undefined) {
		suffix = timeSuffixes[secs] = `${TWO_DIGITS[Math.floor(secs / 3600)]}:${TWO_DIGITS[Math.floor(secs / 60) % 60]}:${TWO_DIGITS[secs % 60]}Z`;
	}
	return prefix + suffix;
}

const TECHNICIAN_NAMES = [
	'Maria Garcia',
	'David Chen',
	'Sarah Johnson',
	'Michael Brown',
	'John Smith',
	'Aisha Patel',
	'Robert Wilson',
	'Emily Nguyen',
];
/** First technician id: 41..48, so 45 is "John Smith" as in the docs' example. */
const FIRST_TECHNICIAN_ID = 41;

const CUSTOMER_NAMES = [
	'Acme Corporation',
	'Riverside Medical Center',
	'Summit Property Management',
	'Bluewater Hotels',
	'Greenfield School District',
	'Northgate Shopping Plaza',
	'Harbor Logistics',
	'Pinecrest Apartments',
	'Metro Fitness Clubs',
	'Lakeside Dental Group',
	'Oakwood Senior Living',
	'Cityline Restaurant Group',
	'Westbrook Manufacturing',
	'Evergreen Office Park',
	'Sunrise Bakery',
	'Granite Bank & Trust',
	'Maple Street Church',
	'Coastal Cold Storage',
	'Parkview Veterinary Clinic',
	'Horizon Data Center',
];
/** Customer 201 is "Acme Corporation", location 87 its "Main Office", as in the docs' example. */
const FIRST_CUSTOMER_ID = 201;
const FIRST_LOCATION_ID = 87;
const FIRST_ASSET_ID = 40;

const LOCATION_NAMES = [
	'Main Office',
	'Warehouse',
	'North Campus',
	'Downtown Branch',
	'Building A',
	'East Wing',
	'Distribution Center',
	'Store #12',
	'Headquarters',
	'South Annex',
];
const STREETS = ['Oak Street', 'Main Street', 'Industrial Way', 'Harbor Drive', 'Elm Avenue', 'Commerce Blvd', 'Park Road', 'Lake Shore Drive'];
const CITIES = ['Springfield, IL', 'Riverton, OH', 'Fairview, TX', 'Madison, WI', 'Georgetown, KY', 'Clinton, MI'];

type AssetKind = 'hvac' | 'plumbing' | 'electrical' | 'refrigeration' | 'safety';

const ASSET_TEMPLATES: ReadonlyArray<{ kind: AssetKind; prefix: string; name: string }> = [
	{ kind: 'hvac', prefix: 'HVAC', name: 'Rooftop AC Unit' },
	{ kind: 'hvac', prefix: 'HVAC', name: 'Gas Furnace' },
	{ kind: 'hvac', prefix: 'HVAC', name: 'Heat Pump' },
	{ kind: 'plumbing', prefix: 'PLB', name: 'Water Heater' },
	{ kind: 'plumbing', prefix: 'PLB', name: 'Backflow Preventer' },
	{ kind: 'electrical', prefix: 'ELEC', name: 'Main Electrical Panel' },
	{ kind: 'electrical', prefix: 'GEN', name: 'Standby Generator' },
	{ kind: 'refrigeration', prefix: 'REF', name: 'Walk-in Cooler' },
	{ kind: 'refrigeration', prefix: 'REF', name: 'Ice Machine' },
	{ kind: 'safety', prefix: 'FIRE', name: 'Fire Suppression System' },
];
const ASSET_STATUS = weightedPicker<string>([
	['Active', 80],
	['In Maintenance', 12],
	['Inactive', 8],
]);

const JOB_TEMPLATES: ReadonlyArray<{ title: string; description: string; kind: AssetKind | null }> = [
	{ title: 'AC unit repair', description: 'Customer reports AC not cooling in the {loc}.', kind: 'hvac' },
	{ title: 'Furnace inspection', description: 'Annual furnace inspection and safety check.', kind: 'hvac' },
	{ title: 'Thermostat replacement', description: 'Replace faulty programmable thermostat; thermostat display is blank.', kind: 'hvac' },
	{ title: 'Rooftop unit maintenance', description: 'Quarterly maintenance: filters, belts, coil cleaning.', kind: 'hvac' },
	{ title: 'Heat pump not heating', description: 'Heat pump blowing cold air, tenant complaints in the {loc}.', kind: 'hvac' },
	{ title: 'Leaking water heater', description: 'Water pooling under the water heater, shut-off valve closed by staff.', kind: 'plumbing' },
	{ title: 'Clogged kitchen drain', description: 'Kitchen sink drains slowly, backs up when the dishwasher runs.', kind: 'plumbing' },
	{ title: 'Backflow preventer test', description: 'Annual backflow test required by the water utility.', kind: 'plumbing' },
	{ title: 'Replace restroom faucet', description: 'Faucet in the ground-floor restroom drips constantly.', kind: 'plumbing' },
	{ title: 'Sump pump repair', description: 'Sump pump not switching on; basement at risk of flooding.', kind: 'plumbing' },
	{ title: 'Breaker keeps tripping', description: 'Breaker 14 trips several times a day when the break room is in use.', kind: 'electrical' },
	{ title: 'Install LED fixtures', description: 'Replace 24 fluorescent troffers with LED panels in the {loc}.', kind: null },
	{ title: 'Emergency lighting test', description: 'Monthly 30-second test of exit signs and emergency lights.', kind: 'electrical' },
	{ title: 'Generator annual service', description: 'Oil change, load-bank test and battery check on the standby generator.', kind: 'electrical' },
	{ title: 'Outlet not working', description: 'Two outlets in the conference room have no power.', kind: 'electrical' },
	{ title: 'Walk-in cooler temperature alarm', description: 'Cooler alarm at 45°F overnight; product moved to backup unit.', kind: 'refrigeration' },
	{ title: 'Ice machine not producing ice', description: 'Ice machine runs but produces no ice; check water inlet valve.', kind: 'refrigeration' },
	{ title: 'Fire suppression inspection', description: 'Semi-annual inspection of the kitchen hood suppression system.', kind: 'safety' },
	{ title: 'Door closer adjustment', description: 'Front entrance door slams shut; adjust closer speed.', kind: null },
	{ title: 'Roof leak over lobby', description: 'Water stain spreading on lobby ceiling tiles after rain.', kind: null },
];

const PRIORITY = weightedPicker<FsmJobPriority>([
	['Low', 20],
	['Medium', 45],
	['High', 25],
	['Urgent', 10],
]);

/** Status by job age: recent jobs are open, old jobs mostly closed out. */
const STATUS_BY_AGE: ReadonlyArray<{ maxDays: number; pick: (r: number) => FsmJobStatus }> = [
	{
		maxDays: 2,
		pick: weightedPicker<FsmJobStatus>([
			['Pending', 50],
			['Assigned', 33],
			['In Progress', 12],
			['Cancelled', 5],
		]),
	},
	{
		maxDays: 7,
		pick: weightedPicker<FsmJobStatus>([
			['Pending', 10],
			['Assigned', 22],
			['In Progress', 18],
			['On Hold', 10],
			['Completed', 25],
			['Invoiced', 8],
			['Cancelled', 7],
		]),
	},
	{
		maxDays: 30,
		pick: weightedPicker<FsmJobStatus>([
			['Assigned', 3],
			['In Progress', 4],
			['On Hold', 7],
			['Completed', 18],
			['Invoiced', 25],
			['Paid', 22],
			['Closed', 13],
			['Cancelled', 8],
		]),
	},
	{
		maxDays: Infinity,
		pick: weightedPicker<FsmJobStatus>([
			['On Hold', 2],
			['Completed', 3],
			['Invoiced', 7],
			['Paid', 16],
			['Closed', 64],
			['Cancelled', 8],
		]),
	},
];

const RELATIONSHIP = weightedPicker<FsmAssetRelationshipType>([
	['serviced', 50],
	['maintenance', 20],
	['inspected', 15],
	['replaced', 7],
	['installed', 5],
	['meter_threshold', 3],
]);
const RELATIONSHIP_NOTES = ['Filter replaced', 'Refrigerant topped up', 'Gasket worn, replacement ordered', 'Passed inspection'];

const STARTED: ReadonlySet<FsmJobStatus> = new Set(['In Progress', 'Completed', 'Invoiced', 'Paid', 'Closed']);
const FINISHED: ReadonlySet<FsmJobStatus> = new Set(['Completed', 'Invoiced', 'Paid', 'Closed']);

/**
 * Deterministic demo data: 8 technicians, 20 customers with 1–3 locations each, 2–4 assets per location
 * (a few deleted), and `jobCount` jobs created over the 90 days before `FSM_REFERENCE_DATE`, ids ascending
 * with `created_at` from 1001. When `jobCount >= 9` every status occurs; when `jobCount >= 4` every priority.
 * 50,000 jobs take well under a second.
 */
export function generateFsmData(jobCount: number, seed = 1): FsmData {
	const rand = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
	const ref = Date.parse(FSM_REFERENCE_DATE);

	const technicians: FsmTechnician[] = TECHNICIAN_NAMES.map((name, i) => ({
		technician_id: FIRST_TECHNICIAN_ID + i,
		technician_name: name,
	}));
	const customers: FsmCustomer[] = CUSTOMER_NAMES.map((name, i) => ({ customer_id: FIRST_CUSTOMER_ID + i, customer_name: name }));

	const locations: FsmCustomerLocation[] = [];
	const assets: FsmAsset[] = [];
	const assetsByLocation = new Map<number, FsmAsset[]>();
	const tagCounters = new Map<string, number>();
	for (const customer of customers) {
		const count = customer.customer_id === FIRST_CUSTOMER_ID ? 3 : int(1, 3);
		const names = [...LOCATION_NAMES];
		for (let i = 0; i < count; i++) {
			// Acme's first location is "Main Office" (id 87), as in the docs.
			const nameIndex = i === 0 && customer.customer_id === FIRST_CUSTOMER_ID ? 0 : Math.floor(rand() * names.length);
			const [name] = names.splice(nameIndex, 1);
			const location: FsmCustomerLocation = {
				customer_location_id: FIRST_LOCATION_ID + locations.length,
				customer_location_name: name,
				customer_id: customer.customer_id,
				address: `${int(10, 9800)} ${pick(STREETS)}, ${pick(CITIES)}`,
			};
			locations.push(location);
			const here: FsmAsset[] = [];
			const assetCount = int(2, 4);
			for (let a = 0; a < assetCount; a++) {
				const template = pick(ASSET_TEMPLATES);
				const n = (tagCounters.get(template.prefix) ?? 0) + 1;
				tagCounters.set(template.prefix, n);
				const asset: FsmAsset = {
					asset_id: FIRST_ASSET_ID + assets.length,
					asset_tag: `${template.prefix}-${String(n).padStart(3, '0')}`,
					asset_name: `${template.name} #${n}`,
					asset_status: ASSET_STATUS(rand()),
					customer_location_id: location.customer_location_id,
					deleted: false,
				};
				assets.push(asset);
				here.push(asset);
			}
			assetsByLocation.set(location.customer_location_id, here);
		}
	}
	// A few deleted assets (linking them is silently skipped). Never 42 or 67, the docs' example ids.
	for (const asset of assets) if (asset.asset_id % 17 === 0 && asset.asset_id !== 68) asset.deleted = true;
	const liveAssetsByLocation = new Map<number, FsmAsset[]>();
	for (const [id, list] of assetsByLocation) liveAssetsByLocation.set(id, list.filter((a) => !a.deleted));
	const kindOf = new Map<number, AssetKind>();
	for (const asset of assets) {
		const template = ASSET_TEMPLATES.find((t) => asset.asset_name.startsWith(t.name));
		if (template) kindOf.set(asset.asset_id, template.kind);
	}

	// Creation times, ascending (so ids ascend with created_at), whole seconds within the last 90 days.
	const created = new Float64Array(jobCount);
	for (let i = 0; i < jobCount; i++) created[i] = ref - Math.floor(rand() * 90 * DAY / 1000) * 1000 - 1000;
	created.sort();

	const statuses: FsmJobStatus[] = new Array<FsmJobStatus>(jobCount);
	const priorities: FsmJobPriority[] = new Array<FsmJobPriority>(jobCount);
	for (let i = 0; i < jobCount; i++) {
		const ageDays = (ref - created[i]) / DAY;
		const bucket = STATUS_BY_AGE.find((b) => ageDays < b.maxDays) ?? STATUS_BY_AGE[STATUS_BY_AGE.length - 1];
		statuses[i] = bucket.pick(rand());
		priorities[i] = PRIORITY(rand());
	}
	// Guarantee coverage of every status and priority for small data sets: each missing value replaces a
	// value that occurs more than once, on a deterministic pseudo-random job.
	const ensure = <T>(values: T[], all: readonly T[]): void => {
		if (values.length < all.length) return;
		const counts = new Map<T, number>();
		for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
		for (const wanted of all) {
			if (counts.get(wanted)) continue;
			let i = Math.floor(rand() * values.length);
			while ((counts.get(values[i]) ?? 0) < 2) i = (i + 1) % values.length;
			counts.set(values[i], (counts.get(values[i]) ?? 0) - 1);
			values[i] = wanted;
			counts.set(wanted, 1);
		}
	};
	ensure(statuses, FSM_STATUSES);
	ensure(priorities, FSM_PRIORITIES);

	const descriptions = new Map<string, string>();
	const description = (text: string, locationName: string): string => {
		if (!text.includes('{loc}')) return text;
		const cacheKey = `${text}|${locationName}`;
		let result = descriptions.get(cacheKey);
		if (result === undefined) descriptions.set(cacheKey, (result = text.replace('{loc}', locationName.toLowerCase())));
		return result;
	};
	const jobs: FsmJob[] = new Array<FsmJob>(jobCount);
	for (let i = 0; i < jobCount; i++) {
		const status = statuses[i];
		const createdMs = created[i];
		const location = locations[Math.floor(rand() * locations.length)];
		const customer = customers[location.customer_id - FIRST_CUSTOMER_ID];
		const template = JOB_TEMPLATES[Math.floor(rand() * JOB_TEMPLATES.length)];

		let technician: FsmTechnician | null = null;
		if (status !== 'Pending' && !(status === 'Cancelled' && rand() < 0.5)) technician = technicians[Math.floor(rand() * technicians.length)];

		// Scheduled on a business-hours half-hour slot 0–5 days after creation; some Pending/Cancelled unscheduled.
		let scheduledStart: number | null = null;
		let scheduledEnd: number | null = null;
		if (!((status === 'Pending' || status === 'Cancelled') && rand() < 0.4)) {
			const day = Math.floor((createdMs + int(0, 5) * DAY + (rand() < 0.5 ? DAY : 0)) / DAY) * DAY;
			scheduledStart = day + (8 + int(0, 8)) * HOUR + (rand() < 0.5 ? 30 * MINUTE : 0);
			if (scheduledStart < createdMs) scheduledStart += DAY;
			scheduledEnd = scheduledStart + int(1, 4) * HOUR;
		}

		let actualStart: number | null = null;
		let actualEnd: number | null = null;
		const wasStarted = STARTED.has(status) || (status === 'On Hold' && rand() < 0.6);
		if (wasStarted) {
			const base = scheduledStart ?? createdMs + 2 * HOUR;
			actualStart = Math.min(base + int(-20, 45) * MINUTE, ref - int(10, 180) * MINUTE);
			if (actualStart < createdMs) actualStart = createdMs + int(1, 30) * MINUTE;
			if (actualStart > ref) actualStart = ref - MINUTE;
			if (actualStart < createdMs) actualStart = createdMs;
		}
		if (FINISHED.has(status) && actualStart !== null) {
			actualEnd = Math.min(actualStart + int(30, 240) * MINUTE, ref);
		}

		let updatedMs = actualEnd ?? actualStart ?? createdMs + (status === 'Pending' ? 0 : int(5, 240) * MINUTE);
		if (status === 'Invoiced') updatedMs += int(1, 5) * DAY;
		else if (status === 'Paid') updatedMs += int(6, 20) * DAY;
		else if (status === 'Closed') updatedMs += int(10, 30) * DAY;
		else if (status === 'On Hold' || status === 'Cancelled') updatedMs += int(10, 600) * MINUTE;
		updatedMs = Math.max(createdMs, Math.min(updatedMs, ref));

		const createdAt = fsmIso(createdMs);
		const linked: FsmJobAsset[] = [];
		const candidates = liveAssetsByLocation.get(location.customer_location_id) ?? [];
		if (candidates.length > 0 && rand() < 0.3) {
			const preferred = candidates.filter((a) => kindOf.get(a.asset_id) === template.kind);
			const pool = preferred.length > 0 ? preferred : candidates;
			const n = Math.min(pool.length, rand() < 0.8 ? 1 : 2);
			const start = Math.floor(rand() * pool.length);
			for (let k = 0; k < n; k++) {
				const asset = pool[(start + k) % pool.length];
				linked.push({
					asset_id: asset.asset_id,
					asset_tag: asset.asset_tag,
					asset_name: asset.asset_name,
					asset_status: asset.asset_status,
					relationship_type: RELATIONSHIP(rand()),
					relationship_notes: rand() < 0.25 ? pick(RELATIONSHIP_NOTES) : null,
					linked_at: createdAt,
				});
			}
		}

		jobs[i] = {
			job_id: 1001 + i,
			job_title: template.title,
			job_description: description(template.description, location.customer_location_name),
			job_status: status,
			job_priority: priorities[i],
			assigned_technician_id: technician?.technician_id ?? null,
			assigned_technician_name: technician?.technician_name ?? null,
			customer_location_id: location.customer_location_id,
			customer_location_name: location.customer_location_name,
			customer_id: customer.customer_id,
			customer_name: customer.customer_name,
			scheduled_start: scheduledStart === null ? null : fsmIso(scheduledStart),
			scheduled_end: scheduledEnd === null ? null : fsmIso(scheduledEnd),
			actual_start: actualStart === null ? null : fsmIso(actualStart),
			actual_end: actualEnd === null ? null : fsmIso(actualEnd),
			created_at: createdAt,
			updated_at: fsmIso(updatedMs),
			assets: linked,
		};
	}

	return { referenceDate: FSM_REFERENCE_DATE, technicians, customers, locations, assets, jobs };
}

// ---------------------------------------------------------------------------------------------------------
// Job store
// ---------------------------------------------------------------------------------------------------------

function binarySearch(sorted: readonly FsmJob[], id: number): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = sorted[mid].job_id;
		if (v === id) return mid;
		if (v < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/**
 * The live job store: a Map by `job_id` that keeps an ascending-id index for listing. Use `put(job)` (or
 * `set(job.job_id, job)`) to add or replace; replacing the object is how every write works, the simulator
 * never mutates a stored job in place.
 */
export class FsmJobStore extends Map<number, FsmJob> {
	private sorted: FsmJob[] | undefined;

	set(id: number, job: FsmJob): this {
		const sorted = this.sorted;
		if (sorted && id === job.job_id) {
			// Keep the index cheaply: replacing keeps the order, a new highest id appends.
			if (super.has(id)) {
				const at = binarySearch(sorted, id);
				if (at >= 0) sorted[at] = job;
				else this.sorted = undefined;
			} else if (sorted.length === 0 || sorted[sorted.length - 1].job_id < id) sorted.push(job);
			else this.sorted = undefined;
		} else this.sorted = undefined;
		return super.set(id, job);
	}

	delete(id: number): boolean {
		this.sorted = undefined;
		return super.delete(id);
	}

	clear(): void {
		this.sorted = undefined;
		super.clear();
	}

	/** Adds or replaces a job (keyed by its `job_id`). */
	put(job: FsmJob): FsmJob {
		this.set(job.job_id, job);
		return job;
	}

	/** All jobs by ascending `job_id` (cached; kept up to date by set/delete). */
	ascending(): readonly FsmJob[] {
		if (!this.sorted) this.sorted = [...this.values()].sort((a, b) => a.job_id - b.job_id);
		return this.sorted;
	}

	maxId(): number {
		const all = this.ascending();
		return all.length ? all[all.length - 1].job_id : 0;
	}
}

// ---------------------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------------------

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 date or date-time to epoch ms; undefined when invalid. No offset → UTC. */
export function parseIso8601(value: string, requireTime = false): number | undefined {
	const m = ISO_RE.exec(value);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s, frac, offset] = m;
	if (requireTime && h === undefined) return undefined;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1) return undefined;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (day > daysInMonth) return undefined;
	const hour = h === undefined ? 0 : Number(h);
	const minute = mi === undefined ? 0 : Number(mi);
	const second = s === undefined ? 0 : Number(s);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let ms = Date.UTC(year, month - 1, day, hour, minute, second) + (frac ? Math.floor(Number(frac) * 1000) : 0);
	if (offset && offset !== 'Z') {
		const sign = offset[0] === '-' ? -1 : 1;
		const digits = offset.slice(1).replace(':', '');
		const oh = Number(digits.slice(0, 2));
		const om = Number(digits.slice(2));
		if (oh > 23 || om > 59) return undefined;
		ms -= sign * (oh * 60 + om) * MINUTE;
	}
	return ms;
}

class ValidationErrors {
	readonly details: Record<string, string> = {};

	private first: string | undefined;

	add(field: string, reason: string): void {
		if (field in this.details) return;
		this.details[field] = reason;
		this.first ??= `${field} ${reason}`;
	}

	get any(): boolean {
		return this.first !== undefined;
	}

	response(): ApiResult {
		return { status: 400, body: { success: false, error: 'validation_failed', message: this.first ?? 'Validation failed', details: this.details } };
	}
}

function validationFailed(field: string, reason: string): ApiResult {
	const errors = new ValidationErrors();
	errors.add(field, reason);
	return errors.response();
}

interface ApiResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

const NOT_FOUND_ENDPOINT: ApiResult = { status: 404, body: { success: false, error: 'not_found', message: 'Endpoint not found' } };
const JOB_NOT_FOUND: ApiResult = { status: 404, body: { success: false, error: 'not_found', message: 'Job not found' } };
const UNAUTHORIZED: ApiResult = { status: 401, body: { success: false, error: 'unauthorized', message: 'Invalid or missing API key' } };

const DIGITS_RE = /^[0-9]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CREATE_FIELDS = new Set([
	'job_title',
	'job_description',
	'job_priority',
	'customer_location_id',
	'assigned_technician_id',
	'scheduled_start',
	'scheduled_end',
	'asset_ids',
	'asset_relationship_type',
]);

// ---------------------------------------------------------------------------------------------------------
// Rate limiter (rolling window per key)
// ---------------------------------------------------------------------------------------------------------

class RollingRateLimiter {
	private readonly log = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly enforce: boolean,
	) {}

	reset(): void {
		this.log.clear();
	}

	/** Records a request at `now` unless it is over the limit. */
	take(key: string, now: number): { allowed: boolean; remaining: number; resetMs: number } {
		let hits = this.log.get(key);
		if (!hits) this.log.set(key, (hits = []));
		let drop = 0;
		while (drop < hits.length && hits[drop] <= now - this.windowMs) drop++;
		if (drop) hits.splice(0, drop);
		if (this.enforce && hits.length >= this.limit) {
			return { allowed: false, remaining: 0, resetMs: hits[0] + this.windowMs };
		}
		hits.push(now);
		return { allowed: true, remaining: Math.max(0, this.limit - hits.length), resetMs: hits[0] + this.windowMs };
	}
}

// ---------------------------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------------------------

export interface FsmNavigatorSimulatorOptions {
	/** Key → scopes. Default `{ fsm_test_key: ['jobs:read', 'jobs:write', 'technicians:read', 'assets:read'] }`. */
	apiKeys?: Record<string, FsmScope[]>;
	/** Generated jobs when neither `jobs` nor `data` is given (default 25). */
	jobCount?: number;
	/** Use exactly these jobs (copied). Technicians/customers/locations/assets come from `data` or the defaults. */
	jobs?: FsmJob[];
	/** Reference data and jobs (copied, so one generated data set can feed several simulators). */
	data?: FsmData;
	/** Enforce a rolling-window limit per key. */
	rateLimit?: { limit: number; windowMs: number };
	/** Clock for created_at/updated_at/actual_* of writes and for the rate limit. */
	now?: () => Date;
}

export const FSM_DEFAULT_API_KEY = 'fsm_test_key';

function copyJob(job: FsmJob): FsmJob {
	return { ...job, assets: (job.assets ?? []).map((a) => ({ ...a })) };
}

export class FsmNavigatorSimulator {
	readonly server: SimulatorServer;

	readonly jobs = new FsmJobStore();

	readonly technicians = new Map<number, FsmTechnician>();

	readonly customers = new Map<number, FsmCustomer>();

	readonly locations = new Map<number, FsmCustomerLocation>();

	readonly assets = new Map<number, FsmAsset>();

	readonly apiKeys: Record<string, FsmScope[]>;

	/** Set by `start()`: e.g. `http://127.0.0.1:41234/api/v1`. */
	baseUrl = '';

	private readonly now: () => Date;

	private readonly limiter: RollingRateLimiter;

	private nextJobId: number;

	private readonly createdMsCache = new WeakMap<FsmJob, { iso: string; ms: number }>();

	constructor(options: FsmNavigatorSimulatorOptions = {}) {
		this.apiKeys = options.apiKeys ?? { [FSM_DEFAULT_API_KEY]: ['jobs:read', 'jobs:write', 'technicians:read', 'assets:read'] };
		this.now = options.now ?? (() => new Date());
		this.limiter = options.rateLimit
			? new RollingRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs, true)
			: new RollingRateLimiter(100_000, 60_000, false);
		const data = options.data ?? generateFsmData(options.jobs ? 0 : (options.jobCount ?? 25));
		for (const t of data.technicians) this.technicians.set(t.technician_id, { ...t });
		for (const c of data.customers) this.customers.set(c.customer_id, { ...c });
		for (const l of data.locations) this.locations.set(l.customer_location_id, { ...l });
		for (const a of data.assets) this.assets.set(a.asset_id, { ...a });
		for (const job of options.jobs ?? data.jobs) this.jobs.put(copyJob(job));
		// New ids follow the highest existing id (1001 for an empty store).
		this.nextJobId = this.jobs.size ? this.jobs.maxId() + 1 : 1001;
		this.server = new SimulatorServer((req) => this.handle(req));
	}

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	/** Starts on loopback; resolves to the API base URL including `/api/v1`. */
	async start(port?: number): Promise<string> {
		const origin = await this.server.start(port ?? 0);
		this.baseUrl = `${origin}/api/v1`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	getJob(id: number): FsmJob | undefined {
		return this.jobs.get(id);
	}

	/** Adds or replaces a job directly (test setup). */
	putJob(job: FsmJob): FsmJob {
		return this.jobs.put(job);
	}

	/** Forgets all rate-limit history. */
	resetRateLimit(): void {
		this.limiter.reset();
	}

	// ----- request handling --------------------------------------------------------------------------------

	private handle(req: RecordedRequest): SimResponse {
		const requestId = randomBytes(6).toString('hex');
		const nowMs = this.now().getTime();
		const key = header(req, 'x-api-key');
		const rate = this.limiter.take(key ?? '', nowMs);
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(this.limiter.limit),
			'X-RateLimit-Remaining': String(rate.remaining),
			'X-RateLimit-Reset': String(Math.ceil(rate.resetMs / 1000)),
			'X-Request-Id': requestId,
		};
		if (!rate.allowed) {
			const retryAfter = Math.max(1, Math.ceil((rate.resetMs - nowMs) / 1000));
			return {
				status: 429,
				headers: { ...headers, 'Retry-After': String(retryAfter) },
				body: { success: false, error: 'rate_limit_exceeded', message: 'Too many requests. Please try again later.', retry_after: retryAfter },
			};
		}
		const result = this.route(req, key, nowMs);
		const body = result.status < 300 && isRecord(result.body) ? { ...result.body, request_id: requestId } : result.body;
		return { status: result.status, headers: { ...headers, ...result.headers }, body };
	}

	private route(req: RecordedRequest, key: string | undefined, nowMs: number): ApiResult {
		const scopes = key ? this.apiKeys[key] : undefined;
		if (!key || !scopes || !Object.prototype.hasOwnProperty.call(this.apiKeys, key)) return UNAUTHORIZED;
		if (req.path === '/api/v1/technicians' && req.method.toUpperCase() === 'GET') return this.technicianRoute(req, scopes);
		if (req.path === '/api/v1/assets' && req.method.toUpperCase() === 'GET') return this.assetRoute(req, scopes); // picker (#24)
		if (req.path !== '/api/v1/jobs') return NOT_FOUND_ENDPOINT;
		const method = req.method.toUpperCase();
		if (!['GET', 'POST', 'PUT', 'PATCH'].includes(method)) return NOT_FOUND_ENDPOINT;
		const needed: FsmScope = method === 'GET' ? 'jobs:read' : 'jobs:write';
		if (!scopes.includes(needed)) {
			return {
				status: 403,
				body: {
					success: false,
					error: 'insufficient_scope',
					message: `This API key does not have the ${needed} scope`,
					required_scope: needed,
				},
			};
		}

		// UNDOCUMENTED (strict): a repeated or bracketed query parameter is rejected.
		const seen = new Set<string>();
		for (const [name] of req.queryPairs) {
			if (seen.has(name) || name.includes('[')) return validationFailed(name.replace(/\[.*$/, ''), 'must be given once, as a single value');
			seen.add(name);
		}
		const query: Record<string, string> = {};
		for (const [name, value] of req.queryPairs) query[name] = value;

		if (method === 'GET') return 'id' in query ? this.getOne(query) : this.list(query);
		if (method === 'POST') {
			if (Object.keys(query).length > 0) return validationFailed(Object.keys(query)[0], 'is not a valid query parameter for creating a job');
			return this.create(req, nowMs);
		}
		const idResult = this.parseId(query, true);
		if ('status' in idResult) return idResult;
		const job = this.jobs.get(idResult.id);
		if (!job) return JOB_NOT_FOUND;
		return method === 'PUT' ? this.update(req, job, nowMs) : this.changeStatus(req, job, nowMs);
	}

	/**
	 * `GET /api/v1/technicians` (https://fsmnavigator.com/docs/api/technicians/, scope technicians:read,
	 * read-only): `page` (1), `per_page` (50, max 100), `status`, `availability_status`, `?id=` for one.
	 * The simulator's technicians are all Active and Available; the name is split at its first space.
	 */
	private technicianRoute(req: RecordedRequest, scopes: FsmScope[]): ApiResult {
		if (!scopes.includes('technicians:read')) {
			return {
				status: 403,
				body: { success: false, error: 'insufficient_scope', message: 'This API key does not have the technicians:read scope', required_scope: 'technicians:read' },
			};
		}
		const query: Record<string, string> = {};
		for (const [name, value] of req.queryPairs) query[name] = value;
		const render = (t: FsmTechnician) => {
			const [first, ...rest] = t.technician_name.split(' ');
			return {
				technician_id: t.technician_id,
				first_name: first,
				last_name: rest.join(' '),
				status: 'Active',
				availability_status: 'Available',
				vehicle_type: null,
				transport_modes: [],
				created_at: FSM_REFERENCE_DATE,
				updated_at: FSM_REFERENCE_DATE,
			};
		};
		if ('id' in query) {
			const one = this.technicians.get(Number(query.id));
			return one ? { status: 200, body: { data: render(one) } } : { status: 404, body: { success: false, error: 'not_found', message: 'Technician not found' } };
		}
		const errors = new ValidationErrors();
		const int = (name: string, fallback: number, max: number): number => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			if (!DIGITS_RE.test(raw) || Number(raw) < 1 || Number(raw) > max) errors.add(name, `must be an integer between 1 and ${max}`);
			return Number(raw);
		};
		const page = int('page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = int('per_page', 50, 100);
		if (query.status !== undefined && !['Active', 'Inactive'].includes(query.status)) errors.add('status', 'must be one of: Active, Inactive');
		if (errors.any) return errors.response();
		const all = [...this.technicians.values()].filter(() => query.status !== 'Inactive').sort((a, b) => a.technician_id - b.technician_id);
		const data = all.slice((page - 1) * perPage, page * perPage).map(render);
		return { status: 200, body: { data, pagination: { page, per_page: perPage, total: all.length, total_pages: Math.ceil(all.length / perPage) } } };
	}

	// ----- picker routes added for issue #24 (asset list): begin ------------------------------------------

	/**
	 * `GET /api/v1/assets` (https://fsmnavigator.com/docs/api/assets/, scope assets:read): `search` (name,
	 * tag or serial number), `location_id`, `status`, `page` (1), `per_page` (50, max 100), in the
	 * technicians' `{ data, pagination }` envelope. Deleted assets are not listed. The simulator keeps
	 * only id, tag, name, status and location of an asset; other documented filters are refused.
	 */
	private assetRoute(req: RecordedRequest, scopes: FsmScope[]): ApiResult {
		if (!scopes.includes('assets:read')) {
			return {
				status: 403,
				body: { success: false, error: 'insufficient_scope', message: 'This API key does not have the assets:read scope', required_scope: 'assets:read' },
			};
		}
		const query: Record<string, string> = {};
		for (const [name, value] of req.queryPairs) query[name] = value;
		const render = (a: FsmAsset) => ({ asset_id: a.asset_id, asset_tag: a.asset_tag, asset_name: a.asset_name, asset_status: a.asset_status, location_id: a.customer_location_id });
		const errors = new ValidationErrors();
		for (const name of Object.keys(query)) if (!['search', 'location_id', 'status', 'page', 'per_page'].includes(name)) errors.add(name, 'is not supported by the simulator');
		const int = (name: string, fallback: number, max: number): number => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			if (!DIGITS_RE.test(raw) || Number(raw) < 1 || Number(raw) > max) errors.add(name, `must be an integer between 1 and ${max}`);
			return Number(raw);
		};
		const page = int('page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = int('per_page', 50, 100);
		const locationId = query.location_id === undefined ? undefined : int('location_id', 0, Number.MAX_SAFE_INTEGER);
		if (errors.any) return errors.response();
		const needle = query.search?.trim().toLowerCase() ?? '';
		const all = [...this.assets.values()]
			.filter((a) => !a.deleted)
			.filter((a) => locationId === undefined || a.customer_location_id === locationId)
			.filter((a) => query.status === undefined || a.asset_status === query.status)
			.filter((a) => !needle || `${a.asset_name} ${a.asset_tag}`.toLowerCase().includes(needle))
			.sort((a, b) => a.asset_id - b.asset_id);
		const data = all.slice((page - 1) * perPage, page * perPage).map(render);
		return { status: 200, body: { data, pagination: { page, per_page: perPage, total: all.length, total_pages: Math.ceil(all.length / perPage) } } };
	}

	// ----- picker routes added for issue #24: end -------------------------------------------------------

	private parseId(query: Record<string, string>, onlyId: boolean): { id: number } | ApiResult {
		if (!('id' in query)) return validationFailed('id', 'query parameter is required');
		if (onlyId) {
			const extra = Object.keys(query).find((k) => k !== 'id');
			if (extra !== undefined) return validationFailed(extra, 'is not a valid query parameter here');
		}
		const raw = query.id;
		if (!DIGITS_RE.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) return validationFailed('id', 'must be a positive integer');
		return { id: Number(raw) };
	}

	private getOne(query: Record<string, string>): ApiResult {
		const idResult = this.parseId(query, true);
		if ('status' in idResult) return idResult;
		const job = this.jobs.get(idResult.id);
		if (!job) return JOB_NOT_FOUND;
		return { status: 200, body: { data: copyJob(job) } };
	}

	private createdMs(job: FsmJob): number {
		const cached = this.createdMsCache.get(job);
		if (cached && cached.iso === job.created_at) return cached.ms;
		const ms = Date.parse(job.created_at);
		this.createdMsCache.set(job, { iso: job.created_at, ms });
		return ms;
	}

	private list(query: Record<string, string>): ApiResult {
		const errors = new ValidationErrors();
		const allowed = new Set(['status', 'priority', 'assigned_technician_id', 'customer_location_id', 'created_after', 'created_before', 'page', 'per_page']);
		for (const name of Object.keys(query)) if (!allowed.has(name)) errors.add(name, 'is not a supported query parameter'); // UNDOCUMENTED (strict)

		const intParam = (name: string, min: number, max: number, fallback: number | undefined): number | undefined => {
			const raw = query[name];
			if (raw === undefined) return fallback;
			const n = Number(raw);
			if (!DIGITS_RE.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
				errors.add(name, max === Number.MAX_SAFE_INTEGER ? `must be an integer of at least ${min}` : `must be an integer between ${min} and ${max}`);
				return fallback;
			}
			return n;
		};
		const page = intParam('page', 1, Number.MAX_SAFE_INTEGER, 1) ?? 1;
		const perPage = intParam('per_page', 1, 100, 50) ?? 50;
		const technicianId = intParam('assigned_technician_id', 1, Number.MAX_SAFE_INTEGER, undefined);
		const locationId = intParam('customer_location_id', 1, Number.MAX_SAFE_INTEGER, undefined);

		const status = query.status;
		if (status !== undefined && !(FSM_STATUSES as readonly string[]).includes(status)) errors.add('status', `must be one of: ${FSM_STATUSES.join(', ')}`);
		const priority = query.priority;
		if (priority !== undefined && !(FSM_PRIORITIES as readonly string[]).includes(priority)) errors.add('priority', `must be one of: ${FSM_PRIORITIES.join(', ')}`);

		const dateParam = (name: string): number | undefined => {
			const raw = query[name];
			if (raw === undefined) return undefined;
			const ms = parseIso8601(raw);
			if (ms === undefined) errors.add(name, 'must be an ISO 8601 date or date-time');
			return ms;
		};
		const after = dateParam('created_after');
		const before = dateParam('created_before');
		if (errors.any) return errors.response();

		const hasDate = after !== undefined || before !== undefined;
		const unfiltered = !hasDate && status === undefined && priority === undefined && technicianId === undefined && locationId === undefined;
		const matches: readonly FsmJob[] = unfiltered ? this.jobs.ascending() : this.filter(status, priority, technicianId, locationId, after, before);
		const total = matches.length;
		const data = matches.slice((page - 1) * perPage, page * perPage).map((job) => {
			const { assets: _assets, ...item } = job;
			return item;
		});
		return {
			status: 200,
			body: { data, pagination: { page, per_page: perPage, total, total_pages: Math.ceil(total / perPage) } },
		};
	}

	private filter(
		status: string | undefined,
		priority: string | undefined,
		technicianId: number | undefined,
		locationId: number | undefined,
		after: number | undefined,
		before: number | undefined,
	): FsmJob[] {
		const hasDate = after !== undefined || before !== undefined;
		const matches: FsmJob[] = [];
		for (const job of this.jobs.ascending()) {
			if (status !== undefined && job.job_status !== status) continue;
			if (priority !== undefined && job.job_priority !== priority) continue;
			if (technicianId !== undefined && job.assigned_technician_id !== technicianId) continue;
			if (locationId !== undefined && job.customer_location_id !== locationId) continue;
			if (hasDate) {
				const created = this.createdMs(job);
				if (after !== undefined && !(created >= after)) continue;
				if (before !== undefined && !(created <= before)) continue;
			}
			matches.push(job);
		}
		return matches;
	}

	/** The JSON object body, or a 400. */
	private jsonBody(req: RecordedRequest): { fields: Record<string, unknown> } | { error: ApiResult } {
		const contentType = header(req, 'content-type') ?? '';
		if (req.rawBody.trim() === '') return { error: validationFailed('body', 'must be a JSON object') };
		if (!/^application\/json\b/i.test(contentType.trim())) {
			return { error: validationFailed('body', 'must be sent as Content-Type: application/json') };
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(req.rawBody);
		} catch {
			return { error: validationFailed('body', 'is not valid JSON') };
		}
		if (!isRecord(parsed)) return { error: validationFailed('body', 'must be a JSON object') };
		return { fields: parsed };
	}

	/**
	 * Validates the writable fields present in `body` and returns the changes to apply. `base` is the job being
	 * updated (PUT) or undefined (POST: required fields enforced).
	 */
	private validateFields(
		body: Record<string, unknown>,
		base: FsmJob | undefined,
		errors: ValidationErrors,
	): Partial<Omit<FsmJob, 'assets'>> & { assetIds?: number[]; relationship?: FsmAssetRelationshipType } {
		const changes: Partial<Omit<FsmJob, 'assets'>> & { assetIds?: number[]; relationship?: FsmAssetRelationshipType } = {};
		const has = (field: string): boolean => Object.prototype.hasOwnProperty.call(body, field);

		for (const field of Object.keys(body)) {
			if (field === 'job_status') {
				errors.add('job_status', base ? 'cannot be changed with PUT; use PATCH to change job_status' : 'cannot be set on create; new jobs start as Pending');
			} else if (!CREATE_FIELDS.has(field)) {
				errors.add(field, 'is not a recognised field');
			}
		}

		if (has('job_title') || !base) {
			const title = body.job_title;
			if (title === undefined) errors.add('job_title', 'is required');
			else if (typeof title !== 'string' || title.trim() === '') errors.add('job_title', 'must be a non-empty string');
			else if (title.length > 255) errors.add('job_title', 'must be at most 255 characters');
			else changes.job_title = title;
		}
		if (has('job_description')) {
			if (typeof body.job_description !== 'string') errors.add('job_description', 'must be a string');
			else changes.job_description = body.job_description;
		}
		if (has('job_priority')) {
			const p = body.job_priority;
			if (typeof p !== 'string' || !(FSM_PRIORITIES as readonly string[]).includes(p)) errors.add('job_priority', `must be one of: ${FSM_PRIORITIES.join(', ')}`);
			else changes.job_priority = p as FsmJobPriority;
		}
		if (has('customer_location_id') || !base) {
			const id = body.customer_location_id;
			if (id === undefined) errors.add('customer_location_id', 'is required');
			else if (typeof id !== 'number' || !Number.isInteger(id)) errors.add('customer_location_id', 'must be an integer');
			else {
				const location = this.locations.get(id);
				const customer = location && this.customers.get(location.customer_id);
				if (!location || !customer) errors.add('customer_location_id', `${id} does not match a customer location`);
				else {
					changes.customer_location_id = id;
					changes.customer_location_name = location.customer_location_name;
					changes.customer_id = customer.customer_id;
					changes.customer_name = customer.customer_name;
				}
			}
		}
		if (has('assigned_technician_id')) {
			const id = body.assigned_technician_id;
			if (id === null) {
				changes.assigned_technician_id = null;
				changes.assigned_technician_name = null;
			} else if (typeof id !== 'number' || !Number.isInteger(id)) errors.add('assigned_technician_id', 'must be an integer or null');
			else {
				const technician = this.technicians.get(id);
				if (!technician) errors.add('assigned_technician_id', `${id} does not match a technician`);
				else {
					changes.assigned_technician_id = id;
					changes.assigned_technician_name = technician.technician_name;
				}
			}
		}
		const scheduled: Record<'scheduled_start' | 'scheduled_end', number | null | undefined> = { scheduled_start: undefined, scheduled_end: undefined };
		for (const field of ['scheduled_start', 'scheduled_end'] as const) {
			if (!has(field)) continue;
			const value = body[field];
			if (value === null) {
				changes[field] = null;
				scheduled[field] = null;
				continue;
			}
			const ms = typeof value === 'string' ? parseIso8601(value, true) : undefined;
			if (ms === undefined) errors.add(field, 'must be an ISO 8601 date-time (e.g. 2026-02-25T09:00:00Z) or null');
			else {
				changes[field] = fsmIso(ms);
				scheduled[field] = ms;
			}
		}
		const start = scheduled.scheduled_start !== undefined ? scheduled.scheduled_start : base?.scheduled_start ? Date.parse(base.scheduled_start) : null;
		const end = scheduled.scheduled_end !== undefined ? scheduled.scheduled_end : base?.scheduled_end ? Date.parse(base.scheduled_end) : null;
		if (start !== null && end !== null && end < start && !('scheduled_start' in errors.details) && !('scheduled_end' in errors.details)) {
			errors.add('scheduled_end', 'must not be before scheduled_start');
		}

		if (has('asset_ids')) {
			const ids = body.asset_ids;
			if (!Array.isArray(ids)) errors.add('asset_ids', 'must be an array of integers');
			else if (!ids.every((v): v is number => typeof v === 'number' && Number.isInteger(v))) errors.add('asset_ids', 'must contain only integers');
			else changes.assetIds = ids;
		}
		if (has('asset_relationship_type')) {
			const type = body.asset_relationship_type;
			if (typeof type !== 'string' || !(FSM_RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
				errors.add('asset_relationship_type', `must be one of: ${FSM_RELATIONSHIP_TYPES.join(', ')}`);
			} else if (!has('asset_ids')) {
				errors.add('asset_relationship_type', 'requires asset_ids'); // UNDOCUMENTED (strict)
			} else changes.relationship = type as FsmAssetRelationshipType;
		}
		return changes;
	}

	private linkAssets(ids: number[], type: FsmAssetRelationshipType, linkedAt: string): FsmJobAsset[] {
		const links: FsmJobAsset[] = [];
		const seen = new Set<number>();
		for (const id of ids) {
			const asset = this.assets.get(id);
			if (!asset || asset.deleted || seen.has(id)) continue; // documented: silently skipped
			seen.add(id);
			links.push({
				asset_id: asset.asset_id,
				asset_tag: asset.asset_tag,
				asset_name: asset.asset_name,
				asset_status: asset.asset_status,
				relationship_type: type,
				relationship_notes: null,
				linked_at: linkedAt,
			});
		}
		return links;
	}

	private create(req: RecordedRequest, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const errors = new ValidationErrors();
		const { assetIds, relationship, ...changes } = this.validateFields(fields, undefined, errors);
		if (errors.any) return errors.response();
		const now = fsmIso(nowMs);
		this.nextJobId = Math.max(this.nextJobId, this.jobs.maxId() + 1);
		const job: FsmJob = {
			job_id: this.nextJobId++,
			job_title: changes.job_title ?? '',
			job_description: changes.job_description ?? '',
			job_status: 'Pending',
			job_priority: changes.job_priority ?? 'Medium',
			assigned_technician_id: changes.assigned_technician_id ?? null,
			assigned_technician_name: changes.assigned_technician_name ?? null,
			customer_location_id: changes.customer_location_id ?? 0,
			customer_location_name: changes.customer_location_name ?? '',
			customer_id: changes.customer_id ?? 0,
			customer_name: changes.customer_name ?? '',
			scheduled_start: changes.scheduled_start ?? null,
			scheduled_end: changes.scheduled_end ?? null,
			actual_start: null,
			actual_end: null,
			created_at: now,
			updated_at: now,
			assets: this.linkAssets(assetIds ?? [], relationship ?? 'serviced', now),
		};
		this.jobs.put(job);
		return {
			status: 201,
			body: {
				success: true,
				message: 'Job created successfully',
				data: { job_id: job.job_id, job_title: job.job_title, job_status: job.job_status, created_at: job.created_at },
			},
		};
	}

	private update(req: RecordedRequest, job: FsmJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		if (Object.keys(fields).length === 0) return validationFailed('body', 'must contain at least one field to update'); // UNDOCUMENTED (strict)
		const errors = new ValidationErrors();
		const { assetIds, relationship, ...changes } = this.validateFields(fields, job, errors);
		if (errors.any) return errors.response();
		const now = fsmIso(nowMs);
		const updated: FsmJob = { ...job, ...changes, updated_at: now };
		if (assetIds) updated.assets = this.linkAssets(assetIds, relationship ?? 'serviced', now);
		this.jobs.put(updated);
		return {
			status: 200,
			body: {
				success: true,
				message: 'Job updated successfully',
				data: { job_id: updated.job_id, job_title: updated.job_title, job_status: updated.job_status },
			},
		};
	}

	private changeStatus(req: RecordedRequest, job: FsmJob, nowMs: number): ApiResult {
		const body = this.jsonBody(req);
		if ('error' in body) return body.error;
		const { fields } = body;
		const errors = new ValidationErrors();
		for (const field of Object.keys(fields)) {
			if (field !== 'job_status') errors.add(field, 'cannot be changed with PATCH; PATCH changes job_status only'); // UNDOCUMENTED (strict)
		}
		const target = fields.job_status;
		if (target === undefined) errors.add('job_status', 'is required');
		else if (typeof target !== 'string' || !(FSM_STATUSES as readonly string[]).includes(target)) {
			errors.add('job_status', `must be one of: ${FSM_STATUSES.join(', ')}`);
		}
		if (errors.any) return errors.response();
		const next = target as FsmJobStatus;
		const current = job.job_status;
		const allowed = (FSM_STATUS_TRANSITIONS as Record<string, readonly FsmJobStatus[] | undefined>)[current] ?? [];
		if (!allowed.includes(next)) {
			return {
				status: 400,
				body: {
					success: false,
					error: 'invalid_status_transition',
					message: `Cannot change status from ${current} to ${next}`,
					details: { current_status: current, allowed: [...allowed] },
				},
			};
		}
		const now = fsmIso(nowMs);
		const updated: FsmJob = { ...job, job_status: next, updated_at: now };
		if (next === 'In Progress' && !job.actual_start) updated.actual_start = now;
		if (next === 'Completed') updated.actual_end = now;
		this.jobs.put(updated);
		return {
			status: 200,
			body: {
				success: true,
				message: `Job status updated to ${next}`,
				data: { job_id: job.job_id, job_status: next, previous_status: current },
			},
		};
	}
}
