import { LeadGridApi } from '../../credentials/LeadGridApi.credentials';
import { LeadGrid } from '../../nodes/LeadGrid/LeadGrid.node';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';
import type { Sandbox } from '../harness/sandbox';
import { useSandboxOf } from '../harness/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLeadGridSandbox } = require('../sandbox/leadgrid');

export const LEADGRID = register(new LeadGrid(), new LeadGridApi());
export const KEY = 'lg_live_sandbox_key';

export type { Sandbox };

/** A fresh LeadGrid sandbox per test file. */
export const useSandbox = (options: object = {}) => useSandboxOf(createLeadGridSandbox, options);

export function run(sandbox: Sandbox, parameters: object, extra: Partial<RunOptions> = {}, key = KEY) {
	return runNode({
		type: LEADGRID,
		parameters: parameters as RunOptions['parameters'],
		credentials: { leadGridApi: { apiKey: key, baseUrl: sandbox.server.url, webhookSecret: 'whsec_sandbox' } },
		...extra,
	});
}
