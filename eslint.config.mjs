// Lint with exactly the rules n8n's verification gate applies to community packages
// (@n8n/scan-community-package: @n8n/eslint-plugin-community-nodes + eslint-plugin-n8n-nodes-base).
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

export default [{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**'] }, ...(await buildScanConfig())];
