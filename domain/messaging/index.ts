export * from './quiet-hours';
export * from './delivery';
