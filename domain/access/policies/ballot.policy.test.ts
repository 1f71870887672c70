import { describe, expect, it } from 'vitest';
import type { MatterStatus } from '../../matters/stages';
import type { Actor, Grant } from '../actor';
import type { Role } from '../roles';
import { canOnBallot, type BallotAction, type BallotSubject } from './ballot.policy';

// 1 city / 2 town / 3 community / 4 estate / 5 building / 6 unit; 9 another community of the town.
const building = '/1/2/3/4/5/';
const community = '/1/2/3/';
const actor = (accountId: number, ...grants: [Role, string][]): Actor => ({
  accountId,
  residentId: accountId,
  grants: grants.map(([role, placePath]): Grant => ({ role, placeId: 0, placePath })),
});
const who = {
  resident: actor(1, ['resident', '/1/2/3/4/5/6/']),
  outsider: actor(2, ['resident', '/1/2/9/10/']),
  convenor: actor(3, ['convenor', community]),
  gridWorker: actor(4, ['grid_worker', community]),
  supervisor: actor(5, ['supervisor', community]),
  townOfficer: actor(6, ['town_officer', '/1/2/']),
  otherConvenor: actor(7, ['convenor', '/1/2/9/']),
};
const matterBallot = (status: MatterStatus): BallotSubject => ({
  type: 'ballot',
  path: building,
  matter: {
    type: 'matter',
    path: building,
    status,
    proposerAccountId: 1,
    visibility: 'community',
    isParticipant: false,
  },
});
const councilBallot: BallotSubject = { type: 'ballot', path: community, matter: null };
const allowed = (action: BallotAction, subject: BallotSubject) =>
  Object.entries(who)
    .filter(([, a]) => canOnBallot(a, action, subject))
    .map(([name]) => name);

describe('ballot policy', () => {
  it('shows a matter ballot to whoever sees the matter, a council ballot to its community', () => {
    const everyoneButOutsiders = ['resident', 'convenor', 'gridWorker', 'supervisor', 'townOfficer'];
    expect(allowed('ballot.view', matterBallot('deliberating'))).toEqual(everyoneButOutsiders);
    expect(allowed('ballot.view', councilBallot)).toEqual(everyoneButOutsiders);
  });

  it('lets managers of the place manage, while the matter is writable', () => {
    expect(allowed('ballot.manage', matterBallot('deliberating'))).toEqual(['convenor', 'townOfficer']);
    expect(allowed('ballot.manage', councilBallot)).toEqual(['convenor', 'townOfficer']);
    expect(allowed('ballot.manage', matterBallot('archived'))).toEqual([]);
  });

  it('lets grid workers enter paper and assisted votes beside the managers', () => {
    expect(allowed('ballot.enterPaper', matterBallot('deliberating'))).toEqual([
      'convenor',
      'gridWorker',
      'townOfficer',
    ]);
    expect(allowed('ballot.enterPaper', councilBallot)).toEqual(['convenor', 'gridWorker', 'townOfficer']);
    expect(allowed('ballot.enterPaper', matterBallot('archived'))).toEqual([]);
  });
});
