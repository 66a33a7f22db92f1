import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT, runChild, stopChild } from './child-process.ts';
import { onCleanup } from './cleanup.ts';

const STARTUP_TIMEOUT_MS = 120_000;

/**
 * The Node.js options `npm start` runs the app with (its V8 heap sizes, see docs/scale.md),
 * read from package.json so that the bench measures the app as it is started.
 */
export function startOptions(startScript: string): string[] {
  const match = /(?:^|&&\s*)node\s+((?:--\S+\s+)*)src\/main\.ts\b/.exec(startScript);
  if (!match) throw new Error(`package.json's start script does not run src/main.ts with node: ${startScript}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

function appStartOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return startOptions(pkg.scripts.start);
}

/** The app (`node src/main.ts`) running as a child process for the bench. */
export interface AppProcess {
  label: string;
  baseUrl: string;
  pid: number;
  /** Resident and peak resident memory of the app process, in MB (from /proc/<pid>/status). */
  memory(): { rssMb: number; peakRssMb: number } | null;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!port) throw new Error('could not find a free port');
  return port;
}

/** Builds the browser assets the pages link to (skips when up to date). */
export async function buildAssets(): Promise<void> {
  const { code, output } = await runChild(process.execPath, ['scripts/build-assets.ts']);
  if (code !== 0) throw new Error(`scripts/build-assets.ts failed (exit ${code}):\n${output}`);
}

function readMemory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/**
 * Start the app on a free loopback port with the benchmark settings (baseline pages on,
 * no rate limit, no demo data, warnings only) and wait for "Childvoice is running".
 */
export async function startApp(
  label: string,
  databaseEnv: Record<string, string>,
  /** Node.js options after those of `npm start` (e.g. `--cpu-prof`). */
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DEMO_DATA: 'off',
    BENCH_BASELINE: 'on',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    TEMPLATE_RELOAD: 'off',
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  Object.assign(env, databaseEnv);
  const child = spawn(process.execPath, [...appStartOptions(), ...nodeArgs, 'src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the app did not start');
  let output = '';
  let stopping = false;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const unregister = onCleanup(
    `stop app ${label} (pid ${pid})`,
    () => {
      stopping = true;
      return stopChild(child);
    },
    () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)),
        STARTUP_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.length > 200_000) output = output.slice(-100_000);
        if (/Childvoice is running on /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(([code, signal]) => {
        clearTimeout(timer);
        reject(new Error(`the app exited before it started (code ${code}, signal ${signal}):\n${output}`));
      });
    });
  } catch (error) {
    stopping = true;
    await stopChild(child);
    unregister();
    throw error;
  }
  void exited.then(([code, signal]) => {
    if (!stopping) console.error(`\nThe app ${label} exited unexpectedly (code ${code}, signal ${signal}):\n${output}`);
  });
  return {
    label,
    baseUrl,
    pid,
    memory: () => readMemory(pid),
    output: () => output,
    async stop() {
      stopping = true;
      await stopChild(child);
      unregister();
    },
  };
}
