import type { Actor } from '../../../domain/access';
import type { notices } from '../../db/schema';
import type { TextState } from '../sms';
import type { InvitationRow } from './invitations.repository';

/** 张阿姨 → 张**: the surname stays, the rest is hidden. */
export const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

export function presentNotice(n: typeof notices.$inferSelect) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    startsOn: n.startsOn,
    endsOn: n.endsOn,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * Names of residents only for staff of the matter; organisations and departments are not personal data.
 * `texts` (invitation text state per phone) is given only to staff, who see whether texts went out.
 */
export function presentInvitation(
  r: InvitationRow,
  actor: Actor,
  showsNames: boolean,
  texts: ReadonlyMap<string, TextState> = new Map(),
) {
  const kind = r.residentId !== null ? 'resident' : r.organisationId !== null ? 'organisation' : 'outside';
  const isOwn = r.accountId === actor.accountId || (r.residentId !== null && r.residentId === actor.residentId);
  const residentName = r.residentName ?? '';
  const masked = kind === 'resident' && !showsNames && !isOwn;
  return {
    id: r.id,
    reason: r.reason,
    kind,
    name:
      kind === 'resident'
        ? masked
          ? maskName(residentName)
          : residentName
        : (r.organisationName ?? r.outsideName ?? ''),
    isNameMasked: masked,
    hasAccount: r.accountId !== null,
    reply: r.reply,
    repliedAt: r.repliedAt?.toISOString() ?? null,
    isMine: isOwn,
    sms: r.textedPhone ? (texts.get(r.textedPhone) ?? null) : null,
  } as const;
}

export function presentInvitations(
  rows: InvitationRow[],
  actor: Actor,
  showsNames: boolean,
  texts?: ReadonlyMap<string, TextState>,
) {
  const items = rows.map((r) => presentInvitation(r, actor, showsNames, texts));
  const tally = (reply: string) => rows.filter((r) => r.reply === reply).length;
  return { items, counts: { total: rows.length, yes: tally('yes'), no: tally('no'), pending: tally('pending') } };
}
