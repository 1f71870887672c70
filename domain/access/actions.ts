import type { PlacePath } from '../territory/places';
import type { BallotAction, BallotSubject } from './policies/ballot.policy';
import type { GrantAction, GrantSubject } from './policies/grant.policy';
import type { MatterAction, MatterSubject } from './policies/matter.policy';
import type { ProjectAction, ProjectSubject } from './policies/project.policy';
import type { ReferralSubject } from './policies/referral.policy';

/** Every action, as `${subject}.${verb}`. */
export type Action =
  | 'place.view'
  | 'place.viewRoster'
  | 'roster.import'
  | 'roster.export'
  | 'resident.view'
  | 'resident.viewPhone'
  | 'resident.setSmsOptOut'
  | 'pool.view'
  | 'pool.manage'
  | 'council.view'
  | 'council.manage'
  | 'venue.view'
  | 'venue.manage'
  | 'venue.review'
  | 'rules.manageStandard'
  | 'format.manage'
  | 'statistics.view'
  | 'bulletin.view'
  | 'bulletin.generate'
  | 'matter.listQueue'
  | 'supervision.listDue'
  | 'scheme.manage'
  | 'application.view'
  | 'application.submit'
  | 'application.recommend'
  | 'application.review'
  | 'application.name'
  | 'talentSelection.manage'
  | 'talentNomination.view'
  | 'talentNomination.nominate'
  | 'department.view'
  | 'department.manage'
  | 'referral.listQueue'
  | 'referral.view'
  | 'referral.respond'
  | 'call.manage'
  | 'call.apply'
  | ProjectAction
  | 'organisation.view'
  | 'organisation.manage'
  | 'organisation.configure'
  | 'organisation.listMine'
  | 'training.manage'
  | 'microLeader.view'
  | 'microLeader.manage'
  | MatterAction
  | BallotAction
  | GrantAction;

/** Subjects carry the state their policy needs: at least the place path they belong to. */
export type Subject =
  | { type: 'place'; path: PlacePath }
  | { type: 'resident'; path: PlacePath; residentId: number }
  | { type: 'pool'; path: PlacePath }
  | { type: 'council'; path: PlacePath }
  | ReferralSubject
  | { type: 'venue'; path: PlacePath }
  | MatterSubject
  | BallotSubject
  | GrantSubject
  | ProjectSubject;

export type SubjectType = Subject['type'];
