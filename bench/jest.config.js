/** Benchmarks: figures printed against a baseline measured in the same run, never timed assertions. */
const base = require('../jest.config.js');

module.exports = { ...base, roots: ['<rootDir>/bench'], rootDir: '..', testMatch: ['**/bench/**/*.bench.ts'], testTimeout: 30 * 60 * 1000, maxWorkers: 1 };
