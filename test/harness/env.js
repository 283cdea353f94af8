// n8n-core keeps its settings in N8N_USER_FOLDER: give each test worker a fresh one.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
if (!process.env.N8N_USER_FOLDER_FIXED) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-outreach-test-'));
}
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'test-encryption-key';
process.env.N8N_LOG_LEVEL = 'silent';
