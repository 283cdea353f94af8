import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { Pager } from './transport';

function put(options: IHttpRequestOptions, where: 'qs' | 'body', values: IDataObject): void {
	if (where === 'qs') options.qs = { ...(options.qs ?? {}), ...values };
	else options.body = { ...((options.body as IDataObject) ?? {}), ...values };
}

function arrayAt(body: unknown, property: string): IDataObject[] {
	const value = (body as IDataObject | undefined)?.[property];
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

function count(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `page` (1-based) and `per_page`, with the total in `meta.total` (LeadGrid). */
export function pageNumberPager(opts: { maxPageSize: number; recordsProperty: string }): Pager {
	return {
		maxPageSize: opts.maxPageSize,
		setPage(options, pageIndex, pageSize, where) {
			put(options, where, { page: pageIndex + 1, per_page: pageSize });
		},
		records: (body) => arrayAt(body, opts.recordsProperty),
		total: (body) => count(((body as IDataObject | undefined)?.meta as IDataObject | undefined)?.total),
		hasMore: (body, _pageIndex, pageSize) => arrayAt(body, opts.recordsProperty).length === pageSize,
	};
}

/**
 * `limit` and `offset`, answered with `{data, total, has_more}` (Grinfi). `has_more` may be
 * missing: then a full page means there may be more (and the total, when given, caps the pages).
 */
export function offsetPager(opts: { maxPageSize: number; recordsProperty: string }): Pager {
	return {
		maxPageSize: opts.maxPageSize,
		setPage(options, pageIndex, pageSize, where) {
			put(options, where, { limit: pageSize, offset: pageIndex * pageSize });
		},
		records: (body) => arrayAt(body, opts.recordsProperty),
		total: (body) => count((body as IDataObject | undefined)?.total),
		hasMore(body, _pageIndex, pageSize) {
			const hasMore = (body as IDataObject | undefined)?.has_more;
			if (typeof hasMore === 'boolean') return hasMore;
			return arrayAt(body, opts.recordsProperty).length === pageSize;
		},
	};
}
