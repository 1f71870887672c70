import { clockNow } from './clock';

/** Built once: constructing an Intl formatter costs far more than formatting with it. */
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** The community's calendar day (China Standard Time) as YYYY-MM-DD: ages and terms count in local days. */
export function todayInChina(now: Date = clockNow()): string {
  return chinaDay.format(now);
}
