import type { Gender, Tenure } from '../people/residents';
import type { AreaSource, DwellingUse } from '../territory/dwellings';
import type { PlaceKind } from '../territory/places';
import type { RosterKind } from './columns';

/**
 * Normalised records: what a valid row means, and what the server loads back from the database in the
 * same shape, so import compares like with like and export is the exact inverse of import.
 */
export type PlaceRecord = { code: string; name: string; kind: PlaceKind; parentCode: string | null; isRural: boolean };
export type DwellingRecord = {
  code: string;
  placeCode: string;
  room: string;
  floor: number;
  /** Registered area in hundredths of m², exact. */
  areaCenti: number;
  areaSource: AreaSource;
  use: DwellingUse;
  isDeveloperHeld: boolean;
};
export type HouseholdRecord = { code: string; placeCode: string; dwellingCode: string | null };
export type ResidentRecord = {
  code: string;
  name: string;
  gender: Gender | null;
  birthDate: string;
  phone: string | null;
  householdCode: string | null;
  dwellingCode: string | null;
  /** Where the person lives; taken from the dwelling when the file leaves it blank. */
  placeCode: string;
  tenure: Tenure;
  /** Sorted, without duplicates. */
  ownedDwellingCodes: string[];
};

export type RosterRecordOf = {
  places: PlaceRecord;
  dwellings: DwellingRecord;
  households: HouseholdRecord;
  residents: ResidentRecord;
};
export type RosterRecord = RosterRecordOf[RosterKind];

/** A valid row and what it means. */
export type RosterRow<K extends RosterKind = RosterKind> = { row: number; record: RosterRecordOf[K] };

/** True when two records of one kind say the same thing (lists compared in order; both are sorted). */
export function isSameRecord(a: RosterRecord, b: RosterRecord): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return true;
}

export type RecordDiff<R> = { inserts: R[]; updates: R[]; unchanged: number };

/** Splits valid records into new, changed and unchanged against what is stored under the same codes. */
export function diffRecords<R extends RosterRecord>(
  records: readonly R[],
  stored: ReadonlyMap<string, R>,
): RecordDiff<R> {
  const diff: RecordDiff<R> = { inserts: [], updates: [], unchanged: 0 };
  for (const record of records) {
    const before = stored.get(record.code);
    if (!before) diff.inserts.push(record);
    else if (isSameRecord(record, before)) diff.unchanged += 1;
    else diff.updates.push(record);
  }
  return diff;
}
