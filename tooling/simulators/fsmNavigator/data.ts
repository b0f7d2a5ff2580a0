/** FSM Navigator demo data: the same seed gives the same records. */
import { ensureEveryValue, statusByAge } from '../kit/history';
import { DAY, HOUR, MINUTE } from '../kit/time';
import { mulberry32 } from '../random';
import { ASSET_STATUS, ASSET_TEMPLATES, type AssetKind, CITIES, CUSTOMER_NAMES, FINISHED, FIRST_ASSET_ID, FIRST_CUSTOMER_ID, FIRST_LOCATION_ID, FIRST_TECHNICIAN_ID, FSM_REFERENCE_DATE, fsmIso, JOB_TEMPLATES, LOCATION_NAMES, PRIORITY, RELATIONSHIP, RELATIONSHIP_NOTES, STARTED, STATUS_BY_AGE, STREETS, TECHNICIAN_NAMES } from './catalog';
import { FSM_PRIORITIES, FSM_STATUSES, type FsmAsset, type FsmCustomer, type FsmCustomerLocation, type FsmData, type FsmJob, type FsmJobAsset, type FsmJobPriority, type FsmJobStatus, type FsmTechnician } from './types';

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
		statuses[i] = statusByAge(STATUS_BY_AGE, (ref - created[i]) / DAY, rand());
		priorities[i] = PRIORITY(rand());
	}
	// Every status and priority for small data sets too.
	ensureEveryValue(statuses, FSM_STATUSES, rand);
	ensureEveryValue(priorities, FSM_PRIORITIES, rand);

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
