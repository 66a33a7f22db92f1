import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child-process.ts';
import { onCleanup } from './cleanup.ts';
import { adminQuery, createDatabase, databaseUrl, dropDatabase } from './postgres-server.ts';

export const PGBENCH = '/usr/bin/pgbench';

/**
 * The server's own write baseline: pgbench with a custom script of one single-row INSERT
 * (a note-sized row into a one-table schema) per transaction, in a scratch database.
 */
export interface PgbenchBaseline {
  database: string;
  run(seconds: number, clients: number): Promise<{ tps: number; latencyMs: number | null }>;
}

export async function preparePgbench(adminUrl: string): Promise<PgbenchBaseline> {
  if (!existsSync(PGBENCH)) throw new Error(`${PGBENCH} is not installed`);
  const name = `bench_pgbench_${process.pid}`;
  await dropDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  onCleanup(`drop database ${name}`, () => dropDatabase(adminUrl, name));
  const url = databaseUrl(adminUrl, name);
  await adminQuery(
    url,
    `CREATE TABLE note_insert (
       id bigserial PRIMARY KEY,
       client_id integer NOT NULL,
       body text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'childvoice-pgbench-'));
  onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const script = join(dir, 'insert.sql');
  await writeFile(
    script,
    "INSERT INTO note_insert (client_id, body) VALUES (:client_id, 'Telephone call with the applicant to arrange the safeguarding interview.');\n",
  );
  const server = new URL(adminUrl);
  return {
    database: name,
    async run(seconds, clients) {
      const args = [
        '-h',
        server.hostname,
        '-p',
        server.port || '5432',
        '-U',
        decodeURIComponent(server.username || 'postgres'),
        '-n',
        '-c',
        String(clients),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-f',
        script,
        name,
      ];
      const env = { ...process.env, ...(server.password ? { PGPASSWORD: decodeURIComponent(server.password) } : {}) };
      const { code, output } = await runChild(PGBENCH, args, { env, timeoutMs: (seconds + 60) * 1000 });
      if (code !== 0) throw new Error(`pgbench failed (exit ${code}):\n${output}`);
      const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? Number.NaN);
      const latency = /latency average = ([\d.]+) ms/.exec(output)?.[1];
      if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's TPS:\n${output}`);
      return { tps, latencyMs: latency ? Number(latency) : null };
    },
  };
}
