import { describe, expect, it } from 'vitest';
import { checkLine, conditionsInWords, thresholdText, thresholdWords, timeLeft, zhNumber } from './ballot-format';

const zh: Record<string, string> = {
  'ballots.who.owners': '业主',
  'ballots.measureNoun.area': '专有面积',
  'ballots.measureNoun.heads': '人数',
  'ballots.and': '和',
  'ballots.words.quorum': '参与表决的{who}{measures}{need}{threshold}',
  'ballots.words.decision': '同意的{measures}{need}{threshold}',
  'ballots.words.base.electorate': '',
  'ballots.words.base.participants': '参与表决者的',
  'ballots.words.bothNeed': '均需',
  'ballots.words.need': '需',
  'ballots.words.also': '，',
  'ballots.words.or': '，或',
};
const t = (key: string, params: Record<string, unknown> = {}) =>
  (zh[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

describe('ballot formatting', () => {
  it('words thresholds as the law does: 以上 includes the number, 过半数 excludes it', () => {
    expect(thresholdWords('≥ 2/3', 'zh-CN')).toBe('达到三分之二以上');
    expect(thresholdWords({ num: 1, den: 2, inclusive: false }, 'zh-CN')).toBe('过半数');
    expect(thresholdWords('> 3/5', 'zh-CN')).toBe('超过五分之三');
    expect(thresholdWords('≥ 3/4', 'en')).toBe('at least 3/4');
    expect(thresholdWords('> 1/2', 'zh-CN', '参与表决者的')).toBe('超过参与表决者的半数');
    expect(thresholdText({ num: 3, den: 4, inclusive: true })).toBe('≥ 3/4');
    expect(zhNumber(12)).toBe('十二');
  });

  it('says the Art. 278 quorum in one sentence when both measures share the threshold', () => {
    const quorum = {
      mode: 'all' as const,
      checks: [
        { measure: 'area' as const, part: 'participants', of: 'electorate', threshold: '≥ 2/3' },
        { measure: 'heads' as const, part: 'participants', of: 'electorate', threshold: '≥ 2/3' },
      ],
    };
    expect(conditionsInWords(quorum, 'quorum', 'owners', t, 'zh-CN')).toBe(
      '参与表决的业主专有面积和人数均需达到三分之二以上',
    );
    const decision = {
      mode: 'all' as const,
      checks: quorum.checks.map((c) => ({ ...c, part: 'approvals', of: 'participants', threshold: '≥ 3/4' })),
    };
    expect(conditionsInWords(decision, 'decision', 'owners', t, 'zh-CN')).toBe(
      '同意的专有面积和人数均需达到参与表决者的四分之三以上',
    );
  });

  it('words a check with its label, area in m² from hundredths, heads as counts', () => {
    const words: Record<string, string> = {
      'ballots.result.checkLabel.approvals.area': '同意面积',
      'ballots.result.checkLabel.approvals.heads': '同意人数',
    };
    const t = (key: string, p?: Record<string, unknown>) =>
      key === 'ballots.result.checkLine'
        ? `${String(p!.label)} ${String(p!.num)}/${String(p!.den)}${String(p!.unit)}（${String(p!.percent)}）${String(p!.threshold)} ${String(p!.mark)}`
        : (words[key] ?? key);
    const check = { part: 'approvals', percent: '84.43', threshold: '≥ 3/4', met: true };
    expect(checkLine({ ...check, measure: 'area', numerator: '113969', denominator: '134982' }, t)).toBe(
      '同意面积 1,139.69/1,349.82 m²（84.43%）≥ 3/4 ✓',
    );
    expect(checkLine({ ...check, measure: 'heads', numerator: '45', denominator: '52', met: false }, t)).toBe(
      '同意人数 45/52（84.43%）≥ 3/4 ✗',
    );
  });

  it('counts down to the close and stops at it', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(timeLeft('2026-11-26T11:02:03Z', now)).toEqual({ d: 1, h: 1, m: 2, s: 3 });
    expect(timeLeft('2026-11-25T10:00:00Z', now)).toBeNull();
  });
});
