/** The Simplify suite's fixture type with this folder's harness (the fixtures live in tooling/providers/<p>/). */
import type { SimplifyFixture as ProviderSimplifyFixture } from '../../../tooling/providers/fixtures';
import type { Harness } from '../../harness/engine';

export type SimplifyFixture = ProviderSimplifyFixture<Harness>;
