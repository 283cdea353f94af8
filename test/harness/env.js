// n8n-core keeps its settings in N8N_USER_FOLDER: give each test worker a fresh one, removed at exit.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-outreach-test-'));
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'test-encryption-key';
process.env.N8N_LOG_LEVEL = 'silent';
process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
