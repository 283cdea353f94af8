import { GrowthGeniusApi } from '../../credentials/GrowthGeniusApi.credentials';
import { GrowthGenius } from '../../nodes/GrowthGenius/GrowthGenius.node';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';
import type { LoggedRequest, Sandbox } from '../harness/sandbox';
import { useSandboxOf } from '../harness/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGrowthGeniusSandbox } = require('../sandbox/growthgenius');

export const GROWTHGENIUS = register(new GrowthGenius(), new GrowthGeniusApi());
export const KEY = 'gg_sandbox_key';
export const USER_ID = '1';

export type { LoggedRequest, Sandbox };

/** A fresh GrowthGenius sandbox per test file. */
export const useSandbox = (options: object = {}) => useSandboxOf(createGrowthGeniusSandbox, options);

export function credentialsFor(sandbox: Sandbox, overrides: Record<string, string> = {}) {
	return { growthGeniusApi: { apiKey: KEY, userId: USER_ID, baseUrl: sandbox.server.url, ...overrides } };
}

export function run(sandbox: Sandbox, parameters: object, extra: Partial<RunOptions> = {}, overrides: Record<string, string> = {}) {
	return runNode({
		type: GROWTHGENIUS,
		parameters: parameters as RunOptions['parameters'],
		credentials: credentialsFor(sandbox, overrides),
		...extra,
	});
}

export const rl = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export function onlyRequest(sandbox: Sandbox): LoggedRequest {
	expect(sandbox.server.requests).toHaveLength(1);
	return sandbox.server.requests[0];
}
