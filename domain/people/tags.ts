/** Tags the member pool ships with; communities may add free tags beside them. */
export const builtInTags = [
  '党员',
  '楼栋长',
  '乡贤',
  '业委会',
  '律师',
  '物业',
  '退休干部',
  '人大代表',
  '政协委员',
  '网格员',
] as const;

/** Longest tag, in characters. */
export const TAG_MAX_LENGTH = 20;
/** Most tags one pool member may carry (after duplicates are dropped). */
export const TAGS_PER_MEMBER = 10;

/** Trims every tag and drops repeats, keeping the first occurrence's order. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()))];
}

/** Why a tag list is unacceptable after normalising, or undefined when it is fine. */
export function tagsProblem(tags: readonly string[]): 'empty' | 'too_long' | 'too_many' | undefined {
  if (tags.some((t) => t.length === 0)) return 'empty';
  if (tags.some((t) => [...t].length > TAG_MAX_LENGTH)) return 'too_long';
  if (tags.length > TAGS_PER_MEMBER) return 'too_many';
  return undefined;
}
