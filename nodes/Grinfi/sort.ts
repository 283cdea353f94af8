import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { sendOption } from '../shared/describe';

/**
 * The Sort collection of a Grinfi list: `order_field` (any field of the records, default
 * `created_at`) and `order_type` (`asc` | `desc`, default as the endpoint documents it). Sent on
 * every page of Return All, so pages follow one order. Left empty, Grinfi's own order applies.
 */
export function sortCollection(displayOptions: IDisplayOptions, where: 'query' | 'body', defaultOrder: 'asc' | 'desc'): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		displayOptions,
		options: [
			sendOption(
				{ displayName: 'Sort By', name: 'order_field', type: 'string', default: 'created_at', description: 'Field of the records to sort by, e.g. created_at or updated_at' },
				where,
				'order_field',
			),
			sendOption(
				{
					displayName: 'Sort Order',
					name: 'order_type',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: defaultOrder,
					description: `Ascending is oldest first when sorting by a date (Grinfi's default here: ${defaultOrder === 'asc' ? 'ascending' : 'descending'})`,
				},
				where,
				'order_type',
			),
		],
	};
}
