import { fitTemplateVariable, sendableFrom, type SmsStatus } from '../../../domain/messaging';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { clockNow } from '../../clock';
import { invitationFacts, queueAccountTextRow, queueInvitationTextRows, queueNoticeTextRows } from './sms.repository';

/** When the meeting time is not set yet (invitations usually come before the meeting is scheduled). */
const TIME_TO_COME = '另行通知';

/** The matter fields a text message is built from (never anyone's personal data). */
export type TextedMatter = { id: number; title: string; placePath: string };

/** The community's name and the matter's next scheduled meeting, as template variables. */
async function invitationParams(tx: DbOrTx, matter: TextedMatter, now: Date): Promise<Record<string, string>> {
  const communityPath = ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;
  const row = await invitationFacts(tx, communityPath, matter.id, now);
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
  const params = await invitationParams(tx, matter, now);
  return queueInvitationTextRows(tx, { matterId: matter.id, params, now, notBefore: sendableFrom(now) }, invitationIds);
}

/** Queues a notice text to every invitee of the matter who has no account (they have no inbox), once per phone. */
export async function queueNoticeTexts(
  tx: DbOrTx,
  matter: TextedMatter,
  notice: { title: string },
  now: Date = clockNow(),
) {
  return queueNoticeTextRows(tx, {
    matterId: matter.id,
    params: { title: fitTemplateVariable(notice.title) },
    now,
    notBefore: sendableFrom(now),
  });
}

/** SMS states as the invitation list shows them. */
export type TextState = SmsStatus;

/**
 * Queues a notification text to an account (“${title}”${event}…), in the caller's transaction: from
 * the morning when it is quiet hours now, never to a resident who declined texts (an `opted_out`
 * record instead). The status written, or undefined when the account has no mobile phone.
 */
export async function queueNotificationText(
  tx: DbOrTx,
  input: { accountId: number; matterId: number; title: string; event: string },
  now: Date = clockNow(),
): Promise<SmsStatus | undefined> {
  return queueAccountTextRow(tx, {
    accountId: input.accountId,
    matterId: input.matterId,
    params: { title: fitTemplateVariable(input.title), event: fitTemplateVariable(input.event) },
    now,
    notBefore: sendableFrom(now),
  });
}
