import { childKindOf, isWithin, type PlaceKind, type PlacePath } from '../territory/places';
import { placeKindLabels } from './columns';
import type { KnownPlace, RosterContext } from './context';
import type { DwellingRecord, HouseholdRecord, PlaceRecord, ResidentRecord } from './records';
import type { RowCheck } from './row-check';

/** Dwellings hang on a building (or villager group) or one of its units. */
const dwellingPlaceKinds: readonly PlaceKind[] = ['building', 'unit'];
/** People and households live in an estate or natural village, a building or group, or a unit. */
const homePlaceKinds: readonly PlaceKind[] = ['estate', 'building', 'unit'];

const kindLabel = (kind: PlaceKind | undefined): string =>
  Object.entries(placeKindLabels).find(([, k]) => k === kind)?.[0] ?? '—';

/** A stored place the row names in `key`, checked for existence, allowed kind and scope. */
function placeAt(check: RowCheck, key: string, context: RosterContext, kinds: readonly PlaceKind[]): KnownPlace | null {
  const code = check.text(key);
  if (code === null) return null;
  const place = context.places.get(code);
  if (!place) {
    check.add(key, 'roster.unknown_place', { code });
    return null;
  }
  if (!kinds.includes(place.kind)) check.add(key, 'roster.place_kind');
  else if (!isWithin(place.path, context.scopePath)) check.add(key, 'roster.outside_scope');
  return place;
}

/** An existing record must already lie in scope: an import may not pull someone else's row into its own area. */
function checkStoredScope(check: RowCheck, path: PlacePath | undefined, context: RosterContext): void {
  if (path !== undefined && !check.failed.has('code') && !isWithin(path, context.scopePath)) {
    check.add('code', 'roster.outside_scope');
  }
}

export function checkDwelling(check: RowCheck, context: RosterContext): DwellingRecord | null {
  const code = check.text('code');
  placeAt(check, 'placeCode', context, dwellingPlaceKinds);
  if (code !== null) checkStoredScope(check, context.dwellings.get(code)?.placePath, context);
  if (!check.isValid) return null;
  const p = check.parsed;
  return {
    code: code!,
    placeCode: p.placeCode as string,
    room: p.room as string,
    floor: p.floor as number,
    areaCenti: p.areaCenti as number,
    areaSource: ((p.areaSource as string | null) ?? 'register') as DwellingRecord['areaSource'],
    use: ((p.use as string | null) ?? 'home') as DwellingRecord['use'],
    isDeveloperHeld: p.isDeveloperHeld === 'yes',
  };
}

export function checkHousehold(check: RowCheck, context: RosterContext): HouseholdRecord | null {
  const code = check.text('code');
  const place = placeAt(check, 'placeCode', context, homePlaceKinds);
  if (code !== null) checkStoredScope(check, context.households.get(code)?.placePath, context);
  const dwellingCode = check.text('dwellingCode');
  if (dwellingCode !== null) {
    const dwelling = context.dwellings.get(dwellingCode);
    if (!dwelling) check.add('dwellingCode', 'roster.unknown_dwelling', { code: dwellingCode });
    else if (place && !isWithin(dwelling.placePath, place.path))
      check.add('dwellingCode', 'roster.dwelling_outside_place');
  }
  if (!check.isValid) return null;
  return { code: code!, placeCode: check.text('placeCode')!, dwellingCode };
}

export function checkResident(check: RowCheck, context: RosterContext): ResidentRecord | null {
  const code = check.text('code');
  if (code !== null) checkStoredScope(check, context.residents.get(code)?.placePath, context);

  const birthDate = check.text('birthDate');
  if (birthDate !== null && birthDate > context.today) check.add('birthDate', 'roster.birth_future');
  else if (birthDate !== null && birthDate < '1900-01-01') check.add('birthDate', 'roster.birth_too_old');

  const dwellingCode = check.text('dwellingCode');
  const dwelling = dwellingCode !== null ? context.dwellings.get(dwellingCode) : undefined;
  if (dwellingCode !== null && !dwelling) check.add('dwellingCode', 'roster.unknown_dwelling', { code: dwellingCode });

  let placeCode = check.text('placeCode');
  if (placeCode !== null) {
    const place = placeAt(check, 'placeCode', context, homePlaceKinds);
    if (place && dwelling && !isWithin(dwelling.placePath, place.path)) {
      check.add('dwellingCode', 'roster.dwelling_outside_place');
    }
  } else if (dwelling) {
    // The place comes from the dwelling; the service looks up the places of the dwellings a file names.
    placeCode = dwelling.placeCode;
    if (!context.places.has(placeCode)) check.add('dwellingCode', 'roster.unknown_place', { code: placeCode });
    else if (!isWithin(dwelling.placePath, context.scopePath)) check.add('dwellingCode', 'roster.outside_scope');
  } else if (check.isBlank('placeCode') && check.isBlank('dwellingCode')) {
    check.add('placeCode', 'validation.required');
  }

  const householdCode = check.text('householdCode');
  if (householdCode !== null) {
    const household = context.households.get(householdCode);
    if (!household) check.add('householdCode', 'roster.unknown_household', { code: householdCode });
    else if (!isWithin(household.placePath, context.scopePath)) check.add('householdCode', 'roster.outside_scope');
  }

  // Ownerships of dwellings outside the scope belong to another area's roster: a file may repeat the
  // stored ones (exports do) but not add any, and leaving them out does not remove them.
  const stored = code !== null ? context.residents.get(code) : undefined;
  const keptOutside = (stored?.owned ?? []).filter((o) => !isWithin(o.placePath, context.scopePath)).map((o) => o.code);
  const listed = (check.parsed.ownedDwellingCodes as string[] | null) ?? [];
  for (const ownedCode of listed) {
    const ownedDwelling = context.dwellings.get(ownedCode);
    if (!ownedDwelling) check.add('ownedDwellingCodes', 'roster.unknown_dwelling', { code: ownedCode });
    else if (!isWithin(ownedDwelling.placePath, context.scopePath) && !keptOutside.includes(ownedCode)) {
      check.add('ownedDwellingCodes', 'roster.outside_scope');
    }
  }
  const owned = [...new Set([...listed, ...keptOutside])].sort();

  if (!check.isValid || placeCode === null) return null;
  const p = check.parsed;
  if (p.tenure === 'owner' && owned.length === 0) check.warn('ownedDwellingCodes', 'roster.owner_without_property');
  if (p.tenure === 'tenant' && listed.length > 0) check.warn('ownedDwellingCodes', 'roster.tenant_with_property');
  return {
    code: code!,
    name: p.name as string,
    gender: (p.gender as ResidentRecord['gender']) ?? null,
    birthDate: birthDate!,
    phone: check.text('phone'),
    householdCode,
    dwellingCode,
    placeCode,
    tenure: p.tenure as ResidentRecord['tenure'],
    ownedDwellingCodes: owned,
  };
}

type FilePlace = { check: RowCheck; kind: PlaceKind | null; parentCode: string | null };

/**
 * Places may define their own parents in the same file, in any order. Existing places keep their kind
 * and parent (moving a subtree is not an import's job); a new place needs a parent of the kind just
 * above it, inside the scope; a new place whose in-file parent is refused is refused too.
 */
export function checkPlaces(checks: readonly RowCheck[], context: RosterContext): Map<RowCheck, PlaceRecord> {
  const filePlaces = new Map<string, FilePlace>();
  for (const check of checks) {
    const code = check.text('code');
    if (code !== null && !filePlaces.has(code)) {
      filePlaces.set(code, {
        check,
        kind: check.text('kind') as PlaceKind | null,
        parentCode: check.text('parentCode'),
      });
    }
  }
  const isInScope = (code: string, seen = new Set<string>()): boolean => {
    const known = context.places.get(code);
    if (known) return isWithin(known.path, context.scopePath);
    const inFile = filePlaces.get(code);
    if (!inFile?.parentCode || seen.has(code)) return false;
    seen.add(code);
    return isInScope(inFile.parentCode, seen);
  };
  const ruralOf = (code: string, seen = new Set<string>()): boolean | undefined => {
    const inFile = filePlaces.get(code);
    const stated = inFile?.check.parsed.isRural;
    if (typeof stated === 'string') return stated === 'rural';
    const known = context.places.get(code);
    if (known) return known.isRural;
    if (!inFile?.parentCode || seen.has(code)) return undefined;
    seen.add(code);
    return ruralOf(inFile.parentCode, seen);
  };

  for (const check of checks) {
    const code = check.text('code');
    const kind = check.text('kind') as PlaceKind | null;
    const parentCode = check.text('parentCode');
    const stored = code !== null ? context.places.get(code) : undefined;
    if (stored) {
      if (!isWithin(stored.path, context.scopePath)) check.add('code', 'roster.outside_scope');
      if (kind !== null && kind !== stored.kind) check.add('kind', 'roster.place_kind_changed');
      if (!check.failed.has('parentCode') && parentCode !== stored.parentCode)
        check.add('parentCode', 'roster.place_moved');
      continue;
    }
    if (kind === 'city') {
      // New roots are made by administrators, not by a roster file.
      if (parentCode !== null) check.add('parentCode', 'roster.kind_parent', { expected: '—' });
      else if (code !== null) check.add('code', 'roster.outside_scope');
      continue;
    }
    if (parentCode === null) {
      if (!check.failed.has('parentCode')) check.add('parentCode', 'validation.required');
      continue;
    }
    const parentKind = context.places.get(parentCode)?.kind ?? filePlaces.get(parentCode)?.kind ?? undefined;
    if (!context.places.has(parentCode) && !filePlaces.has(parentCode)) {
      check.add('parentCode', 'roster.unknown_place', { code: parentCode });
    } else if (parentKind && kind !== null && childKindOf[parentKind] !== kind) {
      check.add('kind', 'roster.kind_parent', { expected: kindLabel(childKindOf[parentKind]) });
    } else if (!isInScope(parentCode)) {
      check.add('parentCode', 'roster.outside_scope');
    }
  }

  // A refused parent row takes its new children with it, level by level (the tree is at most six deep).
  for (let changed = true; changed;) {
    changed = false;
    for (const check of checks) {
      const code = check.text('code');
      const parentCode = check.text('parentCode');
      if (!check.isValid || code === null || parentCode === null || context.places.has(code)) continue;
      const parent = filePlaces.get(parentCode);
      if (parent && !context.places.has(parentCode) && !parent.check.isValid) {
        check.add('parentCode', 'roster.parent_invalid', { row: parent.check.row });
        changed = true;
      }
    }
  }

  const records = new Map<RowCheck, PlaceRecord>();
  for (const check of checks) {
    const code = check.text('code');
    if (!check.isValid || code === null) continue;
    const parentCode = check.text('parentCode');
    const stored = context.places.get(code);
    const isRural =
      ruralOf(code) ?? (parentCode !== null ? ruralOf(parentCode) : undefined) ?? stored?.isRural ?? false;
    records.set(check, { code, name: check.text('name')!, kind: check.text('kind') as PlaceKind, parentCode, isRural });
  }
  return records;
}
