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

/** `page` (1-based) and `per_page`, with the total in `meta.total` (LeadGrid). */
export function pageNumberPager(opts: { maxPageSize: number; recordsProperty: string }): Pager {
	return {
		maxPageSize: opts.maxPageSize,
		setPage(options, pageIndex, pageSize, where) {
			put(options, where, { page: pageIndex + 1, per_page: pageSize });
		},
		records: (body) => arrayAt(body, opts.recordsProperty),
		hasMore(body, pageIndex, pageSize, received) {
			const total = Number(((body as IDataObject)?.meta as IDataObject | undefined)?.total);
			if (Number.isFinite(total)) return received < total;
			return arrayAt(body, opts.recordsProperty).length === pageSize;
		},
	};
}

/**
 * `limit` and `offset`, answered with `{data, total, has_more}` (Grinfi). `has_more` may be
 * missing: then `offset + data.length < total` decides, and without a total a full page does.
 */
export function offsetPager(opts: { maxPageSize: number; recordsProperty: string }): Pager {
	return {
		maxPageSize: opts.maxPageSize,
		setPage(options, pageIndex, pageSize, where) {
			put(options, where, { limit: pageSize, offset: pageIndex * pageSize });
		},
		records: (body) => arrayAt(body, opts.recordsProperty),
		hasMore(body, pageIndex, pageSize) {
			const envelope = (body ?? {}) as IDataObject;
			if (typeof envelope.has_more === 'boolean') return envelope.has_more;
			const length = arrayAt(body, opts.recordsProperty).length;
			const total = Number(envelope.total);
			if (Number.isFinite(total)) return pageIndex * pageSize + length < total;
			return length === pageSize;
		},
	};
}
