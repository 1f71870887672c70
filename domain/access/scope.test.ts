import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import type { Actor } from './actor';
import { actionRules, can } from './can';
import { grantAbilities, matterViewScope, scopeFor } from './scope';

const convenorAndResident: Actor = {
  accountId: 1,
  residentId: 100,
  grants: [
    { role: 'resident', placeId: 6, placePath: '/1/2/3/4/5/6/' },
    { role: 'convenor', placeId: 3, placePath: '/1/2/3/' },
    { role: 'convenor', placeId: 4, placePath: '/1/2/3/4/' },
  ],
};

describe('every action has a rule', () => {
  it('does not compile a rule table that misses an action', () => {
    const { 'place.view': _dropped, ...rest } = actionRules;
    // @ts-expect-error — 'place.view' is missing: a new action without a rule is a compile error.
    const incomplete: Record<Action, unknown> = rest;
    expect(Object.keys(incomplete)).not.toContain('place.view');
  });
});

describe('scopeFor', () => {
  it('lists the outermost subtrees where the role behind the action is held', () => {
    expect(scopeFor(convenorAndResident, 'matter.listQueue')).toEqual({ subtrees: ['/1/2/3/'] });
    expect(scopeFor(convenorAndResident, 'place.view')).toEqual({ subtrees: ['/1/2/3/'] });
    expect(scopeFor(convenorAndResident, 'statistics.view')).toEqual({ subtrees: ['/1/2/3/'] });
    expect(scopeFor(null, 'pool.view')).toEqual({ subtrees: [] });
  });

  it('agrees with can() on every place inside and outside the scope', () => {
    const { subtrees } = scopeFor(convenorAndResident, 'council.manage');
    for (const path of ['/1/2/3/', '/1/2/3/9/', '/1/2/', '/1/20/21/']) {
      const inside = subtrees.some((s) => path.startsWith(s));
      expect(can(convenorAndResident, 'council.manage', { type: 'place', path })).toBe(inside);
    }
  });
});

describe('grantAbilities', () => {
  it('tells what each grant by itself opens at its place', () => {
    const [resident, convenor] = convenorAndResident.grants;
    expect(grantAbilities(convenorAndResident, resident!)).toEqual({
      'matter.listQueue': false,
      'matter.raiseOnBehalf': false,
      'statistics.view': false,
      'supervision.listDue': false,
      'bulletin.view': false,
      'scheme.manage': false,
      'application.view': false,
      'application.submit': false,
      'talentSelection.manage': false,
      'talentNomination.view': false,
      'department.manage': false,
      'referral.listQueue': false,
      'call.manage': false,
      'call.apply': false,
      'organisation.view': false,
      'organisation.manage': false,
      'organisation.configure': false,
      'organisation.listMine': false,
      'training.manage': false,
      'microLeader.view': false,
    });
    expect(grantAbilities(convenorAndResident, convenor!)).toEqual({
      'matter.listQueue': true,
      'matter.raiseOnBehalf': true,
      'statistics.view': true,
      'supervision.listDue': true,
      'bulletin.view': true,
      'scheme.manage': false,
      'application.view': true,
      'application.submit': true,
      'talentSelection.manage': false,
      'talentNomination.view': true,
      'department.manage': false,
      'referral.listQueue': false,
      'call.manage': false,
      'call.apply': false,
      'organisation.view': true,
      'organisation.manage': false,
      'organisation.configure': false,
      'organisation.listMine': false,
      'training.manage': false,
      'microLeader.view': true,
    });
  });

  it('lets city officers configure the 1+3+N, officers register organisations, and agents list their own', () => {
    const ability = (role: 'city_officer' | 'town_officer' | 'organisation_agent', placePath: string) =>
      grantAbilities({ accountId: 2, residentId: null }, { role, placeId: 1, placePath });
    expect(ability('city_officer', '/1/')).toMatchObject({
      'organisation.view': true,
      'organisation.manage': true,
      'organisation.configure': true,
    });
    expect(ability('town_officer', '/1/2/')).toMatchObject({
      'organisation.view': true,
      'organisation.manage': true,
      'organisation.configure': false,
    });
    expect(ability('organisation_agent', '/1/')).toMatchObject({
      'organisation.view': false,
      'organisation.manage': false,
      'organisation.listMine': true,
    });
  });
});

describe('matterViewScope', () => {
  // 1 city / 2 town / 3 community / 4 estate / 5 building / 6 unit; 9 another community; 20 another town.
  const resident: Actor = {
    accountId: 11,
    residentId: 11,
    grants: [{ role: 'resident', placeId: 6, placePath: '/1/2/3/4/5/6/' }],
  };
  const member: Actor = {
    accountId: 12,
    residentId: null,
    grants: [{ role: 'member', placeId: 3, placePath: '/1/2/3/' }],
  };
  const gridWorker: Actor = {
    accountId: 13,
    residentId: null,
    grants: [{ role: 'grid_worker', placeId: 3, placePath: '/1/2/3/' }],
  };
  const townResident: Actor = {
    accountId: 14,
    residentId: 14,
    grants: [{ role: 'resident', placeId: 2, placePath: '/1/2/' }],
  };
  const paths = ['/1/2/3/', '/1/2/3/4/', '/1/2/3/4/5/', '/1/2/3/4/8/', '/1/2/9/', '/1/2/9/10/', '/1/20/21/'];
  const isInside = (path: string, roots: readonly string[]) => roots.some((r) => path.startsWith(r));

  it('gives residents and members their community and staff their granted subtree', () => {
    expect(matterViewScope(resident)).toEqual({ overseen: [], neighbourhoods: ['/1/2/3/'] });
    expect(matterViewScope(member)).toEqual({ overseen: [], neighbourhoods: ['/1/2/3/'] });
    expect(matterViewScope(gridWorker)).toEqual({ overseen: ['/1/2/3/'], neighbourhoods: [] });
    expect(matterViewScope(townResident)).toEqual({ overseen: [], neighbourhoods: [] });
    expect(matterViewScope(null)).toEqual({ overseen: [], neighbourhoods: [] });
  });

  it('lists inside its subtrees exactly the matters can() lets the actor view', () => {
    for (const actor of [resident, member, gridWorker, townResident, convenorAndResident]) {
      const scope = matterViewScope(actor);
      for (const path of paths)
        for (const visibility of ['public', 'community', 'participants'] as const)
          for (const isParticipant of [false, true]) {
            const subject = {
              type: 'matter',
              path,
              status: 'raised',
              proposerAccountId: 99,
              visibility,
              isParticipant,
            } as const;
            const isListed =
              isInside(path, scope.overseen) ||
              (isInside(path, scope.neighbourhoods) && (visibility !== 'participants' || isParticipant));
            const isInsideScope = isInside(path, [...scope.overseen, ...scope.neighbourhoods]);
            if (isInsideScope)
              expect(isListed, `${actor.accountId} ${path} ${visibility}`).toBe(can(actor, 'matter.view', subject));
            else if (isListed) throw new Error('listed outside the scope');
          }
    }
  });
});
