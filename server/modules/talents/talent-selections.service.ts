import { can, type Actor } from '../../../domain/access';
import {
  hoursToMinutes,
  nominationLifecycle,
  talentCriteriaProblem,
  type SelectionCommand,
} from '../../../domain/talents';
import type { TalentSelectionBody } from '../../../contracts/talents';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid, missing, notFound } from '../../errors';
import { authorizePlace, findPlace } from '../places';
import { wrongStage } from './talents.access';
import {
  countInStates,
  insertSelection,
  listSelectionRows,
  lockSelection,
  moveSelection,
  nominationCounts,
  selectionById,
} from './talents.repository';

/** Nominations still waiting for a decision: a selection cannot close over them. */
const undecidedStates = nominationLifecycle.states.filter(
  (s) => nominationLifecycle.is.nominated(s) || nominationLifecycle.is.eligible(s) || nominationLifecycle.is.noticed(s),
);

/** A selection by id, or a 404. */
export async function selectionOrNotFound(db: DbOrTx, id: number) {
  const row = await selectionById(db, id);
  if (!row) throw notFound('talentSelection');
  return row;
}

/** Opens a city's selection for a year as a draft; 409 `talents.duplicate_year` when it has one. */
export async function createSelection(db: Db, actor: Actor, body: TalentSelectionBody) {
  const city = await findPlace(db, body.placeId);
  if (!city) throw missing('placeId', 'place');
  authorizePlace(actor, 'talentSelection.manage', city);
  if (city.kind !== 'city') throw invalid('placeId', 'talents.not_a_city');
  const problem = talentCriteriaProblem(body.criteria);
  if (problem)
    throw invalid(problem.index < 0 ? 'criteria' : `criteria.${problem.index}.${problem.field}`, 'talents.criteria');
  const { minTrainedHours, ...terms } = body;
  const id = await insertSelection(db, {
    ...terms,
    placePath: city.path,
    minTrainedMinutes: hoursToMinutes(minTrainedHours),
    createdBy: actor.accountId,
  });
  if (id === undefined) throw new AppError(409, 'talents.duplicate_year', { field: 'year' });
  return selectionOrNotFound(db, id);
}

/** Opens nominations, moves to review, or closes the year (refused while a nomination is undecided). */
export async function moveSelectionBy(db: Db, actor: Actor, id: number, command: SelectionCommand) {
  const row = await selectionOrNotFound(db, id);
  authorizePlace(actor, 'talentSelection.manage', { path: row.placePath });
  await db.transaction(async (tx) => {
    const locked = await lockSelection(tx, id);
    if (!locked) throw notFound('talentSelection');
    if (command === 'close') {
      const undecided = await countInStates(tx, id, undecidedStates);
      if (undecided > 0) throw new AppError(409, 'talents.undecided', { params: { count: undecided } });
    }
    if ((await moveSelection(tx, id, command)) === undefined) throw wrongStage();
  });
  return selectionOrNotFound(db, id);
}

/** Every selection (the rules are no secret to anyone logged in), with its counts per stage. */
export async function listSelections(db: Db) {
  const rows = await listSelectionRows(db);
  const counts = await nominationCounts(
    db,
    rows.map((r) => r.id),
  );
  return { rows, counts };
}

/** Whether the actor manages any selection's city (for the "new selection" button). */
export const managesAnySelection = (actor: Actor) =>
  actor.grants.some((g) => can(actor, 'talentSelection.manage', { type: 'place', path: g.placePath }));
