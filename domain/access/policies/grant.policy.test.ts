import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../actor';
import { can } from '../can';
import type { Role } from '../roles';
import { appointableRoles, grantConflict, isIndependentReviewer, type GrantAction } from './grant.policy';

// 1 city / 2 town / 3 community / 4 estate; 9 another community of the town; 20 another town, 21 its community.
const city = '/1/';
const town = '/1/2/';
const community = '/1/2/3/';
const estate = '/1/2/3/4/';
const sameTownCommunity = '/1/2/9/';
const otherTown = '/1/20/';
const otherTownCommunity = '/1/20/21/';

const actor = (accountId: number, ...grants: [Role, string][]): Actor => ({
  accountId,
  residentId: null,
  grants: grants.map(([role, placePath]): Grant => ({ role, placeId: 0, placePath })),
});

const who = {
  convenor: actor(1, ['convenor', community]),
  gridWorker: actor(2, ['grid_worker', community]),
  supervisor: actor(3, ['supervisor', community]),
  townOfficer: actor(4, ['town_officer', town]),
  otherTownOfficer: actor(5, ['town_officer', otherTown]),
  cityOfficer: actor(6, ['city_officer', city]),
  admin: actor(7, ['admin', city]),
  resident: actor(8, ['resident', estate]),
};
type Who = keyof typeof who;

/** Who may do the action on a grant at `path` given to account 99 (not one of the actors). */
const allowed = (action: GrantAction, path: string) =>
  (Object.entries(who) as [Who, Actor][])
    .filter(([, a]) => appointableRoles.every((role) => can(a, action, { type: 'grant', path, role, accountId: 99 })))
    .map(([name]) => name);

describe('appointing and revoking (任免)', () => {
  it('is for officers above the place only, never its own staff or supervisors', () => {
    for (const action of ['grant.appoint', 'grant.revoke'] as const) {
      expect(allowed(action, community)).toEqual(['townOfficer', 'cityOfficer', 'admin']);
      expect(allowed(action, estate)).toEqual(['townOfficer', 'cityOfficer', 'admin']);
      expect(allowed(action, otherTownCommunity)).toEqual(['otherTownOfficer', 'cityOfficer', 'admin']);
    }
  });

  it('is not for an officer over the same level only', () => {
    expect(allowed('grant.appoint', town)).toEqual(['cityOfficer', 'admin']);
    expect(allowed('grant.appoint', otherTown)).toEqual(['cityOfficer', 'admin']);
    expect(allowed('grant.revoke', town)).toEqual(['cityOfficer', 'admin']);
    expect(allowed('grant.appoint', city)).toEqual([]);
  });

  it('is never for oneself', () => {
    const self = { type: 'grant', path: community, role: 'supervisor', accountId: who.townOfficer.accountId } as const;
    expect(can(who.townOfficer, 'grant.appoint', self)).toBe(false);
    expect(can(who.townOfficer, 'grant.revoke', self)).toBe(false);
    expect(can(who.convenor, 'grant.appoint', { ...self, accountId: who.convenor.accountId })).toBe(false);
  });

  it('does not confuse a sibling town whose id starts with the same digits', () => {
    const officer = actor(4, ['town_officer', '/1/2/']);
    expect(can(officer, 'grant.appoint', { type: 'grant', path: '/1/20/21/', role: 'supervisor', accountId: 9 })).toBe(
      false,
    );
  });

  it('shows the record of a place to the officers over it', () => {
    const read = (path: string) =>
      (Object.entries(who) as [Who, Actor][])
        .filter(([, a]) => can(a, 'grant.viewHistory', { type: 'place', path }))
        .map(([name]) => name);
    expect(read(community)).toEqual(['townOfficer', 'cityOfficer', 'admin']);
    expect(read(town)).toEqual(['townOfficer', 'cityOfficer', 'admin']);
    expect(read(sameTownCommunity)).toEqual(['townOfficer', 'cityOfficer', 'admin']);
    expect(read(otherTownCommunity)).toEqual(['otherTownOfficer', 'cityOfficer', 'admin']);
  });
});

describe('grantConflict: nobody runs and supervises the same subtree', () => {
  const g = (...grants: [Role, string][]) => grants.map(([role, placePath]) => ({ role, placePath }));

  it('refuses a supervisor grant to someone who runs the place, a place above or below it', () => {
    expect(grantConflict(g(['convenor', community]), 'supervisor', community)).toBe('grant.runs_place');
    expect(grantConflict(g(['grid_worker', community]), 'supervisor', community)).toBe('grant.runs_place');
    expect(grantConflict(g(['town_officer', town]), 'supervisor', community)).toBe('grant.runs_place');
    expect(grantConflict(g(['convenor', community]), 'supervisor', town)).toBe('grant.runs_place');
    expect(grantConflict(g(['convenor', community]), 'supervisor', estate)).toBe('grant.runs_place');
  });

  it('allows supervising elsewhere and holding resident or member roles', () => {
    expect(grantConflict(g(['convenor', sameTownCommunity]), 'supervisor', community)).toBeNull();
    expect(grantConflict(g(['resident', estate], ['member', community]), 'supervisor', community)).toBeNull();
    expect(grantConflict(g(['supervisor', sameTownCommunity]), 'supervisor', community)).toBeNull();
  });

  it('refuses a running role to someone who supervises an overlapping subtree', () => {
    expect(grantConflict(g(['supervisor', community]), 'convenor', community)).toBe('grant.supervises_place');
    expect(grantConflict(g(['supervisor', estate]), 'grid_worker', community)).toBe('grant.supervises_place');
    expect(grantConflict(g(['supervisor', community]), 'town_officer', town)).toBe('grant.supervises_place');
    expect(grantConflict(g(['supervisor', sameTownCommunity]), 'convenor', community)).toBeNull();
    expect(grantConflict(g(['supervisor', community]), 'member', community)).toBeNull();
  });
});

describe('isIndependentReviewer', () => {
  const g = (...grants: [Role, string][]) => grants.map(([role, placePath]) => ({ role, placePath }));
  it('counts a review only from someone who runs nothing at the matter’s place', () => {
    expect(isIndependentReviewer(g(['supervisor', community]), estate)).toBe(true);
    expect(isIndependentReviewer(g(['supervisor', community], ['convenor', sameTownCommunity]), estate)).toBe(true);
    expect(isIndependentReviewer(g(['supervisor', community], ['convenor', community]), estate)).toBe(false);
    expect(isIndependentReviewer(g(['town_officer', town]), estate)).toBe(false);
    expect(isIndependentReviewer(g(['admin', city]), estate)).toBe(false);
  });
});
