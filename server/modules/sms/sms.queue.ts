import { sql, type SQL } from 'drizzle-orm';
import { fitTemplateVariable, sendableFrom } from '../../../domain/messaging';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import type { SmsState } from '../../../contracts/sms';
import { clockNow } from '../../clock';
import { accounts, invitations, meetings, organisations, places, residents, smsMessages } from '../../db/schema';

/** When the meeting time is not set yet (invitations usually come before the meeting is scheduled). */
const TIME_TO_COME = '另行通知';

/** The matter fields a text message is built from (never anyone's personal data). */
export type TextedMatter = { id: number; title: string; placePath: string };

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

/** Writes the queued messages (or `opted_out` records) for `targets`, skipping phones `skip` excludes. */
async function queueTexts(
  tx: DbOrTx,
  opts: { template: 'invitation' | 'notice'; matterId: number; params: Record<string, string>; now: Date },
  targets: SQL,
  skip: SQL = sql`false`,
): Promise<{ queued: number; optedOut: number }> {
  const notBefore = sendableFrom(opts.now);
  const result = await tx.execute<{ queued: number; opted_out: number }>(sql`
    with ins as (
      insert into ${smsMessages} (template, phone, resident_id, matter_id, params, status, not_before, created_at)
      select ${opts.template}, t.phone, t.resident_id, ${opts.matterId}::int, ${JSON.stringify(opts.params)}::jsonb,
        case when t.opted_out then 'opted_out' else 'queued' end, ${notBefore.toISOString()}::timestamptz,
        ${opts.now.toISOString()}::timestamptz
      from (${targets}) t
      where not (${skip})
      returning status
    )
    select count(*) filter (where status = 'queued')::int as queued,
      count(*) filter (where status = 'opted_out')::int as opted_out from ins`);
  const row = result.rows[0]!;
  return { queued: row.queued, optedOut: row.opted_out };
}

/** The community's name and the matter's next scheduled meeting, as template variables. */
async function invitationParams(tx: DbOrTx, matter: TextedMatter, now: Date): Promise<Record<string, string>> {
  const communityPath = ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;
  const result = await tx.execute<{ community: string | null; time: string | null }>(sql`
    select (select name from ${places} where path = ${communityPath}) as community,
      (select to_char(starts_at at time zone 'Asia/Shanghai', 'FMMM"月"FMDD"日" HH24:MI') from ${meetings}
        where matter_id = ${matter.id} and status = 'scheduled' and starts_at >= ${now.toISOString()}::timestamptz
        order by starts_at limit 1) as time`);
  const row = result.rows[0];
  // Key order is the order of the template's variables ({1} {2} {3} for Tencent Cloud).
  return {
    title: fitTemplateVariable(matter.title),
    time: row?.time ?? TIME_TO_COME,
    community: fitTemplateVariable(row?.community ?? ''),
  };
}

/**
 * Queues an invitation text to every newly invited person or organisation without an account, in
 * the caller's transaction. A phone already texted an invitation to this matter is not texted again.
 */
export async function queueInvitationTexts(
  tx: DbOrTx,
  matter: TextedMatter,
  invitationIds: readonly number[],
  now: Date = clockNow(),
) {
  if (invitationIds.length === 0) return { queued: 0, optedOut: 0 };
  const ids = sql`${`{${invitationIds.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;
  const params = await invitationParams(tx, matter, now);
  const alreadyTexted = sql`exists (select 1 from ${smsMessages} m
    where m.matter_id = ${matter.id} and m.template = 'invitation' and m.phone = t.phone)`;
  return queueTexts(
    tx,
    { template: 'invitation', matterId: matter.id, params, now },
    textableInvitees(sql`i.id = any(${ids})`),
    alreadyTexted,
  );
}

/** Queues a notice text to every invitee of the matter who has no account (they have no inbox), once per phone. */
export async function queueNoticeTexts(
  tx: DbOrTx,
  matter: TextedMatter,
  notice: { title: string },
  now: Date = clockNow(),
) {
  return queueTexts(
    tx,
    { template: 'notice', matterId: matter.id, params: { title: fitTemplateVariable(notice.title) }, now },
    textableInvitees(sql`i.matter_id = ${matter.id}`),
  );
}

/** SMS states as the invitation list shows them. */
export type TextState = SmsState;

/** The state of the invitation text to each phone of a matter (the latest record per phone). */
export async function invitationTextStates(db: DbOrTx, matterId: number): Promise<Map<string, TextState>> {
  const result = await db.execute<{ phone: string; status: TextState }>(sql`
    select distinct on (phone) phone, status from ${smsMessages}
    where matter_id = ${matterId} and template = 'invitation'
    order by phone, id desc`);
  return new Map(result.rows.map((r) => [r.phone, r.status]));
}
