import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../platform/errors/catalogue.ts';
import { type CaseEvent, PRIVATE_LAW_STATES, possibleEvents, transition } from './private-law-states.ts';

const refused = (status: string, event: CaseEvent) =>
  assert.throws(
    () => transition({ status }, event),
    (e: unknown) => isDomainError(e) && e.code === 'ILLEGAL_TRANSITION' && e.params.from === status,
  );

describe('private-law state machine', () => {
  it('walks the path to the first hearing', () => {
    let s: string = 'received';
    s = transition({ status: s }, { type: 'screening-started' });
    assert.equal(s, 'screening');
    s = transition({ status: s }, { type: 'screened', decision: 'fast-track' });
    assert.equal(s, 'safeguarding-checks');
    s = transition({ status: s }, { type: 'letter-filed' });
    assert.equal(s, 'awaiting-first-hearing');
    assert.equal(transition({ status: s }, { type: 'first-hearing-outcome', outcome: 'resolved' }), 'closed');
    assert.equal(
      transition({ status: s }, { type: 'first-hearing-outcome', outcome: 'further-work' }),
      'awaiting-allocation',
    );
  });

  it('screens straight from received, without a separate start', () => {
    assert.equal(transition({ status: 'received' }, { type: 'screened', decision: 'standard' }), 'safeguarding-checks');
  });

  it('records a first hearing held before the letter was filed, but never before screening', () => {
    assert.equal(
      transition({ status: 'safeguarding-checks' }, { type: 'first-hearing-outcome', outcome: 'further-work' }),
      'awaiting-allocation',
    );
    refused('received', { type: 'first-hearing-outcome', outcome: 'resolved' });
    refused('screening', { type: 'first-hearing-outcome', outcome: 'resolved' });
  });

  it('refuses to screen twice or to file a letter twice', () => {
    refused('safeguarding-checks', { type: 'screened', decision: 'standard' });
    refused('awaiting-first-hearing', { type: 'letter-filed' });
    refused('received', { type: 'letter-filed' });
  });

  it('lets any open case be withdrawn, and a closed one only reopened', () => {
    for (const s of PRIVATE_LAW_STATES.filter((x) => x !== 'closed')) {
      assert.equal(transition({ status: s }, { type: 'withdrawn' }), 'closed');
    }
    refused('closed', { type: 'withdrawn' });
    assert.deepEqual(possibleEvents('closed'), ['reopened']);
    assert.equal(transition({ status: 'closed' }, { type: 'reopened' }), 'awaiting-allocation');
  });

  it('refuses a state it does not know', () => {
    refused('dormant', { type: 'withdrawn' });
  });

  it('offers each state only the moves it allows', () => {
    assert.deepEqual(possibleEvents('received'), ['screening-started', 'screened', 'withdrawn']);
    assert.deepEqual(possibleEvents('awaiting-allocation'), ['allocated', 'withdrawn']);
    assert.deepEqual(possibleEvents('allocated'), ['report-started', 'final-order', 'withdrawn']);
    assert.deepEqual(possibleEvents('reporting'), ['report-filed', 'final-order', 'withdrawn']);
    assert.deepEqual(possibleEvents('report-filed'), ['report-started', 'final-order', 'withdrawn']);
    assert.deepEqual(possibleEvents('closing'), ['closed', 'withdrawn']);
  });

  it('walks the work after the first hearing: allocation, report, addendum, final order, closure', () => {
    let s: string = 'awaiting-allocation';
    for (const [event, to] of [
      ['allocated', 'allocated'],
      ['report-started', 'reporting'],
      ['report-filed', 'report-filed'],
      ['report-started', 'reporting'],
      ['report-filed', 'report-filed'],
      ['final-order', 'closing'],
      ['closed', 'closed'],
      ['reopened', 'awaiting-allocation'],
    ] as const) {
      s = transition({ status: s }, { type: event } as CaseEvent);
      assert.equal(s, to, event);
    }
  });

  it('refuses to close without a final order, to file a report not started, or to allocate twice', () => {
    for (const s of ['allocated', 'reporting', 'report-filed', 'awaiting-allocation']) refused(s, { type: 'closed' });
    refused('allocated', { type: 'report-filed' });
    refused('report-filed', { type: 'report-filed' });
    refused('allocated', { type: 'allocated' });
    refused('closing', { type: 'final-order' });
    refused('awaiting-allocation', { type: 'final-order' });
  });
});
