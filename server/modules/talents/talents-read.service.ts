import type { Actor } from '../../../domain/access';
import { nominationLifecycle } from '../../../domain/talents';
import type { PublicTalents, TalentSelectionDetail } from '../../../contracts/talents';
import type { Db } from '../../db/client';
import { todayInChina } from '../../calendar';
import { authorizePlace } from '../places';
import { nominationFor } from './talents.access';
import { presentNomination, presentSelection } from './talents.presenter';
import { selectionOrNotFound } from './talent-selections.service';
import { recordOf } from './talent-records.repository';
import { objectionsOfNominations, reviewsOfNominations } from './talent-reviews.repository';
import {
  nominationCounts,
  nominationsOfSelection,
  publicNominations,
  publicYears,
  type NominationRow,
} from './talents.repository';

/** Nominations as the actor sees them, with live records for those still nominated. */
async function presentAll(db: Db, actor: Actor, rows: NominationRow[]) {
  const ids = rows.map((r) => r.nomination.id);
  const [reviews, objections, live] = await Promise.all([
    reviewsOfNominations(db, ids),
    objectionsOfNominations(db, ids),
    Promise.all(
      rows.map((r) =>
        nominationLifecycle.is.nominated(r.nomination.status) ? recordOf(db, r.nomination.accountId) : null,
      ),
    ),
  ]);
  return rows.map((r, i) => presentNomination(actor, r, { live: live[i] ?? null, reviews, objections }));
}

/** One nomination as the actor sees it (the nominee, or staff over their community). */
export async function readNomination(db: Db, actor: Actor, id: number) {
  const row = await nominationFor(db, actor, null, id);
  return (await presentAll(db, actor, [row]))[0]!;
}

/** A selection's page for the city: its terms, counts and every nomination with figures and scores. */
export async function readSelectionDetail(db: Db, actor: Actor, id: number): Promise<TalentSelectionDetail> {
  const selection = await selectionOrNotFound(db, id);
  authorizePlace(actor, 'talentSelection.manage', { path: selection.placePath });
  const [rows, counts] = await Promise.all([nominationsOfSelection(db, id), nominationCounts(db, [id])]);
  return { selection: presentSelection(actor, selection, counts), nominations: await presentAll(db, actor, rows) };
}

/** The actor's own nominations, with consent, status and certificate. */
export async function readMyNominations(db: Db, actor: Actor, rows: NominationRow[]) {
  return presentAll(db, actor, rows);
}

/** Stages the public notice lists: on notice, and named. */
const publicStates = nominationLifecycle.states.filter(
  (s) => nominationLifecycle.is.noticed(s) || nominationLifecycle.is.named(s),
);
/** The statement as the notice prints it: its first 120 characters. */
const SHORT_STATEMENT = 120;

/**
 * 公示: the year's nominations on notice or named, with the person's name (only consented ones reach
 * notice), community, a short statement and the notice period. Default: the newest year with any.
 */
export async function readPublicTalents(db: Db, year: number | undefined): Promise<PublicTalents> {
  const years = await publicYears(db, publicStates);
  const shown = year ?? years[0];
  if (shown === undefined) return { year: null, years, title: null, items: [] };
  const rows = (await publicNominations(db, shown, publicStates)).filter((r) => r.nomination.consentedAt !== null);
  const today = todayInChina();
  return {
    year: shown,
    years,
    title: rows[0]?.selection.title ?? null,
    items: rows.map((r) => ({
      nominationId: r.nomination.id,
      name: r.name,
      placeName: r.placeName,
      townName: r.townName,
      statement: [...r.nomination.statement].slice(0, SHORT_STATEMENT).join(''),
      status: r.nomination.status,
      noticeFrom: r.nomination.noticeFrom,
      noticeTo: r.nomination.noticeTo,
      isObjectionOpen:
        nominationLifecycle.is.noticed(r.nomination.status) &&
        r.nomination.noticeTo !== null &&
        today <= r.nomination.noticeTo,
      certificateNo: r.nomination.certificateNo,
    })),
  };
}
