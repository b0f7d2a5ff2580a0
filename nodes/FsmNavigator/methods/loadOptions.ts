import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { idString, textOf } from '../../shared/json';
import { currentRecordValue } from '../../shared/recordLocator';
import { MAX_PAGE_SIZE, provider, type FsmListResponse } from '../transport';

/** Pages read for the asset list, at most (100 assets a page). */
const MAX_ASSET_PAGES = 10;

/**
 * Assets for Asset IDs (https://fsmnavigator.com/docs/api/assets/, "List assets", scope assets:read):
 * with a Customer Location ID set, only the assets installed there (`location_id`).
 */
export async function getAssets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const location = currentRecordValue(this, ['customerLocationId', 'updateFields.customerLocationId']);
	const locationId = location !== undefined && /^\d+$/.test(location.trim()) ? location.trim() : undefined;
	const assets: IDataObject[] = [];
	for (let page = 1; page <= MAX_ASSET_PAGES; page++) {
		const qs: IDataObject = { page, per_page: MAX_PAGE_SIZE, ...(locationId ? { location_id: locationId } : {}) };
		const body = (await provider.request(this, { method: 'GET', path: '/assets', qs })) as FsmListResponse;
		const items = body.data ?? [];
		assets.push(...items);
		const totalPages = Number(body.pagination?.total_pages);
		if (Number.isFinite(totalPages) ? page >= totalPages : items.length < MAX_PAGE_SIZE) break;
	}
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
