export * from './scheme';
export * from './applications';
