import type { IDataObject, IExecuteData, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface PathParam {
	/** Name shown in messages, e.g. "Dossier ID". */
	label: string;
	/** What a valid value looks like; anything else is refused before sending. */
	pattern?: RegExp;
	/** Words for the pattern, e.g. "a number". */
	patternHint?: string;
}

/** A readable name for a parameter in messages. */
function fieldName(name: string, spec?: PathParam): string {
	return spec?.label ?? name;
}

/**
 * " (item N)" when the node runs on several items, so the message says which one failed; nothing
 * when it runs on one (a single record, an AI agent's tool call), where "(item 0)" only confuses.
 */
export function itemLabel(ctx: { getExecuteData?: () => IExecuteData }, itemIndex: number | undefined): string {
	if (itemIndex === undefined) return '';
	const inputs = typeof ctx.getExecuteData === 'function' ? Object.values(ctx.getExecuteData()?.data ?? {}) : [];
	const count = Math.max(0, ...inputs.map((connection) => connection?.[0]?.length ?? 0));
	return itemIndex > 0 || count > 1 ? ` (item ${itemIndex})` : '';
}

export function parameterError(ctx: IExecuteSingleFunctions, field: string, problem: string, description?: string) {
	const itemIndex = ctx.getItemIndex();
	return new NodeOperationError(ctx.getNode(), `${field} ${problem}${itemLabel(ctx, itemIndex)}`, { itemIndex, description });
}

/**
 * Operations declare their path with the node's parameter names in braces, e.g.
 * `/dossiers/{dossierId}/cv`. This fills them in from the item (resource locators give their
 * ID), refuses empty or malformed values before anything is sent, and URL-encodes the rest.
 */
export function fillPathParams(specs: Record<string, PathParam>) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = options.url.replace(/\{(\w+)\}/g, (_, name: string) => {
			const spec = specs[name];
			const raw = this.getNodeParameter(name, '', { extractValue: true }) as string | number;
			const value = String(raw ?? '').trim();
			if (!value) throw parameterError(this, fieldName(name, spec), 'is required');
			if (spec?.pattern && !spec.pattern.test(value)) {
				throw parameterError(this, fieldName(name, spec), `must be ${spec.patternHint ?? 'valid'}, got "${value}"`);
			}
			return encodeURIComponent(value);
		});
		return { ...options, url };
	};
}

/** Parses a JSON parameter, naming the field and the item when it is not valid JSON. */
export function parseJsonParameter(ctx: IExecuteSingleFunctions, value: unknown, field: string): IDataObject | IDataObject[] {
	if (value && typeof value === 'object') return value as IDataObject;
	if (typeof value !== 'string' || !value.trim()) return {};
	try {
		return JSON.parse(value) as IDataObject;
	} catch (error) {
		throw parameterError(ctx, field, 'is not valid JSON', (error as Error).message);
	}
}

/** Drops keys whose value is an empty string, so optional fields left blank are not sent. */
export function withoutEmpty(data: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '' && v !== undefined));
}

/** Refuses an empty Update Fields (or similar) collection before anything is sent. */
export function requireSomeOf(parameter: string, label: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const fields = this.getNodeParameter(parameter, {}) as IDataObject;
		if (!Object.keys(fields).length) throw parameterError(this, label, 'needs at least one field');
		return options;
	};
}

/** Refuses a blank text parameter before anything is sent. */
export function requireText(parameter: string, label: string) {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const value = this.getNodeParameter(parameter, '') as string;
		if (typeof value !== 'string' || !value.trim()) throw parameterError(this, label, 'cannot be empty');
		return options;
	};
}
