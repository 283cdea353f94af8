'use strict';
/**
 * The end-to-end suite shares its machine with other work: a port chosen for n8n can be taken by
 * another process before n8n binds it. start() must then move to another free port instead of
 * failing, whether the port is taken before start() checks it or between that check and n8n
 * binding it (n8n exits with EADDRINUSE). Runs on one n8n version: the logic is the runner's.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');

const { prepareInstance } = require('../n8n');
const { until } = require('../lib');

/** A plain TCP server holding `port` on 127.0.0.1 (what another process would do). */
function hold(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer((socket) => socket.destroy());
		server.once('error', reject);
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
	});
}

const release = (server) => new Promise((resolve) => server.close(resolve));

module.exports = {
	name: 'ports',
	versions: (version) => version === (process.env.N8N_VERSIONS || '2.41.1').split(',')[0].trim(),
	scenarios: [
		{
			name: 'a port taken before n8n starts, or while it starts, is replaced by another free port',
			async run({ version }) {
				// Taken before start(): the check sees it and moves on.
				const first = await prepareInstance({ version });
				const firstPort = first.port;
				const before = await hold(firstPort);
				try {
					await first.start();
					assert.notEqual(first.port, firstPort, 'n8n started on the taken port');
					assert.equal(first.baseUrl, `http://127.0.0.1:${first.port}/`);
					assert.equal((await fetch(new URL('healthz/readiness', first.baseUrl))).status, 200);
				} finally {
					await first.dispose();
					await release(before);
				}

				// Taken after the check, before n8n binds (n8n exits with EADDRINUSE): retried too.
				const second = await prepareInstance({ version });
				const secondPort = second.port;
				const starting = second.start();
				let blocker;
				try {
					// n8n writes its log from the moment it runs, seconds before it binds the port.
					await until('n8n to start writing its log', () => fs.existsSync(second.logFile) && fs.statSync(second.logFile).size > 0, 60000);
					blocker = await hold(secondPort);
					await starting;
					assert.notEqual(second.port, secondPort, 'n8n reported ready on a port it could not bind');
					assert.match(second.readLog(), /already in use/i, 'n8n never met the taken port (the race was not reproduced)');
					assert.equal((await fetch(new URL('healthz/readiness', second.baseUrl))).status, 200);
				} finally {
					await starting.catch(() => undefined);
					await second.dispose();
					if (blocker) await release(blocker);
				}
			},
		},
	],
};
