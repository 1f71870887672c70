import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  councilMembers,
  councils,
  dwellings,
  households,
  inboxItems,
  invitations,
  organisations,
  ownerships,
  poolMembers,
  residents,
  signIns,
} from '../../db/schema';
import { inSubtree } from '../../db/subtree';
import type { InvitationReason } from '../../../contracts/announcements';

/** One bound parameter however long the list (ids are validated integers): no parameter-count limit. */
const intArray = (values: readonly number[]) => sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;
const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * What one source added: candidates found, rows inserted (others were already invited), accounts to
 * notify, and the new invitations (those without an account are texted).
 */
export type Added = {
  reason: InvitationReason;
  candidates: number;
  inserted: number;
  accountIds: number[];
  invitationIds: number[];
};

const accountOf = (residentId: SQL) =>
  sql`(select a.id from ${accounts} a where a.resident_id = ${residentId} and a.is_active order by a.id limit 1)`;

/**
 * Inserts the candidates of one source (rows with `pool_member_id`, `resident_id`, `organisation_id`)
 * in one statement. The partial unique indexes make a person or organisation invited twice one row.
 */
async function insertCandidates(tx: DbOrTx, matterId: number, reason: InvitationReason, candidates: SQL) {
  const result = await tx.execute<{
    candidates: number;
    inserted: number;
    account_ids: number[];
    invitation_ids: number[];
  }>(sql`
    with cand as (select distinct on (coalesce(c.resident_id, -c.organisation_id)) * from (${candidates}) c),
    ins as (
      insert into ${invitations} (matter_id, reason, pool_member_id, resident_id, organisation_id, account_id)
      select ${matterId}, ${reason}, cand.pool_member_id, cand.resident_id, cand.organisation_id,
        ${accountOf(sql`cand.resident_id`)}
      from cand
      on conflict do nothing
      returning id, account_id
    )
    select (select count(*)::int from cand) as candidates, (select count(*)::int from ins) as inserted,
      (select coalesce(array_agg(account_id) filter (where account_id is not null), '{}') from ins) as account_ids,
      (select coalesce(array_agg(id), '{}') from ins) as invitation_ids`);
  const row = result.rows[0]!;
  return {
    reason,
    candidates: row.candidates,
    inserted: row.inserted,
    accountIds: row.account_ids,
    invitationIds: row.invitation_ids,
  } satisfies Added;
}

/** Active pool entries of the community carrying any of the tags. */
export const poolCandidates = (communityPath: string, tags: readonly string[]) => sql`
  select pm.id as pool_member_id, pm.resident_id, pm.organisation_id from ${poolMembers} pm
  where ${inSubtree(sql`pm.place_path`, communityPath)} and pm.is_active and pm.tags && ${textArray(tags)}`;

/** Seat holders of the councils whose seat term covers today. */
export const councilCandidates = (councilIds: readonly number[], today: string) => sql`
  select pm.id as pool_member_id, pm.resident_id, pm.organisation_id from ${councilMembers} cm
  join ${poolMembers} pm on pm.id = cm.pool_member_id
  where cm.council_id = any(${intArray(councilIds)}) and cm.term_start <= ${today} and cm.term_end >= ${today}`;

const adult = (today: string) => sql`r.birth_date <= (${today}::date - interval '18 years')`;

/** Residents of a place subtree: every adult, the owners of its dwellings, or one adult per household. */
export function affectedCandidates(path: string, scope: 'residents' | 'owners' | 'households', today: string) {
  const columns = sql`null::int as pool_member_id, r.id as resident_id, null::int as organisation_id`;
  if (scope === 'owners') {
    return sql`select ${columns} from ${residents} r where exists (
      select 1 from ${ownerships} o join ${dwellings} d on d.id = o.dwelling_id
      where o.resident_id = r.id and ${inSubtree(sql`d.place_path`, path)})`;
  }
  if (scope === 'households') {
    // The owner first, then the eldest: the person a household usually sends.
    return sql`select distinct on (r.household_id) ${columns} from ${residents} r
      join ${households} h on h.id = r.household_id
      where ${inSubtree(sql`h.place_path`, path)} and ${adult(today)}
      order by r.household_id, (r.tenure = 'owner') desc, r.birth_date, r.id`;
  }
  return sql`select ${columns} from ${residents} r where ${inSubtree(sql`r.place_path`, path)} and ${adult(today)}`;
}

export const residentCandidates = (residentIds: readonly number[]) => sql`
  select null::int as pool_member_id, r.id as resident_id, null::int as organisation_id from ${residents} r
  where r.id = any(${intArray(residentIds)})`;

export const organisationCandidates = (organisationIds: readonly number[]) => sql`
  select null::int as pool_member_id, null::int as resident_id, o.id as organisation_id from ${organisations} o
  where o.id = any(${intArray(organisationIds)})`;

export { insertCandidates };

/** Departments and other parties with no record: one row per distinct name. */
export async function insertOutsideNames(tx: DbOrTx, matterId: number, names: readonly string[]): Promise<Added> {
  const distinct = [...new Set(names)];
  let inserted = 0;
  for (const name of distinct) {
    const result = await tx.execute(sql`
      insert into ${invitations} (matter_id, reason, outside_name)
      select ${matterId}, 'outside', ${name}
      where not exists (select 1 from ${invitations} where matter_id = ${matterId} and outside_name = ${name})`);
    inserted += result.rowCount ?? 0;
  }
  // Named parties have no record and no phone: nothing to text.
  return { reason: 'outside', candidates: distinct.length, inserted, accountIds: [], invitationIds: [] };
}

/** How many of the ids name rows of `table` inside the community (to refuse outsiders as a whole). */
export async function countInside(
  tx: DbOrTx,
  table: 'councils' | 'residents' | 'organisations',
  ids: readonly number[],
  communityPath: string,
): Promise<number> {
  const t = { councils, residents, organisations }[table];
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(sql`${t.id} = any(${intArray(ids)})`, inSubtree(t.placePath, communityPath)));
  return row?.n ?? 0;
}

/** One inbox item per invited account, in one statement however many were invited. */
export async function notifyInvitees(tx: DbOrTx, matter: { id: number; title: string }, accountIds: number[]) {
  if (accountIds.length === 0) return;
  await tx.execute(sql`
    insert into ${inboxItems} (account_id, matter_id, kind, title, body)
    select distinct a, ${matter.id}::int, 'invitation', ${`议事邀约：${matter.title}`}, '请在事项页面答复是否参加。'
    from unnest(${intArray(accountIds)}) a`);
}

/** The invitation list of a matter with the names behind it. */
export async function invitationRows(db: DbOrTx, matterId: number) {
  return db
    .select({
      id: invitations.id,
      reason: invitations.reason,
      residentId: invitations.residentId,
      organisationId: invitations.organisationId,
      accountId: invitations.accountId,
      outsideName: invitations.outsideName,
      reply: invitations.reply,
      repliedAt: invitations.repliedAt,
      residentName: residents.name,
      organisationName: organisations.name,
      /** The number an invitation text went to, to match its delivery record; never presented. */
      textedPhone: sql<string | null>`coalesce(${residents.phone}, ${organisations.contactPhone})`,
    })
    .from(invitations)
    .leftJoin(residents, eq(residents.id, invitations.residentId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.matterId, matterId))
    .orderBy(invitations.id);
}
export type InvitationRow = Awaited<ReturnType<typeof invitationRows>>[number];

export async function findInvitation(db: DbOrTx, id: number) {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  return row;
}

export async function countInvitations(db: DbOrTx, matterId: number) {
  const [row] = await db.select({ n: count() }).from(invitations).where(eq(invitations.matterId, matterId));
  return row?.n ?? 0;
}

/** How many sign-ins were made through the invitation. */
export async function countSignInsOf(db: DbOrTx, invitationId: number) {
  const [row] = await db.select({ n: count() }).from(signIns).where(eq(signIns.invitationId, invitationId));
  return row?.n ?? 0;
}

export async function deleteInvitation(db: DbOrTx, id: number) {
  await db.delete(invitations).where(eq(invitations.id, id));
}

/**
 * Deletes the invitee's invitation item of the matter, whether sent to the account or delivered to the
 * resident at first login.
 */
export async function deleteInvitationItem(
  db: DbOrTx,
  invitation: { accountId: number | null; residentId: number | null },
  matterId: number,
) {
  const invitee = sql`(${inboxItems.accountId} = ${invitation.accountId ?? -1} or ${inboxItems.accountId} in
        (select id from ${accounts} where resident_id = ${invitation.residentId ?? -1}))`;
  await db.delete(inboxItems).where(and(invitee, eq(inboxItems.matterId, matterId), eq(inboxItems.kind, 'invitation')));
}

export async function recordInvitationReply(
  db: DbOrTx,
  id: number,
  answer: Pick<typeof invitations.$inferSelect, 'reply' | 'repliedAt' | 'accountId'>,
) {
  const [row] = await db.update(invitations).set(answer).where(eq(invitations.id, id)).returning();
  return row!;
}
