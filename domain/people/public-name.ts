/** Boundaries of each pinyin initial in the Chinese collation (the first character under each letter). */
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨它穵夕丫帀';
const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const boundaries = [...BOUNDARIES];
/** Initials already worked out, by character: a collator comparison per boundary is slow on hot paths. */
const known = new Map<string, string>();

/** The pinyin initial of a Chinese surname (张 → Z), or the Latin letter itself; '' if unknown. */
export function surnameInitial(name: string): string {
  const first = name.trim().charAt(0);
  if (/[A-Za-z]/.test(first)) return first.toUpperCase();
  if (!/\p{Script=Han}/u.test(first)) return '';
  const cached = known.get(first);
  if (cached !== undefined) return cached;
  let letter = '';
  for (const [i, boundary] of boundaries.entries()) {
    if (collator.compare(first, boundary) >= 0) letter = LETTERS[i]!;
    else break;
  }
  known.set(first, letter);
  return letter;
}

/** Staff see who spoke; everyone else sees 居民 + surname initial, never a name or a phone. */
export function publicName(displayName: string, isStaffViewer: boolean): string {
  return isStaffViewer ? displayName : `居民${surnameInitial(displayName)}`;
}
