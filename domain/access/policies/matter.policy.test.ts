import { describe, expect, it } from 'vitest';
import type { MatterStatus } from '../../matters/stages';
import type { Actor, Grant } from '../actor';
import type { Role } from '../roles';
import { canOnMatter, canRaise, type MatterAction, type MatterSubject } from './matter.policy';

// 1 city / 2 town / 3 community / 4 estate / 5 building / 6 unit; 9 another community of the town.
const unit = '/1/2/3/4/5/6/';
const building = '/1/2/3/4/5/';
const community = '/1/2/3/';
const otherCommunity = '/1/2/9/';
const town = '/1/2/';

const actor = (accountId: number, ...grants: [Role, string][]): Actor => ({
  accountId,
  residentId: accountId,
  grants: grants.map(([role, placePath]): Grant => ({ role, placeId: 0, placePath })),
});
const proposer = actor(1, ['resident', unit]);
const neighbour = actor(2, ['resident', '/1/2/3/4/7/']);
const outsider = actor(3, ['resident', '/1/2/9/10/']);
const convenor = actor(4, ['convenor', community]);
const gridWorker = actor(5, ['grid_worker', community]);
const supervisor = actor(6, ['supervisor', community]);
const townOfficer = actor(7, ['town_officer', town]);
const otherConvenor = actor(8, ['convenor', otherCommunity]);

const matter = (status: MatterStatus, more: Partial<MatterSubject> = {}): MatterSubject => ({
  type: 'matter',
  path: building,
  status,
  proposerAccountId: 1,
  visibility: 'community',
  isParticipant: false,
  ...more,
});

const who = { proposer, neighbour, outsider, convenor, gridWorker, supervisor, townOfficer, otherConvenor };
const allowed = (action: MatterAction, status: MatterStatus, more: Partial<MatterSubject> = {}) =>
  Object.entries(who)
    .filter(([, a]) => canOnMatter(a, action, matter(status, more)))
    .map(([name]) => name);

describe('matter policy', () => {
  it('lets residents raise only in their own community, staff on behalf inside their subtree', () => {
    expect(canRaise(proposer, 'matter.raise', building)).toBe(true);
    expect(canRaise(outsider, 'matter.raise', building)).toBe(false);
    expect(canRaise(gridWorker, 'matter.raiseOnBehalf', building)).toBe(true);
    expect(canRaise(proposer, 'matter.raiseOnBehalf', building)).toBe(false);
    expect(canRaise(otherConvenor, 'matter.raiseOnBehalf', building)).toBe(false);
  });

  it('shows a community matter to the community and its staff, not to other communities', () => {
    expect(allowed('matter.view', 'raised')).toEqual([
      'proposer',
      'neighbour',
      'convenor',
      'gridWorker',
      'supervisor',
      'townOfficer',
    ]);
  });

  it('shows a participants-only matter to the proposer, participants and staff only', () => {
    expect(allowed('matter.view', 'raised', { visibility: 'participants' })).toEqual([
      'proposer',
      'convenor',
      'gridWorker',
      'supervisor',
      'townOfficer',
    ]);
    expect(
      canOnMatter(neighbour, 'matter.view', matter('raised', { visibility: 'participants', isParticipant: true })),
    ).toBe(true);
  });

  it('lets neighbours, not the proposer, support while raised', () => {
    expect(allowed('matter.support', 'raised')).toEqual(['neighbour']);
    expect(allowed('matter.support', 'accepted')).toEqual([]);
  });

  it('lets only managers of the place vet and manage, and nobody once archived', () => {
    expect(allowed('matter.vet', 'raised')).toEqual(['convenor', 'townOfficer']);
    expect(allowed('matter.manage', 'archived')).toEqual([]);
    expect(allowed('matter.vet', 'declined')).toEqual([]);
  });

  it('opens discussion to viewers while announced or deliberating', () => {
    expect(allowed('matter.discuss', 'deliberating')).toEqual([
      'proposer',
      'neighbour',
      'convenor',
      'gridWorker',
      'supervisor',
      'townOfficer',
    ]);
    expect(allowed('matter.discuss', 'raised')).toEqual([]);
  });

  it('leaves follow-ups to staff, ratings to residents, reviews to independent supervisors', () => {
    expect(allowed('matter.followUp', 'implementing')).toEqual(['convenor', 'gridWorker', 'townOfficer']);
    expect(allowed('matter.rate', 'implementing')).toEqual(['proposer', 'neighbour']);
    expect(allowed('matter.supervise', 'reviewed')).toEqual(['supervisor']);
    expect(allowed('matter.supervise', 'implementing')).toEqual([]);
  });

  it('refuses the supervision review and findings to a supervisor who also runs the place', () => {
    const both = actor(9, ['supervisor', community], ['convenor', community]);
    const aboveToo = actor(10, ['supervisor', community], ['town_officer', town]);
    const elsewhere = actor(11, ['supervisor', community], ['convenor', otherCommunity]);
    for (const a of [both, aboveToo]) {
      expect(canOnMatter(a, 'matter.supervise', matter('reviewed'))).toBe(false);
      expect(canOnMatter(a, 'matter.recordFinding', matter('implementing'))).toBe(false);
    }
    expect(canOnMatter(elsewhere, 'matter.supervise', matter('reviewed'))).toBe(true);
    expect(canOnMatter(elsewhere, 'matter.recordFinding', matter('implementing'))).toBe(true);
  });

  it('keeps the full file for staff', () => {
    expect(allowed('matter.export', 'archived')).toEqual(['convenor', 'gridWorker', 'supervisor', 'townOfficer']);
  });
});

describe('matter.confirm', () => {
  it('lets participants confirm a resolution only while the matter is resolved (attendance is the service’s check)', () => {
    expect(canOnMatter(neighbour, 'matter.confirm', matter('resolved', { isParticipant: true }))).toBe(true);
    expect(canOnMatter(neighbour, 'matter.confirm', matter('resolved'))).toBe(false);
    expect(canOnMatter(convenor, 'matter.confirm', matter('resolved'))).toBe(false);
    expect(canOnMatter(neighbour, 'matter.confirm', matter('deliberating', { isParticipant: true }))).toBe(false);
    expect(canOnMatter(neighbour, 'matter.confirm', matter('archived', { isParticipant: true }))).toBe(false);
  });
  it('lets supervisors record findings and managers assign oversight and answer, in every stage until archived', () => {
    for (const status of ['raised', 'implementing', 'reviewed'] as const) {
      expect(allowed('matter.recordFinding', status)).toEqual(['supervisor']);
      expect(allowed('matter.answerFinding', status)).toEqual(['convenor', 'townOfficer']);
      expect(allowed('matter.assignOversight', status)).toEqual(['convenor', 'townOfficer']);
    }
    expect(allowed('matter.recordFinding', 'archived')).toEqual([]);
    expect(allowed('matter.answerFinding', 'archived')).toEqual([]);
  });
});
