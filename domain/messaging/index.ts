export * from './quiet-hours';
export * from './delivery';
export * from './sms-status';
export * from './channels';
