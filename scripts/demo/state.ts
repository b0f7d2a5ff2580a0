/**
 * The sandbox's run state, as one object handed to every step: what to undo at the end, whether a
 * signal asked it to stop, and (headless) the time limit after the one-time n8n install.
 */

export class AbortedError extends Error {}

export class SandboxState {
	private readonly started = Date.now();

	private readonly cleanups: Array<{ label: string; run: () => Promise<void> }> = [];

	/** The signal that asked the sandbox to stop, if any. */
	abortReason: string | undefined;

	/** Set while the interactive sandbox waits for Ctrl+C. */
	stopRequested: (() => void) | undefined;

	private deadline = Number.POSITIVE_INFINITY;

	private abortedAt = 0;

	/** Whoever read the output is gone (a closed pipe): nothing more is written. */
	private outputClosed = false;

	/** Why a step was cut short by the headless time limit. */
	timeLimitNote = '';

	log(line = ''): void {
		const secs = ((Date.now() - this.started) / 1000).toFixed(1).padStart(5);
		this.write(line ? `[demo ${secs}s] ${line}\n` : '\n');
	}

	/** Writes to stdout unless the reader is gone. */
	write(text: string): void {
		if (!this.outputClosed) process.stdout.write(text);
	}

	/** stdout's or stderr's reader went away (`npm run demo | head`, a killed `tee`): stop as on a signal. */
	onOutputClosed(): void {
		if (this.outputClosed) return;
		this.outputClosed = true;
		this.onSignal('output closed');
	}

	/** Runs `run` at the end (last added, first run), whatever happens. */
	onCleanUp(label: string, run: () => Promise<void>): void {
		this.cleanups.push({ label, run });
	}

	async cleanUp(): Promise<void> {
		while (this.cleanups.length) {
			const step = this.cleanups.pop()!;
			try {
				await step.run();
			} catch (error) {
				process.stderr.write(`demo: ${step.label} failed: ${(error as Error).message}\n`);
			}
		}
	}

	/**
	 * A signal (SIGINT, SIGTERM, SIGHUP) or another reason to stop: stop after the current step; a
	 * second signal exits at once (n8n still gets SIGTERM: see n8nProcess.ts).
	 */
	onSignal(signal: string): void {
		if (this.abortReason) {
			// Only a signal counts as "again", and not one that came along with the first (a Ctrl+C the
			// shell and npm both pass on arrives twice within a moment).
			if (!signal.startsWith('SIG') || Date.now() - this.abortedAt < 1000) return;
			if (!this.outputClosed) process.stderr.write(`demo: ${signal} again, exiting without waiting\n`);
			process.exit(130);
		}
		this.abortReason = signal;
		this.abortedAt = Date.now();
		if (this.stopRequested) this.stopRequested();
		else this.log(`${signal}: stopping after the current step (press Ctrl+C again to exit at once)`);
	}

	checkAborted(): void {
		if (this.abortReason) throw new AbortedError(`stopped by ${this.abortReason}`);
	}

	/** Headless: every step from now on gets at most the time that is left of `seconds`. */
	startTimeLimit(seconds: number): void {
		this.deadline = Date.now() + seconds * 1000;
		this.timeLimitNote = `the headless run reached its time limit (--timeout=${seconds} s; raise it on a slow machine)`;
	}

	overTime(): boolean {
		return Date.now() >= this.deadline - 1000;
	}

	/** Time for one CLI call: its usual limit, or less when the headless run's time is nearly up. */
	budget(usual: number): number {
		if (this.overTime()) throw new Error(this.timeLimitNote);
		return Math.min(usual, this.deadline - Date.now());
	}
}
