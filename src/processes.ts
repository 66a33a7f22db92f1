import cluster, { type Worker } from 'node:cluster';

/** How long to wait before starting again a process that stopped after serving. */
const RESTART_DELAY_MS = 1000;

/**
 * Several app processes on one port (APP_PROCESSES), one per core: this primary process
 * forks them (each with CHILDVOICE_WORKER=1…n and this process's Node.js options), and
 * the operating system's connections are shared out between them by Node's cluster
 * module. A worker that stops after serving is started again; one that stops before it
 * ever listened stops everything (the same failure would repeat). SIGTERM and SIGINT are
 * passed on, and this process exits when every worker has finished its requests.
 */
export function runWorkers(count: number, onListening: () => void): void {
  let stopping = false;
  let announced = false;
  const listening = new Set<number>();
  const live = new Set<Worker>();

  const fork = (index: number) => {
    const worker = cluster.fork({ CHILDVOICE_WORKER: String(index) });
    live.add(worker);
    let served = false;
    worker.on('listening', () => {
      served = true;
      listening.add(index);
      if (!announced && listening.size === count) {
        announced = true;
        onListening();
      }
    });
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) process.exit(process.exitCode ?? 0);
        return;
      }
      if (!served) {
        console.error(`App process ${index} stopped before it started (${signal ?? `exit ${code}`}); stopping.`);
        stopAll('SIGTERM', 1);
        return;
      }
      console.error(`App process ${index} stopped (${signal ?? `exit ${code}`}); starting it again.`);
      setTimeout(() => {
        if (!stopping) fork(index);
      }, RESTART_DELAY_MS).unref();
    });
  };

  const stopAll = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    if (live.size === 0) process.exit(exitCode);
    for (const worker of live) worker.process.kill(signal);
  };
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  for (let i = 1; i <= count; i += 1) fork(i);
}

/** This process's number among several (1…n), or null when it runs alone. */
export function workerIndex(): number | null {
  return cluster.isWorker ? Number(process.env.CHILDVOICE_WORKER) : null;
}
