import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { asMultipart, readInputFile, responseAsBinary } from '../../shared/binary';
import { operations, show } from '../../shared/describe';
import { parameterError } from '../../shared/request';
import { COMPANY_FILTERS, CONTACT_FILTERS, crmOptionalLocator, idList, selectionFields, sendSelection, setBody } from '../methods/crm';
import { grinfi } from '../profile';
import { ID, ID_HINT } from './contact';
import type { GrinfiResource } from './types';

const R = 'file';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel'];
const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** Text means valid UTF-8 without NUL bytes (a CSV exported by a spreadsheet or a CRM). */
function isText(data: Buffer): boolean {
	if (data.includes(0)) return false;
	return !new TextDecoder('utf-8', { fatal: false }).decode(data).includes('\uFFFD');
}

/** Upload CSV: the item's file goes out as multipart `file`, with `type`; anything but CSV text is refused first. */
async function csvUpload(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const file = await readInputFile(this, property, { field: 'Input Binary Field', maxBytes: MAX_CSV_BYTES });
	const typed = CSV_TYPES.includes(file.mimeType) || file.mimeType === 'application/octet-stream' || /\.csv$/i.test(file.fileName);
	if (!typed || !isText(file.data)) {
		throw parameterError(
			this,
			'Input Binary Field',
			`must hold a CSV text file, got ${file.mimeType} (${file.fileName})`,
			`The binary property "${property}" is not CSV text. Convert the data to CSV first, e.g. with the Convert to File node.`,
		);
	}
	const mimeType = CSV_TYPES.includes(file.mimeType) ? file.mimeType : 'text/csv';
	return asMultipart(options, { type: 'csv_leads' }, [{ field: 'file', ...file, mimeType }]);
}

/** Column mapping: CSV header → Grinfi field, in CSV order. */
async function importBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const rows = ((this.getNodeParameter('columns.column', []) as IDataObject[]) ?? []).map((row) => ({
		source: String(row.source ?? '').trim(),
		target: String(row.target ?? '').trim(),
	}));
	if (!rows.length) throw parameterError(this, 'Columns', 'needs at least one column mapping');
	const blank = rows.findIndex((row) => !row.source || !row.target);
	if (blank !== -1) throw parameterError(this, `Columns → mapping ${blank + 1}`, 'needs both a CSV column and a field');
	const body: IDataObject = { columns: rows };
	if (this.getNodeParameter('operation', '') === 'importContacts') {
		const tags = idList(this.getNodeParameter('importOptions.tags', []));
		if (tags.length) body.tags = tags;
	}
	return setBody(options, body);
}

const fileOperations = operations(
	grinfi,
	R,
	[
		{ name: 'Download', value: 'download', action: 'Download an exported file', description: 'Download a finished CSV export as a binary file. Read-only.', method: 'POST', retry: 'read', path: '/leads/api/file-exports/download', timeout: 300_000, request: { encoding: 'arraybuffer' }, postReceive: [responseAsBinary('export.csv')] },
		{ name: 'Export Companies', value: 'exportCompanies', action: 'Export companies to CSV', description: 'Queue a CSV export of companies; download it with File → Download. Changes nothing else.', method: 'POST', path: '/leads/api/file-exports/companies', preSend: [sendSelection(COMPANY_FILTERS, 'companies')] },
		{ name: 'Export Contacts', value: 'exportContacts', action: 'Export contacts to CSV', description: 'Queue a CSV export of contacts; download it with File → Download. Changes nothing else.', method: 'POST', path: '/leads/api/file-exports/leads', preSend: [sendSelection(CONTACT_FILTERS, 'contacts')] },
		{ name: 'Import Companies', value: 'importCompanies', action: 'Import companies from an uploaded CSV', description: 'Create companies from an uploaded CSV with a column mapping. Changes data.', method: 'POST', path: '/leads/api/file-imports/{fileImportId}/import-companies', preSend: [importBody] },
		{ name: 'Import Contacts', value: 'importContacts', action: 'Import contacts from an uploaded CSV', description: 'Create contacts from an uploaded CSV with a column mapping. Changes data.', method: 'POST', path: '/leads/api/file-imports/{fileImportId}/import-leads', preSend: [importBody] },
		{ name: 'Upload CSV', value: 'uploadCsv', action: 'Upload a CSV file', description: 'Upload a CSV of contacts from the input item, to import it next. Returns the file ID; changes data.', method: 'POST', path: '/leads/api/file-imports/upload-csv', timeout: 300_000, preSend: [csvUpload] },
	],
	'uploadCsv',
);

const fileFields: INodeProperties[] = [
	// Upload
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show(R, 'uploadCsv'),
		hint: 'The name of the input binary field holding the CSV (with a header row)',
	},

	// Import
	{
		displayName: 'File Import ID',
		name: 'fileImportId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.uuid }}',
		displayOptions: show(R, ['importCompanies', 'importContacts']),
		description: 'The uuid returned by Upload CSV',
	},
	{
		displayName: 'Columns',
		name: 'columns',
		type: 'fixedCollection',
		placeholder: 'Add Column',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		required: true,
		displayOptions: show(R, ['importCompanies', 'importContacts']),
		description: 'How the CSV columns map to Grinfi fields, in the order of the CSV',
		options: [
			{
				displayName: 'Column',
				name: 'column',
				values: [
					{ displayName: 'CSV Column', name: 'source', type: 'string', default: '', placeholder: 'e.g. First Name', description: 'Header of the CSV column' },
					{ displayName: 'Field', name: 'target', type: 'string', default: '', placeholder: 'e.g. first_name', description: 'Grinfi field the column fills, e.g. first_name, company_name, email, linkedin_id' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'importOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(R, 'importContacts'),
		options: [
			crmOptionalLocator('list', 'listId', 'List the imported contacts go to', 'list_uuid', 'List'),
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTagOptions' },
				default: [],
				description: 'Tags given to the imported contacts. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},

	// Export
	...selectionFields(R, ['exportContacts'], 'contact', CONTACT_FILTERS),
	...selectionFields(R, ['exportCompanies'], 'company', COMPANY_FILTERS),

	// Download
	{
		displayName: 'File Name',
		name: 'exportFileName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, 'download'),
		description: 'The file_name of the finished export',
		routing: { send: { type: 'body', property: 'file_name' } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: show(R, 'download'),
		hint: 'The name of the output binary field to put the CSV in',
	},
];

export const file: GrinfiResource = {
	name: 'File',
	value: R,
	description: 'CSV upload, import and export of contacts and companies',
	operations: fileOperations,
	fields: fileFields,
	pathParams: { fileImportId: { label: 'File Import ID', pattern: ID, patternHint: ID_HINT } },
};
