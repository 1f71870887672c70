import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { microLeaderStatuses, type MicroLeaderStatus } from '../../../domain/training';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  microLeaders,
  places,
  poolMembers,
  residents,
  trainingProgrammes as programmes,
  trainingSessions as sessions,
  trainingSignIns as signIns,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';

const [active, withdrawn] = microLeaderStatuses;

/** What the pool list filters by: the subtree, optionally the year of `since`, a tag and a status. */
export type MicroLeaderFilter = {
  path: string;
  year?: number | undefined;
  tag?: string | undefined;
  status: MicroLeaderStatus;
};

function leaderFilter(f: MicroLeaderFilter) {
  return and(
    inSubtree(microLeaders.placePath, f.path),
    eq(microLeaders.status, f.status),
    f.year === undefined ? undefined : sql`extract(year from ${microLeaders.since}) = ${f.year}`,
    f.tag ? sql`${f.tag} = any(${microLeaders.tags})` : undefined,
  );
}

/** The micro-leaders of a subtree with their community, programme and the minutes they attended in it. */
export async function microLeadersOf(db: DbOrTx, f: MicroLeaderFilter) {
  return db
    .select({
      id: microLeaders.id,
      accountId: microLeaders.accountId,
      placePath: microLeaders.placePath,
      name: sql<string>`coalesce(${residents.name}, ${accounts.displayName})`,
      phone: accounts.phone,
      communityName: places.name,
      programmeTitle: programmes.title,
      attendedMinutes: sql<number>`(select coalesce(sum(${sessions.minutes}), 0)::int from ${signIns}
        join ${sessions} on ${sessions.id} = ${signIns.sessionId}
        where ${sessions.programmeId} = ${microLeaders.programmeId} and ${signIns.accountId} = ${microLeaders.accountId})`,
      since: microLeaders.since,
      tags: microLeaders.tags,
      status: microLeaders.status,
      withdrawnReason: microLeaders.withdrawnReason,
      poolMemberId: microLeaders.poolMemberId,
    })
    .from(microLeaders)
    .innerJoin(accounts, eq(accounts.id, microLeaders.accountId))
    .leftJoin(residents, eq(residents.id, accounts.residentId))
    .leftJoin(places, eq(places.path, microLeaders.placePath))
    .leftJoin(programmes, eq(programmes.id, microLeaders.programmeId))
    .where(leaderFilter(f))
    .orderBy(desc(microLeaders.since), asc(microLeaders.id));
}

/** How many micro-leaders of the subtree (same filter, no tag) carry each tag. */
export async function microLeaderTagCounts(db: DbOrTx, f: MicroLeaderFilter) {
  const tag = sql<string>`unnest(${microLeaders.tags})`;
  const rows = await db
    .select({ tag, count: count() })
    .from(microLeaders)
    .where(leaderFilter({ ...f, tag: undefined }))
    .groupBy(sql`1`)
    .orderBy(desc(count()), sql`1`);
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}

/** One micro-leader's row, locked for a change. */
export async function lockMicroLeader(db: DbOrTx, id: number) {
  const [row] = await db.select().from(microLeaders).where(eq(microLeaders.id, id)).for('update');
  return row;
}

/** A person's micro-leader row with their community's name. */
export async function microLeaderOfAccount(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({
      since: microLeaders.since,
      tags: microLeaders.tags,
      status: microLeaders.status,
      communityName: places.name,
    })
    .from(microLeaders)
    .leftJoin(places, eq(places.path, microLeaders.placePath))
    .where(eq(microLeaders.accountId, accountId));
  return row;
}

/** Sets tags (and keeps the linked pool entry's 微领袖 tag beside its own). */
export async function setMicroLeaderTags(db: DbOrTx, id: number, tags: string[]) {
  const [row] = await db
    .update(microLeaders)
    .set({ tags })
    .where(eq(microLeaders.id, id))
    .returning({ id: microLeaders.id, tags: microLeaders.tags, status: microLeaders.status });
  return row!;
}

/** Withdraws an active micro-leader with the reason; undefined when not active. */
export async function withdrawMicroLeader(db: DbOrTx, id: number, reason: string) {
  const [row] = await db
    .update(microLeaders)
    .set({ status: withdrawn, withdrawnReason: reason })
    .where(and(eq(microLeaders.id, id), eq(microLeaders.status, active)))
    .returning({ id: microLeaders.id, tags: microLeaders.tags, status: microLeaders.status });
  return row;
}

/**
 * Makes (or renews) a person a micro-leader: one row per account; a withdrawn one becomes active again
 * with the new programme and day.
 */
export async function upsertMicroLeader(db: DbOrTx, values: typeof microLeaders.$inferInsert) {
  const [row] = await db
    .insert(microLeaders)
    .values(values)
    .onConflictDoUpdate({
      target: microLeaders.accountId,
      set: {
        status: active,
        withdrawnReason: null,
        since: values.since,
        programmeId: values.programmeId,
        placePath: values.placePath,
        poolMemberId: values.poolMemberId,
        tags: sql`(select array(select distinct unnest(${microLeaders.tags} || excluded.tags)))`,
      },
    })
    .returning({ id: microLeaders.id });
  return row!.id;
}

/** The community place (id) at a path. */
export async function placeAtPath(db: DbOrTx, path: string) {
  const [row] = await db.select({ id: places.id, path: places.path }).from(places).where(eq(places.path, path));
  return row;
}

/**
 * Puts a resident in their community's member pool with `tag` (active again if they had left), keeping
 * their other tags; returns the pool entry's id.
 */
export async function addToPoolWithTag(
  db: DbOrTx,
  place: { id: number; path: string },
  residentId: number,
  tag: string,
) {
  const [row] = await db
    .insert(poolMembers)
    .values({ placeId: place.id, placePath: place.path, residentId, tags: [tag] })
    .onConflictDoUpdate({
      target: [poolMembers.placeId, poolMembers.residentId],
      targetWhere: sql`${poolMembers.residentId} is not null`,
      set: {
        isActive: true,
        tags: sql`case when ${tag} = any(${poolMembers.tags}) then ${poolMembers.tags} else array_append(${poolMembers.tags}, ${tag}) end`,
      },
    })
    .returning({ id: poolMembers.id });
  return row!.id;
}
