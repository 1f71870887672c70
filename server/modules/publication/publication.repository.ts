import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { staffRoles } from '../../../domain/access/roles';
import type { DirectoryEntry } from '../../../domain/publication/public-text';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  invitations,
  meetings,
  minutes,
  notices,
  publicLabels,
  publicTexts,
  residents,
  resolutions,
  roleGrants,
} from '../../db/schema';
import type { PublicTextKind } from '../../../contracts/publication';
import { clockNow } from '../../clock';

/** One text of a matter that becomes public only as a confirmed, redacted version. */
export type PublicationSource = {
  kind: PublicTextKind;
  sourceId: number;
  text: string;
  /** What the text belongs to, for the confirm screen: the meeting's start or the notice's kind. */
  context: { meetingStartsAt?: string; noticeKind?: string };
};

/** The matter's minutes, resolution and notices (title and body): the order of the confirm screen and of labels. */
export async function publicationSources(db: DbOrTx, matterId: number): Promise<PublicationSource[]> {
  const noticeRows = await db.select().from(notices).where(eq(notices.matterId, matterId)).orderBy(asc(notices.id));
  const minuteRows = await db
    .select({ id: minutes.id, body: minutes.bodyFull, startsAt: meetings.startsAt })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(meetings.matterId, matterId))
    .orderBy(asc(meetings.startsAt), asc(minutes.id));
  const [resolution] = await db.select().from(resolutions).where(eq(resolutions.matterId, matterId));
  return [
    ...minuteRows.map((m): PublicationSource => ({
      kind: 'minutes',
      sourceId: m.id,
      text: m.body,
      context: { meetingStartsAt: m.startsAt.toISOString() },
    })),
    ...(resolution
      ? [{ kind: 'resolution' as const, sourceId: resolution.id, text: resolution.body, context: {} }]
      : []),
    ...noticeRows.flatMap((n): PublicationSource[] => [
      { kind: 'notice_title', sourceId: n.id, text: n.title, context: { noticeKind: n.kind } },
      { kind: 'notice_body', sourceId: n.id, text: n.body, context: { noticeKind: n.kind } },
    ]),
  ];
}

/** The confirmed texts of a matter, with who confirmed them. */
export async function confirmedTextsOf(db: DbOrTx, matterId: number) {
  return db
    .select({
      kind: publicTexts.kind,
      sourceId: publicTexts.sourceId,
      body: publicTexts.body,
      sourceDigest: publicTexts.sourceDigest,
      confirmedAt: publicTexts.confirmedAt,
      confirmedBy: accounts.displayName,
    })
    .from(publicTexts)
    .innerJoin(accounts, eq(accounts.id, publicTexts.confirmedBy))
    .where(eq(publicTexts.matterId, matterId));
}

/** The confirmed text of one source, or undefined. */
export async function confirmedText(db: DbOrTx, matterId: number, kind: PublicTextKind, sourceId: number) {
  const [row] = await db
    .select()
    .from(publicTexts)
    .where(and(eq(publicTexts.matterId, matterId), eq(publicTexts.kind, kind), eq(publicTexts.sourceId, sourceId)));
  return row;
}

/** Confirmed bodies of these matters, by `${kind}:${sourceId}` (what the public routes read). */
export async function confirmedBodies(db: DbOrTx, matterIds: readonly number[]): Promise<Map<string, string>> {
  if (matterIds.length === 0) return new Map();
  const rows = await db
    .select({ kind: publicTexts.kind, sourceId: publicTexts.sourceId, body: publicTexts.body })
    .from(publicTexts)
    .where(inArray(publicTexts.matterId, [...matterIds]));
  return new Map(rows.map((r) => [`${r.kind}:${r.sourceId}`, r.body]));
}

/** The label books of these matters: name → label in the order given. */
export async function labelBooks(db: DbOrTx, matterIds: readonly number[]): Promise<Map<number, Map<string, string>>> {
  const books = new Map<number, Map<string, string>>(matterIds.map((id) => [id, new Map()]));
  if (matterIds.length === 0) return books;
  const rows = await db
    .select()
    .from(publicLabels)
    .where(inArray(publicLabels.matterId, [...matterIds]))
    .orderBy(asc(publicLabels.matterId), asc(publicLabels.position));
  for (const row of rows) books.get(row.matterId)?.set(row.name, row.label);
  return books;
}

/** Adds the labels of `book` the matter does not have yet (the matter row is locked by the command). */
export async function saveLabels(tx: DbOrTx, matterId: number, book: ReadonlyMap<string, string>, known: number) {
  const added = [...book].slice(known);
  if (added.length === 0) return;
  await tx
    .insert(publicLabels)
    .values(added.map(([name, label], i) => ({ matterId, name, label, position: known + i })))
    .onConflictDoNothing();
}

/** Stores (or replaces) the confirmed text of one source. */
export async function saveConfirmedText(
  tx: DbOrTx,
  row: {
    matterId: number;
    kind: PublicTextKind;
    sourceId: number;
    body: string;
    sourceDigest: string;
    confirmedBy: number;
  },
) {
  const values = { ...row, confirmedAt: clockNow() };
  const [saved] = await tx
    .insert(publicTexts)
    .values(values)
    .onConflictDoUpdate({ target: [publicTexts.matterId, publicTexts.kind, publicTexts.sourceId], set: values })
    .returning();
  return saved!;
}

/** Notice ids (of these matters) whose title AND body are confirmed: the only ones a notice board shows. */
export async function confirmedNoticeIds(db: DbOrTx, noticeIds: readonly number[]): Promise<Set<number>> {
  if (noticeIds.length === 0) return new Set();
  const result = await db.execute<{ source_id: number }>(sql`
    select source_id from ${publicTexts} where kind in ('notice_title', 'notice_body')
      and source_id = any(${sql.param([...noticeIds])}::int[])
      group by source_id having count(*) = 2`);
  return new Set(result.rows.map((r) => r.source_id));
}

/** Where the city's names are kept: residents, accounts, outside parties invited by name. */
export type NameSource = 'resident' | 'account' | 'outside';

/** Each source's trimmed name expression, and which of its rows hold a name. */
const NAME_SOURCES: Record<NameSource, { table: string; column: string; only: string }> = {
  resident: { table: 'residents', column: 'name', only: 'true' },
  account: { table: 'accounts', column: 'display_name', only: 'true' },
  outside: { table: 'invitations', column: 'outside_name', only: 'outside_name is not null' },
};

/**
 * The lengths (in characters) each source's trimmed names have, from `minLength` up: read by skipping
 * through the trimmed-name indexes (length first), a probe per length, whatever the number of names.
 */
export async function nameLengths(db: DbOrTx, minLength: number): Promise<Record<NameSource, number[]>> {
  const parts = Object.entries(NAME_SOURCES).map(([source, { table, column, only }]) => {
    const cte = `${source}_lengths`;
    const length = `char_length(btrim(${column}))`;
    return {
      cte: sql.raw(`${cte}(n) as (
        select min(${length}) from ${table} where ${only} and ${length} >= ${Math.trunc(minLength)}
        union all
        select (select min(${length}) from ${table} where ${only} and ${length} > ${cte}.n) from ${cte} where ${cte}.n is not null)`),
      select: sql.raw(`select '${source}' as source, n from ${cte} where n is not null`),
    };
  });
  const result = await db.execute<{ source: NameSource; n: number }>(sql`
    with recursive ${sql.join(
      parts.map((p) => p.cte),
      sql`, `,
    )}
    ${sql.join(
      parts.map((p) => p.select),
      sql` union all `,
    )}`);
  const lengths: Record<NameSource, number[]> = { resident: [], account: [], outside: [] };
  for (const row of result.rows) lengths[row.source].push(Number(row.n));
  return lengths;
}

/**
 * Which of these candidate strings are names, with the kind their label follows: residents, accounts
 * (staff when they hold a staff role anywhere), outside parties. Each candidate is one probe of a
 * trimmed-name index. A name may come back once per kind.
 */
export async function namesAmong(db: DbOrTx, candidates: Record<NameSource, readonly string[]>) {
  const roles = sql.join(
    staffRoles.map((r) => sql`${r}`),
    sql`, `,
  );
  const list = (source: NameSource) => sql`unnest(${sql.param([...candidates[source]])}::text[])`;
  // Each candidate probes its index through a lateral subquery: a semi-join would let the planner
  // hash a whole table instead once the candidates number tens of thousands (a long text).
  const result = await db.execute<DirectoryEntry>(sql`
    select c.name, 'resident' as kind from ${list('resident')} c(name)
      cross join lateral (select 1 from ${residents} r
        where char_length(btrim(r.name)) = char_length(c.name) and btrim(r.name) = c.name limit 1) hit
    union all
    select c.name, case when exists (
        select 1 from ${accounts} a join ${roleGrants} g on g.account_id = a.id
          where char_length(btrim(a.display_name)) = char_length(c.name) and btrim(a.display_name) = c.name
            and g.role in (${roles}))
        then 'staff' else 'resident' end
      from ${list('account')} c(name)
      cross join lateral (select 1 from ${accounts} a
        where char_length(btrim(a.display_name)) = char_length(c.name) and btrim(a.display_name) = c.name limit 1) hit
    union all
    select c.name, 'outside' from ${list('outside')} c(name)
      cross join lateral (select 1 from ${invitations} i where i.outside_name is not null
        and char_length(btrim(i.outside_name)) = char_length(c.name) and btrim(i.outside_name) = c.name limit 1) hit`);
  return result.rows;
}
