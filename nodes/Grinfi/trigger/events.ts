import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The 19 events of Grinfi's create-webhook enum (OpenAPI `createWebhook`), in plain words.
 * Option values are the vendor's event names: saved workflows depend on them.
 */
export const GRINFI_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Contact Accepted LinkedIn Connection Request',
		value: 'contact_accepted_linkedin_connection_request',
		description: 'A contact accepted a connection request sent by one of your sender profiles',
	},
	{
		name: 'Contact Clicked Email Link',
		value: 'contact_clicked_email',
		description: 'A contact clicked a tracked link in an email',
	},
	{ name: 'Contact Created', value: 'contact_created', description: 'A contact was added to your CRM' },
	{ name: 'Contact Deleted', value: 'contact_deleted', description: 'A contact was deleted' },
	{
		name: 'Contact Enriched',
		value: 'contact_enriched',
		description: 'Enrichment found new data (e.g. an email address) for a contact',
	},
	{
		name: 'Contact Exported',
		value: 'contact_exported',
		description: 'A contact was exported to a webhook from Grinfi (also bulk "Custom Call" exports)',
	},
	{
		name: 'Contact Moved to Pipeline Stage',
		value: 'contact_pipeline_stage_changed',
		description: 'A contact moved to another pipeline stage',
	},
	{ name: 'Contact Opened Email', value: 'contact_opened_email', description: 'A contact opened an email' },
	{
		name: 'Contact Replied by Email',
		value: 'contact_replied_email',
		description: 'A contact answered an email',
	},
	{
		name: 'Contact Replied on LinkedIn',
		value: 'contact_replied_linkedin_message',
		description: 'A contact answered a LinkedIn message',
	},
	{
		name: 'Contact Replied to InMail',
		value: 'contact_replied_linkedin_inmail',
		description: 'A contact answered a LinkedIn InMail',
	},
	{ name: 'Contact Tagged', value: 'contact_tag_added', description: 'A tag was added to a contact' },
	{
		name: 'Contact Unsubscribed',
		value: 'contact_unsubscribed_email',
		description: 'A contact unsubscribed from your emails',
	},
	{
		name: 'Contact Updated',
		value: 'contact_updated',
		description: 'A field of a contact changed',
	},
	{ name: 'Email Bounced', value: 'email_bounced', description: 'An email to a contact bounced' },
	{
		name: 'Sender Profile Sent Email',
		value: 'sender_profile_sent_email',
		description: 'One of your sender profiles sent an email to a contact',
	},
	{
		name: 'Sender Profile Sent InMail',
		value: 'sender_profile_sent_linkedin_inmail',
		description: 'One of your sender profiles sent a LinkedIn InMail',
	},
	{
		name: 'Sender Profile Sent LinkedIn Connection Request',
		value: 'sender_profile_sent_linkedin_connection_request',
		description: 'One of your sender profiles sent a LinkedIn connection request',
	},
	{
		name: 'Sender Profile Sent LinkedIn Message',
		value: 'sender_profile_sent_linkedin_message',
		description: 'One of your sender profiles sent a LinkedIn message',
	},
];

const LABELS = new Map(GRINFI_EVENTS.map((e) => [String(e.value), e.name]));

/** The plain-words name of an event, for webhook names and messages. */
export function eventLabel(event: string): string {
	return LABELS.get(event) ?? event;
}
