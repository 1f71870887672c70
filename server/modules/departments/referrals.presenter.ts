import { isOverdueReferral } from '../../../domain/departments';
import { maskPhone } from '../../../domain/people/phone';
import type { ReferralViewRow } from './referrals.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A referral as lists show it. */
export function presentReferralSummary(row: ReferralViewRow, today: string) {
  const r = row.referral;
  return {
    id: r.id,
    subject: r.subject,
    status: r.status,
    department: {
      id: row.department.id,
      name: row.department.name,
      kind: row.department.kind,
      placeName: row.department.placeName,
    },
    matterId: r.matterId,
    title: row.title,
    taskTitle: row.taskTitle,
    placeName: row.placeName,
    dueOn: r.dueOn,
    isOverdue: isOverdueReferral(r, today),
    sentAt: r.sentAt.toISOString(),
    answeredAt: iso(r.answeredAt),
  };
}

/** What a referral carries for its page: no personal data beyond the sender's name and masked phone. */
export function presentReferralDetail(row: ReferralViewRow, today: string) {
  const r = row.referral;
  return {
    ...presentReferralSummary(row, today),
    description: row.description,
    note: r.note,
    acceptedAt: iso(r.acceptedAt),
    reply: r.reply,
    handedBackAt: iso(r.handedBackAt),
    handBackReason: r.handBackReason,
  };
}

/** The page's sender line: a staff name and a masked phone. */
export const presentSender = (row: ReferralViewRow) => ({ name: row.senderName, phone: maskPhone(row.senderPhone) });
