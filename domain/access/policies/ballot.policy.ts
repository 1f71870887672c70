import { capabilities } from '../../matters/stages';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../../territory/places';
import type { Actor } from '../actor';
import { managerRoles, staffRoles, type Role } from '../roles';
import { canOnMatter, type MatterSubject } from './matter.policy';

/**
 * Ballots (票决): seeing one, managing it (setup, opening, proxies, extending, closing) and entering
 * votes for others (paper ballots, assisted voting — grid workers help voters, 网格员协助投票).
 * Voting itself is decided by the electorate snapshot, not by roles.
 */
export type BallotAction = 'ballot.view' | 'ballot.manage' | 'ballot.enterPaper';

/** A ballot as its policy sees it: its place and, for a matter's ballot, the matter. */
export type BallotSubject = { type: 'ballot'; path: PlacePath; matter: MatterSubject | null };

const holds = (actor: Actor, roleSet: readonly Role[], path: PlacePath) =>
  actor.grants.some((g) => roleSet.includes(g.role) && isWithin(path, g.placePath));

const paperRoles: readonly Role[] = ['grid_worker', ...managerRoles];

/** Matter ballots follow the matter (staff manage it while it is writable); council ballots their place. */
export function canOnBallot(actor: Actor, action: BallotAction, b: BallotSubject): boolean {
  const m = b.matter;
  switch (action) {
    case 'ballot.view': {
      if (m) return canOnMatter(actor, 'matter.view', m);
      const community = ancestorPathAt(b.path, COMMUNITY_DEPTH) ?? b.path;
      return (
        holds(actor, [...staffRoles, 'supervisor'], b.path) ||
        actor.grants.some((g) => (g.role === 'resident' || g.role === 'member') && isWithin(g.placePath, community))
      );
    }
    case 'ballot.manage':
      return m ? canOnMatter(actor, 'matter.manage', m) : holds(actor, managerRoles, b.path);
    case 'ballot.enterPaper':
      // Grid workers enter paper and assisted votes beside the managers, while the matter is writable.
      return (m === null || capabilities[m.status].isWritable) && holds(actor, paperRoles, b.path);
  }
}
