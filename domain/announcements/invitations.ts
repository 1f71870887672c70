/** Whom an affected place's invitation reaches: its residents, its owners, or one person per household. */
export const invitationScopes = ['residents', 'owners', 'households'] as const;
export type InvitationScope = (typeof invitationScopes)[number];

/** Why someone is invited: 议事成员库 (pool), 议事组织 (council), 利益相关住户 (affected), 外部单位 (outside). */
export const invitationReasons = ['pool', 'council', 'affected', 'outside'] as const;
export type InvitationReason = (typeof invitationReasons)[number];

/** An invitee's reply: 待回复 (pending), 参加 (yes), 不参加 (no). */
export const invitationReplies = ['pending', 'yes', 'no'] as const;
export type InvitationReply = (typeof invitationReplies)[number];
/** The replies an invitee can give. */
export const invitationAnswers = ['yes', 'no'] as const satisfies readonly InvitationReply[];
export type InvitationAnswer = (typeof invitationAnswers)[number];

/** Who an invitation is for: a resident, an organisation from the pool, or a named outside party. */
export const inviteeKinds = ['resident', 'organisation', 'outside'] as const;
export type InviteeKind = (typeof inviteeKinds)[number];
