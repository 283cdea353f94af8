/**
 * Bad input is refused before anything is sent: the error names the field and the item, and the
 * sandbox log shows no request at all.
 */
import { useSandbox } from '../setup';
import { call, fileItem, rl } from './helpers';

const sandbox = useSandbox();
const SENDER = 'b290a1be-8131-423d-94eb-8dda4fef0017';
const CONTACT = '02dcb6ac-9b15-49f6-8882-fbca91e986ab';
const FLOW = '3a4ac30b-1321-449c-9b37-e9fe3174e00e';

/**
 * Runs the node and expects the error. `sentFor` lists the good items whose request may go out
 * (n8n sends all items at once); the bad item never reaches the server.
 */
let lastRequests: Awaited<ReturnType<typeof call>>['requests'] = [];

async function refused(parameters: object, message: string | RegExp, extra: object = {}, sentFor = 0) {
	const { error, requests, json } = await call(sandbox(), parameters, extra);
	lastRequests = requests;
	expect(requests).toHaveLength(sentFor);
	expect(json).toEqual([]);
	expect(error?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
	return error;
}

describe('Attachment upload', () => {
	const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);

	test('a file over 20 MB names the field and the item, and sends nothing', async () => {
		const error = await refused(
			{ resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' },
			'"Input Binary Field" on item 0 is 20 MB, more than the 20 MB allowed',
			{ items: [fileItem(big, 'deck.pdf', 'application/pdf')] },
		);
		expect(error?.itemIndex).toBe(0);
	});

	test('with several items only the oversized one is refused, and it is never sent', async () => {
		const error = await refused(
			{ resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' },
			'"Input Binary Field" on item 1 is 20 MB, more than the 20 MB allowed',
			{ items: [fileItem(Buffer.from('%PDF-1.4 small'), 'ok.pdf', 'application/pdf'), fileItem(big, 'deck.pdf', 'application/pdf')] },
			1,
		);
		expect(error?.itemIndex).toBe(1);
		expect(lastRequests[0].multipart?.files.attachment.filename).toBe('ok.pdf');
	});

	test('a missing binary property names the field, the property and the item, and sends nothing', async () => {
		const error = await refused(
			{ resource: 'attachment', operation: 'upload', binaryPropertyName: 'deck' },
			'No binary property "deck" on item 0 for "Input Binary Field"',
			{ items: [fileItem(Buffer.from('%PDF-1.4'), 'deck.pdf', 'application/pdf', 'data')] },
		);
		expect(error?.description).toBe('The item has these binary properties: data.');
		expect(error?.itemIndex).toBe(0);
	});

	test('an item without any binary data says how to get one', async () => {
		const error = await refused({ resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }, 'No binary property "data" on item 0 for "Input Binary Field"');
		expect(error?.description).toMatch(/no binary data/);
	});
});

describe('Automation schedule', () => {
	test.each([
		[600, 600],
		[1080, 540],
	])('Create with start %i and end %i is refused', async (start, end) => {
		const error = await refused(
			{ resource: 'automation', operation: 'create', name: 'DACH CTO Outreach', scheduleStart: start, scheduleEnd: end },
			`Schedule Start (Minutes From Midnight) must be before Schedule End: got start ${start} ≥ end ${end}`,
		);
		expect(error?.itemIndex).toBe(0);
	});

	test('Update Schedule with an inverted window is refused on the item that has it', async () => {
		const flow = sandbox().state.ids.flows[1];
		const error = await refused(
			{ resource: 'automation', operation: 'update', automationId: rl(flow), updateSchedule: true, scheduleStart: '={{ $json.start }}', scheduleEnd: 1080 },
			'Schedule Start (Minutes From Midnight) must be before Schedule End: got start 1200 ≥ end 1080 (item 1)',
			{ items: [{ json: { start: 540 } }, { json: { start: 1200 } }] },
			1,
		);
		expect(error?.itemIndex).toBe(1);
	});

	test('Sender profile Update Schedule is checked the same way', async () => {
		await refused(
			{ resource: 'senderProfile', operation: 'update', senderProfileId: rl(SENDER), updateSchedule: true, scheduleStart: 900, scheduleEnd: 60 },
			'Schedule Start (Minutes From Midnight) must be before Schedule End: got start 900 ≥ end 60',
		);
	});

	test('a schedule without days is refused', async () => {
		await refused({ resource: 'automation', operation: 'create', name: 'No days', scheduleDays: [] }, 'Schedule Days needs at least one day');
	});
});

describe('Email send', () => {
	const email = {
		resource: 'email',
		operation: 'send',
		senderProfileId: rl(SENDER),
		contactId: rl(CONTACT),
		fromEmail: 'john@company.com',
		fromName: 'John Doe',
		toName: 'Jane Smith',
		subject: 'Quick question',
		body: '<p>Hi</p>',
	};

	test('without a recipient it names To Email and the item, and sends nothing', async () => {
		const error = await refused({ ...email, toEmail: '={{ $json.to }}' }, 'To Email is required: an email needs a recipient', {
			items: [{ json: { to: '' } }],
		});
		expect(error?.itemIndex).toBe(0);
	});

	test('n8n itself refuses an empty To Email typed in the field, before running', async () => {
		await expect(call(sandbox(), { ...email, toEmail: '' })).rejects.toThrow(/Parameter "To Email" is required/);
		expect(sandbox().server.requests).toEqual([]);
	});

	test('a blank recipient on the second item is refused for that item only', async () => {
		const { ids } = sandbox().state;
		await refused(
			{ ...email, senderProfileId: rl(ids.senderProfiles[0]), contactId: rl(ids.contacts[0]), fromEmail: sandbox().state.mailboxes.get(ids.mailbox).email, toEmail: '={{ $json.to }}' },
			'To Email is required: an email needs a recipient (item 1)',
			{ items: [{ json: { to: 'jane@acme.com' } }, { json: { to: '   ' } }] },
			1,
		);
	});

	test('a recipient that is not an address is refused', async () => {
		await refused({ ...email, toEmail: 'jane at acme' }, 'To Email is not an email address: "jane at acme"');
	});
});

describe('Flow version create', () => {
	const nodes = JSON.stringify([{ id: 1, type: 'end', before: [], after: [], automation: 'auto', payload: [], delay_in_seconds: 0 }]);

	test('without contact sources it names the field and the item, and sends nothing', async () => {
		const error = await refused(
			{ resource: 'flowVersion', operation: 'create', automationId: rl(FLOW), nodes, contactSources: '[]' },
			'Contact Sources (JSON) needs at least one contact source',
		);
		expect(error?.description).toMatch(/rotation_strategy/);
	});

	test('contact sources that are not JSON are refused', async () => {
		await refused(
			{ resource: 'flowVersion', operation: 'create', automationId: rl(FLOW), nodes, contactSources: '[{"id": 1,' },
			'Contact Sources (JSON) is not valid JSON',
		);
	});
});

describe('Other checks before sending', () => {
	test('a LinkedIn message without text or template', async () => {
		await refused(
			{ resource: 'linkedinMessage', operation: 'send', senderProfileId: rl(SENDER), contactId: rl(CONTACT), text: '  ' },
			'Text cannot be empty unless an AI template is chosen',
		);
	});

	test('a mass task action without task IDs', async () => {
		await refused({ resource: 'task', operation: 'massCancel', taskIds: '={{ $json.ids }}' }, 'Task IDs needs at least one ID', { items: [{ json: { ids: [] } }] });
	});

	test('node statistics with IDs that are not numbers', async () => {
		await refused(
			{ resource: 'automation', operation: 'getNodeStatistics', automationId: rl(FLOW), nodeIds: '2, three' },
			'Node IDs must be whole numbers separated by commas, got "three"',
		);
	});

	test('a LinkedIn browser ID that is not a number', async () => {
		await refused({ resource: 'linkedinBrowser', operation: 'get', browserId: rl('={{ $json.id }}') }, 'LinkedIn Browser must be a number, got "abc"', { items: [{ json: { id: 'abc' } }] });
	});

	test('an automation update without fields', async () => {
		await refused({ resource: 'automation', operation: 'update', automationId: rl(FLOW) }, 'Update Fields needs at least one field (or turn on Update Schedule)');
	});

	test('a webhook with a target that is not a URL', async () => {
		await refused(
			{ resource: 'webhook', operation: 'create', name: 'n8n', event: 'contact_created', targetUrl: 'example.com/hook' },
			'Target URL must be an http(s) URL, got "example.com/hook"',
		);
	});
});
