import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';
import { testServerUrl } from '../helpers/template.ts';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The app's worker processes: the children of the primary. */
function workers(primary: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return [];
  }
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('several app processes on one port (APP_PROCESSES)', () => {
  let database: TestDatabase;
  let app: ChildProcess | undefined;
  let output = '';
  let port = 0;
  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    await database.destroy();
  });

  const health = async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200;

  it('serves from every process, replaces one that dies and stops them all on SIGTERM', async (t) => {
    const server = testServerUrl();
    if (!server || database.kind !== 'postgres') return t.skip('needs the PostgreSQL server');
    const [{ name }] = (await database.query<{ name: string }>('SELECT current_database() AS name')) as [
      { name: string },
    ];
    const url = new URL(server);
    url.pathname = `/${name}`;
    port = await freePort();
    // The primary runs the app with the script directly, so its pid is the one pgrep -P names.
    const real = execFileSync(NODE, ['-p', 'process.execPath'], { encoding: 'utf8' }).trim();
    app = spawn(real, ['src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        APP_PROCESSES: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_DATA: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    app.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until('the app to start', () => /Childvoice is running on .*2 processes/.test(output), 60_000);
    const primary = app.pid!;
    assert.equal(workers(primary).length, 2);
    for (let i = 0; i < 10; i += 1) assert.ok(await health());

    const [first] = workers(primary);
    process.kill(first!, 'SIGKILL');
    await until('a process to be started again', () =>
      /App process \d stopped \(SIGKILL\); starting it again/.test(output),
    );
    await until('two processes again', () => {
      const now = workers(primary);
      return now.length === 2 && !now.includes(first!);
    });
    await until('the new process to serve', health);

    const exited = once(app, 'exit') as Promise<[number | null, string | null]>;
    app.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, output);
    assert.deepEqual(workers(primary), []);
  });
});
