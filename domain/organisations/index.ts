export * from './structure';
export * from './credit-code';
export * from './coverage';
