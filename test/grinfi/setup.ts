import { GrinfiApi } from '../../credentials/GrinfiApi.credentials';
import { Grinfi } from '../../nodes/Grinfi/Grinfi.node';
import { resetPacers } from '../../nodes/shared/pacing';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';
import type { Sandbox } from '../leadgrid/setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGrinfiSandbox } = require('../sandbox/grinfi');

export const GRINFI = register(new Grinfi(), new GrinfiApi());
export const KEY = 'grinfi_test_key';

/** A fresh Grinfi sandbox per test file; the log and pacing are reset before each test. */
export function useSandbox(options: object = {}): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = createGrinfiSandbox(options);
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
		type: GRINFI,
		parameters: parameters as RunOptions['parameters'],
		credentials: { grinfiApi: { apiKey: key, baseUrl: sandbox.server.url } },
		...extra,
	});
}
