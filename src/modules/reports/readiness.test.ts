import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normaliseForComparison,
  type ReadinessFacts,
  recommendationNamesChildren,
  reportReadiness,
} from './readiness.ts';
import { type Citable, type ReportSections, tokenOf } from './sections.ts';

const ANNA = '11111111-1111-4111-8111-111111111111';
const BEN = '22222222-2222-4222-8222-222222222222';
const CARA = '33333333-3333-4333-8333-333333333333';
const S_ANNA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const S_BEN = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CONTACT = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const citations = new Map<string, Citable>([
  [
    `words:${S_ANNA}`,
    {
      kind: 'words',
      id: S_ANNA,
      quote: 'I want to see Dad at weekends.',
      on: '2026-03-03',
      href: '/x',
      childId: ANNA,
      childName: 'Anna Jones',
    },
  ],
  [
    `words:${S_BEN}`,
    {
      kind: 'words',
      id: S_BEN,
      quote: 'I like living with Mum.',
      on: '2026-03-03',
      href: '/y',
      childId: BEN,
      childName: 'Ben Jones',
    },
  ],
  [
    `contact:${CONTACT}`,
    {
      kind: 'contact',
      id: CONTACT,
      quote: 'Mother said the handovers are calm.',
      on: '2026-03-04',
      href: '/z',
      contactKind: 'visit',
      withWhom: ['Mary Jones'],
    },
  ],
]);

function facts(overrides: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    directWorkHref: '/cases/c/direct-work',
    children: [
      { id: ANNA, name: 'Anna Jones', givenNames: 'Anna', seen: true, notSeenReason: null },
      { id: BEN, name: 'Ben Jones', givenNames: 'Ben', seen: true, notSeenReason: null },
      { id: CARA, name: 'Cara Jones', givenNames: 'Cara', seen: false, notSeenReason: 'Cara is four months old.' },
    ],
    citations,
    language: 'en',
    nameWords: ['Anna', 'Ben', 'Cara', 'Jones', 'Mary'],
    confidential: [
      { kind: 'address-line', value: '7 Hidden Lane' },
      { kind: 'postcode', value: 'ZZ9 9CQ' },
    ],
    ...overrides,
  };
}

function ready(): ReportSections {
  return {
    background: 'The court asked for a report on where the children should live.',
    wishes: {
      [ANNA]: `Anna told me what she wants. ${tokenOf('words', S_ANNA)}`,
      [BEN]: `Ben was clear. ${tokenOf('words', S_BEN)}`,
      [CARA]: 'Cara is a baby.',
    },
    wordsReason: { [CARA]: 'Cara is four months old and cannot yet say what she wishes.' },
    needs: {
      [ANNA]: 'Anna is settled at school and needs stability.',
      [BEN]: 'Ben has asthma and needs his inhalers at both homes.',
      [CARA]: 'Cara needs consistent routines for feeding and sleep.',
    },
    welfare: 'Each part of the welfare checklist has been considered.',
    diversity: {
      [ANNA]: 'Anna is bilingual; her Welsh-medium schooling should continue.',
      [BEN]: 'Nothing about his identity bears on the arrangements.',
      [CARA]: 'Nothing about her identity bears on the arrangements at her age.',
    },
    diversityRelevant: { [ANNA]: 'yes', [BEN]: 'no', [CARA]: 'no' },
    risk: `There are no safeguarding concerns. ${tokenOf('contact', CONTACT)}`,
    analysis: 'The children are well cared for by both parents.',
    recommendation:
      'I recommend that the children live with their mother and spend every other weekend with their father.',
    orders: ['C43'],
    signposting: '',
    ignoredWords: [],
  };
}

const rulesFailing = (sections: ReportSections, f = facts()) =>
  reportReadiness(sections, f)
    .rules.filter((r) => !r.ok)
    .map((r) => r.rule);

describe('report readiness', () => {
  it('passes a complete report for a sibling group with a baby not seen for a stated reason', () => {
    const r = reportReadiness(ready(), facts());
    assert.deepEqual(r.problems, []);
    assert.equal(r.ready, true);
    assert.equal(r.rules.length, 9);
  });

  it('fails a child not seen without a reason, linking to the direct work', () => {
    const f = facts();
    const r = reportReadiness(ready(), {
      ...f,
      children: f.children.map((c) => (c.id === CARA ? { ...c, notSeenReason: '  ' } : c)),
    });
    const p = r.problems.find((x) => x.rule === 'seen');
    assert.ok(p);
    assert.equal(p.href, '/cases/c/direct-work');
    assert.equal(p.params.name, 'Cara Jones');
  });

  it('needs each child’s own words quoted in their section, or a reason', () => {
    const s = ready();
    // Ben's words quoted in Anna's section do not count for Anna.
    s.wishes![ANNA] = `Anna was shy. ${tokenOf('words', S_BEN)}`;
    s.wordsReason![CARA] = '';
    const problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'own-words');
    assert.deepEqual(
      problems.map((p) => p.field),
      [`wishes-${ANNA}`, `wishes-${CARA}`],
    );
  });

  it('refuses empty and identical sibling sections, even with the names changed', () => {
    const s = ready();
    s.needs![BEN] = 'Ben is settled at school and needs stability!';
    s.needs![CARA] = '';
    const problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'siblings');
    assert.deepEqual(
      problems.map((p) => [p.field, p.key.split('.').at(-1), p.params.other ?? '']),
      [
        [`needs-${BEN}`, 'needsIdentical', 'Anna Jones'],
        [`needs-${CARA}`, 'needsRequired', ''],
      ],
    );
  });

  it('normalises sibling text: case, punctuation, tokens and the children’s names', () => {
    const kids = [
      { name: 'Anna Jones', givenNames: 'Anna' },
      { name: 'Ben Jones', givenNames: 'Ben' },
    ];
    assert.equal(
      normaliseForComparison(`Anna wants to see Dad. ${tokenOf('words', S_ANNA)}`, kids),
      normaliseForComparison('BEN wants to see dad', kids),
    );
    assert.notEqual(
      normaliseForComparison('Anna wants to see Dad', kids),
      normaliseForComparison('Ben does not', kids),
    );
  });

  it('needs a diversity statement per child that says whether anything is relevant', () => {
    const s = ready();
    s.diversityRelevant![BEN] = '';
    s.diversity![CARA] = ' ';
    const problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'diversity');
    assert.deepEqual(
      problems.map((p) => [p.field, p.key.split('.').at(-1)]),
      [
        [`diversityRelevant-${BEN}`, 'diversityRelevance'],
        [`diversity-${CARA}`, 'diversityWhy'],
      ],
    );
  });

  it('needs the analysis and a recommendation naming each child or the children', () => {
    const s = ready();
    s.analysis = '';
    s.recommendation = 'I recommend Anna and Ben live with their mother.';
    const problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'recommendation');
    assert.deepEqual(
      problems.map((p) => p.key.split('.').at(-1)),
      ['analysisRequired', 'recommendationNamesChildren'],
    );
    const kids = facts().children;
    assert.equal(recommendationNamesChildren('Anna, Ben and Cara should live with their mother.', kids), true);
    assert.equal(recommendationNamesChildren('Rwy’n argymell bod y plant yn byw gyda’u mam.', kids), true);
    // "Benjamin" is not "Ben": names are whole words.
    assert.equal(recommendationNamesChildren('Anna, Benjamin and Cara should stay.', kids), false);
    assert.equal(recommendationNamesChildren('The child should stay.', [kids[0]!]), true);
    assert.equal(recommendationNamesChildren('The child should stay.', kids), false);
  });

  it('flags misspellings (not quotations, names or accepted words) and accepts them when ignored', () => {
    const s = ready();
    s.background = 'The parents recieve support from Llanfairfechan school.';
    let r = reportReadiness(s, facts());
    assert.deepEqual(
      r.misspellings.map((w) => w.word),
      ['recieve', 'Llanfairfechan'],
    );
    assert.ok(r.misspellings[0]!.suggestions.includes('receive'));
    s.background = 'The parents receive support from Llanfairfechan school.';
    s.ignoredWords = ['Llanfairfechan'];
    r = reportReadiness(s, facts());
    assert.deepEqual(r.misspellings, []);
  });

  it('spell-checks a Welsh report against the Welsh dictionary', () => {
    const s: ReportSections = {
      ...ready(),
      background: 'Gofynnodd y llys am adroddiad ar ble dylai’r plant fyw.',
      welfare: 'Mae pob rhan o’r rhestr wirio lles wedi’i hystyried.',
      risk: 'Nid oes pryderon diogelu.',
      analysis: 'Mae’r plant yn cael gofal da gan y ddau riant.',
      recommendation: 'Rwy’n argymell bod y plant yn byw gyda’u mam.',
      wishes: {
        [ANNA]: `Dywedodd Anna beth mae hi eisiau. ${tokenOf('words', S_ANNA)}`,
        [BEN]: `Roedd Ben yn glir. ${tokenOf('words', S_BEN)}`,
        [CARA]: 'Baban yw Cara.',
      },
      wordsReason: { [CARA]: 'Mae Cara yn bedwar mis oed.' },
      needs: {
        [ANNA]: 'Mae Anna wedi setlo yn yr ysgol.',
        [BEN]: 'Mae gan Ben asthma.',
        [CARA]: 'Mae angen trefn gyson ar Cara.',
      },
      diversity: {
        [ANNA]: 'Mae Anna yn ddwyieithog.',
        [BEN]: 'Nid oes dim yn berthnasol.',
        [CARA]: 'Nid oes dim yn berthnasol i faban.',
      },
    };
    const welsh = facts({ language: 'cy' });
    assert.deepEqual(reportReadiness(s, welsh).misspellings, []);
    // The same text is full of "misspellings" to the English dictionary.
    assert.ok(reportReadiness(s, facts()).misspellings.length > 5);
    s.risk = 'Nid oes pryderron diogelu.';
    assert.deepEqual(
      reportReadiness(s, welsh).misspellings.map((w) => w.word),
      ['pryderron'],
    );
  });

  it('refuses tokens that resolve to nothing, naming the section', () => {
    const s = ready();
    s.analysis = `As the father said [[contact:dddddddd-dddd-4ddd-8ddd-dddddddddddd]] and [[words:nonsense]].`;
    const problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'citations');
    assert.deepEqual(
      problems.map((p) => [p.field, p.params.token]),
      [
        ['analysis', '[[contact:dddddddd-dddd-4ddd-8ddd-dddddddddddd]]'],
        ['analysis', '[[words:nonsense]]'],
      ],
    );
    // A token written in capitals still resolves.
    s.analysis = `As the mother said ${tokenOf('contact', CONTACT).toUpperCase().replace('CONTACT', 'contact')}.`;
    assert.deepEqual(rulesFailing(s), []);
  });

  it('finds a confidential address typed in, or quoted from the evidence, in the section that holds it', () => {
    const s = ready();
    s.risk = 'The mother lives at 7 hidden\nlane now.';
    let problems = reportReadiness(s, facts()).problems.filter((p) => p.rule === 'confidential');
    assert.deepEqual(
      problems.map((p) => [p.field, p.key.split('.').at(-1)]),
      [['risk', 'confidential-address-line']],
    );
    const leaky = new Map(citations);
    leaky.set(`contact:${CONTACT}`, { ...citations.get(`contact:${CONTACT}`)!, quote: 'She moved to ZZ99CQ.' });
    s.risk = `Handovers are calm. ${tokenOf('contact', CONTACT)}`;
    problems = reportReadiness(s, facts({ citations: leaky })).problems.filter((p) => p.rule === 'confidential');
    assert.deepEqual(
      problems.map((p) => [p.field, p.key.split('.').at(-1)]),
      [['risk', 'confidential-postcode']],
    );
  });
});
