export * from './lifecycle';
export * from './money';
export * from './scoring';
