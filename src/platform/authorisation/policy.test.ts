import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CaseAccessFacts, can } from './policy.ts';
import { type Principal, ROLES, type Role } from './roles.ts';

const ME = 'u-me';

function principal(role: Role, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: ME,
    email: 'me@test',
    displayName: 'Me',
    roles: [role],
    homeAreaId: 'area-1',
    areaIds: ['area-1'],
    teamIds: ['team-1'],
    managedTeamIds: role === 'service-manager' ? ['team-1'] : [],
    welshSpeaker: false,
    ...overrides,
  };
}

type Relationship =
  | 'allocated'
  | 'same-team'
  | 'same-area'
  | 'other-area'
  | 'restricted-named'
  | 'restricted'
  | 'emergency';

function facts(rel: Relationship): CaseAccessFacts {
  const base: CaseAccessFacts = {
    caseId: 'c1',
    areaId: 'area-2',
    teamId: 'team-9',
    restricted: false,
    allocatedUserIds: [],
    grantedUserIds: [],
    emergencyUserIds: [],
  };
  switch (rel) {
    case 'allocated':
      return { ...base, allocatedUserIds: [ME] };
    case 'same-team':
      return { ...base, areaId: 'area-1', teamId: 'team-1' };
    case 'same-area':
      return { ...base, areaId: 'area-1', teamId: 'team-2' };
    case 'other-area':
      return base;
    case 'restricted-named':
      return { ...base, areaId: 'area-1', teamId: 'team-1', restricted: true, grantedUserIds: [ME] };
    case 'restricted':
      // Even allocation and emergency access do not open a restricted case to someone not named.
      return {
        ...base,
        areaId: 'area-1',
        teamId: 'team-1',
        restricted: true,
        allocatedUserIds: [ME],
        emergencyUserIds: [ME],
      };
    case 'emergency':
      return { ...base, emergencyUserIds: [ME] };
  }
}

const RELATIONSHIPS: Relationship[] = [
  'allocated',
  'same-team',
  'same-area',
  'other-area',
  'restricted-named',
  'restricted',
  'emergency',
];

// Hand-written: who may see a case (case:view). Columns in RELATIONSHIPS order.
const VIEW: Record<Role, string> = {
  //                   alloc team area other rnamed restr emerg
  'intake-officer': '  Y     Y    Y    Y     Y      N     Y',
  seo: '               Y     Y    N    N     Y      N     Y',
  fca: '               Y     Y    N    N     Y      N     Y',
  'childrens-guardian': 'Y Y    N    N     Y      N     Y',
  'service-manager': ' Y     Y    Y    N     Y      N     Y',
  'head-of-practice': 'Y     Y    Y    N     Y      N     Y',
  'qa-auditor': '      Y     Y    Y    Y     Y      N     Y',
  complaints: '        Y     Y    Y    Y     Y      N     Y',
  'performance-analyst': 'Y  Y    Y    Y     Y      N     Y',
  associate: '         Y     N    N    N     Y      N     Y',
  inspector: '         Y     N    N    N     Y      N     Y',
  'system-admin': '    Y     N    N    N     Y      N     Y',
};

// Hand-written: who may change a case they can see (case:edit).
const EDIT: Record<Role, string> = {
  'intake-officer': '  Y     Y    Y    Y     Y      N     Y',
  seo: '               Y     Y    N    N     Y      N     Y',
  fca: '               Y     Y    N    N     Y      N     Y',
  'childrens-guardian': 'Y Y    N    N     Y      N     Y',
  'service-manager': ' Y     Y    Y    N     Y      N     Y',
  'head-of-practice': 'Y     Y    Y    N     Y      N     Y',
  'qa-auditor': '      N     N    N    N     N      N     N',
  complaints: '        N     N    N    N     N      N     N',
  'performance-analyst': 'N  N    N    N     N      N     N',
  associate: '         Y     N    N    N     N      N     Y',
  inspector: '         N     N    N    N     N      N     N',
  'system-admin': '    N     N    N    N     N      N     N',
};

const row = (table: Record<Role, string>, role: Role) =>
  table[role]
    .trim()
    .split(/\s+/)
    .map((c) => c === 'Y');

describe('can(): need-to-know on cases', () => {
  for (const role of ROLES) {
    it(`${role}: view and edit by relationship to the case`, () => {
      const view = row(VIEW, role);
      const edit = row(EDIT, role);
      RELATIONSHIPS.forEach((rel, i) => {
        const resource = { kind: 'case' as const, facts: facts(rel) };
        assert.equal(can(principal(role), 'case:view', resource), view[i], `${role} view ${rel}`);
        assert.equal(can(principal(role), 'case:edit', resource), edit[i], `${role} edit ${rel}`);
      });
    });
  }

  it('shows confidential contact details only to case workers who can see the case', () => {
    const resource = { kind: 'case' as const, facts: facts('same-team') };
    assert.equal(can(principal('fca'), 'case:view-confidential', resource), true);
    assert.equal(can(principal('qa-auditor'), 'case:view-confidential', resource), false);
    assert.equal(can(principal('performance-analyst'), 'case:view-confidential', resource), false);
    assert.equal(can(principal('fca'), 'case:view-confidential', { kind: 'case', facts: facts('other-area') }), false);
  });

  it('shows who has seen a case only to managers of its area', () => {
    assert.equal(
      can(principal('service-manager'), 'case:view-access-log', { kind: 'case', facts: facts('same-area') }),
      true,
    );
    assert.equal(
      can(principal('service-manager'), 'case:view-access-log', { kind: 'case', facts: facts('other-area') }),
      false,
    );
    assert.equal(can(principal('fca'), 'case:view-access-log', { kind: 'case', facts: facts('allocated') }), false);
    assert.equal(
      can(principal('qa-auditor'), 'case:view-access-log', { kind: 'case', facts: facts('same-area') }),
      false,
    );
  });

  it('offers emergency access only to case workers outside need-to-know, never on a restricted case', () => {
    const on = (role: Role, rel: Relationship) =>
      can(principal(role), 'case:emergency-access', { kind: 'case', facts: facts(rel) });
    assert.equal(on('fca', 'other-area'), true);
    assert.equal(on('fca', 'same-team'), false);
    assert.equal(on('fca', 'emergency'), true, 'a repeated request is allowed (and harmless)');
    assert.equal(on('fca', 'restricted'), false);
    assert.equal(on('qa-auditor', 'other-area'), false);
    assert.equal(on('system-admin', 'other-area'), false);
  });

  it('refuses case actions without a case, and the caseload to a system administrator', () => {
    assert.equal(can(principal('fca'), 'case:view'), false);
    assert.equal(can(principal('system-admin'), 'caseload:view'), false);
    assert.equal(can(principal('fca'), 'caseload:view'), true);
  });

  it('lets the safeguarding enquiry officers of an area see its new applications not yet given to a team', () => {
    const newInMyArea: CaseAccessFacts = { ...facts('same-area'), teamId: null };
    const newElsewhere: CaseAccessFacts = { ...facts('other-area'), teamId: null };
    assert.equal(can(principal('seo'), 'case:view', { kind: 'case', facts: newInMyArea }), true);
    assert.equal(can(principal('seo'), 'case:edit', { kind: 'case', facts: newInMyArea }), true);
    assert.equal(can(principal('seo'), 'case:view', { kind: 'case', facts: newElsewhere }), false);
    assert.equal(can(principal('fca'), 'case:view', { kind: 'case', facts: newInMyArea }), false);
    assert.equal(
      can(principal('seo'), 'case:view', { kind: 'case', facts: { ...newInMyArea, restricted: true } }),
      false,
    );
  });

  it('refuses everything to a person with no roles', () => {
    const nobody = principal('fca', { roles: [] });
    for (const rel of RELATIONSHIPS) {
      const resource = { kind: 'case' as const, facts: facts(rel) };
      if (rel === 'restricted-named' || rel === 'allocated' || rel === 'emergency') continue;
      assert.equal(can(nobody, 'case:view', resource), false, rel);
    }
    assert.equal(can(nobody, 'caseload:view'), false);
  });
});
