import type { SimplifyFields } from '../shared/simplify';

/** What Simplify keeps of LeadGrid records (the fields a person or an agent uses). */
export const LEADGRID_SIMPLIFY: SimplifyFields = {
	contact: ['id', 'full_name', 'email', 'phone', 'company', 'role', 'city', 'linkedin_url', 'kind', 'dossier_count', 'created_at'],
	dossier: [
		'id', 'type', 'name', 'company', 'contact_person', 'email', 'phone', 'role', 'status', 'flow_id', 'current_stage_id',
		'assigned_to', 'deal_size', 'deal_currency', 'cv_url', 'created_at', 'updated_at',
	],
	dossierContact: ['contact_id', 'full_name', 'email', 'company', 'role_on_dossier', 'is_primary'],
	flow: ['id', 'name', 'type', 'is_default', 'stages'],
	'flow.getStages': ['id', 'name', 'position'],
	note: ['id', 'dossier_id', 'content', 'is_internal', 'created_at'],
};
