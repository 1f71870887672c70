import { describe, expect, it } from 'vitest';
import { can, type Actor, type Role } from '../access';

const actor = (role: Role, placePath: string): Actor => ({
  accountId: 1,
  residentId: null,
  grants: [{ role, placeId: 1, placePath }],
});
const place = (path: string) => ({ type: 'place' as const, path });

describe('who sees statistics (statistics.view)', () => {
  it('lets officers see their town or city and everything under it', () => {
    expect(can(actor('city_officer', '/1/'), 'statistics.view', place('/1/20/'))).toBe(true);
    expect(can(actor('town_officer', '/1/2/'), 'statistics.view', place('/1/2/3/'))).toBe(true);
  });
  it('lets convenors and supervisors see their community only', () => {
    expect(can(actor('convenor', '/1/2/3/'), 'statistics.view', place('/1/2/3/'))).toBe(true);
    expect(can(actor('supervisor', '/1/2/3/'), 'statistics.view', place('/1/2/3/'))).toBe(true);
    expect(can(actor('convenor', '/1/2/3/'), 'statistics.view', place('/1/2/'))).toBe(false);
  });
  it('refuses residents, members, grid workers and officers of another town', () => {
    for (const role of ['resident', 'member', 'grid_worker'] as const)
      expect(can(actor(role, '/1/2/3/'), 'statistics.view', place('/1/2/3/'))).toBe(false);
    expect(can(actor('town_officer', '/1/2/'), 'statistics.view', place('/1/20/'))).toBe(false);
  });
});
