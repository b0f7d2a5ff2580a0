import { constructExecutionMetaData, returnJsonArray } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { InvalidInputError } from '../../nodes/shared/parameters';
import { routeOperations, type OperationHandler } from '../../nodes/shared/router';

const node: INode = {
	id: '1',
	name: 'Provider',
	type: 'n8n-nodes-field-service.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The few IExecuteFunctions members the router uses, with n8n-core's own item helpers. */
function context(items: number, continueOnFail: boolean): IExecuteFunctions {
	const fake = {
		getInputData: () => Array.from({ length: items }, (_, i) => ({ json: { i } })),
		getNodeParameter: (name: string) => (name === 'resource' ? 'job' : 'getAll'),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
		helpers: { returnJsonArray, constructExecutionMetaData },
	};
	return fake as unknown as IExecuteFunctions;
}

describe('routeOperations', () => {
	it('passes a Return All of 250,000 jobs through without overflowing the stack', async () => {
		const many: OperationHandler = async () => Array.from({ length: 250_000 }, (_, id): IDataObject => ({ id }));
		const [out] = await routeOperations.call(context(1, false), { job: { getAll: many } });
		expect(out).toHaveLength(250_000);
		expect(out[249_999]).toEqual({ json: { id: 249_999 }, pairedItem: { item: 0 } });
	});

	it('turns bad input into a NodeOperationError for the item, or an error item with Continue On Fail', async () => {
		const handler: OperationHandler = async function (this: IExecuteFunctions, itemIndex: number) {
			if (itemIndex === 1) throw new InvalidInputError("'Job' is required", 'Pick a job.');
			return { itemIndex };
		};
		const [out] = await routeOperations.call(context(3, true), { job: { getAll: handler } });
		expect(out).toEqual([
			{ json: { itemIndex: 0 }, pairedItem: { item: 0 } },
			{ json: { error: "'Job' is required" }, pairedItem: { item: 1 } },
			{ json: { itemIndex: 2 }, pairedItem: { item: 2 } },
		]);
		await expect(routeOperations.call(context(3, false), { job: { getAll: handler } })).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: "'Job' is required",
			description: 'Pick a job.',
		});
	});

	it('refuses an unknown operation', async () => {
		await expect(routeOperations.call(context(1, false), { job: {} })).rejects.toThrow(
			'The operation "getAll" is not supported for "job"',
		);
	});
});
