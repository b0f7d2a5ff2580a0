/** A polling trigger in the harness, ticked as n8n's scheduler and its manual mode run it. */
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor } from 'n8n-core';
import { deepCopy } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';
import type { PollTriggerArgs, PollTrigger } from './types';
import { plain } from './util';
import type { Harness } from './engine';

export function pollTriggerOf(harness: Harness, args: PollTriggerArgs): PollTrigger {
	const node = harness.buildNode(args);
	const workflow = harness.workflowFor(node, args.staticData, undefined, args.workflowId);
	const workflowNode = workflow.getNode(node.name);
	if (!workflowNode) throw new Error('poll node missing');
	const staticKey = `node:${workflowNode.name}`;
	let manualStaticData: IDataObject | undefined;

	const tick = async (activation: WorkflowActivateMode): Promise<INodeExecutionData[][] | null> => {
		const hooks = harness.hooksFor('trigger', harness.nextExecutionId(), [workflowNode]);
		const additionalData = harness.additionalData(hooks);
		let emitted: INodeExecutionData[][] | null = null;
		let emittedError: unknown;
		const context = new PollContext(
			workflow,
			workflowNode,
			additionalData,
			'trigger',
			activation,
			(data) => {
				emitted = data;
			},
			(error) => {
				emittedError = error;
			},
			undefined,
			undefined,
			undefined,
			args.pollBudgetMs === undefined ? undefined : () => args.pollBudgetMs as number,
		);
		// What the scheduler runs each tick; `true` = rethrow (as on activation) instead of __emitError.
		const execute = Container.get(PollTriggerExecutor).create(workflow, workflowNode, context, () => true);
		await execute(false);
		if (emittedError !== undefined) throw emittedError;
		return emitted;
	};

	const manualTick = async (): Promise<INodeExecutionData[][] | null> => {
		const copy = harness.workflowFor(deepCopy(workflowNode), plain(workflow.staticData));
		const result = await harness.execute(copy, workflowNode.name, 'manual', [{ json: {} }]);
		manualStaticData = plain(copy.staticData[staticKey] as IDataObject | undefined) ?? {};
		if (result.error) throw result.error.raw;
		const main = result.runData[workflowNode.name]?.[0]?.data?.main;
		if (!main || main.every((output) => !output || output.length === 0)) return null;
		return main.map((output) => output ?? []);
	};

	return {
		node: workflowNode,
		poll: async (mode = 'trigger', activation = 'activate') =>
			mode === 'manual' ? await manualTick() : await tick(activation),
		staticData: () => plain((workflow.staticData[staticKey] as IDataObject | undefined) ?? {}),
		workflowStaticData: () => plain(workflow.staticData),
		lastManualStaticData: () => manualStaticData,
	};
}
