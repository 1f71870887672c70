/** Where a comment stands on a matter in deliberation (云议事): 支持, 反对, 中立. */
export const stances = ['for', 'against', 'neutral'] as const;
export type Stance = (typeof stances)[number];
