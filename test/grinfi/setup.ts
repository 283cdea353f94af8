import { GrinfiApi } from '../../credentials/GrinfiApi.credentials';
import { Grinfi } from '../../nodes/Grinfi/Grinfi.node';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';
import type { Sandbox } from '../harness/sandbox';
import { useSandboxOf } from '../harness/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGrinfiSandbox } = require('../sandbox/grinfi');

export const GRINFI = register(new Grinfi(), new GrinfiApi());
export const KEY = 'grinfi_test_key';

/** A fresh Grinfi sandbox per test file. */
export const useSandbox = (options: object = {}) => useSandboxOf(createGrinfiSandbox, options);

export function run(sandbox: Sandbox, parameters: object, extra: Partial<RunOptions> = {}, key = KEY) {
	return runNode({
		type: GRINFI,
		parameters: parameters as RunOptions['parameters'],
		credentials: { grinfiApi: { apiKey: key, baseUrl: sandbox.server.url } },
		...extra,
	});
}
