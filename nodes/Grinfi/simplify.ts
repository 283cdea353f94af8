import type { SimplifyFields } from '../shared/simplify';

const CONTACT = [
	'uuid', 'name', 'first_name', 'last_name', 'position', 'company_name', 'company_uuid',
	'work_email', 'personal_email', 'work_phone_number', 'personal_phone_number', 'linkedin',
	'raw_address', 'list_uuid', 'pipeline_stage_uuid', 'sender_profile_uuid', 'tags', 'status', 'linkedin_status',
	'email_status', 'custom_fields', 'created_at', 'updated_at',
];

const COMPANY = [
	'uuid', 'name', 'domain', 'website', 'linkedin', 'ln_id', 'industry', 'employees_range', 'hq_raw_address', 'phone',
	'lead_status_uuid', 'lists', 'tags', 'status', 'created_at', 'updated_at',
];

/**
 * What Simplify keeps of Grinfi records (the fields a person or an agent uses); resources not
 * listed keep their IDs, names, emails, type, status, stage, text and timestamps.
 */
export const GRINFI_SIMPLIFY: SimplifyFields = {
	contact: CONTACT,
	'company.getContacts': CONTACT,
	company: COMPANY,
	'automation.getContacts': ['uuid', 'flow_uuid', 'lead_uuid', 'sender_profile_uuid', 'status', 'created_at', 'updated_at'],
	linkedinMessage: [
		'uuid', 'lead_uuid', 'sender_profile_uuid', 'linkedin_conversation_uuid', 'type', 'linkedin_type', 'subject', 'text',
		'attachments', 'status', 'fail_reason', 'sent_at', 'read_at', 'created_at',
	],
	automation: ['uuid', 'name', 'description', 'status', 'flow_workspace_uuid', 'created_at', 'updated_at'],
	senderProfile: ['uuid', 'first_name', 'last_name', 'label', 'status', 'linkedin_account_uuid', 'mailbox_uuid', 'created_at', 'updated_at'],
};
