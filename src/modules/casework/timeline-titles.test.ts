import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createMessages } from '../../platform/i18n/i18n.ts';
import { PRIVATE_LAW_STATES, possibleEvents } from './private-law-states.ts';
import { timelineTitle } from './view-models.ts';

/**
 * Every kind of timeline entry the service or the generator writes has a title in English
 * and in Welsh: a reader never sees a key. Kinds are found where they are written
 * (`kind: '…'` next to appendTimeline, and the generator's timeline rows).
 */
function writtenKinds(): string[] {
  const kinds = new Set<string>();
  const files = [...globSync('src/**/*.ts'), ...globSync('scripts/generate/*.ts')].filter(
    (f) => !f.endsWith('.test.ts'),
  );
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (!/appendTimeline|timeline_event|'timeline'|TIMELINE/i.test(source)) continue;
    for (const m of source.matchAll(/kind: '([a-z0-9-]+(?:\.[a-z0-9-]+)?)'/g)) kinds.add(m[1]!);
    // The generator's rows: event(at, '<kind>', …) and its kind type ('<area>.<what>').
    for (const m of source.matchAll(/event\([^,]+, '([a-z-]+\.[a-z-]+)'/g)) kinds.add(m[1]!);
    for (const m of source.matchAll(/^\s*\| '([a-z-]+\.[a-z-]+)'$/gm)) kinds.add(m[1]!);
    // SQL that writes a timeline row with a literal kind: …, 'hmcts.case-updated', …
    for (const m of source.matchAll(/timestamptz, '([a-z-]+\.[a-z-]+)'/g)) kinds.add(m[1]!);
  }
  // The state machine's events are written as state.<event>.
  for (const state of PRIVATE_LAW_STATES) for (const e of possibleEvents(state)) kinds.add(`state.${e}`);
  return [...kinds].sort();
}

/** Values of `kind` that are not timeline kinds (contact details, checks, signals, databases). */
const NOT_TIMELINE = new Set([
  'address',
  'phone',
  'email',
  'police',
  'local-authority',
  'child',
  'case',
  'letter',
  'none',
  'pglite',
  'postgres',
  'address-line',
  'postcode',
  'miam-domestic-abuse',
  'miam-child-protection',
  'known-to-local-authority',
  // Who a case plan names (planning): a child, a party or someone else.
  'party',
  'other',
]);

describe('timeline titles', () => {
  const messages = createMessages();
  const kinds = writtenKinds().filter((k) => !NOT_TIMELINE.has(k));

  it('finds the kinds written by every area', () => {
    for (const expected of [
      'note-added',
      'screening.recorded',
      'letters.filed',
      'state.screened',
      'hmcts.case-received',
      'planning.contact-recorded',
      'direct-work.session-recorded',
      'reports.filed',
      'court.order-recorded',
      'court.delay-notice',
      'closing.child-letter',
      'state.final-order',
    ]) {
      assert.ok(kinds.includes(expected), `${expected} not found among ${kinds.join(', ')}`);
    }
  });

  it('gives each a title in English and in Welsh', () => {
    for (const kind of kinds) {
      for (const language of ['en', 'cy'] as const) {
        const title = timelineTitle(messages[language], kind);
        assert.ok(!title.includes('.') || title.includes(' '), `${kind} has no ${language} title (shows ${title})`);
        assert.ok(!title.startsWith('timeline.kinds.') && !title.includes('timelineKinds'), `${kind}: ${title}`);
      }
    }
  });
});
