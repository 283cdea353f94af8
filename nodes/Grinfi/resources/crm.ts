import type { GrinfiResource } from './types';

/** Account and CRM resources (issue: Grinfi node, part 1). */
export const crmResources: GrinfiResource[] = [];
