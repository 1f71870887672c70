import type { AuditAction } from '../matters/audit-actions';
import type { BallotOutcome } from '../voting/tally';
import type { NotificationTarget } from './notifications';
import {
  notificationTexts,
  targetTexts,
  type NotificationText,
  type LocaleText,
  type NotificationLocale,
  type NotificationParams,
} from './notification-texts';

const outcomeNames: Record<BallotOutcome, Record<NotificationLocale, string>> = {
  passed: { 'zh-CN': '通过', en: 'passed' },
  rejected: { 'zh-CN': '未通过', en: 'not passed' },
  not_quorate: { 'zh-CN': '参与人数不足，未形成有效表决', en: 'not enough voters took part' },
  decided: { 'zh-CN': '已决出', en: 'decided' },
  tie: { 'zh-CN': '票数相同，未决出', en: 'a tie' },
  no_votes: { 'zh-CN': '无人投票', en: 'no votes' },
};

const ONLINE: Record<NotificationLocale, string> = { 'zh-CN': '线上（云议事）', en: 'online' };
const CHINA_OFFSET_MS = 8 * 3_600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant in China time: "12月8日 18:00" / "8 Dec 18:00". */
export function formatChinaTime(iso: string, locale: NotificationLocale): string {
  const at = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS);
  const hm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  return locale === 'zh-CN'
    ? `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${hm}`
    : `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${hm}`;
}

/** Each parameter as shown in the locale. */
function shownParams(params: NotificationParams, locale: NotificationLocale): Record<string, string> {
  const shown: Record<string, string> = { ...params };
  if (params.time) shown.time = formatChinaTime(params.time, locale);
  if (params.closesAt) shown.closesAt = formatChinaTime(params.closesAt, locale);
  if (params.venue !== undefined) shown.venue = params.venue || ONLINE[locale];
  if (params.outcome) shown.outcome = outcomeNames[params.outcome as BallotOutcome]?.[locale] ?? params.outcome;
  return shown;
}

const fill = (template: string, shown: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => shown[name] ?? whole);

/** The text of an action's notification opening `target` (a target's own text, else the action's). */
function textOf(action: string, target?: NotificationTarget): NotificationText | undefined {
  const own = target ? targetTexts[target] : undefined;
  if (own && Object.hasOwn(own, action)) return own[action as AuditAction];
  return Object.hasOwn(notificationTexts, action) ? notificationTexts[action as AuditAction] : undefined;
}

/** An action's inbox title and body in the locale, or null for an action that notifies nobody. */
export function renderNotification(
  action: string,
  params: NotificationParams,
  locale: NotificationLocale,
  target?: NotificationTarget,
): LocaleText | null {
  const text = textOf(action, target);
  if (!text) return null;
  const shown = shownParams(params, locale);
  return { title: fill(text[locale].title, shown), body: fill(text[locale].body, shown) };
}

/** The SMS `event` phrase of an action (Chinese; the provider template is Chinese), or null. */
export function renderSmsEvent(action: string, params: NotificationParams, target?: NotificationTarget): string | null {
  const text = textOf(action, target);
  return text ? fill(text.sms, shownParams(params, 'zh-CN')) : null;
}
