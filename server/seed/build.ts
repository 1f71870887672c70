import { buildAccounts, demoHomePins, MEMBER_DEMO_PHONE } from './accounts';
import type { AccountRow, DwellingRow, Ids, PlaceRow, RoleGrantRow } from './model';
import { buildPeople, type People } from './people';
import { buildPool, type Pool } from './pool';
import { createRng } from './random';
import { buildTerritory } from './territory';

/** Every row of the demo city, built in memory before anything is written. */
export type DemoData = Omit<People, 'persons' | 'pinned'> &
  Pool & { places: PlaceRow[]; dwellings: DwellingRow[]; accounts: AccountRow[]; roleGrants: RoleGrantRow[] };

/** The same seed (and the same starting ids) always gives the same rows. */
export function buildDemoData(seed: number, ids: Ids): DemoData {
  const rng = createRng(seed);
  // One stream per part: a change to how pools are drawn leaves the roster as it was.
  const territory = buildTerritory(rng.fork('territory'), ids);
  const people = buildPeople(rng.fork('people'), ids, territory, demoHomePins);
  const member = people.pinned.get(MEMBER_DEMO_PHONE);
  if (!member) throw new Error('the member demo resident was not generated');
  const demoResidents = new Set([...people.pinned.values()].map((r) => r.id));
  const pool = buildPool(
    rng.fork('pool'),
    ids,
    territory,
    people,
    [{ resident: member, tags: ['党员', '楼栋长'] }],
    demoResidents,
  );
  const { accounts, roleGrants } = buildAccounts(rng.fork('accounts'), ids, territory, people);
  return {
    places: territory.places,
    dwellings: territory.sites.map((s) => s.dwelling),
    households: people.households,
    residents: people.residents,
    ownerships: people.ownerships,
    ...pool,
    accounts,
    roleGrants,
  };
}
