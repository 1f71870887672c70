import { surnameInitial as pinyinInitial } from '../people/public-name';
import { redactUnlistedPeople } from './unlisted-people';
/**
 * Redaction of minutes before publication (PIPL): names become roles or initials, mobile numbers and
 * flat numbers disappear, buildings and units stay ("5幢2单元" is public; "0301室" is not). Pure.
 */

/** A person named in the text: the name as written, and the role the public version shows instead. */
export type KnownPerson = { name: string; role?: string | null };

/** The pinyin initial of a name's surname (first character), or "某" when it has none. */
export function surnameInitial(name: string): string {
  return pinyinInitial(name) || '某';
}

/** What a person becomes in the public text: their role, or 居民 + the initial of their surname. */
export function publicLabel(person: KnownPerson): string {
  return person.role?.trim() || `居民${surnameInitial(person.name)}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Forms of address built on a surname (张阿姨, 李师傅): redacted when that surname belongs to a known person. */
const honorifics = [
  '阿姨',
  '师傅',
  '大伯',
  '大爷',
  '大妈',
  '奶奶',
  '爷爷',
  '叔叔',
  '伯伯',
  '阿婆',
  '先生',
  '女士',
  '老师',
  '书记',
  '主任',
];

const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
/** 5-2-301 → 5幢2单元 (building-unit-flat). */
const DASHED_FLAT = /(?<![\d-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])/g;
/** 2单元0502 / 2单元502室 → 2单元. */
const UNIT_FLAT = /(\d{1,2})\s*单元\s*\d{3,}\s*(?:室|号)?/g;
/** 0301室 / 502室 / 1203号房 → 某室. */
const ROOM = /(?<!\d)\d{3,4}\s*(?:室|号房)/g;

/**
 * The public version of `text`. Longer names go first so that "张桂芳" is not half-replaced by "张桂".
 * A person known only by a form of address (张阿姨) is matched as written. When one name is listed
 * twice, the entry with a role wins. People on no list but addressed by a common surname (老陈, 赵先生)
 * become 居民 + initial (see unlisted-people.ts). Idempotent: redacting the result again changes nothing.
 */
export function redactMinutes(text: string, people: readonly KnownPerson[]): string {
  // One label per name; a known role beats initials when the same name is listed twice.
  const byName = new Map<string, string>();
  for (const p of people) {
    const name = p.name.trim();
    if (name.length > 0 && (!byName.has(name) || p.role?.trim())) byName.set(name, publicLabel(p));
  }
  const labelled = [...byName].map(([name, label]) => ({ name, label })).sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const { name, label } of labelled) out = out.replaceAll(name, label);
  const surnames = new Map<string, string>();
  for (const { name, label } of labelled) {
    const surname = [...name][0]!;
    if (!surnames.has(surname) && /\p{Script=Han}/u.test(surname)) surnames.set(surname, label);
  }
  for (const [surname, label] of surnames) {
    const pattern = new RegExp(`${escapeRegExp(surname)}(${honorifics.join('|')})`, 'g');
    out = out.replace(pattern, label);
  }
  // Then anyone else addressed by surname (老陈, 小刘, 赵先生): 居民 + initial.
  out = redactUnlistedPeople(out, (surname) => `居民${surnameInitial(surname)}`);
  return out
    .replace(MOBILE, '（电话略）')
    .replace(DASHED_FLAT, '$1幢$2单元')
    .replace(UNIT_FLAT, '$1单元')
    .replace(ROOM, '某室');
}
