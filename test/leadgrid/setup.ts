import { LeadGridApi } from '../../credentials/LeadGridApi.credentials';
import { LeadGrid } from '../../nodes/LeadGrid/LeadGrid.node';
import { resetPacers } from '../../nodes/shared/pacing';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLeadGridSandbox } = require('../sandbox/leadgrid');

export const LEADGRID = register(new LeadGrid(), new LeadGridApi());
export const KEY = 'lg_live_sandbox_key';

export interface Sandbox {
	server: {
		url: string;
		requests: Array<{ method: string; path: string; rawQuery: string; query: Array<[string, string]>; headers: Record<string, string>; contentType: string; body: any; raw: Buffer; multipart?: { fields: Record<string, string>; files: Record<string, { filename: string; contentType: string; data: Buffer; size: number }> } }>;
		inject(fault: object): void;
		clearLog(): void;
		reset(): void;
		listen(): Promise<string>;
		close(): Promise<void>;
	};
	state: any;
}

/** A fresh sandbox per test file; the log is cleared before each test. */
export function useSandbox(options: object = {}): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = createLeadGridSandbox(options);
		await sandbox.server.listen();
	});
	afterAll(async () => await sandbox.server.close());
	beforeEach(() => {
		sandbox.server.clearLog();
		resetPacers();
	});
	return () => sandbox;
}

export function run(sandbox: Sandbox, parameters: object, extra: Partial<RunOptions> = {}, key = KEY) {
	return runNode({
		type: LEADGRID,
		parameters: parameters as RunOptions['parameters'],
		credentials: { leadGridApi: { apiKey: key, baseUrl: sandbox.server.url, webhookSecret: 'whsec_sandbox' } },
		...extra,
	});
}
