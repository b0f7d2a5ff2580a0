/** Accelo request parameters: `_fields`, `_filters`, paging, lists and single records. */
import type { RecordedRequest } from '../server';
import { AcceloAccess } from './access';
import { compileFilters, filtersFromJson, type FilterSpec, type FilterTerm, type OrderBy, type Pred, searchWords } from './filters';
import { GLOBAL_PARAMS, type ParamSource } from './store';
import type { AcceloJob } from './types';
import { AcceloApiError, type FieldRequest, invalid, type Json, type ObjectDef, parseFieldList, renderObject, STATUS_MESSAGES } from './wire';

export abstract class AcceloParams extends AcceloAccess {
	// ----- params -----

	/**
	 * Collects parameters from the query string (and, for GET, a JSON body; documented "JSON Content
	 * Types"). Documented: a parameter included more than once is invalid_request. UNDOCUMENTED
	 * (strict): a parameter the endpoint does not take is invalid_request too (this catches `_filter`).
	 */
	protected params(req: RecordedRequest, allowed: string[], bodyParams: boolean): ParamSource {
		const values = new Map<string, unknown>();
		for (const [key, value] of req.queryPairs) {
			if (values.has(key)) throw invalid(`The request includes the parameter '${key}' more than once`);
			if (!allowed.includes(key) && !GLOBAL_PARAMS.includes(key)) {
				throw invalid(`Unknown parameter '${key}' for this request (allowed: ${allowed.join(', ') || 'none'})`);
			}
			values.set(key, value);
		}
		if (bodyParams && req.body !== undefined && req.rawBody.trim() !== '') {
			if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
				throw invalid('Could not parse the request body');
			}
			for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
				if (values.has(key)) throw invalid(`The request includes the parameter '${key}' more than once`);
				if (!allowed.includes(key)) throw invalid(`Unknown parameter '${key}' for this request`);
				values.set(key, value);
			}
		}
		return { values };
	}

	protected fieldsParam(p: ParamSource): FieldRequest[] {
		const v = p.values.get('_fields');
		if (v === undefined) return [];
		if (typeof v !== 'string') throw invalid('_fields must be a string');
		return parseFieldList(v);
	}

	protected hideDefaults(p: ParamSource): boolean {
		const v = p.values.get('_hide_defaults');
		return v === '1' || v === 'yes';
	}

	protected filtersParam(p: ParamSource): FilterTerm[] {
		const v = p.values.get('_filters');
		if (v === undefined) return [];
		return filtersFromJson(v);
	}

	protected paging(p: ParamSource): { limit: number; offset: number } {
		const num = (name: string): number | undefined => {
			const v = p.values.get(name);
			if (v === undefined) return undefined;
			const s = typeof v === 'number' ? String(v) : v;
			if (typeof s !== 'string' || !/^\d+$/.test(s)) throw invalid(`${name} must be an unsigned integer, got '${String(v)}'`);
			return Number(s);
		};
		let limit = num('_limit') ?? 10;
		if (limit === 0) throw invalid('_limit must be at least 1'); // UNDOCUMENTED (strict)
		if (limit > this.limitCap) {
			// limitCap 50: an old deployment silently clamps (what the older wiki page describes).
			// limitCap 100: UNDOCUMENTED (strict): an error rather than a silent clamp.
			if (this.limitCap === 50) limit = 50;
			else throw invalid(`_limit must not exceed ${this.limitCap}, got ${limit}`);
		}
		const page = num('_page');
		const offset = num('_offset') ?? 0;
		// Documented: _offset is overridden when _page is set.
		return { limit, offset: page !== undefined ? page * limit : offset };
	}

	protected select<T>(p: ParamSource, items: readonly T[], spec: FilterSpec<T>, fixedOrder?: OrderBy<T>): T[] {
		const compiled = compileFilters(spec, this.filtersParam(p));
		const searchValue = p.values.get('_search');
		const preds: Array<Pred<T>> = [];
		if (compiled.pred) preds.push(compiled.pred);
		if (searchValue !== undefined) {
			if (typeof searchValue !== 'string') throw invalid('_search must be a string');
			if (!spec.search) throw invalid(`_search is not supported for ${spec.resource}`);
			// Documented for contacts: every word must be found. Case-insensitive substring per word.
			const words = searchWords(searchValue);
			const text = spec.search;
			preds.push((r) => {
				const t = text(r).toLowerCase();
				return words.every((w) => t.includes(w));
			});
		}
		const rows = preds.length === 0 ? items.slice() : items.filter((r) => preds.every((pr) => pr(r)));
		// Documented: default order is ascending id. /jobs/recent and /jobs/newest ignore order terms.
		const order = fixedOrder ?? compiled.order;
		if (order) {
			const { key, dir } = order;
			// UNDOCUMENTED: nulls sort first ascending and last descending (MySQL); ties by id in the same
			// direction; text compares case-insensitively.
			rows.sort((a, b) => {
				const ka = key(a);
				const kb = key(b);
				let c = 0;
				if (ka === null && kb !== null) c = -1;
				else if (ka !== null && kb === null) c = 1;
				else if (ka !== null && kb !== null) c = ka < kb ? -1 : ka > kb ? 1 : 0;
				if (c === 0) c = spec.idOf(a) - spec.idOf(b);
				return c * dir;
			});
		} else {
			let sorted = true;
			for (let i = 1; i < rows.length && sorted; i++) sorted = spec.idOf(rows[i - 1]) < spec.idOf(rows[i]);
			if (!sorted) rows.sort((a, b) => spec.idOf(a) - spec.idOf(b));
		}
		return rows;
	}

	protected list<T>(
		p: ParamSource,
		items: readonly T[],
		spec: FilterSpec<T>,
		def: ObjectDef<T>,
		fixedOrder?: OrderBy<T>,
	): Json {
		const fields = this.fieldsParam(p);
		const { limit, offset } = this.paging(p);
		const rows = this.select(p, items, spec, fixedOrder);
		const hide = this.hideDefaults(p);
		return rows.slice(offset, offset + limit).map((r) => renderObject(def, r, fields, hide));
	}

	protected count<T>(p: ParamSource, items: readonly T[], spec: FilterSpec<T>): Json {
		return { count: String(this.select(p, items, spec).length) };
	}

	protected one<T extends { id: number }>(p: ParamSource, items: readonly T[], def: ObjectDef<T>, rawId: string, what: string): Json {
		const item = items.find((x) => x.id === Number(rawId));
		if (!item) throw this.notFound(what, rawId);
		return renderObject(def, item, this.fieldsParam(p), this.hideDefaults(p));
	}

	protected notFound(what: string, id: string): AcceloApiError {
		return invalid(`Resource not found: ${what} ${id} does not exist. ${STATUS_MESSAGES.invalid_request}`);
	}

	protected requireJob(rawId: string): AcceloJob {
		const job = this.getJob(rawId);
		if (!job) throw this.notFound('job', rawId);
		return job;
	}
}
