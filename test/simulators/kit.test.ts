/** The simulator kit's OrderedJobStore: its list stays a stable sort of its jobs through any writes. */
import { ascendingId, OrderedJobStore } from '../../tooling/simulators/kit/orderedJobStore';

interface Job {
	id: number;
	rank: number;
	label: string;
}

const byRank = () => new OrderedJobStore<number, Job, number>({ idOf: (job) => job.id, sortKey: (job) => job.rank, compare: (a, b) => a - b });

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

describe('OrderedJobStore', () => {
	it('after 2,000 random puts, rank changes and deletes, lists its jobs as a stable sort of them by rank', () => {
		const next = random(7);
		const store = byRank();
		for (let step = 0; step < 2_000; step++) {
			const id = Math.floor(next() * 60);
			const roll = next();
			if (roll < 0.2) store.delete(id);
			else {
				const old = store.get(id);
				// Half the rewrites keep the rank (the job keeps its place), half move it.
				const rank = old && roll < 0.6 ? old.rank : Math.floor(next() * 10);
				store.put({ id, rank, label: `step ${step}` });
			}
			if (step % 50 === 0 || step === 1_999) {
				const expected = [...store.values()].sort((a, b) => a.rank - b.rank);
				expect(store.ordered()).toEqual(expected);
			}
		}
	});

	it("remembers a deleted job's sort key, so a cursor naming it keeps its place", () => {
		const store = byRank();
		for (const [id, rank] of [
			[1, 10],
			[2, 20],
			[3, 30],
		]) {
			store.put({ id, rank, label: '' });
		}
		store.delete(2);
		expect(store.keyOf(2)).toBe(20);
		expect(store.ordered().slice(store.firstAfter(store.keyOf(2) ?? 0)).map((job) => job.id)).toEqual([3]);
	});

	it('keeps a list handed to it as its live list, in ascending id order', () => {
		const jobs = [1, 3, 5].map((id) => ({ id, rank: 0, label: '' }));
		const store = new OrderedJobStore<number, Job, number>(ascendingId((job: Job) => job.id), jobs);
		store.put({ id: 4, rank: 0, label: 'new' });
		store.delete(1);
		expect(jobs.map((job) => job.id)).toEqual([3, 4, 5]);
		expect(store.ordered()).toBe(jobs);
	});
});
