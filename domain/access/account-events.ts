/** What happened to an account, as its history records it (created, disabled, a password reset, a role granted…). */
export const accountEventKinds = [
  'created',
  'disabled',
  'enabled',
  'password_reset',
  'password_changed',
  'granted',
  'revoked',
] as const;
export type AccountEventKind = (typeof accountEventKinds)[number];

/** A role grant's history: 任命 (granted) or 解除 (revoked). */
export const grantEventKinds = ['granted', 'revoked'] as const satisfies readonly AccountEventKind[];
export type GrantEventKind = (typeof grantEventKinds)[number];

/** Who acted on a grant: a person in the app, the admin CLI, or nobody recorded (held before the record began). */
export const grantActorKinds = ['account', 'cli', 'before_record'] as const;
export type GrantActorKind = (typeof grantActorKinds)[number];
