/**
 * The electorate a ballot fixes when it opens (ballot_electors): owners (SPC interpretation Arts.
 * 8–9 via domain `ownerElectors`), adult residents (18 on the opening day in China counts), households
 * (one elector each, cast by any of its adults) or a council's current seats.
 */
import { and, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import { isAdultOn } from '../../../../domain/people/age';
import { pathIds } from '../../../../domain/territory/places';
import { ownerElectors, type Ownership } from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import {
  ballotElectors,
  councilMembers,
  dwellings,
  ownerships,
  places,
  poolMembers,
  residents,
} from '../../../db/schema';
import { inSubtree } from '../../../db/subtree';
import type { BallotRow } from '../casting/cast';

export type ElectorRow = {
  key: string;
  label: string;
  residentIds: number[];
  dwellingIds: number[];
  householdId: number | null;
  areaCenti: bigint;
};

/** Names of the places below the estate (楼栋, 单元) along a path, for staff labels like "5幢2单元0301". */
async function placeLabels(db: DbOrTx, paths: readonly string[]) {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = ids.length
    ? await db
        .select({ id: places.id, name: places.name, kind: places.kind })
        .from(places)
        .where(inArray(places.id, ids))
    : [];
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
  const parts = await db
    .select({
      id: dwellings.id,
      room: dwellings.room,
      placePath: dwellings.placePath,
      area: dwellings.areaCenti,
      isDeveloperHeld: dwellings.isDeveloperHeld,
    })
    .from(dwellings)
    .where(inSubtree(dwellings.placePath, scopePath));
  const held = await db
    .select({ dwellingId: ownerships.dwellingId, residentId: ownerships.residentId, name: residents.name })
    .from(ownerships)
    .innerJoin(dwellings, eq(dwellings.id, ownerships.dwellingId))
    .innerJoin(residents, eq(residents.id, ownerships.residentId))
    .where(inSubtree(dwellings.placePath, scopePath));
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
  const rows = await db
    .select({
      id: residents.id,
      name: residents.name,
      birthDate: residents.birthDate,
      householdId: residents.householdId,
      placePath: residents.placePath,
      room: dwellings.room,
    })
    .from(residents)
    .leftJoin(dwellings, eq(dwellings.id, residents.dwellingId))
    .where(inSubtree(residents.placePath, scopePath))
    .orderBy(residents.placePath, residents.id);
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
  const rows = await db
    .select({
      seatId: councilMembers.id,
      position: councilMembers.position,
      residentId: residents.id,
      name: residents.name,
      householdId: residents.householdId,
    })
    .from(councilMembers)
    .innerJoin(poolMembers, eq(poolMembers.id, councilMembers.poolMemberId))
    .innerJoin(residents, eq(residents.id, poolMembers.residentId))
    .where(
      and(
        eq(councilMembers.councilId, councilId),
        lte(councilMembers.termStart, day),
        gte(councilMembers.termEnd, day),
        isNotNull(poolMembers.residentId),
        eq(poolMembers.isActive, true),
      ),
    )
    .orderBy(councilMembers.id);
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

/** Stores the snapshot in chunks (a large estate has thousands of electors). */
export async function storeElectorate(db: DbOrTx, ballotId: number, rows: readonly ElectorRow[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(ballotElectors).values(rows.slice(i, i + 1000).map((r) => ({ ballotId, ...r })));
  }
}
