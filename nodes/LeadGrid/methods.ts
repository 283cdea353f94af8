import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList } from '../shared/listSearch';
import { apiRequest, jsonBody } from '../shared/transport';
import { leadGrid } from './profile';

export const listSearch = {
	async searchDossiers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, leadGrid, { url: '/dossiers' }, (d) => ({
			name: `${String(d.name)} (${String(d.type)}, ${String(d.status)})`,
			value: String(d.id),
		}), filter);
	},
	async searchContacts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, leadGrid, { url: '/contacts' }, (c) => ({
			name: c.email ? `${String(c.full_name)} <${String(c.email)}>` : String(c.full_name),
			value: String(c.id),
		}), filter, 'search');
	},
	async searchFlows(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchList(this, leadGrid, { url: '/flows' }, (f) => ({
			name: `${String(f.name)} (${String(f.type)})`,
			value: String(f.id),
		}), filter);
	},
	/** Every stage of every flow, named "Flow › Stage". */
	async searchStages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const response = await apiRequest.call(this, leadGrid, { method: 'GET', url: '/flows', qs: { per_page: 100 } });
		const flows = (leadGrid.pager?.records(jsonBody(response.body)) ?? []) as IDataObject[];
		const results = flows.flatMap((flow) =>
			((flow.stages as IDataObject[]) ?? []).map((stage) => ({
				name: `${String(flow.name)} › ${String(stage.name)}`,
				value: String(stage.id),
			})),
		);
		const needle = (filter ?? '').toLowerCase();
		return { results: needle ? results.filter((r) => r.name.toLowerCase().includes(needle)) : results };
	},
};
