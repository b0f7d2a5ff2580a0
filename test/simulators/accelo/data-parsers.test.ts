/** Accelo simulator: generateAcceloData; parsers. Setup and helpers: ./context.ts. */
import { ACCELO_REFERENCE_DATE, generateAcceloData, parseFilterString, parseScope } from '../../../tooling/simulators/accelo';
import { bigMs, bigData } from './context';

describe('generateAcceloData', () => {
	it('is deterministic per seed and fast for 50,000 jobs', () => {
		expect(bigData().jobs).toHaveLength(50000);
		expect(bigMs).toBeLessThan(10000);
		expect(JSON.stringify(generateAcceloData(300, 3))).toBe(JSON.stringify(generateAcceloData(300, 3)));
		expect(JSON.stringify(generateAcceloData(300, 4).jobs)).not.toBe(JSON.stringify(generateAcceloData(300, 3).jobs));
	});

	it('produces a consistent, realistic deployment', () => {
		const d = generateAcceloData(2000, 1);
		const ref = ACCELO_REFERENCE_DATE;
		expect(d.staff).toHaveLength(6);
		expect(d.companies).toHaveLength(15);
		expect(d.sites.length).toBeGreaterThanOrEqual(3);
		const statusTitles = Object.fromEntries(d.statuses.map((s) => [s.id, [s.title, s.standing, s.start]]));
		expect(statusTitles[1]).toEqual(['Pending', 'pending', 'yes']);
		expect(statusTitles[2]).toEqual(['In Progress', 'active', 'yes']);
		expect(statusTitles[3]).toEqual(['On Hold', 'paused', 'no']);
		expect(statusTitles[4]).toEqual(['Complete', 'complete', 'no']);
		expect(statusTitles[5]).toEqual(['Closed', 'inactive', 'no']);
		expect(statusTitles[6]).toEqual(['Cancelled', 'inactive', 'no']);
		const move = (from: number, to: number): string | undefined =>
			d.progressions.find((p) => p.from_status_id === from && p.to_status_id === to)?.title;
		expect(move(1, 2)).toBe('Start Job');
		expect(move(2, 3)).toBe('Pause');
		expect(move(3, 2)).toBe('Resume');
		expect(move(2, 4)).toBe('Complete Job');
		expect(move(4, 5)).toBe('Close');
		expect(move(1, 6)).toBe('Cancel');
		expect(d.jobTypes.map((t) => t.title)).toEqual(expect.arrayContaining(['Website Build', 'Managed Services', 'HVAC Install']));

		const statusById = new Map(d.statuses.map((s) => [s.id, s]));
		let prev = 0;
		const seenStatuses = new Set<number>();
		for (const j of d.jobs) {
			expect(j.id).toBeGreaterThan(prev);
			prev = j.id;
			seenStatuses.add(j.status_id);
			expect(j.standing).toBe(statusById.get(j.status_id)!.standing);
			const target = j.against_type === 'company' ? d.companies : d.sites;
			expect(target.some((t) => t.id === j.against_id)).toBe(true);
			expect(d.staff.some((s) => s.id === j.manager_id)).toBe(true);
			expect(j.date_created).toBeGreaterThan(ref - 130 * 86400);
			for (const v of [j.date_created, j.date_modified, j.date_commenced, j.date_completed, j.date_last_interacted]) {
				if (v !== null) expect(v).toBeLessThanOrEqual(ref);
			}
			expect(j.date_modified).toBeGreaterThanOrEqual(j.date_created);
			if (j.standing === 'pending') expect(j.date_commenced).toBeNull();
			if (j.status_id === 4 || j.status_id === 5) expect(j.date_completed).not.toBeNull();
			else expect(j.date_completed).toBeNull();
		}
		expect(seenStatuses.size).toBe(6);
		// The ~90-day spread and the shared-second batches the trigger tests rely on.
		const created = d.jobs.map((j) => j.date_created);
		expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(80 * 86400);
		expect(new Set(created).size).toBeLessThan(created.length);
		expect(d.jobs.some((j) => j.against_type === 'site')).toBe(true);
		// Site ids overlap company ids on purpose.
		expect(d.sites.some((s) => d.companies.some((c) => c.id === s.id))).toBe(true);
	});
});

describe('parsers', () => {
	it('parses nested filter terms', () => {
		expect(parseFilterString('against(company(1,4),site(4,5)),standing(active)')).toEqual([
			{
				name: 'against',
				args: [
					{ kind: 'term', term: { name: 'company', args: [{ kind: 'atom', value: '1' }, { kind: 'atom', value: '4' }] } },
					{ kind: 'term', term: { name: 'site', args: [{ kind: 'atom', value: '4' }, { kind: 'atom', value: '5' }] } },
				],
			},
			{ name: 'standing', args: [{ kind: 'atom', value: 'active' }] },
		]);
		expect(() => parseFilterString('standing(active')).toThrow(/standing/);
		expect(() => parseFilterString('standing')).toThrow(/_filters/);
		expect(() => parseFilterString('a(1))')).toThrow(/_filters/);
	});

	it('parses both scope separators', () => {
		expect(parseScope('read(all),write(all)')).toEqual({ read: ['all'], write: ['all'] });
		expect(parseScope('read(all) write(all)')).toEqual({ read: ['all'], write: ['all'] });
		expect(parseScope('read(companies,contacts),write(staff)')).toEqual({ read: ['companies', 'contacts'], write: ['staff'] });
		expect(parseScope('admin(all)')).toBeNull();
		expect(parseScope('read(all)write')).toBeNull();
	});
});
