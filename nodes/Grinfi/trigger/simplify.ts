import type { IDataObject } from 'n8n-workflow';

function objectAt(body: IDataObject, key: string): IDataObject {
	const value = body[key];
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function first(...values: unknown[]): string | null {
	for (const value of values) {
		if (typeof value === 'string' && value.trim() !== '') return value;
		if (typeof value === 'number') return String(value);
	}
	return null;
}

/**
 * The fields most workflows need from a delivery: the event, who the contact is, how to reach
 * them, and the text of the message or email where the event has one.
 */
export function simplifyDelivery(body: IDataObject): IDataObject {
	const contact = objectAt(body, 'contact');
	const account = objectAt(body, 'account');
	const sender = objectAt(body, 'sender_profile');
	const automation = objectAt(body, 'automation');
	const linkedinMessage = objectAt(body, 'linkedin_message');
	const email = objectAt(body, 'email');
	const fullName = [contact.first_name, contact.last_name].filter((p) => typeof p === 'string' && p).join(' ');
	return {
		event: body.event_name ?? null,
		contact_uuid: first(contact.uuid),
		name: first(contact.name, fullName),
		email: first(contact.work_email, contact.personal_email, contact.email),
		linkedin_url: first(contact.linkedin_url, contact.linkedin, contact.sales_navigator_url),
		company: first(contact.company_name, account.name),
		position: first(contact.position),
		message: first(linkedinMessage.text, email.body, email.text, email.html),
		subject: first(linkedinMessage.subject, email.subject),
		sender_profile: first(sender.label, [sender.first_name, sender.last_name].filter(Boolean).join(' ')),
		automation: first(automation.name),
	};
}
