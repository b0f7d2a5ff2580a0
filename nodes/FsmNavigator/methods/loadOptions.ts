import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { currentRecordValue } from '../../shared/recordLocator';
import { provider } from '../provider';

/** Assets listed at most (ten pages of 100). */
const MAX_ASSETS = 1_000;

/**
 * Assets for Asset IDs (https://fsmnavigator.com/docs/api/assets/, "List assets", scope assets:read):
 * with a Customer Location ID set, only the assets installed there (`location_id`).
 */
export async function getAssets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const location = currentRecordValue(this, ['customerLocationId', 'updateFields.customerLocationId']);
	const locationId = location !== undefined && /^\d+$/.test(location.trim()) ? location.trim() : undefined;
	const qs: IDataObject = locationId ? { location_id: locationId } : {};
	const assets = await provider.listAll(this, { path: '/assets', qs, limit: MAX_ASSETS });
	return assets
		.filter((asset) => idString(asset.asset_id) !== undefined)
		.map((asset) => {
			const id = String(idString(asset.asset_id));
			const detail = [textOf(asset.asset_tag), textOf(asset.asset_status)].filter(Boolean).join(', ');
			const name = textOf(asset.asset_name) ?? id;
			return { name: detail ? `${name} (${detail})` : name, value: id };
		})
		// Numbers in names in their order: "Pump #2" before "Pump #10".
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
