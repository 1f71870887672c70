import type { Composer } from 'vue-i18n';
import { auditActionName } from '../../../../domain/matters/audit-actions';
import {
  guardCodes,
  isClosedMatter,
  matterExits,
  matterLifecycle,
  matterStages,
  type MatterStatus,
} from '../../../../domain/matters/stages';

type Translate = Composer['t'];

/** Every status, stages first then exits, in the order lists and queues show them. */
export const matterStatusOrder: readonly MatterStatus[] = [...matterStages, ...matterExits];

/** Chinese (or English) name of a status: 议题征集, 未予受理 … */
export function matterStatusLabel(t: Translate, status: string): string {
  return (matterStatusOrder as readonly string[]).includes(status) ? t(`matters.statuses.${status}`) : status;
}

/**
 * A chain action in plain words from the one table the dossier prints too (domain/matters/audit-actions);
 * an unknown code reads as "其他操作" with its code for staff, or as a generic step where codes must not show.
 */
export function matterActionLabel(
  { t, locale }: Pick<Composer, 't' | 'locale'>,
  action: string,
  fallback: 'code' | 'generic' = 'code',
): string {
  const name = auditActionName(action, locale.value === 'en' ? 'en' : 'zh-CN');
  if (name !== null) return name;
  return fallback === 'code' ? t('matters.actions.unknown', { action }) : t('matters.actions.other');
}

/** A guard code (`matter.needs_topic_notice`) as a reason people can act on. */
export function matterBlockerLabel(t: Translate, code: string): string {
  const isKnown = (guardCodes as readonly string[]).includes(code);
  return isKnown ? t(`matters.blockers.${code.replace(/^matter\./, '')}`) : t('matters.blockers.unknown', { code });
}

/** Tag colour of a status: exits that closed a matter look different from live stages. */
export function matterStatusTone(status: string): 'primary' | 'success' | 'danger' | 'warning' | 'default' {
  if (matterLifecycle.is.archived(status)) return 'success';
  if (isClosedMatter(status)) return 'default';
  if (matterLifecycle.is.referred(status) || matterLifecycle.is.escalated(status)) return 'warning';
  return 'primary';
}

/** A date and time in the reader's locale, e.g. 2026/11/25 21:30. */
export function formatMatterTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatMatterDate(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}
