import { can, type Actor } from '../../../domain/access';
import type { ProgrammeCommand } from '../../../domain/training';
import type { ProgrammeBody, SessionBody } from '../../../contracts/training';
import type { Db, DbOrTx } from '../../db/client';
import { readTogether } from '../../db/together';
import { AppError, invalid, missing, notFound } from '../../errors';
import { authorizePlace, findPlace } from '../places';
import { newSignInCode } from '../meetings';
import { programmeSubject, seesProgramme } from './training.access';
import {
  insertProgramme,
  insertSession,
  lockProgramme,
  moveProgramme,
  programmeById,
  programmeRows,
  sessionsOf,
  venueWithin,
  type ProgrammeRow,
} from './training.repository';
import { participantOf, participantsOf, attendedMinutesIn } from './participants.repository';
import { programmeLifecycle } from '../../../domain/training';

/** The programme if the actor may see it (404 otherwise) and may do `action` on it (403 otherwise). */
export async function programmeFor(db: DbOrTx, actor: Actor, id: number, manage = false): Promise<ProgrammeRow> {
  const row = await programmeById(db, id, actor.accountId);
  if (!row || !seesProgramme(actor, row)) throw notFound('trainingProgramme');
  if (manage && !can(actor, 'training.manage', programmeSubject(row.placePath)))
    throw new AppError(403, 'access.denied');
  return row;
}

/** Programmes the actor may see, of a year or place when asked. */
export async function listProgrammes(
  db: Db,
  actor: Actor,
  q: { year?: number | undefined; placeId?: number | undefined },
) {
  const rows = await programmeRows(db, actor.accountId, {
    ...(q.year === undefined ? {} : { year: q.year }),
    ...(q.placeId === undefined ? {} : { placeId: q.placeId }),
  });
  return rows.filter((r) => seesProgramme(actor, r));
}

/** A city's or town's draft programme. */
export async function createProgramme(db: Db, actor: Actor, body: ProgrammeBody) {
  const place = await findPlace(db, body.placeId);
  if (!place) throw missing('placeId', 'place');
  authorizePlace(actor, 'training.manage', place);
  if (place.kind !== 'city' && place.kind !== 'town') throw invalid('placeId', 'training.place_kind');
  return insertProgramme(db, { ...body, placePath: place.path, createdBy: actor.accountId });
}

/** Opens (publishes) or closes a programme; 409 when its status does not allow it. */
export async function moveProgrammeBy(db: Db, actor: Actor, id: number, command: ProgrammeCommand) {
  await programmeFor(db, actor, id, true);
  if ((await moveProgramme(db, id, command)) === undefined) throw new AppError(409, 'training.wrong_state');
}

/** Adds a session with a fresh sign-in code, at a written location or a venue inside the programme's place. */
export async function addSession(db: Db, actor: Actor, programmeId: number, body: SessionBody) {
  const programme = await programmeFor(db, actor, programmeId, true);
  if (programmeLifecycle.is.closed(programme.status)) throw new AppError(409, 'training.wrong_state');
  const venue = body.venueId === undefined ? undefined : await venueWithin(db, body.venueId, programme.placePath);
  if (body.venueId !== undefined && !venue) throw missing('venueId', 'venue');
  if (!venue && body.location === '') throw new AppError(400, 'validation.required', { field: 'location' });
  return db.transaction(async (tx) => {
    // Locked so a session is never added to a programme being closed at the same moment.
    const locked = await lockProgramme(tx, programmeId);
    if (!locked || programmeLifecycle.is.closed(locked.status)) throw new AppError(409, 'training.wrong_state');
    return insertSession(tx, {
      programmeId,
      course: body.course,
      teacher: body.teacher,
      startsAt: new Date(body.startsAt),
      minutes: body.minutes,
      location: body.location || venue!.name,
      venueId: venue?.id ?? null,
      signInCode: newSignInCode(),
    });
  });
}

/** A programme with its sessions, the reader's own standing and (for those who run it) everyone enrolled. */
export async function readProgramme(db: Db, actor: Actor, id: number) {
  const programme = await programmeFor(db, actor, id);
  const manages = can(actor, 'training.manage', programmeSubject(programme.placePath));
  const [sessions, mine, participants] = await readTogether(db, [
    () => sessionsOf(db, id, actor.accountId),
    () => participantOf(db, id, actor.accountId),
    () => (manages ? participantsOf(db, id) : Promise.resolve([])),
  ]);
  const attended = mine ? await attendedMinutesIn(db, id, actor.accountId) : 0;
  return { programme, manages, sessions, mine: mine && { ...mine, attendedMinutes: attended }, participants };
}
