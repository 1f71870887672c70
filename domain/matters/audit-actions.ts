/**
 * Every action a matter's audit chain records, with its name in plain words: the matter timeline, the
 * public page and the sealed dossier (.docx) all print these, so a new action without a name does not
 * compile (appendMatterEvent and the matter commands take an `AuditAction`).
 */
export const auditActionNames = {
  raise: { 'zh-CN': '提出议题', en: 'Raised' },
  support: { 'zh-CN': '居民联名', en: 'Supported by a resident' },
  accept: { 'zh-CN': '受理议题', en: 'Accepted' },
  decline: { 'zh-CN': '不予受理', en: 'Declined' },
  merge: { 'zh-CN': '并入其他议题', en: 'Merged into another matter' },
  'merge.received': { 'zh-CN': '合并了其他议题', en: 'Another matter merged in' },
  refer: { 'zh-CN': '转交部门办理', en: 'Referred to a department' },
  'referral.sent': { 'zh-CN': '再次转办', en: 'Referred (again) to a department' },
  'referral.accepted': { 'zh-CN': '部门接收转办', en: 'Referral accepted by the department' },
  'referral.answered': { 'zh-CN': '部门答复转办', en: 'Referral answered by the department' },
  'referral.handed_back': { 'zh-CN': '部门退回转办', en: 'Referral handed back by the department' },
  escalate: { 'zh-CN': '提交上级', en: 'Escalated' },
  'governances.tag': { 'zh-CN': '标注四治类别', en: 'Four governances tagged' },
  'matter.announce': { 'zh-CN': '公示告知', en: 'Announced' },
  'matter.startDeliberation': { 'zh-CN': '开始协商', en: 'Deliberation started' },
  'notice.post': { 'zh-CN': '发布公示', en: 'Notice posted' },
  'invitations.add': { 'zh-CN': '邀请参与人', en: 'Participants invited' },
  'invitation.remove': { 'zh-CN': '调整参与人', en: 'Participants adjusted' },
  'invitation.reply': { 'zh-CN': '参与人回复', en: 'A participant replied' },
  'meeting.schedule': { 'zh-CN': '安排会议', en: 'Meeting scheduled' },
  'meeting.signIn': { 'zh-CN': '会议签到', en: 'Meeting sign-in' },
  'meeting.markAttendance': { 'zh-CN': '登记到会', en: 'Attendance marked by staff' },
  'meeting.close': { 'zh-CN': '会议结束', en: 'Meeting closed' },
  'minutes.draft': { 'zh-CN': '起草会议记录', en: 'Minutes drafted' },
  'minutes.openAmendments': { 'zh-CN': '会议记录征求意见', en: 'Minutes opened for amendments' },
  'minutes.amend': { 'zh-CN': '提出记录修改', en: 'Amendment proposed' },
  'minutes.answerAmendment': { 'zh-CN': '答复记录修改', en: 'Amendment answered' },
  'minutes.publish': { 'zh-CN': '公开会议记录', en: 'Minutes published' },
  'comment.post': { 'zh-CN': '发表意见', en: 'Comment posted' },
  'comment.hide': { 'zh-CN': '隐藏不当意见', en: 'Comment hidden' },
  'resolution.draft': { 'zh-CN': '起草协商结果', en: 'Resolution drafted' },
  'resolution.confirm': { 'zh-CN': '参会人确认结果', en: 'Resolution confirmed by an attendee' },
  'ballot.create': { 'zh-CN': '发起票决', en: 'Ballot set up' },
  'ballot.open': { 'zh-CN': '开始投票', en: 'Voting opened' },
  'ballot.extend': { 'zh-CN': '延长投票', en: 'Voting extended' },
  'ballot.counting': { 'zh-CN': '投票截止，清点纸质票', en: 'Voting ended; counting paper ballots' },
  'ballot.close': { 'zh-CN': '投票结束', en: 'Voting closed' },
  resolve: { 'zh-CN': '形成决议', en: 'Resolved' },
  'objection.raise': { 'zh-CN': '收到异议', en: 'Objection received' },
  'objection.answer': { 'zh-CN': '答复异议', en: 'Objection answered' },
  'publication.confirm': { 'zh-CN': '确认公开文本', en: 'Public text confirmed' },
  startImplementation: { 'zh-CN': '组织实施', en: 'Implementation started' },
  'task.create': { 'zh-CN': '设立落实任务', en: 'Task set' },
  'task.progress': { 'zh-CN': '报告落实进展', en: 'Progress reported' },
  'task.done': { 'zh-CN': '完成落实任务', en: 'Task done' },
  'task.reassign': { 'zh-CN': '改派落实任务', en: 'Task reassigned' },
  'showcase.photo': { 'zh-CN': '添加成果展示照片', en: 'Showcase photos added' },
  'showcase.photo.remove': { 'zh-CN': '移除成果展示照片', en: 'Showcase photo removed' },
  startReview: { 'zh-CN': '监督评议', en: 'Review started' },
  'follow_up.record': { 'zh-CN': '回访', en: 'Follow-up' },
  'follow_up.rate': { 'zh-CN': '居民评价', en: 'Resident rating' },
  'supervision.review': { 'zh-CN': '监督评议意见', en: 'Supervision review' },
  'oversight.assign': { 'zh-CN': '指派监督员', en: 'Supervisor assigned' },
  'oversight.end': { 'zh-CN': '结束指派监督', en: 'Supervisor assignment ended' },
  'finding.record': { 'zh-CN': '提出监督意见', en: 'Supervision finding' },
  'finding.answer': { 'zh-CN': '答复监督意见', en: 'Finding answered' },
  'evaluation.record': { 'zh-CN': '成效评估', en: 'Evaluation' },
  archive: { 'zh-CN': '归档封存', en: 'Archived and sealed' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

export type AuditAction = keyof typeof auditActionNames;
export const auditActions = Object.keys(auditActionNames) as AuditAction[];

/** The locales the names are written in. */
export type AuditActionLocale = 'zh-CN' | 'en';

/** An action's name in plain words, or null for a code no command writes (never printed as such). */
export function auditActionName(action: string, locale: AuditActionLocale): string | null {
  return Object.hasOwn(auditActionNames, action) ? auditActionNames[action as AuditAction][locale] : null;
}
