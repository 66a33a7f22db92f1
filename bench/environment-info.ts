import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { REPO_ROOT } from './child-process.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
}

export interface Versions {
  node: string;
  database: string;
  app: string;
  autocannon: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
  };
}

function packageVersion(name: string): string {
  try {
    const text = readFileSync(`${REPO_ROOT}node_modules/${name}/package.json`, 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The app's git commit, with "-dirty" when the working tree has changes. */
export function appCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT })
      .toString()
      .trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** `app` is the commit the app processes were started from (taken when they start: the tree may move on). */
export function versions(database: string, app: string): Versions {
  return { node: process.version, database, app, autocannon: packageVersion('autocannon') };
}

export function pgliteVersion(): string {
  return `PGlite ${packageVersion('@electric-sql/pglite')}`;
}
