import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
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
  let name = '';
  let admin: Database | undefined;
  let port = 0;
  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    await database.destroy();
    if (admin) {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    }
  });

  const health = async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200;

  it('refuses several processes on the embedded database, whose files belong to one process', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, APP_PROCESSES: '2', PORT: '0', DEMO_DATA: 'off' };
    delete env.DATABASE_URL;
    const refused = spawnSync(NODE, ['src/main.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout + refused.stderr, /APP_PROCESSES: more than one process needs DATABASE_URL/);
  });

  it('serves from every process, replaces one that dies and stops them all on SIGTERM', async (t) => {
    // The test database is on the server when the suite runs against one; else the server the
    // machine has (CI and this project's machines run one at 127.0.0.1).
    const server = testServerUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    if (database.kind !== 'postgres') {
      // PGlite run: a scratch database on the server, made and dropped here.
      name = `childvoice_processes_${process.pid}`;
      admin = await openDatabase({ kind: 'postgres', url: server, poolSize: 1 });
      const reachable = await admin.query('SELECT 1').then(
        () => true,
        () => false,
      );
      // Only a laptop with no PostgreSQL at all gets here: CI runs both suites with one.
      if (!reachable) return t.skip(`no PostgreSQL server answers at ${new URL(server).host}`);
      await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.exec(`CREATE DATABASE ${name}`);
    } else {
      name = (await database.query<{ name: string }>('SELECT current_database() AS name'))[0]!.name;
    }
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
