import { scopeFor, type Actor } from '../../../domain/access';
import { applicationLifecycle, isBadgeHolding, isEditableApplication } from '../../../domain/demonstration';
import type { PublicDemonstration } from '../../../contracts/demonstration';
import { redactPublicText } from '../../../domain/publication/public-text';
import type { Db } from '../../db/client';
import { readTogether } from '../../db/together';
import { namesIn } from '../publication';
import { computedFigures } from './demonstration.metrics';
import { presentApplication, presentOverview } from './demonstration.presenter';
import { applicationsInStates, countsByTown, townsInScope } from './demonstration.repository';
import { objectionsOf, reassessmentsOf, reviewsOf } from './demonstration-reviews.repository';
import { evidenceFilesOf } from './demonstration-evidence.repository';
import { applicationFor, schemeOrNotFound } from './demonstration.service';

/** One application as its reader sees it; a draft shows its computed figures read now. */
export async function readApplication(db: Db, actor: Actor, id: number) {
  const row = await applicationFor(db, actor, null, id);
  const a = row.application;
  const [live, reviews, objections, reassessments, files] = await readTogether(db, [
    async () =>
      isEditableApplication(a.status)
        ? computedFigures(
            db,
            { id: a.placeId, path: a.placePath },
            { from: row.periodFrom, to: row.periodTo },
            row.criteria,
          )
        : null,
    () => reviewsOf(db, id),
    () => objectionsOf(db, id),
    () => reassessmentsOf(db, id),
    () => evidenceFilesOf(db, id),
  ]);
  return presentApplication(actor, row, { live, reviews, objections, reassessments, files });
}

/** 总览: a scheme's applications per town and stage, inside what the actor may read. */
export async function readOverview(db: Db, actor: Actor, schemeId: number) {
  const scheme = await schemeOrNotFound(db, schemeId);
  const scope = scopeFor(actor, 'application.view');
  const [towns, counts] = await readTogether(db, [
    () => townsInScope(db, scope),
    () => countsByTown(db, schemeId, scope),
  ]);
  return presentOverview({ id: scheme.id, year: scheme.year, title: scheme.title }, towns, counts);
}

const publicStates = applicationLifecycle.states.filter(
  (s) => isBadgeHolding(s) || applicationLifecycle.is.noticed(s) || applicationLifecycle.is.removed(s),
);

/**
 * The public side: each named community's badge (示范社区 + year), notices open for objections and
 * removals with their reason. Places only: no person is named.
 */
export async function readPublicDemonstration(db: Db): Promise<PublicDemonstration> {
  const rows = await applicationsInStates(db, publicStates);
  const place = (r: (typeof rows)[number]) => ({ placeName: r.placeName, townName: r.townName, year: r.year });
  return {
    named: rows
      .filter((r) => isBadgeHolding(r.application.status))
      .map((r) => ({ placeId: r.application.placeId, ...place(r) })),
    notices: rows
      .filter((r) => applicationLifecycle.is.noticed(r.application.status))
      .map((r) => ({
        applicationId: r.application.id,
        ...place(r),
        noticeFrom: r.application.noticeFrom ?? '',
        noticeTo: r.application.noticeTo ?? '',
      })),
    removed: await Promise.all(
      rows
        .filter((r) => applicationLifecycle.is.removed(r.application.status))
        .map(async (r) => ({
          placeName: r.placeName,
          year: r.year,
          reason: await publicReason(db, r.application.outcomeReason),
        })),
    ),
  };
}

/** A removal's reason as the public may read it: names, phones and flats redacted like any public text. */
async function publicReason(db: Db, reason: string | null): Promise<string | null> {
  if (!reason) return null;
  const directory = await namesIn(db, [reason]);
  return redactPublicText(reason, directory, new Map(), { isBookFixed: true }).text;
}
