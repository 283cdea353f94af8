'use strict';
/**
 * Drives a real n8n headlessly for the end-to-end tests: installs it (scripts/n8n-install.sh),
 * prepares a throwaway instance with the packed package installed the way a marketplace install
 * does, and runs the CLI, the server, the REST login and the public API.
 *
 *   const { prepareInstance } = require('./n8n');
 *   const n8n = await prepareInstance({ version: '2.41.1', port: 5690, packDir });
 *   await n8n.importWorkflow(workflow);
 *   const { code, run } = await n8n.execute(workflow.id);
 *   await n8n.start(); await n8n.api('GET', '/api/v1/workflows'); await n8n.dispose();
 *
 * Child processes are killed and temp folders removed when the process exits (KEEP_N8N=1 keeps
 * the folders, e.g. to read <userFolder>/n8n.log). Node built-ins only (bcryptjs comes from the
 * n8n install).
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '../..');
const INSTALL_SCRIPT = path.join(REPO, 'scripts', 'n8n-install.sh');

const ENCRYPTION_KEY = 'n8n-nodes-outreach-e2e-fixed-encryption-key';
const OWNER = { email: 'owner@example.com', password: 'E2e-Owner-Passw0rd', firstName: 'E2E', lastName: 'Owner' };
const BROWSER_ID = 'n8n-nodes-outreach-e2e';

// ---------------------------------------------------------------------------------------------
// process-wide cleanup: every process group we spawn and every folder we create

const liveGroups = new Set(); // pids of detached children (each leads its own process group)
const tempDirs = new Set();
let cleanupInstalled = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

function cleanupSync() {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	liveGroups.clear();
	if (process.env.KEEP_N8N !== '1') {
		for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
	}
	tempDirs.clear();
}

function installCleanup() {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', cleanupSync);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		const onSignal = () => {
			cleanupSync();
			process.removeListener(signal, onSignal);
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}

// ---------------------------------------------------------------------------------------------
// installing n8n

function parseInstallOutput(version, stdout) {
	const lines = stdout.split('\n');
	const value = (key) => {
		const line = lines.find((l) => l.startsWith(`${key}=`));
		return line ? line.slice(key.length + 1).trim() : undefined;
	};
	const node = value('node');
	const n8nBin = value('n8n');
	if (!node || !n8nBin) throw new Error(`scripts/n8n-install.sh ${version} printed no paths:\n${stdout}`);
	const n8nDir = path.dirname(path.dirname(n8nBin));
	return {
		version,
		major: Number(version.split('.')[0]),
		node,
		n8nBin,
		n8nDir,
		installDir: path.dirname(path.dirname(n8nDir)),
	};
}

function forwardProgress(stdout) {
	for (const line of stdout.split('\n')) {
		if (line && !/^(node|n8n)=/.test(line)) process.stderr.write(`${line}\n`);
	}
}

const installed = new Map();

/**
 * Installs n8n `version` into .cache/ (seconds when already there) and returns
 * { version, major, node, n8nBin, n8nDir, installDir }. Synchronous; blocks while installing.
 */
function installN8n(version) {
	if (installed.has(version)) return installed.get(version);
	const result = spawnSync('bash', [INSTALL_SCRIPT, version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	forwardProgress(result.stdout || '');
	if (result.status !== 0) throw new Error(`scripts/n8n-install.sh ${version} failed (exit ${result.status})`);
	const paths = parseInstallOutput(version, result.stdout);
	installed.set(version, paths);
	return paths;
}

/** installN8n without blocking the event loop (servers in this process keep answering). */
async function installN8nAsync(version) {
	if (installed.has(version)) return installed.get(version);
	const { code, stdout } = await run('bash', [INSTALL_SCRIPT, version], { env: process.env, stderr: 'inherit' });
	forwardProgress(stdout);
	if (code !== 0) throw new Error(`scripts/n8n-install.sh ${version} failed (exit ${code})`);
	const paths = parseInstallOutput(version, stdout);
	installed.set(version, paths);
	return paths;
}

// ---------------------------------------------------------------------------------------------
// helpers

/** Runs a command in its own process group; resolves { code, signal, stdout, stderr }. */
function run(command, args, { env, cwd, timeoutMs = 0, stderr = 'pipe' } = {}) {
	installCleanup();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', stderr] });
		liveGroups.add(child.pid);
		const out = [];
		const err = [];
		child.stdout.on('data', (chunk) => out.push(chunk));
		if (child.stderr) child.stderr.on('data', (chunk) => err.push(chunk));
		let timedOut = false;
		const timer = timeoutMs
			? setTimeout(() => {
					timedOut = true;
					killGroup(child.pid, 'SIGKILL');
				}, timeoutMs)
			: undefined;
		child.on('error', (error) => {
			clearTimeout(timer);
			liveGroups.delete(child.pid);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child.pid, 'SIGKILL'); // leftovers of the group (e.g. a task runner)
			liveGroups.delete(child.pid);
			const stdout = Buffer.concat(out).toString('utf8');
			const stderrText = Buffer.concat(err).toString('utf8');
			resolve({ code: timedOut ? 124 : code, signal, stdout, stderr: timedOut ? `${stderrText}\n[timed out after ${timeoutMs} ms]` : stderrText });
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/** What n8n (or a worker's health server, or its task broker) logs when its port is taken. */
const PORT_TAKEN = /EADDRINUSE|port \S+ is already in use|Port \S+ (for \S+ )?is already in use/i;

/** A port p with p, p+1 and p+2 free (n8n, its task broker, the CLI's task broker). */
async function findFreePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen({ port: 0, host: '127.0.0.1' }, () => {
				const { port: p } = server.address();
				server.close(() => resolve(p));
			});
		});
		if (port > 65000) continue;
		if ((await portIsFree(port)) && (await portIsFree(port + 1)) && (await portIsFree(port + 2))) return port;
	}
	throw new Error('no free port found');
}

/**
 * The JSON document in `n8n execute --rawOutput` output: n8n prints log lines before it (2.x) and,
 * for a failed run, the run as a log message. Top-level braces of JSON.stringify(x, null, 2) are
 * the only lines that are exactly "{" and "}".
 */
function extractJson(text) {
	const lines = stripAnsi(text).split('\n');
	const starts = [];
	const ends = [];
	lines.forEach((line, i) => {
		if (line.trimEnd() === '{') starts.push(i);
		if (line.trimEnd() === '}') ends.push(i);
	});
	for (const start of starts) {
		for (let e = ends.length - 1; e >= 0 && ends[e] > start; e--) {
			try {
				return JSON.parse(lines.slice(start, ends[e] + 1).join('\n'));
			} catch {
				/* try a shorter slice */
			}
		}
	}
	// a one-line document
	for (const line of lines) {
		const t = line.trim();
		if (t.startsWith('{') && t.endsWith('}')) {
			try {
				return JSON.parse(t);
			} catch {
				/* not it */
			}
		}
	}
	return undefined;
}

function tail(text, n = 40) {
	return text.split('\n').slice(-n).join('\n');
}

// ---------------------------------------------------------------------------------------------
// an instance

/**
 * A fresh n8n instance: temp N8N_USER_FOLDER, the package at `packDir` (an untarred `npm pack`,
 * i.e. its `package` folder) copied to <userFolder>/.n8n/nodes/node_modules/<name> as a
 * marketplace install leaves it. Nothing is started; call start() for the server.
 *
 * Options: version (default 2.41.1), port (default: a free one; n8n also uses port+1 for its task
 * broker while started, CLI commands use port+2), packDir (optional), env (extra variables, e.g.
 * { N8N_SSRF_PROTECTION_ENABLED: 'true' }), userFolder (a folder kept across runs instead of a
 * temporary one, e.g. for `npm run dev`; the pack in it is replaced).
 */
async function prepareInstance({ version = '2.41.1', port, packDir, env: extraEnv = {}, userFolder: persistentFolder } = {}) {
	installCleanup();
	const paths = await installN8nAsync(version);
	const { major, node, n8nBin, n8nDir } = paths;
	// A port chosen here may be taken by another process before n8n binds it (the machine is
	// shared): start() then moves to another free port. A port the caller gave is kept.
	const portGiven = Boolean(port);
	port = port || (await findFreePort());

	const persistent = Boolean(persistentFolder);
	const userFolder = persistent ? path.resolve(persistentFolder) : fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${version}-`));
	if (!persistent) tempDirs.add(userFolder);
	const n8nFolder = path.join(userFolder, '.n8n');
	const nodesDir = path.join(n8nFolder, 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });

	let packageName;
	if (packDir) {
		const pkg = JSON.parse(fs.readFileSync(path.join(packDir, 'package.json'), 'utf8'));
		packageName = pkg.name;
		const target = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
		fs.rmSync(target, { recursive: true, force: true }); // a persistent folder gets the current pack
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(packDir, target, { recursive: true, dereference: true });
		// what `npm install <pkg>` in that folder leaves beside node_modules (n8n itself does not need it)
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2) + '\n',
		);
	}

	let baseUrl = `http://127.0.0.1:${port}/`;
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		// nothing of the caller's n8n or npm configuration leaks into the instance
		if (/^(N8N_|npm_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$)/i.test(key)) continue;
		env[key] = value;
	}
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		WEBHOOK_URL: baseUrl,
		N8N_WEBHOOK_URL: baseUrl,
		N8N_EDITOR_BASE_URL: baseUrl,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	if (major < 2) {
		// 1.x's isolated-vm has no Node 20 build
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	} else {
		const bcrypt = createRequire(path.join(n8nDir, 'package.json'))('bcryptjs');
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		});
	}
	Object.assign(env, extraEnv);

	/** Moves the instance to another port: n8n's port, its task broker's and every URL. */
	function usePort(next) {
		port = next;
		baseUrl = `http://127.0.0.1:${port}/`;
		Object.assign(env, {
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			WEBHOOK_URL: baseUrl,
			N8N_WEBHOOK_URL: baseUrl,
			N8N_EDITOR_BASE_URL: baseUrl,
		});
	}
	class PortTaken extends Error {}

	const logFile = path.join(userFolder, 'n8n.log');
	let server; // { child, exited: Promise }
	let cookie;
	let apiKey;
	let ownerSetUp = major >= 2;
	let fileCounter = 0;

	const instance = {
		version,
		major,
		get port() {
			return port;
		},
		get baseUrl() {
			return baseUrl;
		},
		userFolder,
		nodesDir,
		packageName,
		logFile,
		env,
		owner: { ...OWNER },
		paths,
		get apiKey() {
			return apiKey;
		},

		/** Runs `n8n <args>` with this instance's environment: { code, stdout, stderr }. */
		async cli(args, { timeoutMs = 180000, env: moreEnv } = {}) {
			// a CLI command starts its own task broker: keep it off the running server's port
			const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(port + 2), ...moreEnv };
			return run(node, [n8nBin, ...args], { env: cliEnv, cwd: userFolder, timeoutMs });
		},

		/** `n8n import:credentials`; takes [{ id, name, type, data: { plain values } }]. */
		async importCredentials(credentials) {
			await importFile('import:credentials', Array.isArray(credentials) ? credentials : [credentials]);
		},

		/** `n8n import:workflow`; the workflow needs an `id` (at most 21 characters). */
		async importWorkflow(workflow) {
			const list = Array.isArray(workflow) ? workflow : [workflow];
			for (const w of list) {
				// n8n stores a longer id but then runs it without one (no saved execution, no static data)
				if (!w.id || String(w.id).length > 21) throw new Error(`workflow "${w.name}" needs an id of 1 to 21 characters (has ${JSON.stringify(w.id)})`);
			}
			await importFile('import:workflow', list);
		},

		/**
		 * `n8n execute --id=<id> --rawOutput`: { code, run, error, stdout, stderr }. `run` is the
		 * parsed run (IRun: { data: { resultData: { runData, error? } }, status, … }), also for a
		 * failed run (code 1); undefined when n8n printed none (e.g. "Unrecognized node type",
		 * unknown workflow id). `error` is undefined on success, else the run's error message or the
		 * last line n8n printed.
		 */
		async execute(workflowId, { timeoutMs = 180000 } = {}) {
			const result = await instance.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs });
			const parsed = extractJson(result.stdout) || extractJson(result.stderr);
			let error;
			if (result.code !== 0) {
				const runError = parsed && parsed.data && parsed.data.resultData && parsed.data.resultData.error;
				const lastLine = stripAnsi(`${result.stdout}\n${result.stderr}`)
					.split('\n')
					.map((l) => l.trim())
					.filter((l) => l && !l.startsWith('at ') && !/^[{}\[\]=]+$/.test(l))
					.pop();
				error = (runError && runError.message) || lastLine || `exit ${result.code}`;
			}
			return { ...result, run: parsed, error };
		},

		/** Makes a trigger workflow active at the next start (2.x publish, 1.x update --active). */
		async activate(workflowId) {
			const args = major >= 2 ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true'];
			const result = await instance.cli(args);
			if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${tail(result.stdout + result.stderr)}`);
			return result;
		},

		/**
		 * `n8n export:nodes`: the node type names that loaded, e.g. "n8n-nodes-outreach.leadGrid".
		 * The array also carries `loadErrors`: n8n's "Failed to load package …" lines with the reason
		 * (one broken node file makes n8n drop the whole package).
		 */
		async exportNodes() {
			const file = path.join(userFolder, `nodes-${++fileCounter}.json`);
			const result = await instance.cli(['export:nodes', `--output=${file}`]);
			if (result.code !== 0 || !fs.existsSync(file)) {
				throw new Error(`n8n export:nodes failed (${result.code}):\n${tail(result.stdout + result.stderr)}`);
			}
			const nodes = JSON.parse(fs.readFileSync(file, 'utf8'));
			fs.rmSync(file, { force: true });
			const names = [...new Set(nodes.map((n) => n.name))];
			const lines = stripAnsi(`${result.stdout}\n${result.stderr}`).split('\n');
			const loadErrors = new Set();
			lines.forEach((line, i) => {
				const t = line.trim();
				if (/Failed to load package/i.test(t)) loadErrors.add(`${t}: ${(lines[i + 1] || '').trim()}`);
				// 1.x prints only the reason, e.g. "Cannot find module '<nodesDir>/…'"
				else if (t.includes(nodesDir) && !t.startsWith('at ') && ![...loadErrors].some((e) => e.endsWith(t.replace(/^Error: /, '')))) loadErrors.add(t);
			});
			Object.defineProperty(names, 'loadErrors', { value: [...loadErrors], enumerable: false });
			return names;
		},

		/**
		 * `n8n start` in the background (log: logFile); resolves once REST answers. With
		 * `{ command: 'worker' }` starts a queue-mode worker instead (give the instance
		 * EXECUTIONS_MODE=queue and the Redis settings); its health server listens on `port`, and it
		 * is ready when /healthz answers 200.
		 */
		async start({ timeoutMs = 120000, command = 'start' } = {}) {
			if (server) return;
			for (let attempt = 1; ; attempt++) {
				try {
					return await startOnce({ timeoutMs, command });
				} catch (error) {
					// Another process took the port between choosing it and n8n binding it: try another.
					if (!(error instanceof PortTaken) || portGiven || attempt >= 5) throw error;
					const previous = port;
					usePort(await findFreePort());
					process.stderr.write(`n8n ${version}: ${error.message}; retrying on port ${port} (was ${previous})\n`);
				}
			}
		},

		/** Internal: see start(). */
		async _startBody({ timeoutMs, command }) {
			const logStart = readLog().length;
			const worker = command === 'worker';
			const processEnv = worker
				? { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
				: env;
			const log = fs.openSync(logFile, 'a');
			const child = spawn(node, [n8nBin, command], { env: processEnv, cwd: userFolder, detached: true, stdio: ['ignore', log, log] });
			fs.closeSync(log);
			liveGroups.add(child.pid);
			const exited = new Promise((resolve) => {
				child.on('exit', (code, signal) => resolve({ code, signal }));
				child.on('error', (error) => resolve({ code: -1, signal: null, error }));
			});
			server = { child, exited };
			let exit;
			exited.then((e) => (exit = e));
			const started = Date.now();
			// Ready means this process answers: another process that took the port could answer the
			// probes too, so our own log must also say n8n is listening.
			const listening = () => /Editor is now accessible via|n8n worker is now ready/.test(stripAnsi(readLog().slice(logStart)));
			const ready = async () => {
				if (!listening()) return false;
				if (worker) return (await probe('healthz')) === 200;
				const readiness = await probe('healthz/readiness');
				if (readiness !== 200) return false;
				// 1.x serves REST routes a few seconds after readiness; 2.x at once
				return (await probe('rest/login')) === 401;
			};
			while (!(await ready())) {
				if (exit) {
					server = undefined;
					liveGroups.delete(child.pid);
					if (PORT_TAKEN.test(stripAnsi(readLog().slice(logStart)))) throw new PortTaken(`n8n ${version} could not bind port ${port} or ${port + 1}`);
					throw new Error(`n8n ${version} exited while starting (${exit.code ?? exit.signal}):\n${tail(readLog())}`);
				}
				if (Date.now() - started > timeoutMs) {
					await instance.stop();
					throw new Error(`n8n ${version} not ready after ${timeoutMs} ms:\n${tail(readLog())}`);
				}
				await sleep(250);
			}
		},

		/** Stops the server (SIGTERM, then SIGKILL after timeoutMs) and its children. */
		async stop({ timeoutMs = 20000 } = {}) {
			if (!server) return;
			const { child, exited } = server;
			server = undefined;
			cookie = undefined;
			killGroup(child.pid, 'SIGTERM');
			const timedOut = await Promise.race([exited.then(() => false), sleep(timeoutMs).then(() => true)]);
			killGroup(child.pid, 'SIGKILL');
			if (timedOut) await exited;
			liveGroups.delete(child.pid);
		},

		get running() {
			return Boolean(server);
		},

		/** The server's log so far. */
		readLog,

		/** Logs the owner in (1.x: sets the owner up first); keeps the session cookie. */
		async login() {
			requireServer();
			if (!ownerSetUp) {
				const setup = await instance.request('POST', '/rest/owner/setup', {
					body: { email: OWNER.email, password: OWNER.password, firstName: OWNER.firstName, lastName: OWNER.lastName },
				});
				if (setup.status >= 400 && !/already/i.test(JSON.stringify(setup.body))) {
					throw new Error(`POST /rest/owner/setup answered ${setup.status}: ${JSON.stringify(setup.body)}`);
				}
				ownerSetUp = true;
			}
			const res = await instance.request('POST', '/rest/login', { body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password } });
			if (res.status !== 200 || !res.cookies['n8n-auth']) {
				throw new Error(`POST /rest/login answered ${res.status}: ${JSON.stringify(res.body)}`);
			}
			cookie = `n8n-auth=${res.cookies['n8n-auth']}`;
			return res.body && res.body.data;
		},

		/** Creates a public-API key for the owner (logs in if needed); returns the raw key. */
		async createApiKey() {
			if (!cookie) await instance.login();
			let scopes;
			const scopesRes = await instance.rest('GET', '/rest/api-keys/scopes', undefined, { allowError: true });
			if (scopesRes.status === 200) scopes = scopesRes.body.data;
			const body = { label: `e2e ${crypto.randomBytes(4).toString('hex')}`, expiresAt: null };
			if (scopes) body.scopes = scopes;
			const res = await instance.rest('POST', '/rest/api-keys', body);
			apiKey = res.body.data.rawApiKey || res.body.data.apiKey;
			if (!apiKey) throw new Error(`POST /rest/api-keys returned no key: ${JSON.stringify(res.body)}`);
			return apiKey;
		},

		/**
		 * A raw HTTP request to this n8n: { status, headers, cookies, body } (body parsed when JSON).
		 * Options: body (JSON), headers, cookie (true: the login session).
		 */
		async request(method, urlPath, { body, headers = {}, cookie: withCookie = false } = {}) {
			const h = { 'browser-id': BROWSER_ID, ...headers };
			if (body !== undefined) h['content-type'] = 'application/json';
			if (withCookie && cookie) h.cookie = cookie;
			const res = await fetch(new URL(urlPath.replace(/^\//, ''), baseUrl), {
				method,
				headers: h,
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			let parsed = text;
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				/* not JSON */
			}
			const cookies = {};
			for (const c of res.headers.getSetCookie ? res.headers.getSetCookie() : []) {
				const [pair] = c.split(';');
				const i = pair.indexOf('=');
				cookies[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
			}
			return { status: res.status, headers: Object.fromEntries(res.headers), cookies, body: parsed };
		},

		/** The editor's REST API (/rest/...) with the login session; throws on >= 400 unless allowError. */
		async rest(method, urlPath, body, { allowError = false } = {}) {
			requireServer();
			if (!cookie) await instance.login();
			const res = await instance.request(method, urlPath, { body, cookie: true });
			if (res.status >= 400 && !allowError) throw httpError(method, urlPath, res);
			return res;
		},

		/**
		 * The public API (/api/v1/...) with X-N8N-API-KEY (created on first use); resolves the
		 * parsed body, throws on >= 400 (error.status, error.body).
		 */
		async api(method, urlPath, body) {
			requireServer();
			if (!apiKey) await instance.createApiKey();
			const res = await instance.request(method, urlPath, { body, headers: { 'X-N8N-API-KEY': apiKey } });
			if (res.status >= 400) throw httpError(method, urlPath, res);
			return res.body;
		},

		/** Deactivates a workflow in the running n8n (this is when triggers' `delete` runs). */
		async deactivate(workflowId) {
			return instance.api('POST', `/api/v1/workflows/${encodeURIComponent(workflowId)}/deactivate`);
		},

		/** Activates a workflow in the running n8n (public API). */
		async activateLive(workflowId) {
			return instance.api('POST', `/api/v1/workflows/${encodeURIComponent(workflowId)}/activate`);
		},

		/**
		 * Finished executions of a workflow with their run data, newest first (public API,
		 * includeData=true): [{ id, status, finished, mode, startedAt, stoppedAt, workflowId, data }].
		 */
		async executions(workflowId, { status } = {}) {
			const all = [];
			let cursor;
			do {
				const qs = new URLSearchParams({ includeData: 'true', limit: '100' });
				if (workflowId) qs.set('workflowId', workflowId);
				if (status) qs.set('status', status);
				if (cursor) qs.set('cursor', cursor);
				const page = await instance.api('GET', `/api/v1/executions?${qs}`);
				all.push(...page.data);
				cursor = page.nextCursor;
			} while (cursor);
			return all;
		},

		/**
		 * Waits until a workflow has at least `count` executions and none is still running (1.x's
		 * public API also lists running ones, without their data yet); resolves executions().
		 */
		async waitForExecutions(workflowId, { count = 1, timeoutMs = 30000 } = {}) {
			const started = Date.now();
			for (;;) {
				const list = await instance.executions(workflowId);
				const settled = list.every((e) => !['new', 'running', 'waiting'].includes(e.status) && e.data !== undefined);
				if (list.length >= count && settled) return list;
				if (Date.now() - started > timeoutMs) {
					throw new Error(`workflow ${workflowId}: ${list.length} executions (${list.map((e) => e.status).join(', ')}) after ${timeoutMs} ms, waited for ${count} finished`);
				}
				await sleep(250);
			}
		},

		/** Stops the server and removes the user folder (unless KEEP_N8N=1 or it was given). */
		async dispose() {
			await instance.stop();
			if (persistent) return;
			if (process.env.KEEP_N8N === '1') {
				process.stderr.write(`KEEP_N8N=1: kept ${userFolder}\n`);
			} else {
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
			tempDirs.delete(userFolder);
		},
	};

	/** One attempt at `n8n start` (or worker) on the current port. */
	async function startOnce(options) {
		for (const p of [port, port + 1]) {
			if (!(await portIsFree(p))) throw new PortTaken(`port ${p} is in use; n8n ${version} cannot start there`);
		}
		return instance._startBody(options);
	}

	async function importFile(command, data) {
		const file = path.join(userFolder, `import-${++fileCounter}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		try {
			const result = await instance.cli([command, `--input=${file}`]);
			if (result.code !== 0) {
				throw new Error(`n8n ${command} failed (${result.code}):\n${tail(result.stdout + result.stderr)}`);
			}
			return result;
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async function probe(urlPath) {
		try {
			const res = await fetch(new URL(urlPath, baseUrl), { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			return res.status;
		} catch {
			return 0;
		}
	}

	function readLog() {
		try {
			return fs.readFileSync(logFile, 'utf8');
		} catch {
			return '';
		}
	}

	function requireServer() {
		if (!server) throw new Error('n8n is not started: call start() first');
	}

	function httpError(method, urlPath, res) {
		const error = new Error(`${method} ${urlPath} answered ${res.status}: ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`);
		error.status = res.status;
		error.body = res.body;
		return error;
	}

	return instance;
}

module.exports = { prepareInstance, installN8n, extractJson, findFreePort, REPO };
