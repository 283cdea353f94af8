import { GrowthGeniusApi } from '../../credentials/GrowthGeniusApi.credentials';
import { GrowthGenius } from '../../nodes/GrowthGenius/GrowthGenius.node';
import { resetPacers } from '../../nodes/shared/pacing';
import { register, runNode } from '../harness';
import type { RunOptions } from '../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createGrowthGeniusSandbox } = require('../sandbox/growthgenius');

export const GROWTHGENIUS = register(new GrowthGenius(), new GrowthGeniusApi());
export const KEY = 'gg_sandbox_key';
export const USER_ID = '1';

export interface LoggedRequest {
	method: string;
	path: string;
	rawQuery: string;
	query: Array<[string, string]>;
	headers: Record<string, string>;
	contentType: string;
	body: any;
	status?: number;
}

export interface Sandbox {
	server: {
		url: string;
		requests: LoggedRequest[];
		inject(fault: object): void;
		clearLog(): void;
		reset(): void;
		listen(): Promise<string>;
		close(): Promise<void>;
	};
	state: any;
}

/** A fresh sandbox per test file; the log is cleared and the pacers reset before each test. */
export function useSandbox(options: object = {}): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = createGrowthGeniusSandbox(options);
		await sandbox.server.listen();
	});
	afterAll(async () => await sandbox.server.close());
	beforeEach(() => {
		sandbox.server.clearLog();
		resetPacers();
	});
	return () => sandbox;
}

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
