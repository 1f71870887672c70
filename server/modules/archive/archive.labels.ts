/** Chinese words of the dossier: levels, kinds, audit actions, methods and verdicts. */
export const levelLabels: Record<string, string> = { building: '楼栋级', estate: '小区级', community: '社区级' };
export const kindLabels: Record<string, string> = {
  livelihood: '民生事项',
  dispute: '矛盾纠纷',
  public_affair: '公共事务',
};
export const actionLabels: Record<string, string> = {
  raise: '提出议题',
  support: '居民联名',
  accept: '受理',
  decline: '不予受理',
  merge: '合并办理',
  refer: '转交部门办理',
  escalate: '提级议事',
  announce: '公示告知',
  startDeliberation: '开始协商',
  resolve: '形成协商结果',
  startImplementation: '开始组织实施',
  startReview: '进入监督评议',
  archive: '归档封存',
  'comment.post': '云议事留言',
  'comment.hide': '隐藏留言',
  'resolution.draft': '拟定协商结果',
  'resolution.confirm': '确认协商结果',
  'ballot.create': '发起票决',
  'ballot.open': '开始投票',
  'ballot.extend': '延长投票',
  'ballot.counting': '投票截止，清点纸质票',
  'ballot.close': '投票结束',
  'objection.raise': '提出异议',
  'objection.answer': '答复异议',
  'task.create': '设立落实任务',
  'task.done': '任务完成',
  'task.progress': '记录任务进展',
  'showcase.photo': '添加成果展示照片',
  'publication.confirm': '确认公开文本',
  'follow_up.record': '回访',
  'follow_up.rate': '居民评价',
  'supervision.review': '监督评议',
  'oversight.assign': '指派监督员',
  'oversight.end': '结束指派监督',
  'finding.record': '提出监督意见',
  'finding.answer': '答复监督意见',
  'evaluation.record': '成效评估',
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
