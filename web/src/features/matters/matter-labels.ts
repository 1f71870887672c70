import type { Composer } from 'vue-i18n';
import { matterExits, matterStages, type MatterStatus } from '../../../../domain/matters/stages';

type Translate = Composer['t'];

/** Every status, stages first then exits, in the order lists and queues show them. */
export const matterStatusOrder: readonly MatterStatus[] = [...matterStages, ...matterExits];

/** Chinese (or English) name of a status: 议题征集, 未予受理 … */
export function matterStatusLabel(t: Translate, status: string): string {
  return (matterStatusOrder as readonly string[]).includes(status) ? t(`matters.statuses.${status}`) : status;
}

const knownActions = [
  'raise',
  'support',
  'accept',
  'decline',
  'merge',
  'merge_received',
  'refer',
  'escalate',
  'announce',
  'startDeliberation',
  'resolve',
  'startImplementation',
  'startReview',
  'archive',
];

/** A timeline action in words; actions other engineers add later fall back to a generic line. */
export function matterActionLabel(t: Translate, action: string): string {
  const key = action.replaceAll('.', '_');
  return knownActions.includes(key) ? t(`matters.actions.${key}`) : t('matters.actions.unknown', { action });
}

/** A guard code (`matter.needs_topic_notice`) as a reason people can act on. */
export function matterBlockerLabel(t: Translate, code: string): string {
  const key = code.replace(/^matter\./, '');
  const known = [
    'needs_topic_notice',
    'needs_invitations',
    'needs_meeting',
    'needs_resolution',
    'objection_window_open',
    'objections_unanswered',
    'needs_tasks',
    'tasks_open',
    'needs_follow_up',
    'needs_supervision_review',
    'needs_evaluation',
  ];
  return known.includes(key) ? t(`matters.blockers.${key}`) : t('matters.blockers.unknown', { code });
}

/** Tag colour of a status: exits that closed a matter look different from live stages. */
export function matterStatusTone(status: string): 'primary' | 'success' | 'danger' | 'warning' | 'default' {
  if (status === 'archived') return 'success';
  if (status === 'declined' || status === 'merged') return 'default';
  if (status === 'referred' || status === 'escalated') return 'warning';
  return 'primary';
}

/** A date and time in the reader's locale, e.g. 2026/11/25 21:30. */
export function formatMatterTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatMatterDate(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}
