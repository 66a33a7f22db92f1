import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationSource, documentQuote, reportDocument, reportMessages } from './document.ts';
import { daysLate, filingAllowed, kindOfDirection, startProblem, timeliness } from './reports.ts';
import {
  type Citable,
  expandCitations,
  resolveCitations,
  tokenOf,
  unresolvedTokens,
  withoutTokens,
} from './sections.ts';

const S = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const index = new Map<string, Citable>([
  [
    `words:${S}`,
    {
      kind: 'words',
      id: S,
      quote: 'I miss my dog.',
      on: '2026-02-28',
      href: '/s',
      childId: 'k',
      childName: 'Anna Jones',
    },
  ],
  [
    `contact:${C}`,
    {
      kind: 'contact',
      id: C,
      quote: 'Father agreed.',
      on: '2026-03-01',
      href: '/c',
      contactKind: 'call',
      withWhom: ['Tom Jones'],
    },
  ],
]);

describe('citation tokens', () => {
  it('splits text into plain text, quotations and unresolved tokens', () => {
    const parts = resolveCitations(`Anna said ${tokenOf('words', S)} and [[words:oops]].`, index);
    assert.deepEqual(
      parts.map((p) => p.type),
      ['text', 'quote', 'text', 'unresolved', 'text'],
    );
    assert.deepEqual(unresolvedTokens('no tokens here', index), []);
    assert.deepEqual(unresolvedTokens('[[]] and [[contact:x]]', index), ['[[]]', '[[contact:x]]']);
    assert.equal(withoutTokens(`a ${tokenOf('contact', C)} b`).replace(/\s+/g, ' '), 'a b');
  });

  it('writes a quotation out with its date and source, in the report’s language', () => {
    const en = reportMessages('en');
    const cy = reportMessages('cy');
    assert.equal(
      expandCitations(`She said ${tokenOf('words', S)}`, index, documentQuote(en)),
      'She said “I miss my dog.” (Anna Jones’s own words, 28 February 2026)',
    );
    assert.equal(citationSource(en, index.get(`contact:${C}`)!), 'Telephone call with Tom Jones, 1 March 2026');
    assert.equal(citationSource(cy, index.get(`contact:${C}`)!), 'Galwad ffôn gyda Tom Jones, 1 Mawrth 2026');
  });

  it('builds the document with each child’s sections, quotations written out, and Welsh headings for a Welsh report', () => {
    const model = reportDocument(
      {
        background: 'Background text.',
        wishes: { k: `Anna said ${tokenOf('words', S)}` },
        needs: { k: 'Needs text.' },
        recommendation: 'The children should stay.',
        orders: ['C43', 'not-an-order'],
      },
      {
        kind: 'section-7',
        language: 'cy',
        reference: 'CV-1',
        courtName: 'Cardiff',
        courtNameCy: 'Caerdydd',
        children: [{ id: 'k', name: 'Anna Jones', age: 7 }],
        dueOn: '2026-04-01',
        parentFiledOn: null,
        authorName: 'A Author',
        authorRole: 'FCA',
        datedOn: '2026-03-30',
      },
      index,
    );
    assert.equal(model.title, 'Adroddiad adran 7');
    assert.equal(model.language, 'cy');
    assert.equal(model.metadata[0]!.value, 'Caerdydd');
    const headings = model.sections.map((s) => s.heading);
    assert.deepEqual(headings, [
      'Cefndir',
      'Anna Jones: dymuniadau a theimladau',
      'Anna Jones: amgylchiadau ac anghenion',
      'Argymhelliad',
    ]);
    assert.match(
      model.sections[1]!.paragraphs[0]!,
      /“I miss my dog\.” \(geiriau Anna Jones ei hun, 28 Chwefror 2026\)/,
    );
    assert.match(model.sections[3]!.paragraphs[1]!, /\(C43\)/);
    assert.doesNotMatch(model.sections[3]!.paragraphs[1]!, /not-an-order/);
  });
});

describe('filing rules', () => {
  it('counts calendar days late across month ends and leap days', () => {
    assert.equal(daysLate('2026-03-31', '2026-03-31'), 0);
    assert.equal(daysLate('2026-03-31', '2026-04-01'), 1);
    assert.equal(daysLate('2028-02-28', '2028-03-01'), 2);
    assert.equal(daysLate('2027-02-28', '2027-03-01'), 1);
    assert.equal(daysLate('2026-04-10', '2026-04-01'), -9);
    assert.deepEqual(timeliness('2026-03-31', '2026-04-03'), { onTime: false, daysLate: 3 });
    assert.deepEqual(timeliness('2026-03-31', '2026-03-20'), { onTime: true, daysLate: 0 });
    assert.deepEqual(timeliness(null, '2026-03-20'), { onTime: null, daysLate: 0 });
  });

  it('files an approved report, or a self-regulating author’s own without review; nobody else’s', () => {
    const author = 'u-author';
    assert.equal(filingAllowed({ status: 'approved', authorId: author }, 'u-other', false), 'review');
    assert.equal(filingAllowed({ status: 'draft', authorId: author }, author, true), 'self-regulating');
    assert.equal(filingAllowed({ status: 'submitted', authorId: author }, author, true), 'self-regulating');
    // Stepped down: the flag is read at filing, so the draft must go through review.
    assert.equal(filingAllowed({ status: 'draft', authorId: author }, author, false), null);
    // Another self-regulating FCA cannot file someone else's unreviewed report.
    assert.equal(filingAllowed({ status: 'draft', authorId: author }, 'u-other', true), null);
    assert.equal(filingAllowed({ status: 'filed', authorId: author }, author, true), null);
  });

  it('starts a report only on an allocated case, on an open direction of its kind, an addendum after a filed report', () => {
    const directions = [
      { id: 'd7', reportType: 'section-7', reportLabel: null, dueOn: '2026-04-01', filedOn: null },
      { id: 'da', reportType: 's7-addendum', reportLabel: null, dueOn: '2026-05-01', filedOn: null },
      { id: 'dl', reportType: 'letter-update', reportLabel: null, dueOn: '2026-05-01', filedOn: null },
    ];
    assert.equal(kindOfDirection('s7-addendum'), 'addendum');
    assert.equal(kindOfDirection('letter-update'), null);
    const base = { directions, reports: [] };
    assert.equal(startProblem({ ...base, status: 'awaiting-allocation' }, 'section-7', 'd7'), 'case-state');
    assert.equal(startProblem({ ...base, status: 'allocated' }, 'section-7', 'd7'), null);
    assert.equal(startProblem({ ...base, status: 'allocated' }, 'section-7', 'da'), 'direction');
    assert.equal(startProblem({ ...base, status: 'report-filed' }, 'addendum', 'da'), 'parent');
  });
});
