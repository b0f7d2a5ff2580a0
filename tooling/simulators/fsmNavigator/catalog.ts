/** The fixed lists the FSM Navigator demo data draws from, and its time format. */
import type { StatusByAge } from '../kit/history';
import { utcSeconds } from '../kit/time';
import { weightedPicker } from '../random';
import type { FsmAssetRelationshipType, FsmJobPriority, FsmJobStatus } from './types';

export const FSM_REFERENCE_DATE = '2026-03-01T00:00:00Z';

export const TECHNICIAN_NAMES = [
	'Maria Garcia',
	'David Chen',
	'Sarah Johnson',
	'Michael Brown',
	'John Smith',
	'Aisha Patel',
	'Robert Wilson',
	'Emily Nguyen',
];
/** First technician id: 41..48, so 45 is "John Smith" as in the docs' example. */
export const FIRST_TECHNICIAN_ID = 41;

export const CUSTOMER_NAMES = [
	'Acme Corporation',
	'Riverside Medical Center',
	'Summit Property Management',
	'Bluewater Hotels',
	'Greenfield School District',
	'Northgate Shopping Plaza',
	'Harbor Logistics',
	'Pinecrest Apartments',
	'Metro Fitness Clubs',
	'Lakeside Dental Group',
	'Oakwood Senior Living',
	'Cityline Restaurant Group',
	'Westbrook Manufacturing',
	'Evergreen Office Park',
	'Sunrise Bakery',
	'Granite Bank & Trust',
	'Maple Street Church',
	'Coastal Cold Storage',
	'Parkview Veterinary Clinic',
	'Horizon Data Center',
];
/** Customer 201 is "Acme Corporation", location 87 its "Main Office", as in the docs' example. */
export const FIRST_CUSTOMER_ID = 201;
export const FIRST_LOCATION_ID = 87;
export const FIRST_ASSET_ID = 40;

export const LOCATION_NAMES = [
	'Main Office',
	'Warehouse',
	'North Campus',
	'Downtown Branch',
	'Building A',
	'East Wing',
	'Distribution Center',
	'Store #12',
	'Headquarters',
	'South Annex',
];
export const STREETS = ['Oak Street', 'Main Street', 'Industrial Way', 'Harbor Drive', 'Elm Avenue', 'Commerce Blvd', 'Park Road', 'Lake Shore Drive'];
export const CITIES = ['Springfield, IL', 'Riverton, OH', 'Fairview, TX', 'Madison, WI', 'Georgetown, KY', 'Clinton, MI'];

export type AssetKind = 'hvac' | 'plumbing' | 'electrical' | 'refrigeration' | 'safety';

export const ASSET_TEMPLATES: ReadonlyArray<{ kind: AssetKind; prefix: string; name: string }> = [
	{ kind: 'hvac', prefix: 'HVAC', name: 'Rooftop AC Unit' },
	{ kind: 'hvac', prefix: 'HVAC', name: 'Gas Furnace' },
	{ kind: 'hvac', prefix: 'HVAC', name: 'Heat Pump' },
	{ kind: 'plumbing', prefix: 'PLB', name: 'Water Heater' },
	{ kind: 'plumbing', prefix: 'PLB', name: 'Backflow Preventer' },
	{ kind: 'electrical', prefix: 'ELEC', name: 'Main Electrical Panel' },
	{ kind: 'electrical', prefix: 'GEN', name: 'Standby Generator' },
	{ kind: 'refrigeration', prefix: 'REF', name: 'Walk-in Cooler' },
	{ kind: 'refrigeration', prefix: 'REF', name: 'Ice Machine' },
	{ kind: 'safety', prefix: 'FIRE', name: 'Fire Suppression System' },
];
export const ASSET_STATUS = weightedPicker<string>([
	['Active', 80],
	['In Maintenance', 12],
	['Inactive', 8],
]);

export const JOB_TEMPLATES: ReadonlyArray<{ title: string; description: string; kind: AssetKind | null }> = [
	{ title: 'AC unit repair', description: 'Customer reports AC not cooling in the {loc}.', kind: 'hvac' },
	{ title: 'Furnace inspection', description: 'Annual furnace inspection and safety check.', kind: 'hvac' },
	{ title: 'Thermostat replacement', description: 'Replace faulty programmable thermostat; thermostat display is blank.', kind: 'hvac' },
	{ title: 'Rooftop unit maintenance', description: 'Quarterly maintenance: filters, belts, coil cleaning.', kind: 'hvac' },
	{ title: 'Heat pump not heating', description: 'Heat pump blowing cold air, tenant complaints in the {loc}.', kind: 'hvac' },
	{ title: 'Leaking water heater', description: 'Water pooling under the water heater, shut-off valve closed by staff.', kind: 'plumbing' },
	{ title: 'Clogged kitchen drain', description: 'Kitchen sink drains slowly, backs up when the dishwasher runs.', kind: 'plumbing' },
	{ title: 'Backflow preventer test', description: 'Annual backflow test required by the water utility.', kind: 'plumbing' },
	{ title: 'Replace restroom faucet', description: 'Faucet in the ground-floor restroom drips constantly.', kind: 'plumbing' },
	{ title: 'Sump pump repair', description: 'Sump pump not switching on; basement at risk of flooding.', kind: 'plumbing' },
	{ title: 'Breaker keeps tripping', description: 'Breaker 14 trips several times a day when the break room is in use.', kind: 'electrical' },
	{ title: 'Install LED fixtures', description: 'Replace 24 fluorescent troffers with LED panels in the {loc}.', kind: null },
	{ title: 'Emergency lighting test', description: 'Monthly 30-second test of exit signs and emergency lights.', kind: 'electrical' },
	{ title: 'Generator annual service', description: 'Oil change, load-bank test and battery check on the standby generator.', kind: 'electrical' },
	{ title: 'Outlet not working', description: 'Two outlets in the conference room have no power.', kind: 'electrical' },
	{ title: 'Walk-in cooler temperature alarm', description: 'Cooler alarm at 45°F overnight; product moved to backup unit.', kind: 'refrigeration' },
	{ title: 'Ice machine not producing ice', description: 'Ice machine runs but produces no ice; check water inlet valve.', kind: 'refrigeration' },
	{ title: 'Fire suppression inspection', description: 'Semi-annual inspection of the kitchen hood suppression system.', kind: 'safety' },
	{ title: 'Door closer adjustment', description: 'Front entrance door slams shut; adjust closer speed.', kind: null },
	{ title: 'Roof leak over lobby', description: 'Water stain spreading on lobby ceiling tiles after rain.', kind: null },
];

export const PRIORITY = weightedPicker<FsmJobPriority>([
	['Low', 20],
	['Medium', 45],
	['High', 25],
	['Urgent', 10],
]);

/** Status by job age: recent jobs are open, old jobs mostly closed out. */
export const STATUS_BY_AGE: StatusByAge<FsmJobStatus> = [
	{
		maxDays: 2,
		pick: weightedPicker<FsmJobStatus>([
			['Pending', 50],
			['Assigned', 33],
			['In Progress', 12],
			['Cancelled', 5],
		]),
	},
	{
		maxDays: 7,
		pick: weightedPicker<FsmJobStatus>([
			['Pending', 10],
			['Assigned', 22],
			['In Progress', 18],
			['On Hold', 10],
			['Completed', 25],
			['Invoiced', 8],
			['Cancelled', 7],
		]),
	},
	{
		maxDays: 30,
		pick: weightedPicker<FsmJobStatus>([
			['Assigned', 3],
			['In Progress', 4],
			['On Hold', 7],
			['Completed', 18],
			['Invoiced', 25],
			['Paid', 22],
			['Closed', 13],
			['Cancelled', 8],
		]),
	},
	{
		maxDays: Infinity,
		pick: weightedPicker<FsmJobStatus>([
			['On Hold', 2],
			['Completed', 3],
			['Invoiced', 7],
			['Paid', 16],
			['Closed', 64],
			['Cancelled', 8],
		]),
	},
];

export const RELATIONSHIP = weightedPicker<FsmAssetRelationshipType>([
	['serviced', 50],
	['maintenance', 20],
	['inspected', 15],
	['replaced', 7],
	['installed', 5],
	['meter_threshold', 3],
]);
export const RELATIONSHIP_NOTES = ['Filter replaced', 'Refrigerant topped up', 'Gasket worn, replacement ordered', 'Passed inspection'];

export const STARTED: ReadonlySet<FsmJobStatus> = new Set(['In Progress', 'Completed', 'Invoiced', 'Paid', 'Closed']);
export const FINISHED: ReadonlySet<FsmJobStatus> = new Set(['Completed', 'Invoiced', 'Paid', 'Closed']);

/** `2026-02-24T14:30:00Z` (the docs' format: UTC, whole seconds). */
export function fsmIso(ms: number): string {
	return `${utcSeconds(ms)}Z`;
}
