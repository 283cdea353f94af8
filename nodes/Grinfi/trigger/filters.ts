import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What the user chose in the trigger's Filters collection. */
export interface FilterChoice {
	automations?: string[];
	lists?: string[];
	tags?: string[];
	pipelineStages?: string[];
	customFilters?: string | IDataObject;
}

export const CUSTOM_FILTERS_FIELD = 'Custom Filters (JSON)';

function ids(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((v) => v.trim() !== '');
	if (typeof value === 'string' && value.trim()) return value.split(',').map((v) => v.trim()).filter(Boolean);
	return [];
}

function parseCustom(node: INode, raw: string | IDataObject | undefined): IDataObject | null {
	if (raw === undefined || raw === null) return null;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return null;
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(node, `${CUSTOM_FILTERS_FIELD} is not valid JSON`, {
				description: `Fix the JSON in Filters → ${CUSTOM_FILTERS_FIELD} (${(error as Error).message}), or remove the field.`,
			});
		}
	}
	if (value === null) return null;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(node, `${CUSTOM_FILTERS_FIELD} must be a JSON object`, {
			description: 'Grinfi expects an object such as {"jsonLogic": {"logic": {...}}}, or nothing for no filter.',
		});
	}
	return Object.keys(value as IDataObject).length ? (value as IDataObject) : null;
}

/**
 * The webhook's `filters` in Grinfi's tree format (`jsonLogic` with `data` and `logic`), or null
 * for every contact. Automations use the documented form (one `some` over `flows` per automation,
 * joined by `or`); lists, tags and stages test the contact's `list_uuid`, `tags` and
 * `pipeline_stage_uuid`; several kinds are joined by `and`. Custom JSON is sent as it is.
 */
export function buildFilters(node: INode, choice: FilterChoice): IDataObject | null {
	const automations = ids(choice.automations);
	const lists = ids(choice.lists);
	const tags = ids(choice.tags);
	const stages = ids(choice.pipelineStages);
	const custom = parseCustom(node, choice.customFilters);
	const picked = automations.length + lists.length + tags.length + stages.length > 0;
	if (custom && picked) {
		throw new NodeOperationError(node, `Use either ${CUSTOM_FILTERS_FIELD} or the automation, list, tag and stage filters, not both`, {
			description: `${CUSTOM_FILTERS_FIELD} replaces the whole filter sent to Grinfi. Put every condition in it, or remove it.`,
		});
	}
	if (custom) return custom;
	if (!picked) return null;
	const parts: IDataObject[] = [];
	const data: IDataObject = {};
	if (automations.length) {
		data.flows = automations.map((uuid) => ({ flow_uuid: uuid }));
		parts.push({
			or: automations.map((uuid) => ({ some: [{ var: 'flows' }, { '==': [{ var: 'flow_uuid' }, uuid] }] })),
		});
	}
	if (lists.length) parts.push({ in: [{ var: 'list_uuid' }, lists] });
	if (tags.length) parts.push({ some: [{ var: 'tags' }, { in: [{ var: '' }, tags] }] });
	if (stages.length) parts.push({ in: [{ var: 'pipeline_stage_uuid' }, stages] });
	const logic = parts.length === 1 ? parts[0] : { and: parts };
	return { jsonLogic: Object.keys(data).length ? { data, logic } : { logic } };
}

/** JSON with object keys sorted, so equal filters compare equal whatever their key order. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

function isEmptyFilter(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.values(value as IDataObject).every(isEmptyFilter);
	return false;
}

/**
 * Whether the filters Grinfi holds are the ones sent: every key sent is there unchanged (Grinfi
 * may add keys of its own, such as `elasticQuery`); no filter sent means none is held.
 */
export function filtersMatch(sent: IDataObject | null, held: unknown): boolean {
	if (!sent) return isEmptyFilter(held);
	if (!held || typeof held !== 'object') return false;
	return Object.keys(sent).every((key) => canonical(sent[key]) === canonical((held as IDataObject)[key]));
}
