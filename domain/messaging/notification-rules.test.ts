import { describe, expect, it } from 'vitest';
import { auditActions } from '../matters/audit-actions';
import { notificationRules } from './notification-rules';
import { formatChinaTime, renderNotification, renderSmsEvent } from './notification-render';
import { notificationTexts, targetTexts } from './notification-texts';
import { isChannelOn } from './notifications';

const allParams = {
  title: '3号楼加装电梯',
  time: '2026-12-08T10:30:00.000Z',
  venue: '社区议事厅',
  question: '是否同意加装电梯',
  closesAt: '2026-12-10T10:00:00.000Z',
  outcome: 'passed',
  percent: '30',
  task: '更换单元门禁',
  dueOn: '2026-12-20',
};

describe('notification rules', () => {
  it('has a text for exactly the actions that notify someone', () => {
    for (const action of auditActions) {
      const rule = notificationRules[action];
      expect(Boolean(notificationTexts[action]), action).toBe(rule.recipients !== 'nobody');
    }
  });

  it('fills every placeholder of every text, in both locales and the SMS phrase', () => {
    for (const action of auditActions) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = renderNotification(action, allParams, locale);
        if (!text) continue;
        expect(`${text.title} ${text.body}`, action).not.toMatch(/[{}]/);
        const ascii = { ...allParams, title: 'Lift', venue: 'Hall', question: 'Lift?', task: 'Door lock' };
        if (locale === 'en')
          expect(Object.values(renderNotification(action, ascii, 'en')!).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
      }
      const sms = renderSmsEvent(action, allParams);
      if (sms) expect(sms, action).not.toMatch(/[{}]/);
    }
  });

  it('tells a meeting’s time and venue, a ballot’s closing time and its outcome', () => {
    expect(renderNotification('meeting.schedule', allParams, 'zh-CN')?.body).toBe(
      '时间：12月8日 18:30；地点：社区议事厅。请准时参加。',
    );
    expect(renderNotification('meeting.schedule', { ...allParams, venue: '' }, 'en')?.body).toContain('Venue: online');
    expect(renderNotification('ballot.open', allParams, 'zh-CN')?.body).toContain('截止时间：12月10日 18:00');
    expect(renderNotification('ballot.close', allParams, 'zh-CN')?.body).toContain('结果：通过');
    expect(renderNotification('ballot.close', { ...allParams, outcome: 'not_quorate' }, 'en')?.body).toContain(
      'not enough voters',
    );
  });

  it('gives every `also` audience its target’s own text, placeholders filled', () => {
    for (const action of auditActions) {
      const rule = notificationRules[action];
      if (rule.recipients === 'nobody' || !rule.also) continue;
      expect(targetTexts[rule.also.target]?.[action], action).toBeDefined();
      for (const locale of ['zh-CN', 'en'] as const)
        expect(Object.values(renderNotification(action, allParams, locale, rule.also.target)!).join(' ')).not.toMatch(
          /[{}]/,
        );
      expect(renderSmsEvent(action, allParams, rule.also.target), action).not.toMatch(/[{}]/);
    }
    expect(renderNotification('referral.sent', allParams, 'zh-CN', 'referral')?.body).toBe(
      '「3号楼加装电梯」转交贵部门办理，请于2026-12-20前答复。',
    );
    // Without the target, the residents' text.
    expect(renderNotification('referral.sent', allParams, 'zh-CN')?.title).toBe('已转办：3号楼加装电梯');
  });

  it('formats China time across midnight UTC', () => {
    expect(formatChinaTime('2026-12-31T16:05:00.000Z', 'zh-CN')).toBe('1月1日 00:05');
    expect(formatChinaTime('2026-12-31T16:05:00.000Z', 'en')).toBe('1 Jan 00:05');
  });
});

describe('channel choices', () => {
  it('keeps the inbox on, SMS on by default for meetings, ballots and results only', () => {
    expect(isChannelOn([{ kind: 'meeting', channel: 'inbox', isEnabled: false }], 'meeting', 'inbox')).toBe(true);
    expect(isChannelOn([], 'ballot', 'sms')).toBe(true);
    expect(isChannelOn([], 'matter_progress', 'sms')).toBe(false);
    expect(isChannelOn([{ kind: 'ballot', channel: 'sms', isEnabled: false }], 'ballot', 'sms')).toBe(false);
    expect(isChannelOn([{ kind: 'task', channel: 'sms', isEnabled: true }], 'task', 'sms')).toBe(true);
  });
});
