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
const actions = ['talentSelection.manage', 'talentNomination.view', 'talentNomination.nominate'] as const;
const allowed = (a: Actor, subject = community) => actions.filter((action) => can(a, action, subject));

describe('leading-talent actions', () => {
  it('lets the city run the selection, community and town staff nominate, staff read', () => {
    expect(allowed(actor('city_officer', '/1/'))).toEqual(['talentSelection.manage', 'talentNomination.view']);
    expect(allowed(actor('admin', '/1/'))).toEqual([...actions]);
    expect(allowed(actor('town_officer', '/1/2/'))).toEqual(['talentNomination.view', 'talentNomination.nominate']);
    expect(allowed(actor('convenor', '/1/2/3/'))).toEqual(['talentNomination.view', 'talentNomination.nominate']);
    expect(allowed(actor('grid_worker', '/1/2/3/'))).toEqual(['talentNomination.view']);
  });

  it('gives residents, members, supervisors, liaisons and agents none of them', () => {
    for (const role of ['resident', 'member', 'supervisor', 'liaison', 'organisation_agent'] as const)
      expect(allowed(actor(role, '/1/2/3/'))).toEqual([]);
  });

  it('stops at the place: another town’s convenor nominates nobody here', () => {
    expect(allowed(actor('convenor', '/1/20/21/'))).toEqual([]);
    expect(allowed(actor('convenor', '/1/20/21/'), otherCommunity)).toEqual([
      'talentNomination.view',
      'talentNomination.nominate',
    ]);
  });
});
