import { createConnection } from 'node:net';
import pg from 'pg';

/** Admin helpers for the PostgreSQL server the bench uses (databases are made and dropped here). */

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether something listens on the server's host and port (within a second). */
export function serverReachable(adminUrl: string): Promise<boolean> {
  const url = new URL(adminUrl);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function adminQuery<T = Record<string, unknown>>(
  adminUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function assertName(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a safe database name: ${name}`);
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const rows = await adminQuery(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length > 0;
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  assertName(name);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertName(name);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function serverVersion(adminUrl: string): Promise<string> {
  const [row] = await adminQuery<{ server_version: string }>(adminUrl, 'SHOW server_version');
  return row?.server_version ?? 'unknown';
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drop the per-run databases (bench_<cases>_<pid>, bench_pgbench_<pid>) of earlier runs
 * that were killed before they could clean up: those whose process is gone. The large,
 * kept populations (bench_600k and the like) have no pid and are never touched.
 */
export async function dropStaleBenchDatabases(adminUrl: string): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>(
    adminUrl,
    "SELECT datname FROM pg_database WHERE datname ~ '^bench_([0-9]+|pgbench)_[0-9]+$'",
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    const pid = Number(datname.split('_').at(-1));
    if (pid === process.pid || processAlive(pid)) continue;
    await dropDatabase(adminUrl, datname);
    dropped.push(datname);
  }
  return dropped;
}
