import { areaFromHundredths } from '../../../../domain/territory/dwellings';
import type { DbOrTx } from '../../../db/client';
import { ballotRule } from '../ballots.presenter';
import type { BallotResult } from '../../../../contracts/ballots';
import { ballotLifecycle } from '../../../../domain/voting';
import { matterBallotsOldestFirst } from './tally.repository';

const outcomeWords: Record<BallotResult['outcome'], string> = {
  passed: '通过',
  rejected: '未通过',
  not_quorate: '未达法定参与人数或面积',
  decided: '已选出',
  tie: '票数相同，须另行决定',
  no_votes: '无人投票',
};
const measureWords: Record<string, string> = { heads: '人数', area: '专有面积', households: '户数' };
const partWords: Record<string, string> = { participants: '参与表决', approvals: '同意' };
const ofWords: Record<string, string> = { electorate: '全体', participants: '参与表决', decisive: '同意与反对' };
const channelWords: Record<string, string> = { online: '线上', proxy: '委托', assisted: '协助', paper: '纸质' };

const amount = (measure: string, value: string) =>
  measure === 'area' ? `${areaFromHundredths(BigInt(value))} m²` : value;

/** One check in words with its exact fraction, e.g. "参与表决专有面积/全体 400.00/600.00 m²（66.67%）≥ 2/3 ✓". */
function checkLine(c: NonNullable<BallotResult['quorum']>['checks'][number]) {
  const unit = c.measure === 'area' ? ' m²' : '';
  const fraction =
    c.measure === 'area'
      ? `${areaFromHundredths(BigInt(c.numerator))}/${areaFromHundredths(BigInt(c.denominator))}${unit}`
      : `${c.numerator}/${c.denominator}`;
  return `${partWords[c.part]}${measureWords[c.measure]}占${ofWords[c.of]} ${fraction}（${c.percent}%）${c.threshold} ${c.met ? '✓' : '✗'}`;
}

/** A stored result as the lines the dossier prints (rule, citation, quorum, decision, counts, channels). */
export function describeResult(result: BallotResult): string[] {
  const lines = [`结果：${outcomeWords[result.outcome]}（${result.isStatutory ? '法定表决' : '协商意见'}）`];
  lines.push(`规则：${result.ruleName}${result.citation ? `，依据${result.citation}` : ''}`);
  if (result.quorum) lines.push(...result.quorum.checks.map((c) => `参与条件：${checkLine(c)}`));
  if (result.decision) lines.push(...result.decision.checks.map((c) => `表决条件：${checkLine(c)}`));
  if (result.counts) {
    const c = result.counts;
    lines.push(
      `同意 ${c.for.heads} 人（${amount('area', c.for.area)}），反对 ${c.against.heads} 人（${amount('area', c.against.area)}），弃权 ${c.abstain.heads} 人（${amount('area', c.abstain.area)}）`,
    );
  }
  if (result.approval)
    lines.push(`各选项认可票：${result.approval.map((a) => `#${a.optionId} ${a.approvals}`).join('，')}`);
  if (result.winners.length) lines.push(`胜出选项：${result.winners.map((id) => `#${id}`).join('、')}`);
  if (result.missingConsents.length) lines.push(`须同意而未同意：${result.missingConsents.join('、')}`);
  lines.push(
    `投票方式：${Object.entries(result.channels)
      .map(([k, n]) => `${channelWords[k]} ${n}`)
      .join('，')}`,
  );
  return lines;
}

/** The matter's closed ballots with their stored results, for the file (一事一档). */
export async function closedBallotsOfMatter(db: DbOrTx, matterId: number) {
  const rows = await matterBallotsOldestFirst(db, matterId);
  return rows
    .filter((b) => ballotLifecycle.is.closed(b.status) && b.result)
    .map((b) => {
      const rule = ballotRule(b);
      return {
        id: b.id,
        question: b.question,
        ruleKey: b.ruleKey,
        ruleVersion: b.ruleVersion,
        ruleName: rule.name,
        citation: rule.citation,
        isStatutory: rule.isStatutory,
        electorateKind: b.electorateKind,
        secrecy: b.secrecy,
        openedAt: b.openedAt,
        closesAt: b.closesAt,
        closedAt: b.closedAt,
        result: b.result as BallotResult,
        resultDigest: b.resultDigest,
      };
    });
}
