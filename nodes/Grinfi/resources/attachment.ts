import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { asMultipart, readInputFile } from '../../shared/binary';
import { operations, returnAllLimit, show } from '../../shared/describe';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './automation';
import { sortCollection } from '../sort';
import type { GrinfiResource } from './types';

const R = 'attachment';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Multipart: the file in `attachment`, and `payload[name|size|type]` (size in bytes, as text). */
async function uploadBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const property = String(this.getNodeParameter('binaryPropertyName', 'data') ?? '').trim();
	const file = await readInputFile(this, property, { field: 'Input Binary Field', maxBytes: MAX_ATTACHMENT_BYTES });
	return asMultipart(
		options,
		{ 'payload[name]': file.fileName, 'payload[size]': String(file.data.length), 'payload[type]': file.mimeType },
		[{ field: 'attachment', ...file }],
	);
}

const attachmentOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Delete', value: 'delete', action: 'Delete an attachment', description: 'Delete an uploaded file by ID. Changes data.', method: 'DELETE', path: '/flows/api/attachments/{attachmentId}' },
		{ name: 'Get', value: 'get', action: 'Get an attachment', description: 'Get the record of one uploaded file by ID (name, size, type). Read-only.', method: 'GET', path: '/flows/api/attachments/{attachmentId}' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many attachments', description: 'List the uploaded files. Read-only.', method: 'GET', path: '/flows/api/attachments', list: 'qs' },
		{ name: 'Upload', value: 'upload', action: 'Upload an attachment', description: 'Upload a file (max 20 MB) from the input item, to attach to LinkedIn messages and emails. Returns its ID; changes data.', method: 'POST', path: '/flows/api/attachments', timeout: 300_000, preSend: [uploadBody] },
	],
	'getAll',
);

const attachmentFields: INodeProperties[] = [
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, ['delete', 'get']),
		description: 'UUID of the attachment',
	},
	...returnAllLimit(R, 'getAll'),
	sortCollection(show(R, 'getAll'), 'query', 'asc'),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show(R, 'upload'),
		hint: 'The name of the input binary field holding the file (max 20 MB)',
		description: 'Images, PDF, Office documents and videos (png, gif, jpg, pdf, doc, xls, ppt, mp4, mov) are accepted; use the returned UUID in Attachment IDs when sending',
	},
];

export const attachment: GrinfiResource = {
	name: 'Attachment',
	value: R,
	description: 'Files to attach to LinkedIn messages and emails',
	operations: attachmentOperations,
	fields: attachmentFields,
	pathParams: { attachmentId: { label: 'Attachment ID', pattern: ID, patternHint: ID_HINT } },
};
