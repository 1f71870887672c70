import { describe, expect, it } from 'vitest';
import { afterFailure, fitTemplateVariable, isOptOutReply, MAX_ATTEMPTS } from './delivery';

const cst = (local: string) => new Date(`${local}+08:00`);

describe('retrying a message that did not go out', () => {
  it('backs off 1, 5 and 30 minutes, then gives up', () => {
    const now = cst('2026-03-10T10:00:00');
    expect(afterFailure('unavailable', 1, now)).toEqual({ retry: true, notBefore: cst('2026-03-10T10:01:00') });
    expect(afterFailure('throttled', 2, now)).toEqual({ retry: true, notBefore: cst('2026-03-10T10:05:00') });
    expect(afterFailure('quota', 3, now)).toEqual({ retry: true, notBefore: cst('2026-03-10T10:30:00') });
    expect(afterFailure('unavailable', MAX_ATTEMPTS, now)).toEqual({ retry: false });
  });

  it('never retries a bad number, template or credentials', () => {
    const now = cst('2026-03-10T10:00:00');
    for (const failure of ['phone', 'template', 'credentials'] as const) {
      expect(afterFailure(failure, 1, now)).toEqual({ retry: false });
    }
  });

  it('moves a retry that would land in quiet hours to the morning', () => {
    expect(afterFailure('unavailable', 3, cst('2026-03-10T20:45:00'))).toEqual({
      retry: true,
      notBefore: cst('2026-03-11T08:00:00'),
    });
    expect(afterFailure('unavailable', 1, cst('2026-03-10T20:58:00'))).toEqual({
      retry: true,
      notBefore: cst('2026-03-10T20:59:00'),
    });
  });
});

describe('template variables', () => {
  it('keeps up to 20 characters and cuts longer text with an ellipsis', () => {
    expect(fitTemplateVariable('加装电梯')).toBe('加装电梯');
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fitTemplateVariable(twenty)).toBe(twenty);
    expect(fitTemplateVariable(`${twenty}多`)).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect([...fitTemplateVariable(`${twenty}多`)].length).toBe(20);
  });

  it('counts characters outside the basic plane as one and folds whitespace', () => {
    expect(fitTemplateVariable('𠀀'.repeat(25))).toBe(`${'𠀀'.repeat(19)}…`);
    expect(fitTemplateVariable('  3号楼\n加装 电梯 ')).toBe('3号楼 加装 电梯');
  });
});

describe('replies to a text', () => {
  it('reads TD and 退订 (any case, with spaces or punctuation) as declining texts', () => {
    for (const reply of ['TD', 'td', ' T D ', '退订', '退订。', 'N', '拒收'])
      expect(isOptOutReply(reply), reply).toBe(true);
  });
  it('reads anything else, a question or a yes, as no opt-out', () => {
    for (const reply of ['好的', '参加', 'TDD', '什么时候开会？', '']) expect(isOptOutReply(reply), reply).toBe(false);
  });
});
