/**
 * The picker lists the node reads besides jobs, staff and companies: affiliations, contracts and
 * rates (https://api.accelo.com/docs/#list-affiliations, #list-contracts, #list-rates).
 */
import type { RecordedRequest } from '../server';
import type { BasicFilter, FilterSpec } from './filters';
import { LIST_PARAMS } from './store';
import type { AcceloCompany, AcceloRate } from './types';
import { AcceloApiError, type AcceloIssuedToken, type Json, type ObjectDef, renderObject } from './wire';
import { AcceloWrites } from './writes';

export abstract class AcceloPickers extends AcceloWrites {
	// ----- picker lists added for issue #24 (affiliations, contracts, rates): begin -------------------------

	/**
	 * Affiliations 70–99 (the ids jobs name) and contracts 1–5, made up from the deployment's companies;
	 * the rates are the deployment's. Documented lists: https://api.accelo.com/docs/#list-affiliations
	 * (`_search` over names, email and phones; filter `company`), #list-contracts (`_search` over title;
	 * filters `standing`, `against_id`, `against_type`) and #list-rates (pagination and `_fields` only).
	 */
	protected pickerData?: {
		affiliations: Array<{ id: number; firstname: string; surname: string; email: string; position: string; company_id: number; standing: string }>;
		contracts: Array<{ id: number; title: string; standing: string; against_type: string; against_id: number }>;
	};

	/** The made-up affiliations and contracts (tests may add to them). */
	pickerLists(): NonNullable<AcceloPickers['pickerData']> {
		if (this.pickerData) return this.pickerData;
		const first = ['Hubert', 'Amy', 'Hermes', 'Leela', 'Philip', 'Zoidberg', 'Scruffy', 'Kif', 'Nibbler', 'Mom'];
		const last = ['Farnsworth', 'Wong', 'Conrad', 'Turanga', 'Fry', 'Kroker', 'Scruffington', 'Brannigan'];
		const positions = ['CEO', 'Engineer', 'Accounts', 'Site manager', 'Advisor'];
		const companies = this.data.companies;
		const affiliations = Array.from({ length: 30 }, (_, i) => {
			const [firstname, surname] = [first[i % first.length], last[(i * 3) % last.length]];
			return {
				id: 70 + i,
				firstname,
				surname,
				email: `${firstname}.${surname}${i}@example.com`.toLowerCase(),
				position: positions[i % positions.length],
				company_id: companies[i % companies.length].id,
				standing: i % 11 === 10 ? 'inactive' : 'active',
			};
		});
		const titles = ['Monthly maintenance', 'Support retainer', 'Annual licence', 'Managed services', 'Quarterly audit'];
		const contracts = titles.map((title, i) => ({
			id: i + 1,
			title,
			standing: i === 4 ? 'closed' : 'active',
			against_type: 'company',
			against_id: companies[i % companies.length].id,
		}));
		this.pickerData = { affiliations, contracts };
		return this.pickerData;
	}

	protected pickerRoute(req: RecordedRequest, seg: string[], token: AcceloIssuedToken): Json {
		const { affiliations, contracts } = this.pickerLists();
		type Affiliation = (typeof affiliations)[number];
		type Contract = (typeof contracts)[number];
		const idBasic = <T>(get: (r: T) => number | null): BasicFilter<T> => ({ get, kind: 'id' });
		const contact: ObjectDef<Affiliation> = {
			name: 'contact',
			defaults: ['id', 'firstname', 'surname'],
			plain: { id: (a) => String(a.id), firstname: (a) => a.firstname, surname: (a) => a.surname },
			linked: {},
		};
		const company: ObjectDef<AcceloCompany> = { name: 'company', defaults: ['id', 'name'], plain: { id: (c) => String(c.id), name: (c) => c.name }, linked: {} };
		const affiliationDef: ObjectDef<Affiliation> = {
			name: 'affiliation',
			defaults: ['id', 'mobile', 'email'],
			plain: { id: (a) => String(a.id), email: (a) => a.email, mobile: () => '', position: (a) => a.position, standing: (a) => a.standing },
			linked: {
				// The simulator's contact has the affiliation's id.
				contact: { id: (a) => a.id, render: (id, sub) => renderObject(contact, affiliations.find((a) => a.id === id)!, sub) },
				company: {
					id: (a) => a.company_id,
					render: (id, sub) => {
						const found = this.data.companies.find((c) => c.id === id);
						return found ? renderObject(company, found, sub) : null;
					},
				},
			},
		};
		const contractDef: ObjectDef<Contract> = {
			name: 'contract',
			defaults: ['id', 'title'],
			plain: { id: (c) => String(c.id), title: (c) => c.title, standing: (c) => c.standing, against_type: (c) => c.against_type, against_id: (c) => String(c.against_id) },
			linked: {},
		};
		const rateDef: ObjectDef<AcceloRate> = {
			name: 'rate',
			defaults: ['id', 'title'],
			plain: { id: (r) => String(r.id), title: (r) => r.title, charged: (r) => r.charged, standing: () => 'active', object: () => 'staff,issue,job,milestone' },
			linked: {},
		};
		const none = { date: {}, object: {} };
		const affiliationSpec: FilterSpec<Affiliation> = {
			resource: 'affiliations',
			idOf: (a) => a.id,
			basic: { id: idBasic((a) => a.id), company: idBasic((a) => a.company_id), standing: { get: (a) => a.standing, kind: 'enum', values: ['active', 'inactive'] } },
			range: { id: (a) => a.id },
			order: { fullname: (a) => `${a.firstname} ${a.surname}`.toLowerCase(), standing: (a) => a.standing },
			search: (a) => `${a.firstname} ${a.surname} ${a.email}`,
			...none,
		};
		const contractSpec: FilterSpec<Contract> = {
			resource: 'contracts',
			idOf: (c) => c.id,
			basic: {
				id: idBasic((c) => c.id),
				standing: { get: (c) => c.standing, kind: 'text' },
				against_id: idBasic((c) => c.against_id),
				against_type: { get: (c) => c.against_type, kind: 'text' },
			},
			range: { id: (c) => c.id },
			order: { id: (c) => c.id, title: (c) => c.title.toLowerCase(), standing: (c) => c.standing },
			search: (c) => c.title,
			...none,
		};
		const rateSpec: FilterSpec<AcceloRate> = { resource: 'rates', idOf: (r) => r.id, basic: {}, range: {}, order: {}, search: null, ...none };
		if (seg.length !== 1) throw new AcceloApiError(404, 'not_found', 'The simulator serves only the lists of these resources');
		// Scopes: affiliations are read with contacts' rights; the docs name no scope of their own for contracts or rates.
		this.requireScope(token, seg[0] === 'affiliations' ? 'contacts' : seg[0], false);
		const p = this.params(req, LIST_PARAMS, true);
		if (seg[0] === 'affiliations') return this.list(p, affiliations, affiliationSpec, affiliationDef);
		if (seg[0] === 'contracts') return this.list(p, contracts, contractSpec, contractDef);
		return this.list(p, this.data.rates, rateSpec, rateDef);
	}

	// ----- picker lists added for issue #24: end ------------------------------------------------------------
}
