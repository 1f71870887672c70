import { clockNow } from './clock';

/** The community's calendar day (China Standard Time) as YYYY-MM-DD: ages and terms count in local days. */
export function todayInChina(now: Date = clockNow()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
