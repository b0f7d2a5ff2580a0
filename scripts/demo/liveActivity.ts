/**
 * Life in the sandbox's accounts while it runs: every 30 to 60 s (a random delay, per provider) a
 * job arrives in each simulator and another changes status (ProviderTooling.demo.liveActivity), so
 * a published trigger example fires within about a minute without anything else being done.
 */
import type { ProviderTooling, RunningSimulator } from '../../tooling/providers';
import type { SandboxState } from './state';

export const ACTIVITY_MIN_MS = 30_000;
export const ACTIVITY_MAX_MS = 60_000;

/** Starts the provider's activity; returns its stop. */
export function startLiveActivity(state: SandboxState, provider: ProviderTooling, simulator: RunningSimulator): () => void {
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const next = (): void => {
		timer = setTimeout(() => {
			if (stopped) return;
			try {
				state.log(`${provider.displayName} simulator: ${provider.demo.liveActivity(simulator)}`);
			} catch (error) {
				state.log(`${provider.displayName} simulator: no activity this time (${(error as Error).message})`);
			}
			next();
		}, ACTIVITY_MIN_MS + Math.random() * (ACTIVITY_MAX_MS - ACTIVITY_MIN_MS));
		// The activity alone never keeps the sandbox running.
		timer.unref();
	};
	next();
	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
	};
}
