/** What every simulator shares: its loopback server, the requests it recorded, and stopping it. */
import { SimulatorServer, type RecordedRequest, type SimResponse } from '../server';

export abstract class SimulatorBase {
	/** Created here; `handle` runs per request, so the subclass is fully built by then. */
	readonly server = new SimulatorServer((req) => this.handle(req));

	get requests(): RecordedRequest[] {
		return this.server.requests;
	}

	async stop(): Promise<void> {
		await this.server.stop();
	}

	protected abstract handle(req: RecordedRequest): SimResponse | Promise<SimResponse>;
}
