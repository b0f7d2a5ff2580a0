/** What an error keeps of a credential's secrets: nothing, in any form a request carries them in. */
import { isHostAllowed, redirectTarget } from '../../nodes/shared/origin';
import { REDACTED, redactSecrets, secretsOf } from '../../nodes/shared/secrets';

describe('secretsOf / redactSecrets', () => {
	const credentials = {
		clientId: 'client-abc',
		clientSecret: 's3cret/with+chars',
		baseUrl: 'https://api.example.com',
		tokenUrl: 'https://auth.example.com/oauth/token',
		oauthTokenData: { access_token: 'tok-123456', token_type: 'Bearer', expires_in: 3600 },
		companyId: 'cmp_1',
	};

	it('finds keys, secrets and tokens, not URLs, token types or ids of other things', () => {
		const secrets = secretsOf(credentials);
		for (const value of ['client-abc', 's3cret/with+chars', 'tok-123456']) expect(secrets).toContain(value);
		for (const value of ['https://api.example.com', 'https://auth.example.com/oauth/token', 'Bearer', 'cmp_1']) expect(secrets).not.toContain(value);
	});

	it('removes them as sent: plain, percent-encoded, JSON-escaped and as an HTTP Basic value', () => {
		const basic = Buffer.from('client-abc:s3cret/with+chars').toString('base64');
		const body = {
			echo: `client_secret=${encodeURIComponent('s3cret/with+chars')}&x=1`,
			headers: { authorization: `Basic ${basic}`, bearer: 'Bearer tok-123456' },
			list: ['s3cret/with+chars'],
			'tok-123456': 'as a key',
		};
		const redacted = JSON.stringify(redactSecrets(body, secretsOf(credentials)));
		for (const secret of ['s3cret', encodeURIComponent('s3cret/with+chars'), basic, 'tok-123456']) expect(redacted).not.toContain(secret);
		expect(redacted).toContain(`Basic ${REDACTED}`);
		expect(redactSecrets('nothing secret here', secretsOf(credentials))).toBe('nothing secret here');
	});
});

describe('origin', () => {
	it('reads where a redirect points, resolved against the URL asked', () => {
		expect(redirectTarget({ Location: '/v2/jobs?after=x' }, 'http://127.0.0.1:8080/v2/jobs')).toEqual({
			url: 'http://127.0.0.1:8080/v2/jobs?after=x',
			origin: 'http://127.0.0.1:8080',
			host: '127.0.0.1:8080',
		});
		expect(redirectTarget({ location: 'https://user:pw@evil.example/x?k=1' }, 'https://api.example.com/')?.host).toBe('evil.example');
		expect(redirectTarget({ location: 'javascript:alert(1)' }, 'https://api.example.com/')).toBeUndefined();
		expect(redirectTarget({}, 'https://api.example.com/')).toBeUndefined();
	});

	it("matches hosts as n8n's Allowed Domains does: exact, or subdomains for *.", () => {
		expect(isHostAllowed('https://api.example.com/x', undefined)).toBe(true);
		expect(isHostAllowed('https://api.example.com/x', 'example.com, api.example.com')).toBe(true);
		expect(isHostAllowed('https://api.example.com/x', '*.example.com')).toBe(true);
		expect(isHostAllowed('https://example.com/x', '*.example.com')).toBe(false);
		expect(isHostAllowed('https://evilexample.com/x', '*.example.com')).toBe(false);
		expect(isHostAllowed('https://api.example.com/x', '')).toBe(false);
	});
});
