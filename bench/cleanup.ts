/**
 * Everything a run makes (child processes, databases, data directories) registers how to
 * undo it here. Undone last-made first at the end of the run, on failure and on Ctrl-C;
 * if the process exits anyway, the synchronous parts (killing children, removing
 * directories) still run from the 'exit' handler.
 */
interface Task {
  name: string;
  run: () => Promise<void> | void;
  /** What must happen even when the process exits without awaiting anything. */
  onExit?: () => void;
}

const tasks: Task[] = [];
let running: Promise<void> | undefined;

export function onCleanup(name: string, run: () => Promise<void> | void, onExit?: () => void): () => void {
  const task: Task = { name, run, onExit };
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      try {
        await Promise.race([
          task.run(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 20 s')), 20_000).unref()),
        ]);
      } catch (error) {
        console.error(`cleanup "${task.name}" failed: ${(error as Error).message}`);
        try {
          task.onExit?.();
        } catch {
          // best effort
        }
      }
    }
  })();
  return running;
}

export function installCleanupHandlers(): void {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      console.error(`\n${signal} again: exiting now`);
      process.exit(130);
    }
    interrupted = true;
    console.error(`\n${signal}: stopping the load, cleaning up…`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const task of tasks.toReversed()) {
      try {
        task.onExit?.();
      } catch {
        // best effort
      }
    }
  });
}
