import type { SimplifyFields } from '../shared/simplify';

/** What Simplify keeps of GrowthGenius records (the fields a person or an agent uses). */
export const GROWTHGENIUS_SIMPLIFY: SimplifyFields = {
	contact: [
		'id', 'full_name', 'first_name', 'last_name', 'title', 'email', 'email_status', 'mobile_phone', 'work_phone',
		'linkedin_url', 'company_name', 'website', 'city', 'country', 'stage', 'status', 'lists', 'created_at', 'updated_at',
	],
	message: ['id', 'contact_id', 'message_type', 'rendered_subject', 'rendered_copy', 'sent_at', 'created_at', 'updated_at'],
	user: ['id', 'full_name', 'email', 'team_id', 'roles'],
};
