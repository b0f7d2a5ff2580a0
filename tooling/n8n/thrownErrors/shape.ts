/**
 * An error as data: what n8n's `httpRequestWithAuthentication` throws, written down property by
 * property (own properties, including non-enumerable ones such as `cause` and `message`), with
 * each object's class name. The probe node (./probePackage.ts) writes it inside real n8n; the
 * unit tests rebuild objects of exactly that shape (`rebuildThrown`) and feed them to the
 * transport. Request details (`config`, `request`: they hold the credential's headers) and
 * stacks are left out.
 */

export type Shape = string | number | boolean | null | Shape[] | { [key: string]: Shape };

/** Keys that are written as '[omitted]': request details (secrets), stacks, sockets. */
export const OMITTED_KEYS = ['config', 'request', 'stack', 'socket', '_currentRequest', 'agent', 'workflow'] as const;

/**
 * The shape writer as JavaScript source, for the probe node (plain JS inside n8n). `@class` is the
 * constructor name; `{ "@undefined": true }` stands for an own property whose value is undefined.
 */
export const SHAPE_FUNCTION_SOURCE = `
const OMITTED = new Set(${JSON.stringify(OMITTED_KEYS)});
function shape(value, depth, path) {
	if (value === undefined) return { '@undefined': true };
	if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
	if (typeof value === 'function') return '[function]';
	if (path.includes(value)) return '[circular]';
	if (depth > 6) return '[deep]';
	if (Buffer.isBuffer(value)) return { '@class': 'Buffer', text: value.toString('utf8').slice(0, 2000) };
	if (value instanceof Date) return { '@class': 'Date', iso: '[date]' };
	const next = path.concat([value]);
	if (Array.isArray(value)) return value.slice(0, 50).map((item) => shape(item, depth + 1, next));
	const out = { '@class': value.constructor ? value.constructor.name : null };
	for (const key of Object.getOwnPropertyNames(value)) {
		if (OMITTED.has(key)) { out[key] = '[omitted]'; continue; }
		let item;
		try { item = value[key]; } catch (error) { item = '[getter threw]'; }
		if (key === 'node' && item && typeof item === 'object') { out[key] = { '@class': 'node', name: item.name, type: item.type }; continue; }
		out[key] = shape(item, depth + 1, next);
	}
	return out;
}
`;

function isShapeObject(value: Shape): value is { [key: string]: Shape } {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PORT_IN_TEXT = /(127\.0\.0\.1|localhost):\d+/g;

/**
 * Removes what changes from run to run (ports of the loopback servers, timestamps), so two captures
 * of the same n8n compare equal.
 */
export function normalizeShape(value: Shape, key = ''): Shape {
	if (typeof value === 'string') return value.replace(PORT_IN_TEXT, '$1:<port>');
	if (typeof value === 'number') {
		if (key === 'port') return '<port>';
		if (key === 'timestamp') return '<timestamp>';
		return value;
	}
	if (Array.isArray(value)) return value.map((item) => normalizeShape(item));
	if (isShapeObject(value)) {
		const out: { [key: string]: Shape } = {};
		for (const [name, item] of Object.entries(value)) out[name] = normalizeShape(item, name);
		return out;
	}
	return value;
}

/**
 * An object with the captured shape: own properties as captured (undefined ones included), errors
 * on Error.prototype, everything else a plain object. Its class names are not restored: the
 * transport reads properties, never constructors.
 */
export function rebuildThrown(value: Shape): unknown {
	if (Array.isArray(value)) return value.map(rebuildThrown);
	if (!isShapeObject(value)) return value;
	if (value['@undefined'] === true && Object.keys(value).length === 1) return undefined;
	const className = typeof value['@class'] === 'string' ? value['@class'] : '';
	if (className === 'Buffer' && typeof value.text === 'string') return Buffer.from(value.text, 'utf8');
	const out: Record<string, unknown> = /Error$/.test(className) ? (Object.create(Error.prototype) as Record<string, unknown>) : {};
	for (const [key, item] of Object.entries(value)) {
		if (key === '@class') continue;
		out[key] = rebuildThrown(item);
	}
	return out;
}

/** The class name recorded for an object shape ('' for anything else). */
export function classOf(value: Shape | undefined): string {
	return value !== undefined && isShapeObject(value) && typeof value['@class'] === 'string' ? value['@class'] : '';
}
