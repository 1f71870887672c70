/** Character bigrams of a title, ignoring spaces and punctuation (Chinese titles have no word breaks). */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of character bigrams, 0 (nothing shared) to 1 (same). */
export function titleSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  const total = [...x.values(), ...y.values()].reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  let shared = 0;
  for (const [gram, n] of x) shared += Math.min(n, y.get(gram) ?? 0);
  return (2 * shared) / total;
}

/** Titles at least this similar are suggested before a resident submits a new matter. */
export const SIMILAR_THRESHOLD = 0.3;
