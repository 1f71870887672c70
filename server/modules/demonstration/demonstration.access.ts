import type { Subject } from '../../../domain/access';
import type { PlacePath } from '../../../domain/territory/places';
import type { Access } from '../../plugins/authorize';
import { AppError } from '../../errors';

/** Applications are hidden outside the places whose applications the actor may read. */
export const applicationAccess: Access = { what: 'application', seeIf: ['application.view'] };

/** An application as the access policy sees it: its community. */
export const applicationSubject = (path: PlacePath): Subject => ({ type: 'place', path });

/** The one refusal for a command the application's stage does not allow (or someone did first). */
export const wrongStage = () => new AppError(409, 'demonstration.wrong_stage');
