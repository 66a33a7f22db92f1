import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startOptions } from './app-process.ts';

describe('the app as the bench starts it', () => {
  it('takes the Node.js options of npm start', () => {
    assert.deepEqual(
      startOptions(
        'node scripts/build-assets.ts && node --max-semi-space-size=16 --max-old-space-size=1024 src/main.ts',
      ),
      ['--max-semi-space-size=16', '--max-old-space-size=1024'],
    );
    assert.deepEqual(startOptions('node src/main.ts'), []);
  });

  it('refuses a start script that does not run src/main.ts, rather than measure something else', () => {
    assert.throws(() => startOptions('tsx server.ts'), /does not run src\/main.ts/);
  });

  it('reads this repository’s start script', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.ok(startOptions(pkg.scripts.start).includes('--max-semi-space-size=16'));
  });
});
