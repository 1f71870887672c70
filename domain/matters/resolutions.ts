/**
 * What a resolution rests on: 会议协商一致 (consensus at a meeting) or 投票表决 (a closed ballot of the
 * same matter, checked by the service against the ballot engine).
 */
export const resolutionBases = ['consensus', 'ballot'] as const;
export type ResolutionBasis = (typeof resolutionBases)[number];
