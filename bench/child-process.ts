import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.ts';

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Stop a child: SIGTERM, then SIGKILL if it has not gone within the grace period. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Prefix for echoed output lines; without it output is only collected. */
  echo?: string;
  /** Kill the child after this many milliseconds. */
  timeoutMs?: number;
}

/** Run a command to completion (killed on cleanup), collecting its output. */
export async function runChild(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const unregister = onCleanup(
    `${command} (pid ${child.pid})`,
    () => stopChild(child, 5000),
    () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (options.echo) {
      for (const line of text.split('\n')) if (line.trim()) console.log(`${options.echo}${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = options.timeoutMs
    ? setTimeout(() => {
        output += `\n[killed after ${options.timeoutMs} ms]`;
        child.kill('SIGKILL');
      }, options.timeoutMs)
    : undefined;
  const [code] = (await once(child, 'exit')) as [number | null];
  if (timer) clearTimeout(timer);
  unregister();
  return { code, output };
}
