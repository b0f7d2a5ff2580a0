/** The test harness: Harness.runNode credentials; Harness.runNode items and errors; Harness.pollTrigger; Harness.listSearch / loadOptions; Harness.testCredential. Setup and helpers: ./context.ts. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Harness } from '../engine';
import { header } from '../test-server';
import { description, jobs, setJobs, validBearer, server, origin, harness } from './context';

describe('Harness.runNode credentials', () => {
	it('(a) applies a generic credential: header and query string resolved from $credentials', async () => {
		const result = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/a' } });
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { path: '/a', tenant: 'acme' }, pairedItem: { item: 0 } }]);
		const [req] = server.to('/a');
		expect(header(req, 'x-api-key')).toBe('k-123');
		expect(req.query.get('tenant')).toBe('acme'); // from the property default
	});

	it('(b) calls a function-form authenticate', async () => {
		const h = harness();
		const result = await h.runNode({ type: 'harness.echoFunction', parameters: { path: '/b' } });
		expect(result.status).toBe('success');
		const [req] = server.to('/b');
		expect(header(req, 'authorization')).toBe('Token f-456');
		expect(header(req, 'x-company-id')).toBe('co-9');

		h.setCredential({ type: 'harnessFunctionApi', data: { baseUrl: origin, apiKey: 'f-456' } });
		server.clear();
		await h.runNode({ type: 'harness.echoFunction', parameters: { path: '/b' } });
		expect(header(server.to('/b')[0], 'x-company-id')).toBeUndefined();
	});

	it('(c) preAuthentication: fetches once, reuses, re-fetches after one 401', async () => {
		const h = harness();
		const first = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(first.status).toBe('success');
		expect(server.to('/token')).toHaveLength(1);
		expect(JSON.parse(server.to('/token')[0].rawBody)).toEqual({
			client_id: 'pid',
			client_secret: 'psecret',
			grant_type: 'client_credentials',
		});
		expect(header(server.to('/things')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessPreAuthApi').accessToken).toBe('tok-1');

		const second = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(second.status).toBe('success');
		expect(server.to('/token')).toHaveLength(1);
		expect(header(server.to('/things')[1], 'authorization')).toBe('Bearer tok-1');

		validBearer.delete('tok-1'); // the token expired on the server side
		const third = await h.runNode({ type: 'harness.echoPreAuth', parameters: { path: '/things' } });
		expect(third.status).toBe('success');
		expect(server.to('/token')).toHaveLength(2);
		const calls = server.to('/things').slice(2).map((r) => header(r, 'authorization'));
		expect(calls).toEqual(['Bearer tok-1', 'Bearer tok-2']);
		expect(h.storedCredential('harnessPreAuthApi')).toEqual({
			baseUrl: origin,
			clientId: 'pid',
			clientSecret: 'psecret',
			accessToken: 'tok-2',
		});
	});

	it('(d) OAuth2 client credentials: token with form body + Basic auth, Bearer on calls, stored and reused', async () => {
		const h = harness();
		expect(h.credentialsHelper.getParentTypes('harnessOAuth2Api')).toEqual(['oAuth2Api']);
		const decrypted = await h.decryptedCredential('harnessOAuth2Api');
		expect(decrypted).toMatchObject({
			grantType: 'clientCredentials',
			accessTokenUrl: `${origin}/oauth2/v0/token`,
			scope: 'read(all) write(all)',
			authentication: 'header',
		});

		const first = await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(first.status).toBe('success');
		const tokenRequests = server.to('/oauth2/v0/token');
		expect(tokenRequests).toHaveLength(1);
		expect(header(tokenRequests[0], 'content-type')).toContain('application/x-www-form-urlencoded');
		expect(header(tokenRequests[0], 'authorization')).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
		const form = new URLSearchParams(tokenRequests[0].rawBody);
		expect(form.get('grant_type')).toBe('client_credentials');
		expect(form.get('scope')).toBe('read(all) write(all)');
		expect(form.get('client_secret')).toBeNull();
		expect(header(server.to('/things')[0], 'authorization')).toBe('Bearer tok-1');
		const stored = h.storedCredential('harnessOAuth2Api');
		expect(stored.oauthTokenData).toMatchObject({ access_token: 'tok-1', token_type: 'Bearer' });
		expect(h.credentialWrites('harnessOAuth2Api').map((w) => w.kind)).toEqual(['updateCredentialsOauthTokenData']);

		await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(server.to('/oauth2/v0/token')).toHaveLength(1);
		expect(header(server.to('/things')[1], 'authorization')).toBe('Bearer tok-1');

		validBearer.delete('tok-1'); // 401 → n8n-core fetches a new client-credentials token and resends
		const third = await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(third.status).toBe('success');
		expect(server.to('/oauth2/v0/token')).toHaveLength(2);
		expect(header(server.to('/things')[3], 'authorization')).toBe('Bearer tok-2');
		expect(h.storedCredential('harnessOAuth2Api').oauthTokenData).toMatchObject({ access_token: 'tok-2' });
	});
});

describe('Harness.runNode items and errors', () => {
	it('(e) continueOnFail keeps going with one item per input and pairedItem', async () => {
		const result = await harness().runNode({
			type: 'harness.echoHeader',
			parameters: { path: '={{ $json.path }}' },
			input: [{ json: { path: '/a' } }, { json: { path: '/missing' } }, { json: { path: '/invalid' } }, { json: { path: '/b' } }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toEqual({ path: '/a', tenant: 'acme' });
		expect(result.items[1].json.error).toMatch(/resource you are requesting could not be found/i);
		expect(result.items[2].json).toEqual({ error: 'Path is invalid' });
		expect(result.items[3].json.path).toBe('/b');
	});

	it('(f) a node error ends up in RunResult.error with its httpCode', async () => {
		server.once('/a', { status: 429, body: { message: 'slow down' } });
		const result = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/a' } });
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '429',
			message: expect.stringMatching(/too many requests/i),
		});

		const invalid = await harness().runNode({ type: 'harness.echoHeader', parameters: { path: '/invalid' } });
		expect(invalid.error).toMatchObject({ name: 'NodeOperationError', message: 'Path is invalid', description: 'Use another path' });
	});
});

describe('Harness.pollTrigger', () => {
	it('(g) keeps static data across ticks; manual mode runs on a discarded copy', async () => {
		const h = harness();
		setJobs([{ id: 1, title: 'one' }, { id: 2, title: 'two' }]);
		const trigger = h.pollTrigger({ type: 'harness.poll' });

		expect(await trigger.poll()).toBeNull(); // first tick sets the cursor
		expect(trigger.staticData()).toEqual({ cursor: 2, ticks: 1, activation: 'activate' });

		expect(await trigger.poll()).toBeNull(); // nothing new
		jobs.push({ id: 3, title: 'three' }, { id: 4, title: 'four' });
		const emitted = await trigger.poll('trigger', 'init');
		expect(emitted?.[0].map((i) => i.json.id)).toEqual([3, 4]);
		expect(trigger.staticData()).toEqual({ cursor: 4, ticks: 3, activation: 'init' });

		const manual = await trigger.poll('manual');
		expect(manual?.[0].map((i) => i.json.id)).toEqual([4]);
		expect(server.requests.at(-1)?.query.get('after')).toBe('0');
		expect(trigger.lastManualStaticData()).toMatchObject({ touchedInManual: true, cursor: 4 });
		expect(trigger.staticData()).toEqual({ cursor: 4, ticks: 3, activation: 'init' });

		server.once('/jobs', { status: 500, body: {} });
		await expect(trigger.poll()).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(trigger.staticData()).toMatchObject({ cursor: 4 });
	});

	it('starts from given static data', async () => {
		setJobs([{ id: 1, title: 'one' }, { id: 2, title: 'two' }]);
		const trigger = harness().pollTrigger({ type: 'harness.poll', staticData: { 'node:Harness Trigger': { cursor: 1 } } });
		expect((await trigger.poll())?.[0].map((i) => i.json.id)).toEqual([2]);
	});
});

describe('Harness.listSearch / loadOptions', () => {
	it('(h) runs listSearch with filter and pagination, and loadOptions with the current parameters', async () => {
		const h = harness();
		const page1 = await h.listSearch({ type: 'harness.echoHeader', method: 'searchThings', filter: 'a' });
		expect(page1).toEqual({
			results: [{ name: 'Thing alpha', value: 'alpha', url: `${origin}/things/alpha` }],
			paginationToken: '2',
		});
		const page3 = await h.listSearch({ type: 'harness.echoHeader', method: 'searchThings', filter: 'a', paginationToken: '3' });
		expect(page3.results.map((r) => r.value)).toEqual(['gamma']);
		expect(page3.paginationToken).toBeUndefined();
		expect(server.to('/search').every((r) => header(r, 'x-api-key') === 'k-123')).toBe(true);

		const options = await h.loadOptions({ type: 'harness.echoHeader', method: 'getStatuses', parameters: { category: 'hvac' } });
		expect(options).toEqual([
			{ name: 'HVAC-OPEN', value: 'hvac-open' },
			{ name: 'HVAC-CLOSED', value: 'hvac-closed' },
		]);
		const defaults = await h.loadOptions({ type: 'harness.echoHeader', method: 'getStatuses' });
		expect(defaults[0].value).toBe('all-open');
	});
});

describe('Harness.testCredential', () => {
	it('runs the type test request through RoutingNode with the credential applied', async () => {
		const h = harness();
		expect(await h.testCredential('harnessHeaderApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(header(server.to('/me')[0], 'x-api-key')).toBe('k-123');
		expect(await h.testCredential('harnessHeaderApi', { baseUrl: origin, apiKey: 'wrong' })).toEqual({
			status: 'Error',
			message: 'Unauthorized',
		});
		expect(await h.testCredential('harnessHeaderApi', { baseUrl: origin, apiKey: 'disabled' })).toEqual({
			status: 'Error',
			message: 'Account disabled',
		});
		expect(await h.testCredential('harnessFunctionApi')).toMatchObject({ status: 'Error' });
	});

	it('forces preAuthentication during a test, as n8n does', async () => {
		const h = harness();
		h.setCredential({ type: 'harnessPreAuthApi', data: { baseUrl: origin, clientId: 'pid', clientSecret: 'x', accessToken: 'stale' } });
		expect(await h.testCredential('harnessPreAuthApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.to('/token')).toHaveLength(1);
		expect(header(server.to('/me')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessPreAuthApi').accessToken).toBe('tok-1');
	});

	it('OAuth2: without a test request it checks for a token; with one, n8n-core fetches and stores a token first', async () => {
		const h = harness();
		expect(await h.testCredential('harnessOAuth2Api')).toEqual({
			status: 'Error',
			message: 'This OAuth2 credential was not connected to an account.',
		});
		expect(await h.testCredential('harnessOAuth2TestedApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.to('/oauth2/v0/token')).toHaveLength(1);
		expect(header(server.to('/me')[0], 'authorization')).toBe('Bearer tok-1');
		expect(h.storedCredential('harnessOAuth2TestedApi').oauthTokenData).toMatchObject({ access_token: 'tok-1' });

		await h.runNode({ type: 'harness.echoOAuth2', parameters: { path: '/things' } });
		expect(await h.testCredential('harnessOAuth2Api')).toEqual({ status: 'OK', message: 'Connection Successful!' });
	});
});
