/**
 * Who may read a matter: anyone (`public`), the residents and staff of its community (`community`),
 * or only those taking part in it (`participants`).
 */
export const matterVisibilities = ['public', 'community', 'participants'] as const;

/** One of `matterVisibilities`. */
export type MatterVisibility = (typeof matterVisibilities)[number];
