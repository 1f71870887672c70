import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { can, viewScopes } from '../can';
import type { Role } from '../roles';

const town = '/1/2/';
const community = '/1/2/3/';
const actor = (role: Role, path: string): Actor => ({
  accountId: 1,
  residentId: null,
  grants: [{ role, placeId: 0, placePath: path }],
});
const referral = (isLiaison: boolean) => ({
  type: 'referral' as const,
  path: community,
  departmentPath: town,
  isLiaison,
});

describe('referral policy', () => {
  it('lets the department’s own liaison respond, and nobody else', () => {
    expect(can(actor('liaison', town), 'referral.respond', referral(true))).toBe(true);
    expect(can(actor('liaison', town), 'referral.respond', referral(false))).toBe(false);
    expect(can(actor('convenor', community), 'referral.respond', referral(false))).toBe(false);
    expect(can(actor('town_officer', town), 'referral.respond', referral(false))).toBe(false);
  });

  it('lets staff and supervisors over the matter read it, not residents nor other liaisons', () => {
    expect(can(actor('convenor', community), 'referral.view', referral(false))).toBe(true);
    expect(can(actor('supervisor', community), 'referral.view', referral(false))).toBe(true);
    expect(can(actor('resident', community), 'referral.view', referral(false))).toBe(false);
    expect(can(actor('liaison', town), 'referral.view', referral(false))).toBe(false);
  });

  it('gives a liaison no browsing of places (no roster, no personal data) but their committee page', () => {
    const liaison = actor('liaison', town);
    expect(viewScopes(liaison)).toEqual([]);
    expect(can(liaison, 'place.view', { type: 'place', path: community })).toBe(false);
    expect(can(liaison, 'place.viewRoster', { type: 'place', path: town })).toBe(false);
    expect(can(liaison, 'department.view', { type: 'place', path: town })).toBe(true);
    expect(can(liaison, 'referral.listQueue', { type: 'place', path: town })).toBe(true);
    expect(can(liaison, 'department.manage', { type: 'place', path: town })).toBe(false);
  });

  it('lets officers of the place or above appoint liaisons, unlike staff (strictly above)', () => {
    const grant = (role: 'liaison' | 'convenor') => ({ type: 'grant' as const, path: town, role, accountId: 99 });
    expect(can(actor('town_officer', town), 'grant.appoint', grant('liaison'))).toBe(true);
    expect(can(actor('town_officer', town), 'grant.appoint', grant('convenor'))).toBe(false);
    expect(can(actor('town_officer', '/1/20/'), 'grant.appoint', grant('liaison'))).toBe(false);
    expect(can(actor('city_officer', '/1/'), 'grant.appoint', grant('liaison'))).toBe(true);
  });
});
