/** The fixed lists the Planado demo data draws from. */
import { weightedPicker } from '../random';
import type { PlanadoJobStatus } from './types';

export const WORKERS: ReadonlyArray<readonly [string, string]> = [
	['John', 'Doe'],
	['Maria', 'Garcia'],
	['David', 'Chen'],
	['Sarah', 'Johnson'],
	['Ahmed', 'Khan'],
	['Olga', 'Petrova'],
	['Lucas', 'Martin'],
	['Emily', 'Nguyen'],
	['Tom', 'Becker'],
	['Ines', 'Silva'],
];
export const TERRITORIES = ['New York', 'New Jersey', 'Massachusetts'];
export const TEAMS = ['Alpha', 'Bravo', 'Charlie'];
export const SKILLS = ['Installation', 'Diagnostic', 'Fusion splicing', 'High voltage', 'Gas safety', 'Refrigeration'];
export const JOB_TYPES = ['default', 'Repair', 'Installation', 'Diagnostic', 'Maintenance', 'Emergency'];
export const TEMPLATES: ReadonlyArray<{ name: string; type: string; minutes: number; description: string | null }> = [
	{ name: 'Repair', type: 'Repair', minutes: 60, description: 'Find and fix the fault reported by the client.' },
	{ name: 'Network diagnostic', type: 'Diagnostic', minutes: 90, description: 'Check the line, the router and the in-house wiring.' },
	{ name: 'Installation', type: 'Installation', minutes: 120, description: 'Install and commission the equipment; train the client.' },
	{ name: 'Annual maintenance', type: 'Maintenance', minutes: 90, description: 'Scheduled yearly service visit.' },
	{ name: 'Emergency call-out', type: 'Emergency', minutes: 60, description: null },
	{ name: 'Delivery', type: 'default', minutes: 30, description: null },
];
export const RESOLUTIONS: ReadonlyArray<readonly [string, boolean, boolean, boolean]> = [
	['Completed', true, false, false],
	['Completed with remarks', true, true, false],
	['Not completed', false, false, false],
	['Client not at home', false, true, false],
	['Failed with remark', false, true, true],
	['Canceled by client', false, true, false],
];
export const ORGANIZATIONS = [
	'ACME Corporation',
	'Riverside Medical Center',
	'Summit Property Management',
	'Bluewater Hotels',
	'Greenfield School District',
	'Harbor Logistics',
	'Pinecrest Apartments',
	'Metro Fitness Clubs',
	'Lakeside Dental Group',
	'Cityline Restaurant Group',
	'Westbrook Manufacturing',
	'Evergreen Office Park',
];
export const PEOPLE: ReadonlyArray<readonly [string, string]> = [
	['Karl', 'Heinz'],
	['Anna', 'Schmidt'],
	['Pedro', 'Alvarez'],
	['Julia', 'Rossi'],
	['Mark', 'Evans'],
	['Chloe', 'Dubois'],
	['Ivan', 'Sokolov'],
	['Grace', 'Thompson'],
];
export const STREETS = ['Kelheimer Str.', 'Main Street', 'Harbor Drive', 'Elm Avenue', 'Commerce Blvd', 'Park Road', 'Lake Shore Drive', 'Broadway'];
export const CITIES: ReadonlyArray<readonly [string, number, number]> = [
	['New York, NY', 40.71, -74.0],
	['Jersey City, NJ', 40.72, -74.07],
	['Boston, MA', 42.36, -71.06],
	['Newark, NJ', 40.73, -74.17],
];
export const JOB_DESCRIPTIONS = [
	'Internet connection drops every evening.',
	'Install a new router and set up Wi-Fi in the office.',
	'Air conditioner in the server room is noisy.',
	'Water heater leaks; shut-off valve closed by staff.',
	'Replace the broken intercom panel at the entrance.',
	'Yearly check of the fire alarm system.',
	'No power in two outlets of the conference room.',
	'Deliver and mount the ordered shelving.',
];

export const IN_PROGRESS_OR_DONE: ReadonlySet<PlanadoJobStatus> = new Set(['en_route', 'started', 'suspended', 'finished']);

/** Status of a job from when it is scheduled relative to the reference time. */
export const STATUS_PAST = weightedPicker<PlanadoJobStatus>([
	['finished', 70],
	['canceled', 12],
	['suspended', 4],
	['published', 3],
	['scheduled', 3],
	['posted', 8],
]);
export const STATUS_TODAY = weightedPicker<PlanadoJobStatus>([
	['published', 30],
	['en_route', 15],
	['started', 20],
	['suspended', 5],
	['finished', 20],
	['scheduled', 5],
	['canceled', 5],
]);
export const STATUS_FUTURE = weightedPicker<PlanadoJobStatus>([
	['posted', 20],
	['scheduled', 40],
	['published', 35],
	['canceled', 5],
]);
