export * from './actions';
export * from './actor';
export * from './can';
export * from './roles';
export * from './policies/matter.policy';
export * from './policies/ballot.policy';
export * from './policies/grant.policy';
export * from './scope';
