import type { PersonLabel } from '../../../domain/people/public-name';

/** `2026-11-25 18:30` in the browser's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Groups digits of an integer string: "1200" → "1,200". */
const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The one area formatter of the web: m² with two decimals and thousands separators, exact (no floats).
 * `value` is m² as the server words it ("812.5", "812.50") or, with `from: 'hundredths'`, the stored
 * integer hundredths a ballot result counts in ("113969" → "1,139.69").
 */
export function formatArea(value: string | number, from: 'm2' | 'hundredths' = 'm2'): string {
  let text = String(value).trim();
  const sign = text.startsWith('-') ? '-' : '';
  text = text.replace(/^-/, '');
  if (from === 'hundredths') {
    const digits = text.replace(/\..*$/, '').padStart(3, '0');
    text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }
  const [whole = '0', frac = ''] = text.split('.');
  return `${sign}${groupDigits(whole.replace(/^0+(?=\d)/, '') || '0')}.${(frac + '00').slice(0, 2)}`;
}

/**
 * The one wording of who did something (contracts `PersonLabel`): the name when the reader may see it,
 * else 社区工作人员 / 监督员 / 居民Z / 系统 in the reader's language.
 */
export function formatPerson(t: (key: string, params?: Record<string, unknown>) => string, label: PersonLabel): string {
  switch (label.kind) {
    case 'name':
      return label.name;
    case 'resident':
      return t('people.resident', { initial: label.initial });
    default:
      return t(`people.${label.kind}`);
  }
}
