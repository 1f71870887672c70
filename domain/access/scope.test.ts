import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import type { Actor } from './actor';
import { actionRules, can } from './can';
import { grantAbilities, scopeFor } from './scope';

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
    });
    expect(grantAbilities(convenorAndResident, convenor!)).toEqual({
      'matter.listQueue': true,
      'matter.raiseOnBehalf': true,
      'statistics.view': true,
      'supervision.listDue': true,
      'bulletin.view': true,
    });
  });
});
