export * from './lifecycle';
export * from './record';
