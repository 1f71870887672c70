import { can, type Actor } from '../../../domain/access';
import {
  checkEligibility,
  isEligible,
  nominationLifecycle,
  nominationStatuses,
  selectionLifecycle,
  type NominationStatus,
  type TalentRecord,
} from '../../../domain/talents';
import { isWithin } from '../../../domain/territory/places';
import type { TalentNominationSummary, TalentNominationView, TalentSelectionView } from '../../../contracts/talents';
import { placeRoleRules } from '../../../domain/access';
import type { NominationRow, SelectionRow } from './talents.repository';
import type { TalentObjectionRow, TalentReviewRow } from './talent-reviews.repository';
import { nominationSubject } from './talents.access';

/** A selection with its counts per stage and what the viewer may do: run it, or nominate in it. */
export function presentSelection(
  actor: Actor,
  row: SelectionRow,
  counts: { selectionId: number; status: NominationStatus; n: number }[],
): TalentSelectionView {
  const byStatus = Object.fromEntries(nominationStatuses.map((s) => [s, 0])) as Record<NominationStatus, number>;
  for (const c of counts) if (c.selectionId === row.id) byStatus[c.status] += c.n;
  const nominators: readonly string[] = placeRoleRules['talentNomination.nominate'];
  const nominatesThere = actor.grants.some((g) => nominators.includes(g.role) && isWithin(g.placePath, row.placePath));
  return {
    id: row.id,
    placeId: row.placeId,
    year: row.year,
    title: row.title,
    quota: row.quota,
    minTrainedMinutes: row.minTrainedMinutes,
    minMattersConvened: row.minMattersConvened,
    minProjectsRun: row.minProjectsRun,
    criteria: row.criteria,
    nominationsCloseOn: row.nominationsCloseOn,
    noticeDays: row.noticeDays,
    status: row.status,
    counts: byStatus,
    abilities: {
      'talentSelection.manage': can(actor, 'talentSelection.manage', { type: 'place', path: row.placePath }),
      'talentNomination.nominate': nominatesThere && selectionLifecycle.is.nominating(row.status),
    },
  };
}

/** A nomination in a list (staff over the place see the name). */
export function presentNominationSummary(row: NominationRow): TalentNominationSummary {
  const n = row.nomination;
  return {
    id: n.id,
    selectionId: n.selectionId,
    year: row.selection.year,
    name: row.name,
    placeName: row.placeName,
    townName: row.townName,
    nominatorKind: n.nominatorKind,
    status: n.status,
    isConsented: n.consentedAt !== null,
    total: n.total,
    noticeFrom: n.noticeFrom,
    noticeTo: n.noticeTo,
    certificateNo: n.certificateNo,
  };
}

/**
 * A nomination with its record and eligibility, reviews, objections and what the viewer may do.
 * `live` is the record read now (while nominated); after the decision the frozen one is shown.
 */
export function presentNomination(
  actor: Actor,
  row: NominationRow,
  parts: { live: TalentRecord | null; reviews: TalentReviewRow[]; objections: TalentObjectionRow[] },
): TalentNominationView {
  const n = row.nomination;
  const isFrozen = !nominationLifecycle.is.nominated(n.status);
  const record = (!isFrozen && parts.live) || n.record;
  const manages = can(actor, 'talentSelection.manage', nominationSubject(n.placePath));
  const isNominee = n.accountId === actor.accountId;
  const reviews = parts.reviews.filter((r) => r.nominationId === n.id);
  const status = n.status;
  return {
    ...presentNominationSummary(row),
    selectionTitle: row.selection.title,
    statement: n.statement,
    outcomeReason: n.outcomeReason,
    record,
    isFrozen,
    eligibility: checkEligibility(record, row.selection),
    isEligible: isEligible(record, row.selection),
    criteria: row.selection.criteria,
    reviews: manages
      ? reviews.map((r) => ({
          reviewer: r.reviewer,
          isMine: r.reviewerAccountId === actor.accountId,
          scores: r.scores,
        }))
      : [],
    objections: parts.objections
      .filter((o) => o.nominationId === n.id)
      .map((o) => ({
        id: o.id,
        body: o.body,
        answer: o.answer,
        upheld: o.upheld,
        createdAt: o.createdAt.toISOString(),
      })),
    abilities: {
      consent:
        isNominee &&
        n.consentedAt === null &&
        (nominationLifecycle.is.nominated(status) || nominationLifecycle.is.eligible(status)),
      admit: manages && nominationLifecycle.allows('admit', status),
      ruleOut: manages && nominationLifecycle.allows('ruleOut', status),
      review: manages && nominationLifecycle.is.eligible(status),
      notice: manages && nominationLifecycle.allows('notice', status),
      confirm: manages && nominationLifecycle.allows('confirm', status),
      decline: manages && nominationLifecycle.allows('decline', status),
      answer: manages,
      certificate: nominationLifecycle.is.named(status) && (isNominee || manages),
    },
  };
}
