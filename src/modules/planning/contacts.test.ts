import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactRecordSchema, draftValuesFrom, timeFromText, valuesOfRecord } from './contacts.ts';

const CHILD_A = '11111111-1111-4111-8111-111111111111';
const CHILD_B = '22222222-2222-4222-8222-222222222222';
const ctx = {
  today: '2028-02-29',
  childIds: new Set([CHILD_A, CHILD_B]),
  partyIds: new Set<string>(),
  objectiveIds: new Set(['aaaaaaaa']),
};

describe('contact log entries', () => {
  it('reads a time typed in the ways people type it', () => {
    assert.equal(timeFromText('9:30'), '09:30');
    assert.equal(timeFromText(' 09.30 '), '09:30');
    assert.equal(timeFromText('23:59'), '23:59');
    assert.equal(timeFromText(''), null);
    assert.equal(timeFromText('24:00'), 'invalid');
    assert.equal(timeFromText('9:7'), 'invalid');
    assert.equal(timeFromText('half nine'), 'invalid');
  });

  it('keeps a draft as typed, cut to size, whatever the fields hold', () => {
    const v = draftValuesFrom({
      whatWasSaid: 'x'.repeat(30000),
      'heldOn-day': '31',
      children: [CHILD_A, CHILD_B],
      objectives: 'aaaaaaaa',
      unknown: 'ignored',
      kind: ['not', 'text'],
    });
    assert.equal(v.whatWasSaid.length, 20000);
    assert.equal(v['heldOn-day'], '31');
    assert.deepEqual(v.children, [CHILD_A, CHILD_B]);
    assert.deepEqual(v.objectives, ['aaaaaaaa']);
    assert.equal(v.kind, '');
    assert.ok(!('unknown' in v));
  });

  it('records each child of a sibling group, on a leap day', () => {
    const parsed = contactRecordSchema(ctx).safeParse({
      kind: 'visit',
      'heldOn-day': '29',
      'heldOn-month': '2',
      'heldOn-year': '2028',
      children: [CHILD_A, CHILD_B, CHILD_A],
      whatWasSaid: 'Both children said they miss their grandmother.',
      analysis: 'A shared loss.',
      others: ' Nan \n\n Nan ',
    });
    assert.ok(parsed.success);
    assert.deepEqual(parsed.data.childIds, [CHILD_A, CHILD_B]);
    assert.deepEqual(parsed.data.others, ['Nan']);
    assert.equal(parsed.data.heldOn, '2028-02-29');
    assert.equal(parsed.data.actions, null);
    // And back into the form to correct it.
    const values = valuesOfRecord(parsed.data);
    assert.equal(values['heldOn-day'], '29');
    assert.equal(values['heldOn-month'], '2');
    assert.equal(values.others, 'Nan');
  });

  it('reports every problem of an incomplete entry at once', () => {
    const parsed = contactRecordSchema(ctx).safeParse({
      'heldOn-day': '1',
      'heldOn-month': '3',
      'heldOn-year': '2028',
      objectives: 'bbbbbbbb',
      children: '33333333-3333-4333-8333-333333333333',
    });
    assert.ok(!parsed.success);
    const paths = parsed.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    assert.deepEqual(paths, [
      'kind:planning.errors.kindRequired',
      'heldOn:planning.errors.heldOnFuture',
      'children:planning.errors.personUnknown',
      'whatWasSaid:planning.errors.whatWasSaidRequired',
      'analysis:planning.errors.analysisRequired',
      'objectives:planning.errors.objectiveUnknown',
    ]);
  });
});
