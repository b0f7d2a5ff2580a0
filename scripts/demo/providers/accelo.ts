/** Accelo in the sandbox: `test/simulators/accelo.ts` (API + OAuth2 token endpoint) with demo data. */
import { AcceloSimulator, generateAcceloData } from '../../../tooling/simulators/accelo';
import { countBy, idFreePath, PACKAGE_NAME, type DemoProvider, type RunningSimulator } from '../provider';

export const accelo: DemoProvider = {
	key: 'accelo',
	displayName: 'Accelo',
	nodeTypes: [`${PACKAGE_NAME}.accelo`],
	credentialType: 'acceloOAuth2Api',
	credentialId: 'demoAccelo',
	credentialName: 'Accelo (demo simulator)',
	defaultPort: 5682,
	async start({ port, jobCount, now }): Promise<RunningSimulator> {
		// Dated up to now, so date filters relative to $now find jobs.
		const data = generateAcceloData(jobCount, 1, Math.floor(now.getTime() / 1000));
		const sim = new AcceloSimulator({ data });
		const origin = await sim.start(port);
		const actualPort = Number(new URL(origin).port);
		const statusTitle = new Map(data.statuses.map((s) => [s.id, s.title]));
		const staff = data.staff.map((s) => `${s.id} ${s.firstname} ${s.surname}`).join(', ');
		return {
			apiUrl: `${origin}/api/v0`,
			port: actualPort,
			credentialData: {
				deployment: sim.deployment,
				baseUrl: origin,
				clientId: sim.clientId,
				clientSecret: sim.clientSecret,
				scope: 'read(all) write(all)',
				// Hidden fields of the credential type, written out so the stored credential is complete.
				grantType: 'clientCredentials',
				authentication: 'header',
				authQueryParameters: '',
			},
			dataSummary:
				`deployment "${sim.deployment}": ${data.jobs.length} jobs (${countBy(data.jobs, (job) => statusTitle.get(job.status_id) ?? String(job.status_id))}), ` +
				`${data.companies.length} companies (ids ${data.companies[0].id}–${data.companies[data.companies.length - 1].id}), ` +
				`${data.sites.length} sites, ${data.jobTypes.length} job types, ${data.staff.length} staff`,
			hints: [
				`companies: ${data.companies.map((c) => `${c.id} ${c.name}`).join(', ')}`,
				`staff: ${staff}`,
				`statuses: ${data.statuses.map((s) => `${s.id} ${s.title}`).join(', ')}`,
				`job types: ${data.jobTypes.map((t) => `${t.id} ${t.title}`).join(', ')}`,
				`token: curl -s -u ${sim.clientId}:${sim.clientSecret} -d grant_type=client_credentials -d 'scope=read(all)' ${origin}/oauth2/v0/token`,
			],
			requests: () => sim.requests,
			route: (req) => `${req.method} ${idFreePath(req.path)}`,
			stop: () => sim.stop(),
		};
	},
};
