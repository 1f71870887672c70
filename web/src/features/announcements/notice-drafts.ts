import { addDays } from '../../../../domain/voting/notice';
import type { NoticeKind } from '../../../../domain/announcements/notices';
import { checkLine } from '../ballots/ballot-format';
import type { BallotResult } from '../ballots/ballots.api';
import type { Meeting } from '../meetings/meetings.api';
import type { Resolution } from '../resolutions/resolutions.api';
import { formatDateTime } from '../../components/format';

/** Pure drafting of notices (no Vue, no I/O): the text staff start from, and the period. */
type Translate = (key: string, params?: Record<string, unknown>) => string;
export type NoticeDraft = { title: string; body: string };

/** The wire limits of a notice (contracts/announcements NoticeBodySchema). */
const TITLE_MAX = 100;
const BODY_MAX = 5000;
const fit = (draft: NoticeDraft): NoticeDraft => ({
  title: draft.title.slice(0, TITLE_MAX),
  body: draft.body.slice(0, BODY_MAX),
});

/** The notice periods offered, in days (the first and last day both count). */
export const NOTICE_PERIODS = [5, 7, 10, 15] as const;

/** The last day of a notice of `days` days starting on `startsOn`: 7 days from 12-01 end on 12-07. */
export const noticeEndsOn = (startsOn: string, days: number) => addDays(startsOn, Math.max(1, days) - 1);

/** The kinds of notice staff post at a stage: a result once decided, before that topic and meeting. */
export const noticeKindsAt = (isDecided: boolean): NoticeKind[] => (isDecided ? ['result'] : ['topic', 'meeting']);

/** 会议公示: the meeting's time, form, venue or link and agenda, for the matter. */
export function meetingNoticeDraft(
  matterTitle: string,
  meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'mode' | 'venue' | 'onlineLink' | 'agenda'>,
  t: Translate,
): NoticeDraft {
  const time = meeting.endsAt
    ? t('deliberation.notices.drafts.timeRange', {
        from: formatDateTime(meeting.startsAt),
        to: formatDateTime(meeting.endsAt),
      })
    : formatDateTime(meeting.startsAt);
  const lines = [
    t('deliberation.notices.drafts.meetingLead', { time, matter: matterTitle }),
    t('deliberation.notices.drafts.mode', { mode: t(`deliberation.meetings.modes.${meeting.mode}`) }),
    ...(meeting.venue ? [t('deliberation.notices.drafts.venue', { venue: meeting.venue })] : []),
    ...(meeting.onlineLink ? [t('deliberation.notices.drafts.link', { link: meeting.onlineLink })] : []),
    t('deliberation.notices.drafts.agenda'),
    meeting.agenda,
    '',
    t('deliberation.notices.drafts.meetingClose'),
  ];
  return fit({ title: t('deliberation.notices.drafts.meetingTitle', { matter: matterTitle }), body: lines.join('\n') });
}

/** The deciding ballot's lines as the public page prints them: the outcome, then each decision check. */
export function ballotLines(result: BallotResult, t: Translate): string[] {
  const outcome = t(`showcase.outcomes.${result.outcome}`);
  return [
    t('showcase.ballotLine', { outcome }),
    ...(result.decision?.checks ?? []).map((check) => checkLine(check, t)),
  ];
}

/** 结果公示: the resolution's text, how it was reached and, for a ballot, its result lines. */
export function resultNoticeDraft(
  matterTitle: string,
  resolution: Pick<Resolution, 'body' | 'basis'>,
  ballot: BallotResult | null,
  t: Translate,
): NoticeDraft {
  const lines = [
    t('deliberation.notices.drafts.resultLead', { matter: matterTitle }),
    resolution.body,
    '',
    t('deliberation.notices.drafts.basis', { basis: t(`resolutions.bases.${resolution.basis}`) }),
    ...(ballot ? ballotLines(ballot, t) : []),
    '',
    t('deliberation.notices.drafts.resultClose'),
  ];
  return fit({ title: t('deliberation.notices.drafts.resultTitle', { matter: matterTitle }), body: lines.join('\n') });
}
