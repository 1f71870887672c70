export * from './lifecycle';
export * from './eligibility';
export * from './selection';
