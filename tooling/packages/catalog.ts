/**
 * The packages built from this one source tree: the combined `n8n-nodes-field-service` (all five
 * providers) and one package per provider. n8n verifies a community package only when it integrates
 * one service and its triggers, and n8n Cloud installs only verified packages
 * (https://docs.n8n.io/integrations/creating-nodes/build/reference/verification-guidelines/).
 *
 * Names: n8n loads `n8n-nodes-…` or `@scope/n8n-nodes-…`. All five share the project's scope, so a user
 * can tell the family apart from look-alikes; `n8n-nodes-housecallpro` is another project's package,
 * and npm refuses a new name that differs from an existing one only by punctuation
 * (https://docs.npmjs.com/package-name-guidelines), so no unscoped Housecall Pro name is free. The
 * five scoped names answered 404 to `npm view` on 2026-12-07.
 */
export const COMBINED_PACKAGE = 'n8n-nodes-field-service';
export const PACKAGE_SCOPE = '@n8n-nodes-field-service';

export interface ProviderPackage {
	/** npm name. */
	readonly name: string;
	/** The provider's key in tooling/providers and in the common job shape. */
	readonly provider: string;
	readonly displayName: string;
	/** Folder under nodes/ holding the provider's nodes. */
	readonly folder: string;
	/** Credential file stem under credentials/ (`HousecallProApi` → HousecallProApi.credentials.ts). */
	readonly credentialFile: string;
	/** Page name under docs/nodes and docs/credentials. */
	readonly docsSlug: string;
	/** What the provider is, for the package's description and README. */
	readonly about: string;
	readonly keywords: readonly string[];
	/** A short example for the README: a sentence on what to build. */
	readonly example: string;
}

export const PROVIDER_PACKAGES: readonly ProviderPackage[] = [
	{
		name: `${PACKAGE_SCOPE}/n8n-nodes-housecall-pro`,
		provider: 'housecallPro',
		displayName: 'Housecall Pro',
		folder: 'HousecallPro',
		credentialFile: 'HousecallProApi',
		docsSlug: 'housecall-pro',
		about: 'Housecall Pro, the field-service app for home-service businesses',
		keywords: ['housecall pro', 'housecallpro', 'home services'],
		example:
			'When a job is completed, invoice it: **Housecall Pro Trigger** (event Job Status Changed, Work Status "complete unrated") → your accounting node, mapping the job\'s `total_amount` and customer.',
	},
	{
		name: `${PACKAGE_SCOPE}/n8n-nodes-accelo`,
		provider: 'accelo',
		displayName: 'Accelo',
		folder: 'Accelo',
		credentialFile: 'AcceloOAuth2Api',
		docsSlug: 'accelo',
		about: 'Accelo, the professional-services automation platform',
		keywords: ['accelo', 'professional services'],
		example:
			'Start the newest pending job every morning: **Schedule Trigger** → **Accelo** (Get Many, Standing "pending", Order By date created, Limit 1) → **Accelo** (Change Status to your "active" status, Use Progressions on).',
	},
	{
		name: `${PACKAGE_SCOPE}/n8n-nodes-fsm-navigator`,
		provider: 'fsmNavigator',
		displayName: 'FSM Navigator',
		folder: 'FsmNavigator',
		credentialFile: 'FsmNavigatorApi',
		docsSlug: 'fsm-navigator',
		about: 'FSM Navigator, the field-service management platform',
		keywords: ['fsm navigator', 'fsmnavigator'],
		example:
			"Assign today's pending jobs: **Schedule Trigger** → **FSM Navigator** (Get Many, Status Pending, Created After today) → **FSM Navigator** (Update, Assigned Technician ID).",
	},
	{
		name: `${PACKAGE_SCOPE}/n8n-nodes-worklayer`,
		provider: 'worklayer',
		displayName: 'Worklayer',
		folder: 'Worklayer',
		credentialFile: 'WorklayerApi',
		docsSlug: 'worklayer',
		about: 'Worklayer (Taxfyle), the platform that matches accounting work with vetted Pros',
		keywords: ['worklayer', 'taxfyle', 'accounting'],
		example:
			'Send a new tax return straight to the pool: **Webhook** (your intake form) → **Worklayer** (Create, Owner User ID, Job Template ID) → **Worklayer** (Change Status, Submit).',
	},
	{
		name: `${PACKAGE_SCOPE}/n8n-nodes-planado`,
		provider: 'planado',
		displayName: 'Planado',
		folder: 'Planado',
		credentialFile: 'PlanadoApi',
		docsSlug: 'planado',
		about: 'Planado, the field-service management app for dispatching mobile workers',
		keywords: ['planado', 'dispatch'],
		example:
			"List today's jobs every morning: **Schedule Trigger** → **Planado** (Get Many, Scheduled After / Before today's start and end, Simplify on) → your team chat.",
	},
];

/** The per-provider package with this npm name or provider key; throws with the known ones. */
export function providerPackage(nameOrProvider: string): ProviderPackage {
	const found = PROVIDER_PACKAGES.find((pkg) => pkg.name === nameOrProvider || pkg.provider === nameOrProvider);
	if (!found) throw new Error(`unknown package ${nameOrProvider} (${PROVIDER_PACKAGES.map((p) => p.name).join(', ')})`);
	return found;
}
