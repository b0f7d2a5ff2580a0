/** The fixed lists the Housecall Pro demo data draws from, and its id and time formats. */
import { randomBytes } from 'node:crypto';

import type { StatusByAge } from '../kit/history';
import { utcSeconds } from '../kit/time';
import { weightedPicker } from '../random';
import type { HcpCompany, HcpEmployeePermissions, HcpLineItemKind, HcpResourceType, HcpWorkStatus } from './types';

export const HCP_REFERENCE_DATE = '2026-03-01T00:00:00Z';

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `prefix` + 32 hex digits from four draws (ids are generated ~5 times per job, so this is kept cheap). */
export function hexId(prefix: string, rand: () => number): string {
	let out = prefix;
	for (let i = 0; i < 4; i++) {
		const n = Math.floor(rand() * 4294967296);
		out += BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
	}
	return out;
}

export function freshId(prefix: string): string {
	return prefix + randomBytes(16).toString('hex');
}

/** `2026-02-24T14:30:00Z` (UTC, whole seconds) for schedule times. */
export function isoSeconds(ms: number): string {
	return `${utcSeconds(ms)}Z`;
}

/** `2026-02-24T14:30:00.123Z` for created_at/updated_at (precision undocumented; ms stresses cursors). */
export function isoMs(ms: number): string {
	return new Date(ms).toISOString();
}

export const ALL_PERMISSIONS_FALSE: HcpEmployeePermissions = {
	can_add_and_edit_job: false,
	can_be_booked_online: false,
	can_call_and_text_with_customers: false,
	can_chat_with_customers: false,
	can_delete_and_cancel_job: false,
	can_edit_message_on_invoice: false,
	can_see_street_view_data: false,
	can_share_job: false,
	can_take_payment_see_prices: false,
	can_see_customers: false,
	can_see_full_schedule: false,
	can_see_future_jobs: false,
	can_see_marketing_campaigns: false,
	can_see_reporting: false,
	can_edit_settings: false,
	is_point_of_contact: false,
	is_admin: false,
};

export const COMPANIES: readonly HcpCompany[] = [
	{ id: 'cmp_4f1c2a9e7b3d4c58a0e6f2b9d1c7a305', name: 'Bluebonnet Home Services – Austin', phone_number: '5125550100', support_email: 'austin@bluebonnet.example', time_zone: 'America/Chicago' },
	{ id: 'cmp_9a7e3b1d5c2f4e6a8b0c1d3e5f7a9b2c', name: 'Bluebonnet Home Services – Round Rock', phone_number: '5125550199', support_email: 'roundrock@bluebonnet.example', time_zone: 'America/Chicago' },
];
export const FRANCHISEE_IDS = ['fra_2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e1b', 'fra_8c6a4e2d0b9f7d5b3a1e9c7a5f3d1b0e'];

export const EMPLOYEES: ReadonlyArray<{ first: string; last: string; role: string; company: number; color: string }> = [
	{ first: 'Maria', last: 'Garcia', role: 'field tech', company: 0, color: '#1E88E5' },
	{ first: 'David', last: 'Chen', role: 'field tech', company: 0, color: '#43A047' },
	{ first: 'Sarah', last: 'Johnson', role: 'field tech', company: 0, color: '#FB8C00' },
	{ first: 'Marcus', last: 'Williams', role: 'field tech', company: 0, color: '#8E24AA' },
	{ first: 'Priya', last: 'Patel', role: 'office staff', company: 0, color: '#00ACC1' },
	{ first: 'Tom', last: 'Becker', role: 'admin', company: 0, color: '#6D4C41' },
	{ first: 'Luis', last: 'Hernandez', role: 'field tech', company: 1, color: '#E53935' },
	{ first: 'Emily', last: 'Nguyen', role: 'field tech', company: 1, color: '#3949AB' },
	{ first: 'Jake', last: 'Robinson', role: 'field tech', company: 1, color: '#7CB342' },
];

export const FIRST_NAMES = ['James', 'Linda', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'William', 'Elizabeth', 'Carlos', 'Aisha', 'Kevin', 'Megan', 'Daniel', 'Olivia', 'Brian', 'Rosa'];
export const LAST_NAMES = ['Smith', 'Brown', 'Davis', 'Miller', 'Wilson', 'Moore', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Lopez', 'Clark', 'Lewis'];
export const BUSINESS_NAMES = ['Riverside Dental', 'Oak Hill Apartments', 'Cedar Park Bakery', null, null, null, null, null];
export const STREETS = ['Oak Street', 'Maple Avenue', 'Congress Avenue', 'Lamar Boulevard', 'Burnet Road', 'Pecan Street', 'Cypress Creek Road', 'Mesa Drive', 'Red River Street', 'Ranch Road 620'];
export const CITIES: ReadonlyArray<readonly [string, string]> = [
	['Austin', '787'],
	['Round Rock', '786'],
	['Pflugerville', '786'],
	['Cedar Park', '786'],
	['Georgetown', '786'],
];
export const LEAD_SOURCES = ['Google', 'Referral', 'Yelp', 'Facebook', 'Repeat customer', 'Nextdoor'];

export const TAG_NAMES = ['Residential', 'Commercial', 'Warranty', 'Maintenance plan', 'VIP', 'Follow up', 'Emergency'];
export const JOB_TYPE_NAMES = ['Service call', 'Installation', 'Maintenance', 'Inspection', 'Estimate follow-up'];
export const BUSINESS_UNIT_NAMES = ['Plumbing', 'HVAC', 'Electrical'];

export const PIPELINE_NAMES: Record<HcpResourceType, ReadonlyArray<readonly [string, string]>> = {
	job: [
		['New', 'open'],
		['Awaiting parts', 'open'],
		['Ready to schedule', 'open'],
		['Work in progress', 'open'],
		['Follow-up needed', 'open'],
		['Invoiced', 'open'],
		['Closed', 'closed'],
	],
	lead: [
		['New', 'open'],
		['Contacted', 'open'],
		['Qualified', 'open'],
		['Won', 'won'],
		['Lost', 'lost'],
	],
	estimate: [
		['Draft', 'open'],
		['Sent', 'open'],
		['Approved', 'won'],
		['Declined', 'lost'],
	],
};

interface CatalogItem {
	name: string;
	kind: HcpLineItemKind;
	unitPrice: number;
	unitCost: number;
	unit: string;
}

export const JOB_TEMPLATES: ReadonlyArray<{ name: string; description: string; unit: number; type: number; items: readonly CatalogItem[] }> = [
	{ name: 'Water heater replacement', description: 'Replace leaking 50 gal gas water heater in garage', unit: 0, type: 1, items: [{ name: '50 gal gas water heater', kind: 'materials', unitPrice: 145000, unitCost: 98000, unit: 'each' }, { name: 'Installation labor', kind: 'labor', unitPrice: 17500, unitCost: 6000, unit: 'hour' }] },
	{ name: 'Clogged drain', description: 'Kitchen sink drains slowly and backs up into the dishwasher', unit: 0, type: 0, items: [{ name: 'Drain cleaning', kind: 'labor', unitPrice: 18900, unitCost: 5000, unit: 'each' }] },
	{ name: 'Leak under sink', description: 'Slow leak under bathroom vanity, cabinet floor damaged', unit: 0, type: 0, items: [{ name: 'Service call fee', kind: 'labor', unitPrice: 8900, unitCost: 0, unit: 'each' }, { name: 'P-trap kit', kind: 'materials', unitPrice: 2400, unitCost: 900, unit: 'each' }] },
	{ name: 'AC not cooling', description: 'Upstairs unit blowing warm air, thermostat set to 72', unit: 1, type: 0, items: [{ name: 'Diagnostic', kind: 'labor', unitPrice: 9900, unitCost: 0, unit: 'each' }, { name: 'Capacitor 45/5 MFD', kind: 'materials', unitPrice: 18500, unitCost: 2200, unit: 'each' }] },
	{ name: 'Furnace tune-up', description: 'Annual furnace safety inspection and tune-up', unit: 1, type: 2, items: [{ name: 'Furnace tune-up', kind: 'labor', unitPrice: 12900, unitCost: 3000, unit: 'each' }] },
	{ name: 'Thermostat install', description: 'Install customer-supplied smart thermostat', unit: 1, type: 1, items: [{ name: 'Thermostat installation', kind: 'labor', unitPrice: 14900, unitCost: 4000, unit: 'each' }] },
	{ name: 'Duct cleaning', description: 'Whole-home duct cleaning, 14 vents', unit: 1, type: 2, items: [{ name: 'Duct cleaning per vent', kind: 'labor', unitPrice: 2500, unitCost: 800, unit: 'each' }] },
	{ name: 'Panel upgrade', description: 'Upgrade 100A panel to 200A, permit required', unit: 2, type: 1, items: [{ name: '200A panel', kind: 'materials', unitPrice: 95000, unitCost: 41000, unit: 'each' }, { name: 'Electrician labor', kind: 'labor', unitPrice: 15000, unitCost: 5500, unit: 'hour' }] },
	{ name: 'Outlets not working', description: 'Two outlets in the living room have no power', unit: 2, type: 0, items: [{ name: 'Troubleshooting', kind: 'labor', unitPrice: 12500, unitCost: 4000, unit: 'hour' }] },
	{ name: 'Ceiling fan install', description: 'Install two ceiling fans in bedrooms, boxes already fan-rated', unit: 2, type: 1, items: [{ name: 'Ceiling fan installation', kind: 'labor', unitPrice: 16500, unitCost: 5000, unit: 'each' }] },
	{ name: 'Electrical safety inspection', description: 'Pre-sale electrical inspection for realtor', unit: 2, type: 3, items: [{ name: 'Inspection', kind: 'labor', unitPrice: 22500, unitCost: 6000, unit: 'each' }] },
	{ name: 'Sump pump check', description: 'Follow-up on last month estimate for sump pump replacement', unit: 0, type: 4, items: [{ name: 'Sump pump', kind: 'materials', unitPrice: 42000, unitCost: 21000, unit: 'each' }, { name: 'Plumber labor', kind: 'labor', unitPrice: 14500, unitCost: 5200, unit: 'hour' }, { name: 'Maintenance plan discount', kind: 'fixed discount', unitPrice: 5000, unitCost: 0, unit: 'each' }] },
];

export const STATUS_BY_AGE: StatusByAge<HcpWorkStatus> = [
	{
		maxDays: 1,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 35],
			['scheduled', 55],
			['in progress', 5],
			['user canceled', 5],
		]),
	},
	{
		maxDays: 7,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 10],
			['scheduled', 35],
			['in progress', 10],
			['complete unrated', 25],
			['complete rated', 10],
			['user canceled', 6],
			['pro canceled', 4],
		]),
	},
	{
		maxDays: Infinity,
		pick: weightedPicker<HcpWorkStatus>([
			['needs scheduling', 4],
			['scheduled', 6],
			['in progress', 1],
			['complete unrated', 40],
			['complete rated', 35],
			['user canceled', 8],
			['pro canceled', 6],
		]),
	},
];
