/** Accelo demo data: the same seed and reference date give the same records. */
import { mulberry32 } from '../random';
import { ACCELO_REFERENCE_DATE, type AcceloCompany, type AcceloData, type AcceloJob, type AcceloJobStatus, type AcceloJobType, type AcceloProgression, type AcceloProgressionHistory, type AcceloRate, type AcceloSite, type AcceloStaff } from './types';

const DAY = 86400;
const STAFF: ReadonlyArray<Omit<AcceloStaff, 'email' | 'username' | 'standing'>> = [
	// Non-contiguous ids on purpose: a client that confuses list positions with ids fails.
	{ id: 7, firstname: 'Hubert', surname: 'Farnsworth', title: 'Owner' },
	{ id: 10, firstname: 'Turanga', surname: 'Leela', title: 'Operations Manager' },
	{ id: 11, firstname: 'Philip', surname: 'Fry', title: 'Field Technician' },
	{ id: 13, firstname: 'Amy', surname: 'Wong', title: 'Project Manager' },
	{ id: 14, firstname: 'Hermes', surname: 'Conrad', title: 'Accounts Manager' },
	{ id: 15, firstname: 'Bender', surname: 'Rodríguez', title: 'Installer' },
];

const COMPANY_NAMES = [
	"Mom's Friendly Robot Company",
	'Slurm Corp',
	'Acme HVAC Supply',
	"O'Brien & Sons Plumbing",
	'Café Müller',
	'Big Apple Dental',
	'Harbor Logistics',
	'Greenleaf Property Management',
	'Northwind Traders',
	'Contoso Clinics',
	'Blue Ridge Schools',
	'Riverside Apartments',
	'Summit Legal LLP',
	'Pioneer Foods',
	'Applied Cryogenics',
];

/** Job types; 6 is inactive. Type 1 uses custom ids. */
const JOB_TYPES: readonly AcceloJobType[] = [
	{ id: 1, title: 'Website Build', standing: 'active', ordering: 1, has_custom_id: true },
	{ id: 2, title: 'Managed Services', standing: 'active', ordering: 2, has_custom_id: false },
	{ id: 3, title: 'HVAC Install', standing: 'active', ordering: 3, has_custom_id: false },
	{ id: 4, title: 'Plumbing Repair', standing: 'active', ordering: 4, has_custom_id: false },
	{ id: 5, title: 'Electrical Inspection', standing: 'active', ordering: 5, has_custom_id: false },
	{ id: 6, title: 'Legacy Retainer', standing: 'inactive', ordering: 6, has_custom_id: false },
];

const TITLE_TEMPLATES: Record<number, readonly string[]> = {
	1: ['Website Redesign', 'Landing Page Build', 'E-commerce Store Build', 'Brand Microsite'],
	2: ['Monthly IT Support', 'Server Patching', 'Backup Monitoring', 'Helpdesk Retainer'],
	3: ['HVAC Install - Rooftop Unit', 'Heat Pump Installation', 'Ductwork Replacement', 'HVAC Install - Split System'],
	4: ['Leak Repair', 'Water Heater Replacement', 'Drain Unblocking'],
	5: ['Annual Electrical Inspection', 'Switchboard Upgrade', 'Emergency Lighting Test'],
	6: ['Legacy Support Retainer'],
};

const STATUSES: readonly AcceloJobStatus[] = [
	{ id: 1, title: 'Pending', color: 'grey', standing: 'pending', start: 'yes', ordering: 1 },
	{ id: 2, title: 'In Progress', color: 'green', standing: 'active', start: 'yes', ordering: 2 },
	{ id: 3, title: 'On Hold', color: 'orange', standing: 'paused', start: 'no', ordering: 3 },
	{ id: 4, title: 'Complete', color: 'blue', standing: 'complete', start: 'no', ordering: 4 },
	{ id: 5, title: 'Closed', color: 'black', standing: 'inactive', start: 'no', ordering: 5 },
	{ id: 6, title: 'Cancelled', color: 'red', standing: 'inactive', start: 'no', ordering: 6 },
];

const PROGRESSIONS: readonly AcceloProgression[] = [
	{ id: 1, title: 'Start Job', from_status_id: 1, to_status_id: 2 },
	{ id: 2, title: 'Pause', from_status_id: 2, to_status_id: 3 },
	{ id: 3, title: 'Resume', from_status_id: 3, to_status_id: 2 },
	{ id: 4, title: 'Complete Job', from_status_id: 2, to_status_id: 4 },
	{ id: 5, title: 'Close', from_status_id: 4, to_status_id: 5 },
	{ id: 6, title: 'Cancel', from_status_id: 1, to_status_id: 6 },
	{ id: 7, title: 'Cancel', from_status_id: 3, to_status_id: 6 },
	{ id: 8, title: 'Reopen', from_status_id: 4, to_status_id: 2 },
];

const RATES: readonly AcceloRate[] = [
	{ id: 1, title: 'Standard', charged: '125.00' },
	{ id: 2, title: 'After Hours', charged: '187.50' },
	{ id: 3, title: 'Maintenance Contract', charged: '95.00' },
];

/** Status ids with their share of the generated jobs. */
const STATUS_WEIGHTS: ReadonlyArray<[number, number]> = [
	[1, 0.15],
	[2, 0.3],
	[3, 0.08],
	[4, 0.2],
	[5, 0.2],
	[6, 0.07],
];

/**
 * Deterministic demo deployment: 6 staff, 15 companies, 5 sites (some site ids equal company ids, so
 * `against_id(…)` and `against(company(…))` differ), 6 job types, 6 statuses, 8 progressions, 3 rates
 * and `jobCount` jobs created over the 90 days before `referenceDate`. Job ids ascend with creation
 * time, with a few gaps (deleted jobs), some jobs created in the same second as the previous one and a
 * few back-dated imports. Fast: 50,000 jobs take well under a second.
 */
export function generateAcceloData(
	jobCount: number,
	seed = 1,
	referenceDate: number = ACCELO_REFERENCE_DATE,
): AcceloData {
	const rnd = mulberry32(seed);
	const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
	const ref = referenceDate;

	const staff: AcceloStaff[] = STAFF.map((s) => ({
		...s,
		email: `${s.firstname.toLowerCase()}.${s.surname.toLowerCase().replace(/[^a-z]/g, '')}@planetexpress.example`,
		username: s.firstname.toLowerCase(),
		standing: 'active',
	}));
	const companies: AcceloCompany[] = COMPANY_NAMES.map((name, i) => ({
		id: 31 + i * 2,
		name,
		website: i % 4 === 3 ? null : `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
		phone: i % 5 === 4 ? null : `+1 555 01${String(10 + i).padStart(2, '0')}`,
		standing: i === 14 ? 'inactive' : 'active',
		date_created: ref - (400 + i * 17) * DAY,
	}));
	const sites: AcceloSite[] = [
		{ id: 4, title: 'Slurm Bottling Plant', company_id: 33 },
		{ id: 5, title: 'Harbor Logistics - Pier 9 Warehouse', company_id: 43 },
		{ id: 12, title: 'Riverside Apartments - Block C', company_id: 53 },
		{ id: 31, title: 'Contoso Clinics - Eastside', company_id: 49 },
		{ id: 33, title: 'Blue Ridge Elementary', company_id: 51 },
	];
	const jobTypes = JOB_TYPES.map((t) => ({ ...t }));
	const statuses = STATUSES.map((s) => ({ ...s }));
	const progressions = PROGRESSIONS.map((p) => ({ ...p }));
	const rates = RATES.map((r) => ({ ...r }));
	const statusById = new Map(statuses.map((s) => [s.id, s]));
	const activeTypes = jobTypes.filter((t) => t.standing === 'active');

	const span = 90 * DAY;
	const start = ref - span;
	const created = new Array<number>(jobCount);
	for (let i = 0; i < jobCount; i++) created[i] = start + Math.floor(rnd() * span);
	created.sort((a, b) => a - b);
	// Batch-created jobs share their creation second with the previous job (keeps the order).
	for (let i = 1; i < jobCount; i++) if (rnd() < 0.05) created[i] = created[i - 1];

	const jobs: AcceloJob[] = new Array<AcceloJob>(jobCount);
	const history: Array<Omit<AcceloProgressionHistory, 'id'>> = [];
	let id = 0;
	for (let i = 0; i < jobCount; i++) {
		id += rnd() < 0.04 ? 2 : 1; // gaps: deleted jobs
		let dateCreated = created[i];
		if (rnd() < 0.03) dateCreated -= int(1, 30) * DAY; // back-dated import
		let r = rnd();
		let statusId = 1;
		for (const [sid, weight] of STATUS_WEIGHTS) {
			statusId = sid;
			if (r < weight) break;
			r -= weight;
		}
		const status = statusById.get(statusId)!;
		const type = rnd() < 0.03 ? jobTypes[5] : pick(activeTypes);
		const onSite = rnd() < 0.15;
		const site = onSite ? pick(sites) : undefined;
		const company = onSite ? undefined : pick(companies);
		const againstName = site ? site.title : company!.name;
		const age = ref - dateCreated;

		let dateStarted: number | null = dateCreated + int(0, 7) * DAY + int(0, 8 * 3600);
		if (statusId === 1 && rnd() < 0.3) dateStarted = null;
		const dateDue: number | null = rnd() < 0.1 ? null : (dateStarted ?? dateCreated) + int(3, 45) * DAY;
		const commenced =
			statusId >= 2 && statusId <= 5 ? dateCreated + Math.floor(rnd() * Math.min(14 * DAY, age)) : null;
		const completed =
			(statusId === 4 || statusId === 5) && commenced !== null
				? commenced + Math.floor(rnd() * (ref - commenced))
				: null;
		const base = Math.max(dateCreated, commenced ?? 0, completed ?? 0);
		// A fifth of pending jobs were never touched after creation (date_modified == date_created).
		const dateModified =
			statusId === 1 && rnd() < 0.2 ? dateCreated : base + Math.floor(rnd() * (ref - base) * 0.6);
		const lastInteracted = dateModified + Math.floor(rnd() * (ref - dateModified));
		const rate = rnd() < 0.1 ? null : pick(rates);
		const managerId = pick(staff).id;

		jobs[i] = {
			id,
			title: `${pick(TITLE_TEMPLATES[type.id])} - ${againstName}`,
			against_type: site ? 'site' : 'company',
			against_id: site ? site.id : company!.id,
			custom_id: type.has_custom_id ? `WEB-${String(id).padStart(5, '0')}` : null,
			paused: statusId === 3 ? int(1, 30) : rnd() < 0.1 ? int(1, 5) : 0,
			staff_bookmarked: rnd() < 0.1,
			date_created: dateCreated,
			date_modified: dateModified,
			date_commenced: commenced,
			date_started: dateStarted,
			date_due: dateDue,
			date_completed: completed,
			date_last_interacted: lastInteracted,
			job_type_id: type.id,
			rate_id: rate ? rate.id : null,
			rate_charged: rate ? rate.charged : '0.00',
			status_id: status.id,
			standing: status.standing,
			manager_id: managerId,
			modified_by: rnd() < 0.6 ? managerId : pick(staff).id,
			affiliation_id: rnd() < 0.3 ? int(70, 99) : null,
			contract_id: type.id === 2 ? int(1, 5) : null,
			is_billable: rnd() < 0.8,
		};

		// Progression history consistent with the final status.
		const push = (toId: number, at: number): void => {
			history.push({
				to_id: toId,
				to_title: statusById.get(toId)!.title,
				against_type: 'job',
				against_id: id,
				modified_by: managerId,
				date_modified: at,
			});
		};
		if (commenced !== null) push(2, commenced);
		if (statusId === 3) push(3, dateModified);
		if (completed !== null) push(4, completed);
		if (statusId === 5) push(5, dateModified);
		if (statusId === 6) push(6, dateModified);
	}
	history.sort((a, b) => a.date_modified - b.date_modified || a.against_id - b.against_id);
	const progressionHistory = history.map((h, i) => ({ id: i + 1, ...h }));

	return {
		referenceDate: ref,
		staff,
		companies,
		sites,
		jobTypes,
		statuses,
		progressions,
		rates,
		jobs,
		progressionHistory,
	};
}
