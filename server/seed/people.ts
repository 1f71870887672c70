import { Ids, pad, type HouseholdRow, type OwnershipRow, type ResidentRow } from './model';
import { personName, surname, type Gender } from './names';
import type { Rng } from './random';
import type { DwellingSite, Territory } from './territory';

/**
 * Households, residents and ownerships. About 90 % of homes are occupied, one household each, of
 * 2–5 people; about 15 % of urban households rent from an owner who lives elsewhere in the town
 * (so some owners hold two dwellings); empty homes and shops also belong to residents elsewhere.
 */

export type Person = {
  resident: ResidentRow;
  site: DwellingSite;
  birthYear: number;
  role: 'head' | 'spouse' | 'child' | 'parent';
};
export type People = {
  households: HouseholdRow[];
  residents: ResidentRow[];
  ownerships: OwnershipRow[];
  persons: Person[];
  /** Residents placed by `pins`, by their phone. */
  pinned: Map<string, ResidentRow>;
};
/** A home whose household is fixed in advance: an owner-occupier head with this phone, at least `minSize` people. */
export type HomePin = { dwellingCode: string; phone: string; minSize: number };

/** Phones of the form 139000000xx are reserved for the demo accounts. */
export const RESERVED_PHONE_PREFIX = '139000000';
const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155'],
  ...['156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '183', '185', '186', '187'],
  ...['188', '189', '191', '198', '199'],
];
const LAST_BIRTH_YEAR = 2024;
/** Ages are judged at the end of the demo's year, 2026. */
export const REFERENCE_YEAR = 2026;

type Draft = { gender: Gender; birthYear: number; surname: string; role: Person['role'] };

function opposite(gender: Gender): Gender {
  return gender === 'male' ? 'female' : 'male';
}

/** Draws who lives together: a couple and their children, an elderly couple, or three generations. */
function draftHousehold(rng: Rng, isTenant: boolean, minSize: number): Draft[] {
  const type = isTenant
    ? rng.weighted([
        ['young', 6],
        ['middle', 3],
        ['elderly', 1],
      ] as const)
    : rng.weighted([
        ['young', 28],
        ['middle', 30],
        ['elderly', 22],
        ['threeGenerations', 20],
      ] as const);
  const headYear = {
    young: rng.int(1982, 1998),
    middle: rng.int(1965, 1981),
    elderly: rng.int(1938, 1962),
    threeGenerations: rng.int(1975, 1992),
  }[type];
  const headGender: Gender = rng.chance(0.72) ? 'male' : 'female';
  const members: Draft[] = [{ gender: headGender, birthYear: headYear, surname: surname(rng), role: 'head' }];
  const head = members[0]!;
  if (type !== 'elderly' || rng.chance(0.85)) {
    members.push({
      gender: opposite(headGender),
      birthYear: Math.min(LAST_BIRTH_YEAR - 20, headYear + rng.int(-3, 5)),
      surname: surname(rng),
      role: 'spouse',
    });
  }
  const father = members.find((m) => m.gender === 'male');
  const addChild = (from: number, to: number) => {
    const lo = Math.max(from, headYear + 21);
    const hi = Math.min(to, LAST_BIRTH_YEAR, headYear + 42);
    if (lo > hi) return;
    const childSurname = father && rng.chance(0.9) ? father.surname : head.surname;
    members.push({
      gender: rng.chance(0.5) ? 'male' : 'female',
      birthYear: rng.int(lo, hi),
      surname: childSurname,
      role: 'child',
    });
  };
  const addParent = () => {
    const gender: Gender = rng.chance(0.45) ? 'male' : 'female';
    const birthYear = rng.int(1935, Math.max(1935, Math.min(1962, headYear - 22)));
    members.push({ gender, birthYear, surname: gender === 'male' ? head.surname : surname(rng), role: 'parent' });
  };
  if (type === 'young') for (let i = rng.int(0, 2); i > 0; i--) addChild(2008, LAST_BIRTH_YEAR);
  if (type === 'middle') {
    for (let i = rng.int(1, 2); i > 0; i--) addChild(1990, 2012);
    if (rng.chance(0.3)) addParent();
  }
  if (type === 'elderly' && (members.length < 2 || rng.chance(0.4))) addChild(1960, 1998);
  if (type === 'threeGenerations') {
    for (let i = rng.int(1, 2); i > 0; i--) addChild(2006, LAST_BIRTH_YEAR);
    for (let i = rng.int(1, 2); i > 0; i--) addParent();
  }
  for (let guard = 0; members.length < Math.max(2, minSize) && guard < 10; guard++) {
    if (headYear <= LAST_BIRTH_YEAR - 21) addChild(1960, LAST_BIRTH_YEAR);
    else addParent();
  }
  return members.slice(0, 5);
}

function birthDate(rng: Rng, year: number): string {
  const month = rng.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month, 2)}-${pad(rng.int(1, days), 2)}`;
}

/** Unique 11-digit mainland mobiles, never in the demo accounts' reserved range. */
function phoneBook(rng: Rng, taken: Iterable<string>) {
  const used = new Set(taken);
  return (): string => {
    for (;;) {
      const phone = `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(0, 99_999_999), 8)}`;
      if (phone.startsWith(RESERVED_PHONE_PREFIX) || used.has(phone)) continue;
      used.add(phone);
      return phone;
    }
  };
}

function hasPhone(rng: Rng, birthYear: number): boolean {
  const age = REFERENCE_YEAR - birthYear;
  if (age < 14) return false;
  if (age < 18) return rng.chance(0.35);
  return rng.chance(age >= 80 ? 0.6 : 0.96);
}

export function buildPeople(rng: Rng, ids: Ids, territory: Territory, pins: HomePin[]): People {
  const pinByCode = new Map(pins.map((p) => [p.dwellingCode, p]));
  const nextPhone = phoneBook(
    rng,
    pins.map((p) => p.phone),
  );
  const people: People = { households: [], residents: [], ownerships: [], persons: [], pinned: new Map() };
  /** Owner-occupier heads by town, with the spouse who co-owns their home, if any. */
  const ownersByTown = new Map<number, { head: ResidentRow; coOwner?: ResidentRow }[]>();
  const ownedElsewhere: DwellingSite[] = [];

  for (const site of territory.sites) {
    const { dwelling, place } = site;
    const isRural = site.estate.community.isRural;
    const pin = pinByCode.get(dwelling.code);
    if (dwelling.isDeveloperHeld) continue;
    const isOccupied = pin !== undefined || (dwelling.use === 'home' && rng.chance(isRural ? 0.93 : 0.9));
    if (!isOccupied) {
      ownedElsewhere.push(site);
      continue;
    }
    const isTenant = pin === undefined && rng.chance(isRural ? 0.04 : 0.15);
    if (isTenant) ownedElsewhere.push(site);
    const household: HouseholdRow = {
      id: ids.next('households'),
      code: `H${dwelling.code.replace(/^TA-/, '')}`,
      placeId: place.id,
      placePath: place.path,
      dwellingId: dwelling.id,
    };
    people.households.push(household);
    const isCoOwned = !isTenant && rng.chance(0.45);
    let head: ResidentRow | undefined;
    let coOwner: ResidentRow | undefined;
    for (const draft of draftHousehold(rng, isTenant, pin?.minSize ?? 2)) {
      const tenure = isTenant
        ? 'tenant'
        : draft.role === 'head' || (draft.role === 'spouse' && isCoOwned)
          ? 'owner'
          : 'family';
      const id = ids.next('residents');
      const resident: ResidentRow = {
        id,
        code: `R${pad(people.residents.length + 1, 6)}`,
        name: personName(rng, draft),
        gender: draft.gender,
        birthDate: birthDate(rng, draft.birthYear),
        phone: draft.role === 'head' && pin ? pin.phone : hasPhone(rng, draft.birthYear) ? nextPhone() : null,
        householdId: household.id,
        placeId: place.id,
        placePath: place.path,
        dwellingId: dwelling.id,
        tenure,
      };
      people.residents.push(resident);
      people.persons.push({ resident, site, birthYear: draft.birthYear, role: draft.role });
      if (tenure === 'owner') people.ownerships.push({ dwellingId: dwelling.id, residentId: id });
      if (draft.role === 'head') head = resident;
      if (draft.role === 'spouse' && tenure === 'owner') coOwner = resident;
      if (draft.role === 'head' && pin) people.pinned.set(pin.phone, resident);
    }
    if (head && !isTenant && !pin) {
      const townId = site.estate.community.town.id;
      const list = ownersByTown.get(townId) ?? [];
      list.push({ head, coOwner });
      ownersByTown.set(townId, list);
    }
  }

  // Rented, empty and shop dwellings belong to owner-occupiers elsewhere in the same town.
  const queues = new Map([...ownersByTown].map(([town, owners]) => [town, rng.shuffle(owners)]));
  for (const site of ownedElsewhere) {
    const queue = queues.get(site.estate.community.town.id)!;
    const owner = queue.shift()!;
    queue.push(owner);
    people.ownerships.push({ dwellingId: site.dwelling.id, residentId: owner.head.id });
    if (owner.coOwner && rng.chance(0.5))
      people.ownerships.push({ dwellingId: site.dwelling.id, residentId: owner.coOwner.id });
  }
  return people;
}
