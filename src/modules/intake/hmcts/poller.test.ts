import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDateTime } from './client.ts';
import { retryDelayMs } from './documents.ts';
import { nextWindow } from './poller.ts';

const at = (s: string) => new Date(s);
const MIN = 60_000;

describe('polling windows', () => {
  it('reaches back by the overlap and is never longer than 15 minutes', () => {
    const w = nextWindow(at('2026-03-04T11:30:00Z'), at('2026-03-04T13:00:00Z'), 15 * MIN, 2 * MIN)!;
    assert.equal(w.start.toISOString(), '2026-03-04T11:28:00.000Z');
    assert.equal(w.end.toISOString(), '2026-03-04T11:43:00.000Z');
  });
  it('stops at now; none when the mark has reached now', () => {
    const w = nextWindow(at('2026-03-04T11:55:00Z'), at('2026-03-04T12:00:00Z'), 15 * MIN, 2 * MIN)!;
    assert.equal(w.end.toISOString(), '2026-03-04T12:00:00.000Z');
    assert.equal(nextWindow(at('2026-03-04T12:00:00Z'), at('2026-03-04T12:00:00Z'), 15 * MIN, 2 * MIN), null);
  });
  it('query times are UTC without a zone', () => {
    assert.equal(localDateTime(at('2025-07-01T12:00:00.123Z')), '2025-07-01T12:00:00');
  });
  it('document retries back off exponentially, capped at six hours', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, MIN)),
      [MIN, 2 * MIN, 4 * MIN, 8 * MIN],
    );
    assert.equal(retryDelayMs(30, MIN), 6 * 60 * MIN);
  });
});
