import type { GrinfiResource } from './types';

/** Automations, tasks, senders, AI, messaging, browsers, webhooks (issue: Grinfi node, part 2). */
export const outreachResources: GrinfiResource[] = [];
