import { roomKey, type RosterContext } from './context';
import type { RosterKind } from './columns';
import type { RosterProblem, RosterWarning } from './problems';
import type { RosterRecordOf, RosterRow } from './records';
import { checkDwelling, checkHousehold, checkPlaces, checkResident } from './references';
import { flagDuplicates, parseRow, type RowCheck } from './row-check';
import type { RowInput } from './sheet';

export type RosterValidation<K extends RosterKind> = {
  /** Data rows read (blank rows are not counted). */
  rowCount: number;
  /** Valid rows with their normalised records, in file order. */
  rows: RosterRow<K>[];
  /** Problems in row order, then column order. */
  problems: RosterProblem[];
  /** Warnings on valid rows, in row order: writing those rows needs the worker's acknowledgement. */
  warnings: RosterWarning[];
};

/**
 * What a file validated a part at a time carries from one part to the next: the first row of each code
 * and (dwellings) of each room, so a repeat in a later part is flagged as it would be in one piece.
 */
export type FileSeen = { codes: Map<string, number>; rooms: Map<string, number> };
export const newFileSeen = (): FileSeen => ({ codes: new Map(), rooms: new Map() });

/**
 * Validates a whole file of one kind against itself and the database context, or one part of a large
 * file given what earlier parts held (`seen`). Pure but for `seen`: the same rows, context and earlier
 * parts always give the same answer. A row with any problem yields no record.
 */
export function validateRows<K extends RosterKind>(
  kind: K,
  inputs: readonly RowInput[],
  context: RosterContext,
  seen: FileSeen = newFileSeen(),
): RosterValidation<K> {
  const checks = inputs.map((input) => parseRow(kind, input));
  flagDuplicates(checks, (c) => c.text('code'), 'code', 'roster.duplicate', seen.codes);
  const records = new Map<RowCheck, RosterRecordOf[RosterKind]>();
  if (kind === 'places') {
    for (const [check, record] of checkPlaces(checks, context)) records.set(check, record);
  } else {
    if (kind === 'dwellings') checkDwellingRooms(checks, context, seen.rooms);
    for (const check of checks) {
      const record =
        kind === 'dwellings'
          ? checkDwelling(check, context)
          : kind === 'households'
            ? checkHousehold(check, context)
            : checkResident(check, context);
      if (record) records.set(check, record);
    }
  }
  const rows: RosterRow<K>[] = [];
  for (const check of checks) {
    const record = records.get(check);
    if (check.isValid && record) rows.push({ row: check.row, record: record as RosterRecordOf[K] });
  }
  return {
    rowCount: inputs.length,
    rows,
    problems: checks.flatMap((c) => c.problems),
    warnings: checks.flatMap((c) => (c.isValid && records.has(c) ? c.warnings : [])),
  };
}

/**
 * One dwelling per room of a place: within the file, and against stored dwellings not moved by the file
 * (by this part of it, when a large file is validated a part at a time).
 */
function checkDwellingRooms(checks: readonly RowCheck[], context: RosterContext, seenRooms: Map<string, number>): void {
  const roomOf = (c: RowCheck) => {
    const placeCode = c.text('placeCode');
    const room = c.text('room');
    return placeCode !== null && room !== null ? roomKey(placeCode, room) : null;
  };
  const firstByRoom = flagDuplicates(checks, roomOf, 'room', 'roster.duplicate_room', seenRooms);
  const fileRoomByCode = new Map<string, string | null>();
  for (const check of checks) {
    const code = check.text('code');
    if (code !== null && !fileRoomByCode.has(code)) fileRoomByCode.set(code, roomOf(check));
  }
  for (const [key, check] of firstByRoom) {
    const holder = context.dwellingsByRoom.get(key);
    if (holder === undefined || holder === check.text('code')) continue;
    // The stored holder frees the room when this same file moves it elsewhere.
    const movedTo = fileRoomByCode.get(holder);
    if (movedTo !== undefined && movedTo !== null && movedTo !== key) continue;
    check.add('room', 'roster.room_taken', { code: holder });
  }
}
