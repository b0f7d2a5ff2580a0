/** Planado demo data: the same seed and reference date give the same records. */
import { ensureEveryValue } from '../kit/history';
import { DAY, HOUR, MINUTE } from '../kit/time';
import { mulberry32 } from '../random';
import { CITIES, IN_PROGRESS_OR_DONE, JOB_DESCRIPTIONS, JOB_TYPES, ORGANIZATIONS, PEOPLE, RESOLUTIONS, SKILLS, STATUS_FUTURE, STATUS_PAST, STATUS_TODAY, STREETS, TEAMS, TEMPLATES, TERRITORIES, WORKERS } from './catalog';
import { millisIso, PLANADO_REFERENCE_DATE, planadoLocal, planadoTimestamp, uuidFrom } from './format';
import { PLANADO_STATUSES, type PlanadoAddress, type PlanadoAssigneeRef, type PlanadoClient, type PlanadoData, type PlanadoJob, type PlanadoJobResolution, type PlanadoJobStatus, type PlanadoJobTimestamps, type PlanadoJobType, type PlanadoResolution, type PlanadoSite, type PlanadoSkill, type PlanadoTeam, type PlanadoTemplate, type PlanadoTerritory, type PlanadoUser } from './types';

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
	ensureEveryValue(statuses, PLANADO_STATUSES, rand, (i, wanted) => {
		// A status that needs a time gets one in the past (or today for the in-progress ones).
		if (wanted !== 'posted' && wanted !== 'canceled' && scheduled[i] === null) scheduled[i] = Math.max(created[i] + HOUR, refMs - 3 * HOUR);
	});

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
