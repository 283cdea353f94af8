import { run, useSandbox } from './setup';

const sandbox = useSandbox();

test('get many flows', async () => {
	const result = await run(sandbox(), { resource: 'flow', operation: 'getAll', returnAll: true });
	expect(result.error).toBeUndefined();
	console.log(JSON.stringify(result.items, null, 1).slice(0, 500), sandbox().server.requests.map((r) => `${r.method} ${r.path}?${r.rawQuery}`));
});
