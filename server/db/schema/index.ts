export * from './territory';
export * from './accounts';
export * from './deliberation';
