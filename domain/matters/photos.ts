/** What a matter's photo shows: the issue raised, progress, 改造前/改造后 (before/after), minutes, other. */
export const photoPurposes = ['raised', 'progress', 'before', 'after', 'minutes', 'other'] as const;
export type PhotoPurpose = (typeof photoPurposes)[number];
/** The photos the public showcase pairs: 改造前 (before) and 改造后 (after). */
export const showcasePhotoPurposes = ['before', 'after'] as const satisfies readonly PhotoPurpose[];
export type ShowcasePhotoPurpose = (typeof showcasePhotoPurposes)[number];
/** The photos the .docx dossier prints, in upload order: the issue raised, progress, before and after. */
export const dossierPhotoPurposes = [
  'raised',
  'progress',
  'before',
  'after',
] as const satisfies readonly PhotoPurpose[];
export type DossierPhotoPurpose = (typeof dossierPhotoPurposes)[number];
/** Whether a stored photo's purpose is one the dossier prints. */
export const isDossierPhoto = (purpose: PhotoPurpose): purpose is DossierPhotoPurpose =>
  (dossierPhotoPurposes as readonly PhotoPurpose[]).includes(purpose);
/** Whether a stored photo's purpose is one the showcase pairs (before/after). */
export const isShowcasePhoto = (purpose: PhotoPurpose): purpose is ShowcasePhotoPurpose =>
  (showcasePhotoPurposes as readonly PhotoPurpose[]).includes(purpose);
