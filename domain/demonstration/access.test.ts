import { describe, expect, it } from 'vitest';
import { can, type Actor, type Role } from '../access';

// 1 city / 2 town / 3 community; 20 another town / 21 its community.
const actor = (role: Role, placePath: string): Actor => ({
  accountId: 1,
  residentId: null,
  grants: [{ role, placeId: 0, placePath }],
});
const community = { type: 'place' as const, path: '/1/2/3/' };
const otherCommunity = { type: 'place' as const, path: '/1/20/21/' };
const actions = [
  'scheme.manage',
  'application.view',
  'application.submit',
  'application.recommend',
  'application.review',
  'application.name',
] as const;
const allowed = (a: Actor, subject = community) => actions.filter((action) => can(a, action, subject));

describe('demonstration actions', () => {
  it('gives each role its part: the community applies, the town recommends, the city reviews and names', () => {
    expect(allowed(actor('convenor', '/1/2/3/'))).toEqual(['application.view', 'application.submit']);
    expect(allowed(actor('grid_worker', '/1/2/3/'))).toEqual(['application.view']);
    expect(allowed(actor('town_officer', '/1/2/'))).toEqual([
      'application.view',
      'application.submit',
      'application.recommend',
    ]);
    expect(allowed(actor('city_officer', '/1/'))).toEqual([
      'scheme.manage',
      'application.view',
      'application.submit',
      'application.review',
      'application.name',
    ]);
    expect(allowed(actor('resident', '/1/2/3/'))).toEqual([]);
    expect(allowed(actor('supervisor', '/1/2/3/'))).toEqual([]);
  });

  it('gives nothing over another town’s community', () => {
    expect(allowed(actor('convenor', '/1/2/3/'), otherCommunity)).toEqual([]);
    expect(allowed(actor('town_officer', '/1/2/'), otherCommunity)).toEqual([]);
  });
});
