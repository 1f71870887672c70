import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import { confirmedNoticeIds, publicTextsOf } from '../publication';
import { snippet } from './showcase.people';
import { presentCard, publicBallotResult, trailOf } from './showcase.presenter';
import type { BallotResult } from '../ballots';
import {
  currentNotices,
  filterPlaces,
  findPlace,
  findShowcaseExtras,
  findShowcaseFile,
  listShowcase,
  pageExtras,
  placeNames,
} from './showcase.repository';
import type { ShowcaseQuery } from '../../../contracts/showcase';
import { servableFile } from '../../images';
import { isDecided } from '../../../domain/matters/stages';
import { readTogether } from '../../db/together';

/** 成果展示: a page of public, decided matters, redacted, with the places to filter by. */
export async function readShowcase(db: Db, query: ShowcaseQuery) {
  let placePath: string | undefined;
  if (query.placeId) {
    const place = await findPlace(db, query.placeId);
    if (!place) throw notFound('place');
    placePath = place.path;
  }
  const rows = await listShowcase(db, {
    placePath,
    category: query.category,
    governance: query.governance,
    limit: query.pageSize + 1,
    offset: (query.page - 1) * query.pageSize,
  });
  const page = rows.slice(0, query.pageSize);
  const [names, texts] = await readTogether(db, [
    () => pageExtras(db, page),
    () =>
      publicTextsOf(
        db,
        page.map((r) => r.id),
        page.map((r) => r.title),
      ),
  ]);
  return {
    items: page.map((row) => presentCard(row, names, texts)),
    page: query.page,
    hasMore: rows.length > query.pageSize,
  };
}

/** Towns and communities for the showcase's place filter (names only). */
export const readShowcasePlaces = (db: DbOrTx) => filterPlaces(db);

/** 公示栏: the current, confirmed notices of public matters in a place's subtree; an unknown place is 404. */
export async function readNoticeBoard(db: DbOrTx, placeId: number) {
  const place = await findPlace(db, placeId);
  if (!place) throw notFound('place');
  const today = todayInChina();
  const rows = await currentNotices(db, place.path, today);
  const [names, texts, confirmedIds] = await readTogether(db, [
    () => placeNames(db, [place.path, ...rows.map((r) => r.place_path)]),
    () =>
      publicTextsOf(
        db,
        rows.map((r) => r.matter_id),
        [],
      ),
    () =>
      confirmedNoticeIds(
        db,
        rows.map((r) => r.id),
      ),
  ]);
  return {
    place: { id: place.id, kind: place.kind, name: place.name, trail: trailOf(place.path, names) },
    today,
    // Only notices whose title and body staff confirmed (公开文本), as confirmed.
    notices: rows
      .filter((n) => confirmedIds.has(n.id))
      .map((n) => ({
        id: n.id,
        kind: n.kind,
        title: texts.confirmed('notice_title', n.id) ?? '',
        body: snippet(texts.confirmed('notice_body', n.id) ?? '', 600),
        startsOn: n.starts_on,
        endsOn: n.ends_on,
        trail: trailOf(n.place_path, names),
        objectionEndsAt: n.objection_ends_at ? new Date(n.objection_ends_at).toISOString() : null,
        // Only a decided matter has a public page to link to; earlier ones show the notice alone.
        matterId: isDecided(n.status) ? n.matter_id : null,
      })),
  };
}

/** The bytes of a before/after photo of a public, decided matter; anything else is 404 alike. */
export async function readShowcaseFile(db: DbOrTx, storage: FileStorage, fileId: number) {
  const file = await findShowcaseFile(db, fileId);
  if (!file) throw notFound('file');
  const bytes = await storage.read(file.storage_key);
  return { contentType: file.content_type, bytes: await servableFile({ contentType: file.content_type, bytes }) };
}

/** What the public matter page adds for the showcase: before/after photos and the ballot line (404 alike). */
export async function readShowcaseExtras(db: DbOrTx, matterId: number) {
  const extras = await findShowcaseExtras(db, matterId);
  if (!extras) throw notFound('matter');
  return {
    photos: { before: extras.before, after: extras.after },
    ballot: extras.ballot_result ? publicBallotResult(extras.ballot_result as BallotResult) : null,
  };
}
