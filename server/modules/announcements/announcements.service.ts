import type { Actor } from '../../../domain/access';
import { capabilities, type StageCapabilities } from '../../../domain/matters/stages';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import { can } from '../../../domain/access';
import type { InvitationAnswer } from '../../../domain/announcements/invitations';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { loadVisibleMatter, matterSubject, runMatterCommand, type MatterRow } from '../matters';
import { findPlace } from '../places';
import { queueInvitationTexts, queueNoticeTexts } from '../sms';
import type { InvitationsInput, NoticeInput } from '../../../contracts/announcements';
import {
  affectedCandidates,
  councilCandidates,
  countInside,
  countInvitations,
  countSignInsOf,
  deleteInvitation,
  deleteInvitationItem,
  findInvitation,
  insertCandidates,
  insertOutsideNames,
  notifyInvitees,
  organisationCandidates,
  poolCandidates,
  recordInvitationReply,
  residentCandidates,
  type Added,
} from './invitations.repository';
import { findIdenticalNotice, insertNotice, noticesOfMatter } from './notices.repository';
import { clockNow } from '../../clock';

/** 409 `matter.wrong_stage` unless the matter's status enables `capability`. */
export function requireStage(matter: MatterRow, capability: keyof StageCapabilities) {
  const status = matter.status;
  if (!capabilities[status][capability]) throw new AppError(409, 'matter.wrong_stage', { details: { status } });
}

export const communityOf = (matter: MatterRow) => ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;

/**
 * Posts a public notice (topic, meeting or result) with its period, and queues a text of it to the
 * matter's invitees who have no account (account holders read the matter itself), in one transaction.
 */
export async function postNotice(db: Db, actor: Actor, matterId: number, input: NoticeInput) {
  if (input.endsOn < input.startsOn) throw new AppError(400, 'notice.period', { field: 'endsOn' });
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'notice.post',
    write: async (tx, matter) => {
      requireStage(matter, 'canPostNotice');
      // A second press (or a retried request) must not post the same notice twice; the matter is locked here.
      if (await findIdenticalNotice(tx, { ...input, matterId: matter.id }))
        throw new AppError(409, 'notice.duplicate', { field: 'title' });
      const notice = await insertNotice(tx, { ...input, matterId: matter.id, createdBy: actor.accountId });
      await queueNoticeTexts(tx, matter, notice);
      return {
        payload: { noticeId: notice.id, kind: notice.kind, startsOn: notice.startsOn, endsOn: notice.endsOn },
        result: notice,
        texts: [
          { kind: 'notice', id: notice.id, field: 'title', text: notice.title },
          { kind: 'notice', id: notice.id, field: 'body', text: notice.body },
        ],
      };
    },
  });
}

export async function listNotices(db: Db, actor: Actor, matterId: number) {
  await loadVisibleMatter(db, actor, matterId);
  return noticesOfMatter(db, matterId);
}

const emptyInput = (i: InvitationsInput) =>
  !i.poolTags?.length &&
  !i.councilIds?.length &&
  i.affectedPlaceId === undefined &&
  !i.residentIds?.length &&
  !i.organisationIds?.length &&
  !i.outsideNames?.length;

/**
 * Builds invitations from every source in one transaction; a person or organisation reached twice is
 * invited once. Anything named from outside the community refuses the whole request. Invitees with
 * an account get an inbox item; those without one a text message, queued in the same transaction.
 */
export async function addInvitations(db: Db, actor: Actor, matterId: number, input: InvitationsInput) {
  if (emptyInput(input)) throw new AppError(400, 'invitation.empty', { field: 'poolTags' });
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'invitations.add',
    write: async (tx, matter) => {
      requireStage(matter, 'canInvite');
      const community = communityOf(matter);
      const today = todayInChina();
      const checkInside = async (
        table: 'councils' | 'residents' | 'organisations',
        ids: number[] | undefined,
        field: string,
      ) => {
        if (!ids?.length) return;
        const inside = await countInside(tx, table, ids, community);
        if (inside !== new Set(ids).size) {
          const code = table === 'councils' ? 'invitation.council_outside' : 'invitation.party_outside';
          throw new AppError(400, code, { field });
        }
      };
      await checkInside('councils', input.councilIds, 'councilIds');
      await checkInside('residents', input.residentIds, 'residentIds');
      await checkInside('organisations', input.organisationIds, 'organisationIds');
      let affectedPath: string | undefined;
      if (input.affectedPlaceId !== undefined) {
        const place = await findPlace(tx, input.affectedPlaceId);
        if (!place || !isWithin(place.path, matter.placePath)) {
          throw new AppError(400, 'invitation.place_outside', { field: 'affectedPlaceId' });
        }
        affectedPath = place.path;
      }
      const added: Added[] = [];
      if (input.councilIds?.length)
        added.push(await insertCandidates(tx, matter.id, 'council', councilCandidates(input.councilIds, today)));
      if (input.poolTags?.length)
        added.push(await insertCandidates(tx, matter.id, 'pool', poolCandidates(community, input.poolTags)));
      if (affectedPath) {
        const candidates = affectedCandidates(affectedPath, input.affectedScope, today);
        added.push(await insertCandidates(tx, matter.id, 'affected', candidates));
      }
      if (input.residentIds?.length)
        added.push(await insertCandidates(tx, matter.id, 'affected', residentCandidates(input.residentIds)));
      if (input.organisationIds?.length)
        added.push(await insertCandidates(tx, matter.id, 'outside', organisationCandidates(input.organisationIds)));
      if (input.outsideNames?.length) added.push(await insertOutsideNames(tx, matter.id, input.outsideNames));
      await notifyInvitees(
        tx,
        matter,
        added.flatMap((a) => a.accountIds),
      );
      await queueInvitationTexts(
        tx,
        matter,
        added.flatMap((a) => a.invitationIds),
      );
      const byReason = { pool: 0, council: 0, affected: 0, outside: 0 };
      for (const a of added) byReason[a.reason] += a.inserted;
      const total = await countInvitations(tx, matter.id);
      const result = {
        added: byReason,
        alreadyInvited: added.reduce((sum, a) => sum + a.candidates - a.inserted, 0),
        total,
      };
      return { payload: { ...result, scope: affectedPath ? input.affectedScope : null }, result };
    },
  });
}

/** Removes one invitation (and its inbox item) unless the invitee has already signed in. */
export async function removeInvitation(db: Db, actor: Actor, invitationId: number) {
  const invitation = await findInvitation(db, invitationId);
  if (!invitation) throw notFound('invitation');
  return runMatterCommand(db, {
    actor,
    matterId: invitation.matterId,
    action: 'matter.manage',
    audit: 'invitation.remove',
    write: async (tx, matter) => {
      requireStage(matter, 'canInvite');
      if ((await countSignInsOf(tx, invitationId)) > 0) throw new AppError(409, 'invitation.signed_in');
      await deleteInvitation(tx, invitationId);
      await deleteInvitationItem(tx, invitation, matter.id);
      return {
        payload: { invitationId, reason: invitation.reason },
        result: { id: invitationId, deleted: true as const },
      };
    },
  });
}

/**
 * An invitee answers their own invitation (as the account or as the resident); staff who manage the
 * matter record the answer of an organisation or outside party.
 */
export async function replyToInvitation(db: Db, actor: Actor, invitationId: number, reply: InvitationAnswer) {
  const invitation = await findInvitation(db, invitationId);
  if (!invitation) throw notFound('invitation');
  return runMatterCommand(db, {
    actor,
    matterId: invitation.matterId,
    action: 'matter.view',
    audit: 'invitation.reply',
    write: async (tx, matter) => {
      const isOwn =
        invitation.accountId === actor.accountId ||
        (invitation.residentId !== null && invitation.residentId === actor.residentId);
      const staffRecords = invitation.residentId === null && can(actor, 'matter.manage', matterSubject(matter, false));
      if (!isOwn && !staffRecords) throw new AppError(403, 'invitation.not_yours');
      // Past deliberation the list is history: a late 参加 would change who was invited to what.
      if (!capabilities[matter.status].canReplyToInvitation) {
        throw new AppError(409, 'invitation.replies_closed', { details: { status: matter.status } });
      }
      const row = await recordInvitationReply(tx, invitationId, {
        reply,
        repliedAt: clockNow(),
        accountId: invitation.accountId ?? (isOwn ? actor.accountId : null),
      });
      return {
        payload: { invitationId, reply, recordedByStaff: !isOwn },
        result: { id: row.id, reply, repliedAt: row.repliedAt!.toISOString() },
      };
    },
  });
}
