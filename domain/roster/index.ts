export * from './cells';
export * from './columns';
export * from './context';
export * from './problems';
export * from './records';
export * from './sheet';
export { validateRows, type RosterValidation } from './validate';
