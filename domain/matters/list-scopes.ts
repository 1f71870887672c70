/** Which matters a list shows: mine (I raised, support or am invited to) or queue (where I manage, by stage). */
export const matterListScopes = ['mine', 'queue'] as const;
export type MatterListScope = (typeof matterListScopes)[number];
