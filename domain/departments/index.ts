export * from './departments';
export * from './referral-status';
