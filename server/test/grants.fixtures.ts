import { afterDeliberationWorld } from './after-deliberation.fixtures';
import type { TestClient } from './build-test-app';
import { buildStaff } from './factories';

/** Who acts in the separation-of-duties tests: the community's own people and the officers above. */
export const grantActors = [
  'convenor',
  'grid',
  'supervisor',
  'townOfficer',
  'otherTownOfficer',
  'cityOfficer',
  'admin',
  'resident',
  'self',
] as const;
export type GrantActor = (typeof grantActors)[number];

/**
 * The after-deliberation world plus a town officer of its town (街道社工委老沈), one of the other
 * town, a city officer and an administrator, each logged in. `self` is the town officer's client,
 * used where an action is tried on one's own account.
 */
export async function grantsWorld() {
  const base = await afterDeliberationWorld();
  const { territory, db, t } = base;
  const officers = {
    town: await buildStaff(db, { role: 'town_officer', placeId: territory.town.id, name: '街道社工委老沈' }),
    otherTown: await buildStaff(db, { role: 'town_officer', placeId: territory.otherTown.id }),
    city: await buildStaff(db, { role: 'city_officer', placeId: territory.city.id }),
    admin: await buildStaff(db, { role: 'admin', placeId: territory.city.id }),
  };
  const townOfficer = await t.loginByCode(officers.town.phone);
  const as: Record<GrantActor, TestClient> = {
    convenor: base.clients.convenor,
    grid: base.clients.grid,
    supervisor: base.clients.supervisor,
    townOfficer,
    otherTownOfficer: await t.loginByCode(officers.otherTown.phone),
    cityOfficer: await t.loginByCode(officers.city.phone),
    admin: await t.loginByCode(officers.admin.phone),
    resident: base.clients.resident,
    self: townOfficer,
  };
  /** A fresh account holding only `resident` on a unit: someone an officer might appoint. */
  const candidate = () => buildStaff(db, { role: 'resident', placeId: territory.unit1.id });
  return { ...base, officers, as, candidate };
}
export type GrantsWorld = Awaited<ReturnType<typeof grantsWorld>>;
