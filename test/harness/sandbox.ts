/** What the tests see of a contract server (test/sandbox/*.js), and one fresh server per test file. */
import { resetPacers } from '../../nodes/shared/pacing';

export interface LoggedRequest {
	at: number;
	method: string;
	path: string;
	rawQuery: string;
	query: Array<[string, string]>;
	headers: Record<string, string>;
	contentType: string;
	body: any;
	raw: Buffer;
	status?: number;
	multipart?: { fields: Record<string, string>; files: Record<string, { filename: string; contentType: string; data: Buffer; size: number }> };
}

export interface Sandbox {
	server: {
		url: string;
		requests: LoggedRequest[];
		inject(fault: object): void;
		clearLog(): void;
		clearRateWindows(): void;
		reset(): void;
		listen(): Promise<string>;
		close(): Promise<void>;
	};
	state: any;
}

/**
 * A fresh sandbox per test file; before each test the log is cleared, and the pacers reset along
 * with the sandbox's rate windows (a fresh process meets a fresh minute).
 */
export function useSandboxOf(factory: (options: object) => Sandbox, options: object = {}): () => Sandbox {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = factory(options);
		await sandbox.server.listen();
	});
	afterAll(async () => await sandbox.server.close());
	beforeEach(() => {
		sandbox.server.clearLog();
		sandbox.server.clearRateWindows();
		resetPacers();
	});
	return () => sandbox;
}
