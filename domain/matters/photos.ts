/** What a matter's photo shows: the issue raised, progress, 改造前/改造后 (before/after), minutes, other. */
export const photoPurposes = ['raised', 'progress', 'before', 'after', 'minutes', 'other'] as const;
export type PhotoPurpose = (typeof photoPurposes)[number];
/** The photos the public showcase pairs: 改造前 (before) and 改造后 (after). */
export const showcasePhotoPurposes = ['before', 'after'] as const satisfies readonly PhotoPurpose[];
export type ShowcasePhotoPurpose = (typeof showcasePhotoPurposes)[number];
