export * from './territory';
export * from './accounts';
export * from './deliberation';
export * from './matters';
export * from './meetings';
export * from './implementation';
export * from './ballots';
export * from './supervision';
