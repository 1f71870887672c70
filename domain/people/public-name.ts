/** Boundaries of each pinyin initial in the Chinese collation (the first character under each letter). */
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨它穵夕丫帀';
const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** The pinyin initial of a Chinese surname (张 → Z), or the Latin letter itself; '' if unknown. */
export function surnameInitial(name: string): string {
  const first = name.trim().charAt(0);
  if (/[A-Za-z]/.test(first)) return first.toUpperCase();
  if (!/\p{Script=Han}/u.test(first)) return '';
  let letter = '';
  for (const [i, boundary] of [...BOUNDARIES].entries()) {
    if (collator.compare(first, boundary) >= 0) letter = LETTERS[i]!;
    else break;
  }
  return letter;
}

/** Staff see who spoke; everyone else sees 居民 + surname initial, never a name or a phone. */
export function publicName(displayName: string, isStaffViewer: boolean): string {
  return isStaffViewer ? displayName : `居民${surnameInitial(displayName)}`;
}
