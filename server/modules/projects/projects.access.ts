import { actsOnProject, can, type Actor, type ProjectAction, type ProjectSubject } from '../../../domain/access';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { authorize, type Access } from '../../plugins/authorize';
import { isAgentOf } from './calls.repository';
import { communitiesOf, projectById, type ProjectRow } from './projects.repository';

/** Projects are hidden (404) from whoever may not read them. */
export const projectAccess: Access = { what: 'project', seeIf: ['project.view'] };

/** The one refusal for a command the project's stage does not allow (or someone did first). */
export const wrongStage = () => new AppError(409, 'project.wrong_stage');

export type LoadedProject = {
  row: ProjectRow;
  subject: ProjectSubject;
  communities: { id: number; name: string; path: string }[];
};

/** The project as the policy sees it, for this actor. */
export async function loadProject(db: DbOrTx, actor: Actor | null, id: number): Promise<LoadedProject | undefined> {
  const row = await projectById(db, id);
  if (!row) return undefined;
  const communities = (await communitiesOf(db, [id])).get(id) ?? [];
  const isAgent = actor ? await isAgentOf(db, row.organisationId, actor.accountId) : false;
  const subject: ProjectSubject = {
    type: 'project',
    path: row.placePath,
    isAgent,
    status: row.status,
    servedPaths: communities.map((c) => c.path),
  };
  return { row, subject, communities };
}

/**
 * The project if the actor may see it (404 otherwise) and may do `action` on it: 409 when they are the
 * one who does it but its stage no longer allows it (someone did it first), 403 otherwise.
 */
export async function projectFor(db: DbOrTx, actor: Actor, action: ProjectAction | null, id: number) {
  const loaded = await loadProject(db, actor, id);
  if (
    action &&
    loaded &&
    !can(actor, action, loaded.subject) &&
    actsOnProject(actor, action, loaded.subject) &&
    can(actor, 'project.view', loaded.subject)
  )
    throw wrongStage();
  authorize(actor, action, loaded?.subject, projectAccess);
  return loaded!;
}
