/**
 * The operations of the outreach resources are a public API (saved workflows store the resource and
 * operation values): this pins every value and the endpoint it calls, 103 in all, one endpoint each.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { Grinfi } from '../../../nodes/Grinfi/Grinfi.node';
import { outreachResources } from '../../../nodes/Grinfi/resources/outreach';

const EXPECTED: Array<[string, string, string, string]> = [
	['aiAgent', 'create', 'POST', '/flows/api/ai-agents'],
	['aiAgent', 'delete', 'DELETE', '/flows/api/ai-agents/{aiAgentId}'],
	['aiAgent', 'get', 'GET', '/flows/api/ai-agents/{aiAgentId}'],
	['aiAgent', 'getAll', 'GET', '/flows/api/ai-agents'],
	['aiAgent', 'update', 'PUT', '/flows/api/ai-agents/{aiAgentId}'],
	['aiTemplate', 'create', 'POST', '/flows/api/ai-templates'],
	['aiTemplate', 'delete', 'DELETE', '/flows/api/ai-templates/{aiTemplateId}'],
	['aiTemplate', 'get', 'GET', '/flows/api/ai-templates/{aiTemplateId}'],
	['aiTemplate', 'getAll', 'GET', '/flows/api/ai-templates'],
	['aiTemplate', 'render', 'POST', '/flows/api/ai-templates/render'],
	['aiTemplate', 'update', 'PUT', '/flows/api/ai-templates/{aiTemplateId}'],
	['attachment', 'delete', 'DELETE', '/flows/api/attachments/{attachmentId}'],
	['attachment', 'get', 'GET', '/flows/api/attachments/{attachmentId}'],
	['attachment', 'getAll', 'GET', '/flows/api/attachments'],
	['attachment', 'upload', 'POST', '/flows/api/attachments'],
	['automation', 'addContact', 'POST', '/flows/api/flows/{automationId}/leads/{contactId}'],
	['automation', 'archive', 'PUT', '/flows/api/flows/{automationId}/archive'],
	['automation', 'cancelContact', 'PUT', '/flows/api/flows/leads/{contactId}/cancel'],
	['automation', 'cancelContactFromAll', 'PUT', '/flows/api/flows/leads/{contactId}/cancel-all'],
	['automation', 'clone', 'POST', '/flows/api/flows/clone'],
	['automation', 'create', 'POST', '/flows/api/flows'],
	['automation', 'createContact', 'POST', '/flows/api/flows/{automationId}/add-new-lead'],
	['automation', 'delete', 'DELETE', '/flows/api/flows/{automationId}'],
	['automation', 'deleteContactHistory', 'DELETE', '/flows/api/flows/leads/{contactId}'],
	['automation', 'get', 'GET', '/flows/api/flows/{automationId}'],
	['automation', 'getContactSourceStatistics', 'POST', '/flows/api/flows/{automationId}/statistics/contact-sources'],
	['automation', 'getContacts', 'POST', '/flows/api/flows-leads/list'],
	['automation', 'getAll', 'GET', '/flows/api/flows'],
	['automation', 'getMetrics', 'POST', '/flows/api/flows/metrics'],
	['automation', 'getNodeStatistics', 'POST', '/flows/api/flows/{automationId}/statistics/nodes'],
	['automation', 'start', 'PUT', '/flows/api/flows/{automationId}/start'],
	['automation', 'stop', 'PUT', '/flows/api/flows/{automationId}/stop'],
	['automation', 'unarchive', 'PUT', '/flows/api/flows/{automationId}/unarchive'],
	['automation', 'update', 'PUT', '/flows/api/flows/{automationId}'],
	['automationFolder', 'create', 'POST', '/flows/api/flow-workspaces'],
	['automationFolder', 'delete', 'DELETE', '/flows/api/flow-workspaces/{folderId}'],
	['automationFolder', 'getAll', 'GET', '/flows/api/flow-workspaces'],
	['automationFolder', 'update', 'PUT', '/flows/api/flow-workspaces/{folderId}'],
	['email', 'delete', 'DELETE', '/emails/api/emails/{emailId}'],
	['email', 'get', 'GET', '/emails/api/emails/{emailId}'],
	['email', 'getBody', 'GET', '/emails/api/email-bodies/{emailBodyId}'],
	['email', 'getLatestByContacts', 'POST', '/emails/api/emails/latest-by-leads'],
	['email', 'getAll', 'GET', '/emails/api/emails'],
	['email', 'getBodies', 'GET', '/emails/api/email-bodies'],
	['email', 'getThread', 'GET', '/emails/api/emails/{emailId}/thread'],
	['email', 'getLlmThread', 'POST', '/emails/api/emails/llm-thread'],
	['email', 'send', 'POST', '/emails/api/emails/send-email'],
	['flowVersion', 'create', 'POST', '/flows/api/flows/{automationId}/flow-versions'],
	['flowVersion', 'delete', 'DELETE', '/flows/api/flow-versions/{flowVersionId}'],
	['flowVersion', 'get', 'GET', '/flows/api/flow-versions/{flowVersionId}'],
	['flowVersion', 'getAll', 'GET', '/flows/api/flows/{automationId}/flow-versions'],
	['flowVersion', 'validateContactSource', 'POST', '/flows/api/flow-versions/validate-contact-source'],
	['flowVersion', 'validateNode', 'POST', '/flows/api/flow-versions/validate-node'],
	['linkedinBrowser', 'create', 'POST', '/browsers/api/linkedin-browsers'],
	['linkedinBrowser', 'delete', 'DELETE', '/browsers/api/linkedin-browsers/{browserId}'],
	['linkedinBrowser', 'generateLoginLink', 'POST', '/browsers/api/linkedin-browsers/{browserId}/generate-external-access-key'],
	['linkedinBrowser', 'get', 'GET', '/browsers/api/linkedin-browsers/{browserId}'],
	['linkedinBrowser', 'getAll', 'POST', '/browsers/api/linkedin-browsers/list'],
	['linkedinBrowser', 'run', 'POST', '/browsers/api/linkedin-browsers/{browserId}/run'],
	['linkedinBrowser', 'setProxy', 'POST', '/browsers/api/linkedin-browsers/{browserId}/set-proxy'],
	['linkedinBrowser', 'share', 'POST', '/browsers/api/linkedin-browsers/{browserId}/share'],
	['linkedinBrowser', 'stop', 'POST', '/browsers/api/linkedin-browsers/{browserId}/stop'],
	['linkedinBrowser', 'update', 'PUT', '/browsers/api/linkedin-browsers/{browserId}'],
	['linkedinConversation', 'getAll', 'GET', '/flows/api/linkedin-conversations'],
	['linkedinMessage', 'delete', 'DELETE', '/flows/api/linkedin-messages/{linkedinMessageId}'],
	['linkedinMessage', 'getGroupCounts', 'POST', '/flows/api/linkedin-messages/group-counts'],
	['linkedinMessage', 'getAll', 'GET', '/flows/api/linkedin-messages'],
	['linkedinMessage', 'retry', 'PUT', '/flows/api/linkedin-messages/{linkedinMessageId}/retry'],
	['linkedinMessage', 'send', 'POST', '/flows/api/linkedin-messages'],
	['mailbox', 'activate', 'PUT', '/emails/api/mailboxes/{mailboxId}/activate'],
	['mailbox', 'create', 'POST', '/emails/api/mailboxes'],
	['mailbox', 'deactivate', 'PUT', '/emails/api/mailboxes/{mailboxId}/deactivate'],
	['mailbox', 'delete', 'DELETE', '/emails/api/mailboxes/{mailboxId}'],
	['mailbox', 'get', 'GET', '/emails/api/mailboxes/{mailboxId}'],
	['mailbox', 'getErrors', 'GET', '/emails/api/mailbox-errors'],
	['mailbox', 'getAll', 'GET', '/emails/api/mailboxes'],
	['mailbox', 'update', 'PUT', '/emails/api/mailboxes/{mailboxId}'],
	['senderProfile', 'create', 'POST', '/flows/api/sender-profiles'],
	['senderProfile', 'delete', 'DELETE', '/flows/api/sender-profiles/{senderProfileId}'],
	['senderProfile', 'disable', 'PUT', '/flows/api/sender-profiles/{senderProfileId}/disable'],
	['senderProfile', 'enable', 'PUT', '/flows/api/sender-profiles/{senderProfileId}/enable'],
	['senderProfile', 'get', 'GET', '/flows/api/sender-profiles/{senderProfileId}'],
	['senderProfile', 'getAll', 'GET', '/flows/api/sender-profiles'],
	['senderProfile', 'update', 'PUT', '/flows/api/sender-profiles/{senderProfileId}'],
	['task', 'cancel', 'PUT', '/flows/api/tasks/{taskId}/cancel'],
	['task', 'complete', 'PUT', '/flows/api/tasks/{taskId}/complete'],
	['task', 'continueAutomation', 'PUT', '/flows/api/tasks/continue-automation'],
	['task', 'create', 'POST', '/flows/api/tasks'],
	['task', 'fail', 'PUT', '/flows/api/tasks/{taskId}/fail'],
	['task', 'get', 'GET', '/flows/api/tasks/{taskId}'],
	['task', 'getGroupCounts', 'POST', '/flows/api/tasks/group-counts'],
	['task', 'getAll', 'GET', '/flows/api/tasks'],
	['task', 'getSchedule', 'GET', '/flows/api/tasks/schedule'],
	['task', 'massCancel', 'PUT', '/flows/api/tasks/mass-cancel'],
	['task', 'massComplete', 'PUT', '/flows/api/tasks/mass-complete'],
	['task', 'massRetry', 'PUT', '/flows/api/tasks/mass-retry'],
	['task', 'massSkip', 'PUT', '/flows/api/tasks/mass-skip'],
	['webhook', 'create', 'POST', '/integrations/api/webhooks'],
	['webhook', 'delete', 'DELETE', '/integrations/api/webhooks/{webhookId}'],
	['webhook', 'get', 'GET', '/integrations/api/webhooks/{webhookId}'],
	['webhook', 'getAll', 'GET', '/integrations/api/webhooks'],
	['webhook', 'test', 'POST', '/integrations/api/webhooks/test'],
	['webhook', 'update', 'PUT', '/integrations/api/webhooks/{webhookId}'],
];

function table() {
	return outreachResources.flatMap((resource) =>
		((resource.operations.options ?? []) as INodePropertyOptions[]).map((option) => {
			const request = option.routing?.request ?? {};
			return [resource.value, String(option.value), String(request.method), String(request.url)];
		}),
	);
}

test('every outreach operation keeps its value and endpoint', () => {
	expect(table()).toEqual(EXPECTED);
	expect(EXPECTED).toHaveLength(103);
	expect(new Set(EXPECTED.map(([, , method, url]) => `${method} ${url.replace(/{\w+}/g, '{}')}`)).size).toBe(103);
});

test('every parameter of the outreach resources has a default and the node lists each resource once', () => {
	const names = new Set(outreachResources.map((r) => r.value));
	const description = new Grinfi().description;
	const resource = description.properties.find((p) => p.name === 'resource');
	const values = (resource?.options as INodePropertyOptions[]).map((o) => o.value);
	for (const value of names) expect(values.filter((v) => v === value)).toHaveLength(1);
	const check = (props: unknown[]) => {
		for (const prop of props as Array<{ name: string; default?: unknown; options?: unknown[]; type?: string }>) {
			expect(prop).toHaveProperty('default');
			if ((prop.type === 'collection' || prop.type === 'fixedCollection') && prop.options) check(prop.options);
		}
	};
	for (const r of outreachResources) check(r.fields);
});
