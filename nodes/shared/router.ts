/**
 * Runs the chosen operation once per input item. Output items carry `pairedItem`; with "Continue
 * On Fail" a failing item becomes `{ error }` and the others go on. Every node uses this one loop.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { JobSimplifier } from './commonJob';
import { jobResourceAndOperations, type JobOperationTexts } from './descriptions';
import { InvalidInputError } from './parameters';
import { asNodeError } from './transport';

export type OperationHandler = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** Handlers by resource, then by operation: `{ job: { get, getAll, ... } }`. */
export type OperationMap = Record<string, Record<string, OperationHandler>>;

export async function routeOperations(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = operations[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for "${resource}"`,
					{ itemIndex },
				);
			}
			const result = await handler.call(this, itemIndex);
			const paired = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
				itemData: { item: itemIndex },
			});
			// One by one: spreading a Return All of a few hundred thousand jobs into push() overflows the stack.
			for (const item of paired) output.push(item);
		} catch (caught) {
			const error =
				caught instanceof InvalidInputError
					? new NodeOperationError(this.getNode(), caught.message, { itemIndex, description: caught.hint })
					: caught;
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}

/** One operation file: its fields and its `execute`. */
interface OperationModule {
	description: INodeProperties[];
	execute: OperationHandler;
}

/** The five job operations of a node. */
interface JobOperationModules {
	getAll: OperationModule;
	get: OperationModule;
	create: OperationModule;
	update: OperationModule;
	changeStatus: OperationModule;
}

function jobOperationMap(job: JobOperationModules): OperationMap {
	return {
		job: {
			getAll: job.getAll.execute,
			get: job.get.execute,
			create: job.create.execute,
			update: job.update.execute,
			changeStatus: job.changeStatus.execute,
		},
	};
}

/** Jobs in the common shape when the operation's `options.simplify` is on. */
export function simplified(jobs: IDataObject | IDataObject[], simplify: JobSimplifier): IDataObject | IDataObject[] {
	return Array.isArray(jobs) ? jobs.map((job) => simplify(job)) : simplify(jobs);
}

function withSimplify(handler: OperationHandler, simplify: JobSimplifier | undefined): OperationHandler {
	return async function (this: IExecuteFunctions, itemIndex: number) {
		const result = await handler.call(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		if (options.simplify !== true || !simplify) return result;
		return simplified(result, simplify);
	};
}

/**
 * A node's properties (Resource and Operation selectors, then each operation's fields) and its
 * operation map, from its five operation files; `simplify` maps jobs to the common shape.
 */
export function jobActions(
	texts: JobOperationTexts,
	job: JobOperationModules,
	simplify?: JobSimplifier,
): { descriptions: INodeProperties[]; operations: OperationMap } {
	return {
		descriptions: [
			...jobResourceAndOperations(texts),
			...job.getAll.description,
			...job.get.description,
			...job.create.description,
			...job.update.description,
			...job.changeStatus.description,
		],
		operations: {
			job: Object.fromEntries(
				Object.entries(jobOperationMap(job).job).map(([name, handler]) => [name, withSimplify(handler, simplify)]),
			),
		},
	};
}
