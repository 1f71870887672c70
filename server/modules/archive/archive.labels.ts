import type { DossierPhotoPurpose } from '../../../domain/matters/photos';
/** Chinese words of the dossier: levels, kinds, methods and verdicts (audit actions: domain/matters/audit-actions). */
export const levelLabels: Record<string, string> = { building: '楼栋级', estate: '小区级', community: '社区级' };
export const kindLabels: Record<string, string> = {
  livelihood: '民生事项',
  dispute: '矛盾纠纷',
  public_affair: '公共事务',
};
export const methodLabels: Record<string, string> = { visit: '上门', phone: '电话', online: '线上', self: '居民自评' };
export const verdictLabels: Record<string, string> = { satisfactory: '满意', needs_work: '需整改' };
export const outcomeLabels: Record<string, string> = { positive: '良好', neutral: '一般', negative: '较差' };
export const basisLabels: Record<string, string> = { consensus: '会议协商一致', ballot: '表决' };
export const noticeLabels: Record<string, string> = { topic: '议题公示', meeting: '会议公告', result: '结果公示' };
export const replyLabels: Record<string, string> = { pending: '未答复', yes: '参加', no: '不参加' };

const formatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as Beijing time, e.g. 2026/03/01 16:00. */
export const chinaTime = (at: Date | string) => formatter.format(typeof at === 'string' ? new Date(at) : at);

/**
 * Who came, for 实到: the names where known and a count of the rest, never a placeholder:
 * "3（胡龙锋、张阿姨，另 1 人）", "2（另 2 人）" reads as "2".
 */
export function attendeesText(names: readonly (string | null)[]): string {
  const known = names.filter((n): n is string => n !== null && n.trim() !== '');
  const unnamed = names.length - known.length;
  if (known.length === 0) return String(names.length);
  return `${names.length}（${known.join('、')}${unnamed ? `，另 ${unnamed} 人` : ''}）`;
}

/** Names of a list where known, and how many have none: "王大爷、李阿姨、另 2 人". */
export function namesText(names: readonly (string | null)[]): string {
  const known = names.filter((n): n is string => n !== null && n.trim() !== '');
  const unnamed = names.length - known.length;
  return [...known, ...(unnamed ? [`另 ${unnamed} 人`] : [])].join('、');
}

/** What each photo in the dossier shows. */
export const photoLabels: Record<DossierPhotoPurpose, string> = {
  raised: '提出事项时的照片',
  progress: '实施进展照片',
  before: '改造前照片',
  after: '改造后照片',
};
