import { eq, sql, type SQL } from 'drizzle-orm';
import { meetingLifecycle } from '../../../domain/meetings/lifecycles';
import { smsLifecycle, type SmsStatus } from '../../../domain/messaging';
import type { SmsTemplate } from '../../../domain/messaging/delivery';

/** The texts the queue sends (login codes go at once, never through it). */
type QueuedTemplate = Exclude<SmsTemplate, 'login_code'>;
import type { DbOrTx } from '../../db/client';
import type { SmsFailure } from '../../errors';
import { isState } from '../../db/lifecycle-sql';
import { accounts, invitations, meetings, organisations, places, residents, smsMessages } from '../../db/schema';

/** Writes one message's record. */
export async function insertSmsMessage(db: DbOrTx, values: typeof smsMessages.$inferInsert): Promise<void> {
  await db.insert(smsMessages).values(values);
}

/** A queued invitation or notice text, claimed for sending. */
export type ClaimedText = {
  id: number;
  template: QueuedTemplate;
  phone: string;
  params: Record<string, string>;
  attempts: number;
};

/**
 * Claims up to `batch` due queued messages. `skip locked` lets any number of app nodes run this at
 * once: a row another worker is claiming is skipped, and a claimed row's `not_before` moves past the
 * lease, so the claim commits before any send and no message is sent twice by two workers.
 */
export async function claimDueTexts(
  db: DbOrTx,
  now: Date,
  batch: number,
  leaseSeconds: number,
): Promise<ClaimedText[]> {
  const result = await db.execute<ClaimedText>(sql`
    update ${smsMessages} m
    set attempts = m.attempts + 1,
      not_before = ${now.toISOString()}::timestamptz + make_interval(secs => ${leaseSeconds})
    where m.id in (
      select id from ${smsMessages}
      where ${isState(sql`status`, smsLifecycle.state.queued)} and not_before <= ${now.toISOString()}::timestamptz
        and template in ('invitation', 'notice', 'notification')
      order by not_before, id
      limit ${batch}
      for update skip locked)
    returning m.id, m.template, m.phone, m.params, m.attempts`);
  return result.rows;
}

export async function markTextSent(
  db: DbOrTx,
  id: number,
  sent: { provider: string; providerMessageId: string | null },
  now: Date,
): Promise<void> {
  await db.execute(sql`
    update ${smsMessages} set ${isState(sql`status`, smsLifecycle.state.sent)}, sent_at = ${now.toISOString()}::timestamptz, provider = ${sent.provider},
      provider_message_id = ${sent.providerMessageId}, failure = null, provider_code = null
    where id = ${id}`);
}

/** Records a failed attempt: the message goes back to `queued` (from `notBefore`) or ends `failed`. */
export async function markTextFailed(
  db: DbOrTx,
  id: number,
  failed: { provider: string; failure: SmsFailure; providerCode: string },
  next: { status: 'queued' | 'failed'; notBefore: Date },
): Promise<void> {
  await db.execute(sql`
    update ${smsMessages} set provider = ${failed.provider}, failure = ${failed.failure}, provider_code = ${failed.providerCode},
      status = ${next.status},
      not_before = ${next.notBefore.toISOString()}::timestamptz
    where id = ${id}`);
}

/** Only mainland mobile numbers receive texts; a landline in a contact field is skipped. */
const MOBILE = '^1[3-9][0-9]{9}$';

/**
 * Invitees without an account who can be texted: residents by their roster phone, organisations by
 * their contact phone. One row per phone (two residents sharing a phone get one text; if either
 * declined texts, the phone gets none), `opted_out` carried along.
 */
const textableInvitees = (where: SQL) => sql`
  select distinct on (c.phone) c.phone, c.resident_id, c.opted_out from (
    select coalesce(r.phone, o.contact_phone) as phone, r.id as resident_id,
      coalesce(r.sms_opt_out, false) as opted_out, i.id
    from ${invitations} i
    left join ${residents} r on r.id = i.resident_id
    left join ${organisations} o on o.id = i.organisation_id
    where ${where}
      and i.account_id is null
      and not exists (select 1 from ${accounts} a where a.resident_id = i.resident_id and a.is_active)
  ) c
  where c.phone ~ ${MOBILE}
  order by c.phone, c.opted_out desc, c.id`;

export type QueuedTexts = { template: QueuedTemplate; matterId: number; params: Record<string, string> };

/** When the queued texts were written and from when they may be sent. */
export type QueueTimes = { now: Date; notBefore: Date };

/** Writes the queued messages (or `opted_out` records) for `targets`, skipping phones `skip` excludes. */
async function insertQueuedTexts(
  tx: DbOrTx,
  opts: QueuedTexts & QueueTimes,
  targets: SQL,
  skip: SQL = sql`false`,
): Promise<{ queued: number; optedOut: number }> {
  const result = await tx.execute<{ queued: number; opted_out: number }>(sql`
    with ins as (
      insert into ${smsMessages} (template, phone, resident_id, matter_id, params, status, not_before, created_at)
      select ${opts.template}, t.phone, t.resident_id, ${opts.matterId}::int, ${JSON.stringify(opts.params)}::jsonb,
        case when t.opted_out then 'opted_out' else 'queued' end, ${opts.notBefore.toISOString()}::timestamptz,
        ${opts.now.toISOString()}::timestamptz
      from (${targets}) t
      where not (${skip})
      returning status
    )
    select count(*) filter (where ${isState(sql`status`, smsLifecycle.state.queued)})::int as queued,
      count(*) filter (where ${isState(sql`status`, smsLifecycle.state.opted_out)})::int as opted_out from ins`);
  const row = result.rows[0]!;
  return { queued: row.queued, optedOut: row.opted_out };
}

/**
 * Queues an invitation text to the textable invitees of these invitations, except phones already
 * texted an invitation to the matter.
 */
export async function queueInvitationTextRows(
  tx: DbOrTx,
  opts: Omit<QueuedTexts, 'template'> & QueueTimes,
  invitationIds: readonly number[],
) {
  const ids = sql`${`{${invitationIds.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;
  const alreadyTexted = sql`exists (select 1 from ${smsMessages} m
    where m.matter_id = ${opts.matterId} and m.template = 'invitation' and m.phone = t.phone)`;
  return insertQueuedTexts(
    tx,
    { ...opts, template: 'invitation' },
    textableInvitees(sql`i.id = any(${ids})`),
    alreadyTexted,
  );
}

/** Queues a notice text to every textable invitee of the matter. */
export async function queueNoticeTextRows(tx: DbOrTx, opts: Omit<QueuedTexts, 'template'> & QueueTimes) {
  return insertQueuedTexts(tx, { ...opts, template: 'notice' }, textableInvitees(sql`i.matter_id = ${opts.matterId}`));
}

/** The community's name and the start (China time, "M月D日 HH:MI") of the matter's next scheduled meeting. */
export async function invitationFacts(tx: DbOrTx, communityPath: string, matterId: number, now: Date) {
  const result = await tx.execute<{ community: string | null; time: string | null }>(sql`
    select (select name from ${places} where path = ${communityPath}) as community,
      (select to_char(starts_at at time zone 'Asia/Shanghai', 'FMMM"月"FMDD"日" HH24:MI') from ${meetings}
        where matter_id = ${matterId} and ${isState(sql`status`, meetingLifecycle.state.scheduled)} and starts_at >= ${now.toISOString()}::timestamptz
        order by starts_at limit 1) as time`);
  return result.rows[0];
}

/** The state of the invitation text to each phone of a matter (the latest record per phone). */
export async function invitationTextStates(db: DbOrTx, matterId: number): Promise<Map<string, SmsStatus>> {
  const result = await db.execute<{ phone: string; status: SmsStatus }>(sql`
    select distinct on (phone) phone, status from ${smsMessages}
    where matter_id = ${matterId} and template = 'invitation'
    order by phone, id desc`);
  return new Map(result.rows.map((r) => [r.phone, r.status]));
}

/** A resident's place and opt-out flag. */
export async function findResidentOptOut(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: residents.id, path: residents.placePath, smsOptOut: residents.smsOptOut })
    .from(residents)
    .where(eq(residents.id, id));
  return row;
}

export async function setResidentOptOut(tx: DbOrTx, residentId: number, smsOptOut: boolean): Promise<void> {
  await tx.update(residents).set({ smsOptOut }).where(eq(residents.id, residentId));
}

/** Turns the resident's queued texts into `opted_out` records. */
export async function stopQueuedTextsOfResident(tx: DbOrTx, residentId: number): Promise<void> {
  await tx.execute(
    sql`update ${smsMessages} set ${isState(sql`status`, smsLifecycle.state.opted_out)} where resident_id = ${residentId} and ${isState(sql`status`, smsLifecycle.state.queued)}`,
  );
}

const phoneList = (phones: readonly string[]) => sql`${`{${phones.join(',')}}`}::text[]`;

/** Sets the opt-out flag of every resident with one of these phones; how many had it unset. */
export async function optOutResidentsByPhone(tx: DbOrTx, phones: readonly string[]): Promise<number> {
  const optedOut = await tx.execute(
    sql`update ${residents} set sms_opt_out = true where phone = any(${phoneList(phones)}) and not sms_opt_out`,
  );
  return optedOut.rowCount ?? 0;
}

/** Turns the queued invitation and notice texts to these phones into `opted_out` records. */
export async function stopQueuedTextsToPhones(tx: DbOrTx, phones: readonly string[]): Promise<void> {
  await tx.execute(sql`update ${smsMessages} set ${isState(sql`status`, smsLifecycle.state.opted_out)}
            where phone = any(${phoneList(phones)}) and ${isState(sql`status`, smsLifecycle.state.queued)} and template in ('invitation', 'notice', 'notification')`);
}

/**
 * Queues one notification text to an account's phone (an `opted_out` record when its resident declined
 * texts); the status written, or undefined when the account has no mobile phone or is inactive.
 */
export async function queueAccountTextRow(
  tx: DbOrTx,
  opts: QueueTimes & { accountId: number; matterId: number; params: Record<string, string> },
): Promise<SmsStatus | undefined> {
  const result = await tx.execute<{ status: SmsStatus }>(sql`
    insert into ${smsMessages} (template, phone, resident_id, account_id, matter_id, params, status, not_before, created_at)
    select 'notification', a.phone, a.resident_id, a.id, ${opts.matterId}::int, ${JSON.stringify(opts.params)}::jsonb,
      case when coalesce(r.sms_opt_out, false) then 'opted_out' else 'queued' end,
      ${opts.notBefore.toISOString()}::timestamptz, ${opts.now.toISOString()}::timestamptz
    from ${accounts} a left join ${residents} r on r.id = a.resident_id
    where a.id = ${opts.accountId} and a.is_active and a.phone ~ ${MOBILE}
    returning status`);
  return result.rows[0]?.status;
}
