import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  notificationLifecycle,
  type NotificationChannelName,
  type NotificationKind,
  type NotificationParams,
  type NotificationStatus,
  type NotificationTarget,
  type RecipientGroup,
} from '../../../domain/messaging';
import { clockNow } from '../../clock';
import type { DbOrTx } from '../../db/client';
import { isState } from '../../db/lifecycle-sql';
import {
  accounts,
  ballotElectors,
  departmentLiaisons,
  ballots,
  inboxItems,
  invitations,
  matterFollows,
  matterOversight,
  matters,
  matterSupports,
  meetings,
  notificationPreferences,
  notifications,
  objections,
  referrals,
  signIns,
  tasks,
} from '../../db/schema';

/** The ids an entry's payload names, which some recipient groups and texts read. */
export type EntryRefs = {
  ballotId: number | null;
  taskId: number | null;
  objectionId: number | null;
  referralId: number | null;
};

/** The accounts of each group, as one `select account_id` per group. */
function groupQuery(group: RecipientGroup, matterId: number, refs: EntryRefs): SQL | null {
  switch (group) {
    case 'proposer':
      return sql`select proposer_account_id from ${matters} where id = ${matterId}`;
    case 'convenor':
      return sql`select convenor_account_id from ${matters} where id = ${matterId}`;
    case 'supporters':
      return sql`select account_id from ${matterSupports} where matter_id = ${matterId}`;
    case 'invitees':
      return sql`select a.id from ${invitations} i join ${accounts} a
        on a.id = i.account_id or (i.account_id is null and a.resident_id = i.resident_id)
        where i.matter_id = ${matterId} and i.reply <> 'no'`;
    case 'attendees':
      return sql`select s.account_id from ${signIns} s join ${meetings} m on m.id = s.meeting_id
        where m.matter_id = ${matterId}`;
    case 'supervisors':
      return sql`select supervisor_account_id from ${matterOversight} where matter_id = ${matterId} and ended_at is null`;
    case 'task_owner':
      return refs.taskId === null
        ? null
        : sql`select owner_account_id from ${tasks} where id = ${refs.taskId} and matter_id = ${matterId}`;
    case 'objector':
      return refs.objectionId === null
        ? null
        : sql`select account_id from ${objections} where id = ${refs.objectionId}`;
    case 'electors':
      return refs.ballotId === null
        ? null
        : // Unnested so the join is by equality (a hash join): `a.resident_id = any(e.resident_ids)`
          // can only compare every elector with every account, which took minutes for 100,000 owners.
          sql`select a.id from ${ballotElectors} e cross join lateral unnest(e.resident_ids) r(resident_id)
            join ${accounts} a on a.resident_id = r.resident_id
            where e.ballot_id = ${refs.ballotId}`;
    case 'followers':
      return sql`select account_id from ${matterFollows} where matter_id = ${matterId}`;
    case 'liaisons':
      return refs.referralId === null
        ? null
        : sql`select l.account_id from ${departmentLiaisons} l join ${referrals} r on r.department_id = l.department_id
            where r.id = ${refs.referralId} and r.matter_id = ${matterId}`;
  }
}

/** What a notification row is written from. */
export type NotificationSeed = {
  matterId: number;
  seq: number;
  action: string;
  actorAccountId: number | null;
  kind: NotificationKind;
  target: NotificationTarget;
  targetId: number | null;
  params: NotificationParams;
  groups: readonly RecipientGroup[];
  refs: EntryRefs;
  /** Channels to write, each with whether it is on for the kind when the person has not chosen. */
  channels: readonly { channel: NotificationChannelName; isOnByDefault: boolean }[];
};

/**
 * Writes one row per recipient × channel: `pending`, or `suppressed` where the person switched the
 * channel off for the kind. The actor and inactive accounts are left out; a repeated entry writes
 * nothing (the unique key). Returns the pending rows.
 */
export async function insertNotifications(tx: DbOrTx, seed: NotificationSeed) {
  const selects = seed.groups.map((g) => groupQuery(g, seed.matterId, seed.refs)).filter((q): q is SQL => q !== null);
  if (selects.length === 0 || seed.channels.length === 0) return [];
  const channelRows = sql.join(
    seed.channels.map((c) => sql`(${c.channel}::text, ${c.isOnByDefault}::boolean)`),
    sql`, `,
  );
  // The app's clock, not the database's: due and written when the entry is (a test's set clock included).
  const now = clockNow().toISOString();
  const result = await tx.execute<{
    id: number;
    account_id: number;
    channel: NotificationChannelName;
    status: NotificationStatus;
  }>(sql`
    with recipients as (
      select distinct r.account_id from (${sql.join(selects, sql` union `)}) r(account_id)
      join ${accounts} a on a.id = r.account_id and a.is_active
      where r.account_id is distinct from ${seed.actorAccountId}::int
    )
    insert into ${notifications} (matter_id, seq, action, account_id, channel, kind, target, target_id, params, status,
      not_before, created_at)
    select ${seed.matterId}::int, ${seed.seq}::int, ${seed.action}, r.account_id, c.channel, ${seed.kind}, ${seed.target},
      ${seed.targetId}::int, ${JSON.stringify(seed.params)}::jsonb,
      case when c.channel = 'inbox' or coalesce(p.is_enabled, c.is_on) then 'pending' else 'suppressed' end,
      ${now}::timestamptz, ${now}::timestamptz
    from recipients r cross join (values ${channelRows}) c(channel, is_on)
    left join ${notificationPreferences} p on p.account_id = r.account_id and p.kind = ${seed.kind} and p.channel = c.channel
    on conflict do nothing
    returning id, account_id, channel, status`);
  return result.rows.filter((r) => notificationLifecycle.is.pending(r.status));
}

/** The matter's title, and the entry's meeting (start, venue, mode) or ballot (question, closing time). */
export async function notificationFacts(
  tx: DbOrTx,
  matterId: number,
  meetingId: number | null,
  ballotId: number | null,
) {
  const result = await tx.execute<{
    title: string;
    starts_at: string | null;
    venue: string | null;
    question: string | null;
    closes_at: string | null;
  }>(sql`
    select m.title,
      to_char(mt.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as starts_at,
      case when mt.id is null then null else coalesce(mt.venue, '') end as venue,
      b.question, to_char(b.closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as closes_at
    from ${matters} m
    left join ${meetings} mt on mt.id = ${meetingId ?? -1}::int and mt.matter_id = m.id
    left join ${ballots} b on b.id = ${ballotId ?? -1}::int and b.matter_id = m.id
    where m.id = ${matterId}`);
  return result.rows[0];
}

/** Inbox items of these pending inbox notifications (texts given per notification), marked delivered. */
export async function insertInboxDeliveries(
  tx: DbOrTx,
  items: readonly {
    notificationId: number;
    accountId: number;
    matterId: number;
    kind: NotificationKind;
    title: string;
    body: string;
    link: string;
  }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(inboxItems).values(
    items.map((i) => ({
      accountId: i.accountId,
      matterId: i.matterId,
      kind: i.kind,
      title: i.title,
      body: i.body,
      link: i.link,
      notificationId: i.notificationId,
      createdAt: now,
    })),
  );
  const ids = sql`${`{${items.map((i) => Math.trunc(i.notificationId)).join(',')}}`}::int[]`;
  await tx.execute(sql`update ${notifications} set ${isState(sql`status`, notificationLifecycle.state.delivered)},
    delivered_at = ${now.toISOString()}::timestamptz where id = any(${ids})`);
}

/** A pending notification claimed by the delivery job. */
export type ClaimedNotification = typeof notifications.$inferSelect;

/**
 * Locks up to `batch` due pending notifications of job-delivered channels for the caller's
 * transaction; `skip locked` lets several workers run at once without taking the same row.
 */
export async function claimPendingNotifications(tx: DbOrTx, now: Date, batch: number, channels: readonly string[]) {
  if (channels.length === 0) return [];
  const list = sql`${`{${channels.join(',')}}`}::text[]`;
  return tx
    .select()
    .from(notifications)
    .where(
      and(
        isState(notifications.status, notificationLifecycle.state.pending),
        sql`${notifications.notBefore} <= ${now.toISOString()}::timestamptz`,
        sql`${notifications.channel} = any(${list})`,
      ),
    )
    .orderBy(notifications.notBefore, notifications.id)
    .limit(batch)
    .for('update', { skipLocked: true });
}

/** Records a delivery attempt's outcome; a retry stays pending until `retryAt`. */
export async function markNotification(
  tx: DbOrTx,
  id: number,
  outcome: { status: NotificationStatus; now: Date; retryAt?: Date },
): Promise<void> {
  await tx
    .update(notifications)
    .set({
      status: outcome.status,
      attempts: sql`${notifications.attempts} + 1`,
      ...(outcome.retryAt ? { notBefore: outcome.retryAt } : {}),
      ...(notificationLifecycle.is.delivered(outcome.status) ? { deliveredAt: outcome.now } : {}),
    })
    .where(eq(notifications.id, id));
}

/** The account's stored channel choices. */
export async function preferenceRows(db: DbOrTx, accountId: number) {
  return db
    .select({
      kind: notificationPreferences.kind,
      channel: notificationPreferences.channel,
      isEnabled: notificationPreferences.isEnabled,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.accountId, accountId));
}

/** Stores the account's choices (each kind × channel once), replacing earlier ones for the same pairs. */
export async function upsertPreferences(
  tx: DbOrTx,
  accountId: number,
  choices: readonly { kind: NotificationKind; channel: NotificationChannelName; isEnabled: boolean }[],
  now: Date,
): Promise<void> {
  if (choices.length === 0) return;
  await tx
    .insert(notificationPreferences)
    .values(choices.map((c) => ({ accountId, ...c, updatedAt: now })))
    .onConflictDoUpdate({
      target: [notificationPreferences.accountId, notificationPreferences.kind, notificationPreferences.channel],
      set: { isEnabled: sql`excluded.is_enabled`, updatedAt: sql`excluded.updated_at` },
    });
}
