export * from './figures';
export * from './capacity';
