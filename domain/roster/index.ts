export * from './cells';
export * from './columns';
export * from './context';
export * from './problems';
export * from './records';
export * from './sheet';
export { newFileSeen, validateRows, type FileSeen, type RosterValidation } from './validate';
