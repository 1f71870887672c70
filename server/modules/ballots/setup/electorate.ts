/**
 * The electorate a ballot fixes when it opens (ballot_electors): owners (SPC interpretation Arts.
 * 8–9 via domain `ownerElectors`), adult residents (18 on the opening day in China counts), households
 * (one elector each, cast by any of its adults) or a council's current seats.
 */
import { isAdultOn } from '../../../../domain/people/age';
import { pathIds } from '../../../../domain/territory/places';
import { ownerElectors, type Ownership } from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import type { BallotRow } from '../casting/cast';
import {
  currentResidentSeats,
  dwellingsWithin,
  ownershipsWithin,
  placeKindsAndNames,
  residentsWithin,
  type ElectorRow,
} from './electorate.repository';

export { storeElectorate, type ElectorRow } from './electorate.repository';

/** Names of the places below the estate (楼栋, 单元) along a path, for staff labels like "5幢2单元0301". */
async function placeLabels(db: DbOrTx, paths: readonly string[]) {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = await placeKindsAndNames(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (path: string) =>
    pathIds(path)
      .map((id) => byId.get(id))
      .filter((p) => p && (p.kind === 'building' || p.kind === 'unit'))
      .map((p) => p!.name)
      .join('');
}

const positionWords: Record<string, string> = {
  chair: '主任',
  vice_chair: '副主任',
  member: '成员',
  secretary: '秘书',
};

async function owners(db: DbOrTx, scopePath: string): Promise<ElectorRow[]> {
  const parts = await dwellingsWithin(db, scopePath);
  const held = await ownershipsWithin(db, scopePath);
  const partById = new Map(parts.map((p) => [p.id, p]));
  const list: Ownership[] = [];
  for (const p of parts) if (p.isDeveloperHeld) list.push({ dwellingId: p.id, personId: null, area: BigInt(p.area) });
  for (const h of held) {
    const part = partById.get(h.dwellingId)!;
    if (!part.isDeveloperHeld) list.push({ dwellingId: h.dwellingId, personId: h.residentId, area: BigInt(part.area) });
  }
  const names = new Map(held.map((h) => [h.residentId, h.name]));
  const labelOf = await placeLabels(
    db,
    parts.map((p) => p.placePath),
  );
  return ownerElectors(list).map((e) => {
    const rooms = e.dwellingIds.map((id) => `${labelOf(partById.get(id)!.placePath)}${partById.get(id)!.room}`);
    const who = e.personIds.length ? e.personIds.map((id) => names.get(id)).join('、') : '开发建设单位';
    return {
      key: e.key,
      label: `${rooms.join('、')} ${who}`,
      residentIds: [...e.personIds],
      dwellingIds: [...e.dwellingIds],
      householdId: null,
      areaCenti: e.area,
    };
  });
}

async function adultsIn(db: DbOrTx, scopePath: string, day: string) {
  const rows = await residentsWithin(db, scopePath);
  const labelOf = await placeLabels(
    db,
    rows.map((r) => r.placePath),
  );
  return rows
    .filter((r) => isAdultOn(r.birthDate, day))
    .map((r) => ({ ...r, where: `${labelOf(r.placePath)}${r.room ?? ''}` }));
}

async function adultResidents(db: DbOrTx, scopePath: string, day: string): Promise<ElectorRow[]> {
  return (await adultsIn(db, scopePath, day)).map((r) => ({
    key: `resident:${r.id}`,
    label: `${r.where} ${r.name}`.trim(),
    residentIds: [r.id],
    dwellingIds: [],
    householdId: r.householdId,
    areaCenti: 0n,
  }));
}

/** One elector per household with an adult; any of its adults may cast it. */
async function householdElectors(db: DbOrTx, scopePath: string, day: string): Promise<ElectorRow[]> {
  const groups = new Map<number, Awaited<ReturnType<typeof adultsIn>>>();
  for (const r of await adultsIn(db, scopePath, day)) {
    if (r.householdId === null) continue;
    groups.set(r.householdId, [...(groups.get(r.householdId) ?? []), r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([householdId, adults]) => ({
      key: `household:${householdId}`,
      label: `${adults[0]!.where} ${adults[0]!.name}户`.trim(),
      residentIds: adults.map((a) => a.id),
      dwellingIds: [],
      householdId,
      areaCenti: 0n,
    }));
}

/** The council's seats current on `day`, held by residents (organisations cannot vote in person). */
async function councilSeats(db: DbOrTx, councilId: number, day: string): Promise<ElectorRow[]> {
  const rows = await currentResidentSeats(db, councilId, day);
  return rows.map((r) => ({
    key: `seat:${r.seatId}`,
    label: `${r.name}（${positionWords[r.position]}）`,
    residentIds: [r.residentId],
    dwellingIds: [],
    householdId: r.householdId,
    areaCenti: 0n,
  }));
}

/** Builds the electorate for `ballot` as of `day` (YYYY-MM-DD, China). */
export async function buildElectorate(db: DbOrTx, ballot: BallotRow, scopePath: string | null, day: string) {
  switch (ballot.electorateKind) {
    case 'owners':
      return owners(db, scopePath!);
    case 'adult_residents':
      return adultResidents(db, scopePath!, day);
    case 'households':
      return householdElectors(db, scopePath!, day);
    case 'council':
    case 'representatives':
      return councilSeats(db, ballot.councilId!, day);
  }
}
