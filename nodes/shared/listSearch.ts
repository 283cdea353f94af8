import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { ApiProfile } from './transport';
import { apiRequest, jsonBody } from './transport';

/**
 * Fills a resource locator's list: one page of the provider's list endpoint, narrowed by the
 * user's filter text (server side when `filterQuery` names a search parameter, else by name).
 * `unpaged` lists (no paging documented) are asked for without paging parameters.
 */
export async function searchList(
	ctx: ILoadOptionsFunctions,
	profile: ApiProfile,
	request: IHttpRequestOptions,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
	filterQuery?: string,
	paging: 'qs' | 'unpaged' = 'qs',
): Promise<INodeListSearchResult> {
	const options: IHttpRequestOptions = { method: 'GET', ...request, qs: { ...(request.qs ?? {}) } };
	if (filter && filterQuery) (options.qs as IDataObject)[filterQuery] = filter;
	if (profile.pager && paging === 'qs') profile.pager.setPage(options, 0, profile.pager.maxPageSize, 'qs');
	const response = await apiRequest.call(ctx, profile, options);
	const body = jsonBody(response.body);
	const unwrapped = profile.unwrap(body);
	const records = profile.pager ? profile.pager.records(body) : Array.isArray(unwrapped) ? unwrapped : [unwrapped];
	let results = records.map(toItem);
	if (filter && !filterQuery) {
		const needle = filter.toLowerCase();
		results = results.filter((r) => r.name.toLowerCase().includes(needle) || String(r.value).toLowerCase() === needle);
	}
	return { results };
}
