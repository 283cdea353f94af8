import { aiAgent } from './aiAgent';
import { aiTemplate } from './aiTemplate';
import { attachment } from './attachment';
import { automation } from './automation';
import { automationFolder } from './automationFolder';
import { linkedinConversation } from './conversation';
import { email } from './email';
import { flowVersion } from './flowVersion';
import { linkedinBrowser } from './linkedinBrowser';
import { linkedinMessage } from './linkedinMessage';
import { mailbox } from './mailbox';
import { senderProfile } from './senderProfile';
import { task } from './task';
import type { GrinfiResource } from './types';
import { webhook } from './webhook';

/** Automations, tasks, senders, AI, messaging, browsers, webhooks (issue: Grinfi node, part 2). */
export const outreachResources: GrinfiResource[] = [
	aiAgent,
	aiTemplate,
	attachment,
	automation,
	automationFolder,
	email,
	flowVersion,
	linkedinBrowser,
	linkedinConversation,
	linkedinMessage,
	mailbox,
	senderProfile,
	task,
	webhook,
];
