import type { PlaceKind, PlacePath } from '../territory/places';
import { cellText } from './cells';
import type { RosterKind } from './columns';
import type { RowInput } from './sheet';

export type KnownPlace = {
  code: string;
  kind: PlaceKind;
  path: PlacePath;
  parentCode: string | null;
  isRural: boolean;
};
export type KnownDwelling = { code: string; placeCode: string; placePath: PlacePath; room: string };
export type KnownHousehold = { code: string; placePath: PlacePath };
/** A stored resident, with the dwellings they own (an owner may hold a flat in another community). */
export type KnownResident = {
  code: string;
  placePath: PlacePath;
  owned: readonly { code: string; placePath: PlacePath }[];
};

/**
 * What validation needs from the database, looked up set-wise by the service for the codes a file
 * mentions (see `referencedCodes`). Maps are keyed by code; a code absent from its map does not exist.
 */
export type RosterContext = {
  /** Today as YYYY-MM-DD: no one is born after it. */
  today: string;
  /** The subtree the import is for: every row must stay inside it. */
  scopePath: PlacePath;
  places: ReadonlyMap<string, KnownPlace>;
  dwellings: ReadonlyMap<string, KnownDwelling>;
  households: ReadonlyMap<string, KnownHousehold>;
  residents: ReadonlyMap<string, KnownResident>;
  /** Stored dwelling codes by `roomKey(placeCode, room)`, for the places a dwellings file mentions. */
  dwellingsByRoom: ReadonlyMap<string, string>;
};

const LIST_SEPARATOR = /[;；,，、]/;

export const roomKey = (placeCode: string, room: string) => `${placeCode}\u0000${room}`;

export type ReferencedCodes = {
  places: Set<string>;
  dwellings: Set<string>;
  households: Set<string>;
  residents: Set<string>;
};

/** Every code a file mentions, by what it names: the service looks these up in one query each. */
export function referencedCodes(kind: RosterKind, rows: readonly RowInput[]): ReferencedCodes {
  const codes: ReferencedCodes = {
    places: new Set(),
    dwellings: new Set(),
    households: new Set(),
    residents: new Set(),
  };
  const add = (set: Set<string>, row: RowInput, key: string) => {
    const text = cellText(row.cells[key]);
    // Most cells hold one code: split only lists.
    if (!LIST_SEPARATOR.test(text)) {
      if (text !== '') set.add(text);
      return;
    }
    for (const code of text.split(/[;；,，、]+/)) {
      if (code.trim()) set.add(code.trim());
    }
  };
  for (const row of rows) {
    if (kind === 'places') {
      add(codes.places, row, 'code');
      add(codes.places, row, 'parentCode');
    } else if (kind === 'dwellings') {
      add(codes.dwellings, row, 'code');
      add(codes.places, row, 'placeCode');
    } else if (kind === 'households') {
      add(codes.households, row, 'code');
      add(codes.places, row, 'placeCode');
      add(codes.dwellings, row, 'dwellingCode');
    } else {
      add(codes.residents, row, 'code');
      add(codes.places, row, 'placeCode');
      add(codes.households, row, 'householdCode');
      add(codes.dwellings, row, 'dwellingCode');
      add(codes.dwellings, row, 'ownedDwellingCodes');
    }
  }
  return codes;
}
