import type { BulletinContent } from '../../../contracts/bulletins';
import { governanceName } from '../../../domain/governance/governances';
import { formatFen, formatPercent, ratio } from '../../../domain/statistics';
import type { BulletinCapacity } from '../../../contracts/capacity';

type Value = { value: number | null; n: number; num?: number; den?: number };

/** The headline figures of a bulletin, in print order, with their Chinese names and how to show them. */
export const headline: { key: string; label: string; format: 'count' | 'percent' | 'score' | 'days' }[] = [
  { key: 'raised', label: '新提事项', format: 'count' },
  { key: 'resolved', label: '形成决议', format: 'count' },
  { key: 'archived', label: '办结归档', format: 'count' },
  { key: 'consultations', label: '协商议事会议', format: 'count' },
  { key: 'livelihoodSolved', label: '民生实事解决', format: 'count' },
  { key: 'disputesResolved', label: '矛盾纠纷化解', format: 'count' },
  { key: 'implementationRate', label: '落实率', format: 'percent' },
  { key: 'overdueTasks', label: '逾期任务', format: 'count' },
  { key: 'satisfaction', label: '群众满意度（1–5分）', format: 'score' },
  { key: 'participation', label: '参会率（实到/应到）', format: 'percent' },
  { key: 'medianDays', label: '办结用时中位数（天）', format: 'days' },
];

export const placeKindLabels: Record<string, string> = { city: '市', town: '街道（乡镇）', community: '社区（村）' };
export const outcomeLabels: Record<string, string> = {
  positive: '成效良好',
  neutral: '成效一般',
  negative: '成效不佳',
};

/** One figure as printed: 12 · 85.0%（17/20）· 4.50 · 无. The web page shows the same text. */
export function formatFigure(value: Value | undefined, format: 'count' | 'percent' | 'score' | 'days'): string {
  if (!value || value.value === null) return '无';
  switch (format) {
    case 'count':
      return String(value.value);
    case 'percent':
      return `${(value.value * 100).toFixed(1)}%（${value.num ?? 0}/${value.den ?? 0}）`;
    case 'score':
      return `${value.value.toFixed(2)}（${value.n}次回访）`;
    case 'days':
      return value.value.toFixed(1);
  }
}

/** Headline rows [label, text] of a bulletin (the staff one or the public one: same figures). */
export function headlineRows(content: Pick<BulletinContent, 'figures'>): [string, string][] {
  const figures = content.figures as Record<string, Value>;
  return headline.map((h) => [h.label, formatFigure(figures[h.key], h.format)]);
}

/** 2026年10月 */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The by-governance table's header (docx and xlsx print the same). */
export const governanceHeader = ['四治', '新提', '决议', '归档', '协商会议', '落实率', '满意度'];
/** A note under the table: the rows overlap, so they do not add up to the headline figures. */
export const GOVERNANCE_NOTE = '一个事项标注多个类别时在每个类别各计一次，各行之和可能大于总数；未标注的事项单列。';

/** The by-governance rows [name, figures…] of a bulletin; none for one generated before the tags. */
export function governanceRows(content: Pick<BulletinContent, 'byGovernance'>): string[][] {
  return (content.byGovernance ?? []).map((g) => [
    governanceName(g.governance),
    formatFigure(g.raised, 'count'),
    formatFigure(g.resolved, 'count'),
    formatFigure(g.archived, 'count'),
    formatFigure(g.consultations, 'count'),
    formatFigure(g.implementationRate, 'percent'),
    formatFigure(g.satisfaction, 'score'),
  ]);
}

/** The 能力建设 rows [label, text] of a bulletin (the .docx prints them; the page shows the same). */
export function capacityRows(c: BulletinCapacity): [string, string][] {
  const of = (num: number, den: number) => `${num}/${den}（${formatPercent(ratio(num, den))}）`;
  return [
    ['社会组织（个）', String(c.organisations)],
    ['其中品牌社会组织', String(c.brand)],
    ['核心类别全覆盖的社区（村）', of(c.communitiesCovered, c.communities)],
    ['有枢纽型社会组织的街道（乡镇）', of(c.townsWithHub, c.towns)],
    ['已签约项目（个）', String(c.projectsContracted)],
    ['其中已结项', String(c.projectsClosed)],
    ['签约金额（元）', formatFen(c.budgetFen)],
    ['已支出（元）', `${formatFen(c.spentFen)}（${formatPercent(ratio(c.spentFen, c.budgetFen))}）`],
    ['本年培训微领袖（人）', String(c.microLeadersTrained)],
    ['本年命名领军人才（人）', String(c.talentsNamed)],
  ];
}
