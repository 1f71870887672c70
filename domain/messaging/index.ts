export * from './quiet-hours';
export * from './delivery';
export * from './sms-status';
export * from './channels';
export * from './notifications';
export * from './notification-rules';
export * from './notification-texts';
export * from './notification-render';
