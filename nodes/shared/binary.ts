import { randomBytes } from 'crypto';
import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

export interface FileRules {
	/** Parameter that names the binary property, used in messages. */
	field: string;
	maxBytes?: number;
	/** Accepted MIME types; a file is also accepted when its bytes say so (see `magic`). */
	mimeTypes?: string[];
	/** Leading bytes that identify an accepted file, e.g. `%PDF-`. */
	magic?: string;
	/** What the file must be, in words, for messages. */
	kind?: string;
}

function megabytes(bytes: number): string {
	return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Reads a file from the item's binary property and checks it before anything is sent:
 * the property exists, the type is accepted, the size is within the provider's limit.
 */
export async function readInputFile(
	ctx: IExecuteSingleFunctions,
	propertyName: string,
	rules: FileRules,
): Promise<InputFile> {
	const itemIndex = ctx.getItemIndex();
	const item = ctx.getInputData();
	const meta = item?.binary?.[propertyName];
	if (!propertyName || !meta) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			ctx.getNode(),
			`No binary property "${propertyName}" on item ${itemIndex} for "${rules.field}"`,
			{
				itemIndex,
				description: available.length
					? `The item has these binary properties: ${available.join(', ')}.`
					: 'The item has no binary data. Read the file first, e.g. with a Read Binary File or HTTP Request node.',
			},
		);
	}
	const data = await ctx.helpers.getBinaryDataBuffer(propertyName);
	const mimeType = meta.mimeType || 'application/octet-stream';
	const fileName = meta.fileName || `${propertyName}`;
	if (rules.mimeTypes) {
		const byType = rules.mimeTypes.includes(mimeType);
		const byBytes = rules.magic ? data.subarray(0, rules.magic.length).toString('latin1') === rules.magic : false;
		if (!byType && !byBytes) {
			throw new NodeOperationError(
				ctx.getNode(),
				`"${rules.field}" on item ${itemIndex} must be ${rules.kind ?? rules.mimeTypes.join(' or ')}, got ${mimeType} (${fileName})`,
				{ itemIndex },
			);
		}
	}
	if (rules.maxBytes !== undefined && data.length > rules.maxBytes) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${rules.field}" on item ${itemIndex} is ${megabytes(data.length)}, more than the ${megabytes(rules.maxBytes)} allowed`,
			{ itemIndex },
		);
	}
	return { data, fileName, mimeType };
}

export interface MultipartFile extends InputFile {
	field: string;
}

function escapeQuoted(value: string): string {
	return value.replace(/[\r\n"\\]/g, (c) => (c === '"' ? '%22' : c === '\\' ? '\\\\' : ' '));
}

/** Builds a multipart/form-data body by hand (the pack has no runtime dependencies). */
export function multipartBody(
	fields: Record<string, string | number | boolean | undefined>,
	files: MultipartFile[],
): { body: Buffer; contentType: string } {
	const boundary = `----n8nOutreach${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === '') continue;
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${String(value)}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(file.field)}"; filename="${escapeQuoted(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Replaces a request's JSON body with a multipart one. */
export function asMultipart(
	options: IHttpRequestOptions,
	fields: Record<string, string | number | boolean | undefined>,
	files: MultipartFile[],
): IHttpRequestOptions {
	const { body, contentType } = multipartBody(fields, files);
	return { ...options, body, json: false, headers: { ...(options.headers ?? {}), 'Content-Type': contentType } };
}

/**
 * postReceive for downloads (operations with `encoding: 'arraybuffer'`): the response body
 * becomes the binary property named by the `binaryPropertyName` parameter (default `data`).
 */
export function responseAsBinary(defaultFileName: string) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
		const headers = (response.headers ?? {}) as Record<string, string>;
		const disposition = /filename="?([^";]+)"?/i.exec(headers['content-disposition'] ?? '')?.[1];
		const mimeType = (headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		const body = response.body as Buffer | ArrayBuffer | string;
		const data = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.from(body as ArrayBuffer);
		const binary = await this.helpers.prepareBinaryData(data, disposition ?? defaultFileName, mimeType);
		return items.map((item) => ({ ...item, json: { fileName: binary.fileName, mimeType, size: data.length }, binary: { [property]: binary } }));
	};
}
