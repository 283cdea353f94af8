'use strict';
/** Shared pieces of the benchmarks: packing the build, a measured `n8n execute`, the table. */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { extractJson, REPO } = require('../test/e2e/n8n');

/** Builds (unless BENCH_NO_BUILD=1) and packs the package as a marketplace install unpacks it. */
function buildAndPack() {
	if (process.env.BENCH_NO_BUILD !== '1') execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-bench-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const [{ filename }] = JSON.parse(out);
	execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	return path.join(dir, 'package');
}

const seconds = (text) => {
	const m = /^(\d+)m([\d.]+)s$/.exec(text);
	return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * `n8n execute --id=<id> --rawOutput` of a prepared instance, under bash so that its `times`
 * reports the CPU time n8n (and whatever it waited for) used: { code, run, cpuSeconds, wallSeconds }.
 * The process group is killed after `timeoutMs`.
 */
function execute(n8n, workflowId, { timeoutMs = 15 * 60 * 1000 } = {}) {
	const { node, n8nBin } = n8n.paths;
	const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(n8n.port + 2) };
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', '"$@"; code=$?; times >&2; exit $code', 'bash', node, n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			env,
			cwd: n8n.userFolder,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		const kill = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		};
		process.on('exit', kill);
		const timer = setTimeout(kill, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			kill();
			process.removeListener('exit', kill);
			const stdout = Buffer.concat(out).toString('utf8');
			const stderr = Buffer.concat(err).toString('utf8');
			const times = stderr.trim().split('\n').filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l.trim()));
			const [user, sys] = (times.pop() || '').trim().split(' ');
			resolve({ code, run: extractJson(stdout) || extractJson(stderr), cpuSeconds: seconds(user) + seconds(sys), wallSeconds: (Date.now() - started) / 1000, stderr });
		});
	});
}

/** The contender node's task in a run: { executionTime (ms), items, error }. */
function contenderTask(run, name = 'Contender') {
	const runData = run && run.data && run.data.resultData && run.data.resultData.runData;
	const task = runData && runData[name] && runData[name][0];
	if (!task) return undefined;
	const items = task.data && task.data.main && task.data.main[0] ? task.data.main[0] : [];
	return { executionTime: task.executionTime, items, error: task.error };
}

function machine() {
	const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/) || [])[1] || os.cpus()[0]?.model || 'unknown';
	return { nproc: os.cpus().length, cpu: cpu.trim(), load: os.loadavg().map((l) => l.toFixed(1)).join(' ') };
}

/** A Markdown table. */
function table(header, rows) {
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
	return lines.join('\n');
}

module.exports = { buildAndPack, execute, contenderTask, machine, table };
