/**
 * What each pinned n8n version throws from `httpRequestWithAuthentication` for a failing request
 * (429, 503, 404, 400, a reset, a timeout, a refused connection; an API-key credential and an OAuth 2
 * one), captured in real n8n by a throwaway probe node and compared with
 * test/e2e/fixtures/thrown-errors.json. The transport's unit tests
 * (test/unit/transport-failure.test.ts) rebuild their errors from that file, so a change in what
 * n8n throws fails here first. `N8N_E2E_UPDATE_FIXTURES=1` rewrites the file from the capture.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { selectedVersions } from '../../tooling/n8n';
import { captureThrownErrors, PROBE_CASES, type ThrownErrorCapture } from '../../tooling/n8n/thrownErrors';

const FIXTURE = join(__dirname, 'fixtures', 'thrown-errors.json');
const UPDATE = process.env.N8N_E2E_UPDATE_FIXTURES === '1';

interface Fixture {
	about: string;
	versions: Record<string, ThrownErrorCapture['cases']>;
}

function readFixture(): Fixture {
	if (!existsSync(FIXTURE)) return { about: '', versions: {} };
	return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
}

for (const pin of selectedVersions()) {
	describe(`n8n ${pin.n8n}`, () => {
		let capture: ThrownErrorCapture;

		beforeAll(async () => {
			capture = await captureThrownErrors(pin.n8n);
			if (UPDATE) {
				const fixture = readFixture();
				fixture.about =
					'What httpRequestWithAuthentication throws in each n8n version, captured by test/e2e/thrownErrors.e2e.test.ts ' +
					'(tooling/n8n/thrownErrors). Rewrite with N8N_E2E_UPDATE_FIXTURES=1.';
				fixture.versions[pin.n8n] = capture.cases;
				writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, '\t')}\n`, 'utf8');
			}
		});

		it('throws for every probe case', () => {
			expect(Object.keys(capture.cases).sort()).toEqual(PROBE_CASES.map((c) => c.name).sort());
			for (const [name, result] of Object.entries(capture.cases)) {
				expect({ name, answered: result.answered }).toEqual({ name, answered: null });
			}
			// The OAuth 2 cases fetched one token first.
			expect(capture.seen.filter((request) => request === 'POST /token').length).toBeGreaterThanOrEqual(1);
		});

		it('throws exactly what test/e2e/fixtures/thrown-errors.json recorded for it', () => {
			const recorded = readFixture().versions[pin.n8n];
			if (!recorded) throw new Error(`no capture of n8n ${pin.n8n} in ${FIXTURE}: run with N8N_E2E_UPDATE_FIXTURES=1`);
			expect(capture.cases).toEqual(recorded);
		});
	});
}
