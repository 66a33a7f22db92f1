import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { prepareTemplate } from '../test/helpers/template.ts';

/**
 * `npm test`: prepare the migrated template database once, then run every unit and
 * integration test file with node's test runner (files in parallel, each on its own
 * copy of the template). `npm run test:e2e [-- file…]` runs the browser tests.
 */
const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const named = args.filter((a) => !a.startsWith('--'));

const files = named.length
  ? named
  : e2e
    ? globSync('test/e2e/**/*.test.ts')
    : [
        ...globSync('src/**/*.test.ts'),
        ...globSync('scripts/**/*.test.ts'),
        ...globSync('bench/**/*.test.ts'),
        ...globSync('test/integration/**/*.test.ts'),
      ];
files.sort();

const started = Date.now();
const template = await prepareTemplate();
console.log(
  `Test database: ${template.kind}${template.created ? ' (template created' : ' (template reused'} in ${Date.now() - started} ms)`,
);

const result = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${e2e ? 1 : 2}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
