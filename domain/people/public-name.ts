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

/** How staff appear to residents and the public, on every page and in every file. */
export const STAFF_LABEL = '社区工作人员';
/** How a supervisor appears to residents and the public. */
export const SUPERVISOR_LABEL = '监督员';
/** A resident appears as 居民 + the initial of their surname (居民Z), never by name or phone. */
export const RESIDENT_PREFIX = '居民';

/** What someone acts as, read from their current grants: staff, supervisor, or neither (a resident). */
export const personStandings = ['staff', 'supervisor', 'resident'] as const;
export type PersonStanding = (typeof personStandings)[number];

/**
 * Who did something, as a page shows it; the web words it in the reader's language. Staff viewers
 * (and a person reading their own entries) see the name; everyone else sees the role for staff and
 * supervisors, 居民 + initial for residents. An entry the system wrote (a deadline) has no person.
 */
export type PersonLabel =
  | { kind: 'name'; name: string }
  | { kind: 'staff' }
  | { kind: 'supervisor' }
  | { kind: 'resident'; initial: string }
  | { kind: 'system' };

export function personLabel(
  person: { name: string | null; standing: PersonStanding | null } | null,
  seesNames: boolean,
): PersonLabel {
  if (!person || person.name === null) return { kind: 'system' };
  if (seesNames) return { kind: 'name', name: person.name };
  if (person.standing === 'staff') return { kind: 'staff' };
  if (person.standing === 'supervisor') return { kind: 'supervisor' };
  return { kind: 'resident', initial: surnameInitial(person.name) };
}

/** A label in Chinese, for files written on the server (the sealed .docx). */
export function personLabelZh(label: PersonLabel): string {
  switch (label.kind) {
    case 'name':
      return label.name;
    case 'staff':
      return STAFF_LABEL;
    case 'supervisor':
      return SUPERVISOR_LABEL;
    case 'resident':
      return RESIDENT_PREFIX + label.initial;
    case 'system':
      return '系统';
  }
}
