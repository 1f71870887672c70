import { eq } from 'drizzle-orm';
import type { Role } from '../../domain/access';
import { childPath, placeKinds, type PlaceKind } from '../../domain/territory/places';
import type { Db } from '../db/client';
import { accounts, dwellings, households, ownerships, places, residents, roleGrants } from '../db/schema';
import { hashPassword } from '../modules/auth';

let counter = 0;
const next = () => ++counter;

export async function buildPlace(
  db: Db,
  opts: { kind: PlaceKind; name?: string; parentId?: number; code?: string; isRural?: boolean },
) {
  const parent = opts.parentId ? (await db.select().from(places).where(eq(places.id, opts.parentId)))[0] : undefined;
  const n = next();
  const [row] = await db
    .insert(places)
    .values({
      parentId: parent?.id ?? null,
      kind: opts.kind,
      code: opts.code ?? `T${n}`,
      name: opts.name ?? `${opts.kind} ${n}`,
      isRural: opts.isRural ?? false,
      path: 'pending',
      depth: placeKinds.indexOf(opts.kind) + 1,
    })
    .returning();
  const [place] = await db
    .update(places)
    .set({ path: childPath(parent?.path, row!.id) })
    .where(eq(places.id, row!.id))
    .returning();
  return place!;
}

export async function buildDwelling(
  db: Db,
  opts: { placeId: number; room?: string; floor?: number; areaCenti?: number },
) {
  const [place] = await db.select().from(places).where(eq(places.id, opts.placeId));
  const n = next();
  const [row] = await db
    .insert(dwellings)
    .values({
      placeId: place!.id,
      placePath: place!.path,
      code: `D${n}`,
      room: opts.room ?? `${100 + n}`,
      floor: opts.floor ?? 1,
      areaCenti: opts.areaCenti ?? 8_950,
    })
    .returning();
  return row!;
}

export async function buildResident(
  db: Db,
  opts: {
    placeId: number;
    name?: string;
    phone?: string | null;
    birthDate?: string;
    dwellingId?: number;
    tenure?: 'owner' | 'tenant' | 'family';
    owns?: number[];
  },
) {
  const [place] = await db.select().from(places).where(eq(places.id, opts.placeId));
  const n = next();
  const [household] = await db
    .insert(households)
    .values({ code: `H${n}`, placeId: place!.id, placePath: place!.path, dwellingId: opts.dwellingId ?? null })
    .returning();
  const [row] = await db
    .insert(residents)
    .values({
      code: `R${n}`,
      name: opts.name ?? `居民${n}`,
      birthDate: opts.birthDate ?? '1980-01-01',
      phone: opts.phone === undefined ? `139${String(10000000 + n).slice(-8)}` : opts.phone,
      householdId: household!.id,
      placeId: place!.id,
      placePath: place!.path,
      dwellingId: opts.dwellingId ?? null,
      tenure: opts.tenure ?? 'owner',
    })
    .returning();
  for (const dwellingId of opts.owns ?? []) await db.insert(ownerships).values({ dwellingId, residentId: row!.id });
  return row!;
}

/** A staff account holding `role` on `placeId`; password "demo1234" unless given. */
export async function buildStaff(
  db: Db,
  opts: { role: Role; placeId: number; phone?: string; name?: string; password?: string },
) {
  const n = next();
  const [account] = await db
    .insert(accounts)
    .values({
      phone: opts.phone ?? `137${String(10000000 + n).slice(-8)}`,
      displayName: opts.name ?? `工作人员${n}`,
      passwordHash: await hashPassword(opts.password ?? 'demo1234'),
    })
    .returning();
  await db.insert(roleGrants).values({ accountId: account!.id, role: opts.role, placeId: opts.placeId });
  return account!;
}

/**
 * A small city: one town with an urban community (estate → building → 2 units, 4 dwellings)
 * and a rural village (natural village → villager group), plus a second town.
 */
export async function buildTerritory(db: Db) {
  const city = await buildPlace(db, { kind: 'city', name: '测试市' });
  const town = await buildPlace(db, { kind: 'town', name: '梧桐街道', parentId: city.id });
  const community = await buildPlace(db, { kind: 'community', name: '河滨社区', parentId: town.id });
  const estate = await buildPlace(db, { kind: 'estate', name: '河滨小区', parentId: community.id });
  const building = await buildPlace(db, { kind: 'building', name: '5幢', parentId: estate.id });
  const unit1 = await buildPlace(db, { kind: 'unit', name: '1单元', parentId: building.id });
  const unit2 = await buildPlace(db, { kind: 'unit', name: '2单元', parentId: building.id });
  const village = await buildPlace(db, { kind: 'community', name: '新联村', parentId: town.id, isRural: true });
  const naturalVillage = await buildPlace(db, { kind: 'estate', name: '王家浜', parentId: village.id, isRural: true });
  const group = await buildPlace(db, {
    kind: 'building',
    name: '第3村民小组',
    parentId: naturalVillage.id,
    isRural: true,
  });
  const otherTown = await buildPlace(db, { kind: 'town', name: '濮院镇', parentId: city.id });
  const otherCommunity = await buildPlace(db, { kind: 'community', name: '濮院社区', parentId: otherTown.id });
  return {
    city,
    town,
    community,
    estate,
    building,
    unit1,
    unit2,
    village,
    naturalVillage,
    group,
    otherTown,
    otherCommunity,
  };
}
