import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (where src/main.ts is). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Password every demo account gets in the e2e servers. */
export const DEMO_PASSWORD = 'childvoice-e2e-demo-2026';

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  baseUrl: string;
  /** Everything the process has written so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment variables, e.g. short session timeouts. */
  env?: Record<string, string>;
}

/** A port that was free a moment ago: the app cannot report the port it got for PORT=0. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!port) throw new Error('could not find a free port');
  return port;
}

/** Builds the browser assets (skips when up to date). Run once before starting servers. */
export async function buildAssetsOnce(): Promise<void> {
  const child = spawn(process.execPath, ['scripts/build-assets.ts'], { cwd: REPO_ROOT, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`scripts/build-assets.ts failed (exit ${code}):\n${output}`);
}

/**
 * Starts `node src/main.ts` on a free port with a fresh PGlite data directory and the demo
 * data, and resolves once it prints "Childvoice is running on …".
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'childvoice-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    DEMO_DATA: 'on',
    DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // Always the embedded database in the fresh DATA_DIR, even when the caller's shell points at a server.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['src/main.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app did not start within ${STARTUP_TIMEOUT_MS / 1000}s:\n${output}`)),
        STARTUP_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Childvoice is running on /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then(([code, signal]) => {
        clearTimeout(timer);
        reject(new Error(`the app exited before it started (code ${code}, signal ${signal}):\n${output}`));
      });
    });
  } catch (error) {
    await kill(child, exited);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  // A crash mid-run otherwise shows up only as "connection refused" in some later test.
  void exited.then(([code, signal]) => {
    if (!stopped)
      console.error(`The app on ${baseUrl} exited unexpectedly (code ${code}, signal ${signal}):\n${output}`);
  });
  // If the test run itself is cut short, don't leave the app running or its data behind.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    baseUrl,
    output: () => output,
    stop() {
      stopped ??= (async () => {
        process.removeListener('exit', onExit);
        await kill(child, exited);
        await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopped;
    },
  };
}

async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
