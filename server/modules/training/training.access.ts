import { can, type Actor, type Subject } from '../../../domain/access';
import { programmeLifecycle } from '../../../domain/training';
import type { Access } from '../../plugins/authorize';
import { AppError } from '../../errors';

/** A programme is seen by whoever browses its place (residents of a town see their town's and city's). */
export const programmeAccess: Access = { what: 'trainingProgramme', seeIf: ['place.view'] };

/** A programme as the access policy sees it: its city or town. */
export const programmeSubject = (path: string): Subject => ({ type: 'place', path });

/** Drafts are for those who run the programme; once open, everyone who browses the place sees it. */
export const seesProgramme = (actor: Actor, p: { placePath: string; status: string }) =>
  can(actor, 'training.manage', programmeSubject(p.placePath)) ||
  (!programmeLifecycle.is.draft(p.status) && can(actor, 'place.view', programmeSubject(p.placePath)));

/** The one refusal for a command the programme's or participant's status does not allow. */
export const wrongState = () => new AppError(409, 'training.wrong_state');
