import { can, scopeFor, type Actor } from '../../../domain/access';
import { isWithin } from '../../../domain/territory/places';
import { applicationStatuses, scoreComputed, type ApplicationStatus } from '../../../domain/demonstration';
import type { ApplicationSummary, ApplicationView, OverviewReply, SchemeView } from '../../../contracts/demonstration';
import type { ApplicationRow, SchemeRow } from './demonstration.repository';
import type { evidenceFilesOf } from './demonstration-evidence.repository';
import type { reassessmentsOf, reviewsOf, objectionsOf } from './demonstration-reviews.repository';
import { applicationAbilities, reviewTotal } from './demonstration-review.service';

/** A scheme with what the viewer may do: manage it, or apply under it for a community of theirs. */
export function presentScheme(actor: Actor, row: SchemeRow): SchemeView {
  const canApply = scopeFor(actor, 'application.submit').subtrees.some(
    (root) => isWithin(root, row.placePath) || isWithin(row.placePath, root),
  );
  return {
    id: row.id,
    placeId: row.placeId,
    year: row.year,
    title: row.title,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    passMark: row.passMark,
    noticeDays: row.noticeDays,
    criteria: row.criteria,
    applicationCount: row.applicationCount,
    abilities: {
      'scheme.manage': can(actor, 'scheme.manage', { type: 'place', path: row.placePath }),
      'application.submit': canApply,
    },
  };
}

/** An application in a list. */
export function presentSummary(row: ApplicationRow): ApplicationSummary {
  const a = row.application;
  return {
    id: a.id,
    schemeId: a.schemeId,
    year: row.year,
    placeId: a.placeId,
    placeName: row.placeName,
    townName: row.townName,
    status: a.status,
    total: a.total,
    noticeFrom: a.noticeFrom,
    noticeTo: a.noticeTo,
  };
}

type Reviews = Awaited<ReturnType<typeof reviewsOf>>;

/**
 * An application with its criteria lines. `live` are the figures read now for a draft; once
 * submitted, the frozen ones are shown. Reviewers' names are shown to city reviewers only.
 */
export function presentApplication(
  actor: Actor,
  row: ApplicationRow,
  parts: {
    live: Record<string, number | null> | null;
    reviews: Reviews;
    objections: Awaited<ReturnType<typeof objectionsOf>>;
    reassessments: Awaited<ReturnType<typeof reassessmentsOf>>;
    files: Awaited<ReturnType<typeof evidenceFilesOf>>;
  },
): ApplicationView {
  const a = row.application;
  const figures = a.computed ?? parts.live ?? {};
  const abilities = applicationAbilities(actor, row);
  const seesReviewers = abilities['application.review'] || abilities['application.name'];
  const means = new Map<string, number>();
  for (const c of row.criteria) {
    const scored = parts.reviews.map((r) => r.scores[c.key]?.score).filter((s): s is number => s !== undefined);
    if (scored.length) means.set(c.key, Math.round((scored.reduce((x, y) => x + y, 0) / scored.length) * 10) / 10);
  }
  return {
    ...presentSummary(row),
    statement: a.statement,
    townNote: a.townNote,
    outcomeReason: a.outcomeReason,
    passMark: row.passMark,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    isFrozen: a.computed !== null,
    reviewTotal: reviewTotal(row, parts.reviews),
    criteria: row.criteria.map((c) => {
      const value = c.kind === 'computed' ? (figures[c.key] ?? null) : null;
      return {
        ...c,
        value,
        computedScore: c.kind === 'computed' ? scoreComputed(value, c.target!, c.maxScore) : null,
        evidence: a.evidence[c.key] ?? '',
        files: parts.files.filter((f) => f.criterionKey === c.key).map((f) => ({ id: f.id, fileName: f.fileName })),
        meanScore: means.get(c.key) ?? null,
      };
    }),
    reviews: parts.reviews.map((r, i) => ({
      reviewer: seesReviewers ? r.reviewer : `#${i + 1}`,
      isMine: r.reviewerAccountId === actor.accountId,
      scores: r.scores,
      total: reviewTotal(row, [r]) ?? 0,
    })),
    siteCheck:
      a.siteCheckOn && a.siteCheckBy && a.siteCheckFindings
        ? { on: a.siteCheckOn, by: a.siteCheckBy, findings: a.siteCheckFindings }
        : null,
    objections: parts.objections.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
    reassessments: parts.reassessments,
    abilities,
  };
}

/** The overview: per town, how many applications are at each stage (every stage listed, zeros too). */
export function presentOverview(
  scheme: { id: number; year: number; title: string },
  towns: { id: number; name: string }[],
  counts: { townId: number; status: ApplicationStatus; n: number }[],
): OverviewReply {
  const zero = () => Object.fromEntries(applicationStatuses.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
  const byTown = new Map(towns.map((t) => [t.id, { placeId: t.id, name: t.name, counts: zero() }]));
  for (const c of counts) {
    const town = byTown.get(c.townId);
    if (town) town.counts[c.status] += c.n;
  }
  return { scheme, towns: [...byTown.values()] };
}
