/**
 * A progress bar on stderr: cases done of the total, percentage, rate and time left.
 * On a terminal it redraws one line (at most five times a second); otherwise (a log
 * file, CI) it prints a plain line every few seconds.
 */
export interface ProgressReporter {
  update(done: number, timelineRows: number): void;
  finish(): void;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

const number = new Intl.NumberFormat('en-GB');

export function progressLine(input: {
  done: number;
  total: number;
  startedWith: number;
  elapsedMs: number;
  timelineRows: number;
  width?: number;
}): string {
  const { done, total, startedWith, elapsedMs } = input;
  const fraction = total === 0 ? 1 : done / total;
  const width = input.width ?? 30;
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? (done - startedWith) / seconds : 0;
  const rowRate = seconds > 0 ? input.timelineRows / seconds : 0;
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : Number.NaN;
  return (
    `${bar} ${number.format(done)}/${number.format(total)} cases ${(fraction * 100).toFixed(1)}%  ` +
    `${number.format(Math.round(rate))} cases/s  ${number.format(Math.round(rowRate))} timeline rows/s  ` +
    `ETA ${done >= total ? '0s' : formatDuration(eta)}`
  );
}

export function createProgress(options: {
  total: number;
  startedWith: number;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 200 : 5000);
  const started = Date.now();
  let last = 0;
  let lastLine = '';
  const render = (done: number, timelineRows: number) =>
    progressLine({
      done,
      total: options.total,
      startedWith: options.startedWith,
      elapsedMs: Date.now() - started,
      timelineRows,
    });
  return {
    update(done, timelineRows) {
      const now = Date.now();
      if (now - last < interval && done < options.total) return;
      last = now;
      lastLine = render(done, timelineRows);
      stream.write(tty ? `\r${lastLine}\u001b[K` : `${lastLine}\n`);
    },
    finish() {
      if (tty && lastLine) stream.write('\n');
    },
  };
}
