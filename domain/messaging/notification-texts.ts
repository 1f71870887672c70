import type { AuditAction } from '../matters/audit-actions';

/** The locales notification texts are written in. */
export type NotificationLocale = 'zh-CN' | 'en';

/** One locale's inbox text: `{name}` placeholders filled from the notification's parameters. */
export type LocaleText = { title: string; body: string };

/**
 * An action's notification texts: the inbox title and body in each locale, and the short Chinese
 * phrase an SMS carries (the `event` variable of the notification template, at most 20 characters).
 */
export type NotificationText = { 'zh-CN': LocaleText; en: LocaleText; sms: string };

/**
 * Parameters a text may use: `title` (the matter's), `time` and `venue` (the entry's meeting; an
 * empty venue reads as online), `question`, `closesAt` and `outcome` (the entry's ballot), `percent` (a
 * task's progress). Times are
 * stored as ISO instants and shown in China time.
 */
export type NotificationParams = Partial<
  Record<'title' | 'time' | 'venue' | 'question' | 'closesAt' | 'outcome' | 'percent' | 'task' | 'dueOn', string>
>;

const t = (zhTitle: string, zhBody: string, enTitle: string, enBody: string, sms: string): NotificationText => ({
  'zh-CN': { title: zhTitle, body: zhBody },
  en: { title: enTitle, body: enBody },
  sms,
});

/** The text of every action whose rule notifies someone (notification-rules.test.ts checks the pairing). */
export const notificationTexts: Partial<Record<AuditAction, NotificationText>> = {
  support: t(
    '有居民联名：{title}',
    '又一位居民联名支持您提出的议题。',
    'New support: {title}',
    'Another resident supports the matter you raised.',
    '有居民联名支持',
  ),
  accept: t(
    '已受理：{title}',
    '议题已受理，将进入公示和协商。',
    'Accepted: {title}',
    'The matter was accepted and moves on to notice and deliberation.',
    '已受理',
  ),
  decline: t(
    '不予受理：{title}',
    '议题未被受理，理由请在事项页面查看。',
    'Declined: {title}',
    'The matter was declined; the reason is on the matter page.',
    '不予受理',
  ),
  merge: t(
    '已合并：{title}',
    '议题已并入相同内容的议题，后续进展请在合并后的议题查看。',
    'Merged: {title}',
    'The matter was merged into a matter on the same issue; follow that one.',
    '已并入其他议题',
  ),
  'merge.received': t(
    '有议题并入：{title}',
    '相同内容的议题已并入您提出的议题。',
    'Matter merged in: {title}',
    'A matter on the same issue was merged into yours.',
    '有相同议题并入',
  ),
  refer: t(
    '已转办：{title}',
    '议题已转交有关部门办理。',
    'Referred: {title}',
    'The matter was referred to a department.',
    '已转交部门办理',
  ),
  'referral.sent': t(
    '已转办：{title}',
    '议题（或其落实任务）已转交有关部门办理。',
    'Referred: {title}',
    'The matter (or one of its tasks) was referred to a department.',
    '已转交部门办理',
  ),
  'referral.accepted': t(
    '部门已接收：{title}',
    '承办部门已接收转办，正在办理。',
    'Department took it on: {title}',
    'The department accepted the referral and is working on it.',
    '部门已接收转办',
  ),
  'referral.answered': t(
    '部门已答复：{title}',
    '承办部门已答复转办事项，请查看答复内容。',
    'Department answered: {title}',
    'The department answered the referral; see its reply.',
    '部门已答复转办',
  ),
  'referral.handed_back': t(
    '部门退回转办：{title}',
    '承办部门退回了转办并说明了理由，请查看并决定是否转交其他部门。',
    'Referral handed back: {title}',
    'The department handed the referral back with its reasons; decide whether to refer it elsewhere.',
    '部门退回转办',
  ),
  escalate: t(
    '已提级：{title}',
    '议题已提交上级协商。',
    'Escalated: {title}',
    'The matter was escalated to a higher level.',
    '已提交上级',
  ),
  'matter.announce': t(
    '公示告知：{title}',
    '议题已公示，请关注协商安排。',
    'Announced: {title}',
    'The matter was announced; watch for the deliberation.',
    '已公示',
  ),
  'matter.startDeliberation': t(
    '开始协商：{title}',
    '议题已进入协商，欢迎发表意见。',
    'Deliberation started: {title}',
    'Deliberation has started; your views are welcome.',
    '开始协商',
  ),
  'notice.post': t(
    '新公示：{title}',
    '事项发布了新的公示，请查看。',
    'New notice: {title}',
    'A new notice was posted for the matter.',
    '发布了新公示',
  ),
  'invitation.reply': t(
    '参与人已回复：{title}',
    '有受邀参与人回复了邀约。',
    'Invitee replied: {title}',
    'An invitee replied to the invitation.',
    '参与人已回复',
  ),
  'meeting.schedule': t(
    '议事会议通知：{title}',
    '时间：{time}；地点：{venue}。请准时参加。',
    'Meeting: {title}',
    'Time: {time}. Venue: {venue}. Please attend on time.',
    '{time}在{venue}开会',
  ),
  'minutes.openAmendments': t(
    '会议记录征求意见：{title}',
    '请核对会议记录，如有出入请提出修改。',
    'Minutes to check: {title}',
    'Please check the minutes and propose corrections if needed.',
    '会议记录请核对',
  ),
  'minutes.amend': t(
    '记录修改待答复：{title}',
    '参会人提出了会议记录修改意见。',
    'Amendment to answer: {title}',
    'An attendee proposed an amendment to the minutes.',
    '记录修改待答复',
  ),
  'minutes.publish': t(
    '会议记录已公开：{title}',
    '会议记录已公开，可在事项页面查看。',
    'Minutes published: {title}',
    'The minutes are published on the matter page.',
    '会议记录已公开',
  ),
  'resolution.draft': t(
    '协商结果待确认：{title}',
    '协商结果已起草，请参会人确认。',
    'Resolution to confirm: {title}',
    'The resolution was drafted; attendees please confirm it.',
    '协商结果待确认',
  ),
  'ballot.open': t(
    '投票开始：{title}',
    '“{question}”开始投票，截止时间：{closesAt}。',
    'Voting open: {title}',
    'Voting on “{question}” is open until {closesAt}.',
    '投票开始，{closesAt}截止',
  ),
  'ballot.extend': t(
    '投票延长：{title}',
    '“{question}”投票延长至{closesAt}。',
    'Voting extended: {title}',
    'Voting on “{question}” now closes at {closesAt}.',
    '投票延长至{closesAt}',
  ),
  'ballot.close': t(
    '投票结果：{title}',
    '“{question}”投票结束，结果：{outcome}。',
    'Ballot result: {title}',
    'Voting on “{question}” closed. Result: {outcome}.',
    '投票结果：{outcome}',
  ),
  resolve: t(
    '形成决议：{title}',
    '议题已形成协商结果，公示期内可提出异议。',
    'Resolved: {title}',
    'The matter is resolved; objections may be raised during the notice period.',
    '已形成决议',
  ),
  'objection.raise': t(
    '收到异议：{title}',
    '有居民对协商结果提出异议，请答复。',
    'Objection: {title}',
    'A resident objected to the resolution; please answer.',
    '收到异议',
  ),
  'objection.answer': t(
    '异议已答复：{title}',
    '您提出的异议已答复，请在事项页面查看。',
    'Objection answered: {title}',
    'Your objection was answered; see the matter page.',
    '异议已答复',
  ),
  startImplementation: t(
    '开始实施：{title}',
    '协商结果开始组织实施。',
    'Implementation started: {title}',
    'The resolution is being implemented.',
    '开始实施',
  ),
  'task.create': t(
    '落实任务：{task}',
    '「{title}」的落实任务「{task}」交由您负责，请在 {dueOn} 前完成并报告进展。',
    'Task for you: {task}',
    'You are responsible for the task "{task}" of "{title}", due by {dueOn}; please report progress.',
    '有落实任务',
  ),
  'task.reassign': t(
    '落实任务：{task}',
    '「{title}」的落实任务「{task}」改由您负责，请在 {dueOn} 前完成并报告进展。',
    'Task for you: {task}',
    'The task "{task}" of "{title}" has been passed to you, due by {dueOn}; please report progress.',
    '落实任务改由您负责',
  ),
  'task.progress': t(
    '落实进展：{title}',
    '落实任务有新的进展：已完成 {percent}%。',
    'Progress: {title}',
    'An implementation task is now {percent}% done.',
    '落实进展{percent}%',
  ),
  'task.done': t(
    '任务完成：{title}',
    '一项落实任务已完成。',
    'Task done: {title}',
    'An implementation task is done.',
    '落实任务已完成',
  ),
  startReview: t(
    '监督评议：{title}',
    '议题进入监督评议，请提出评议意见。',
    'Review: {title}',
    'The matter is up for review; please give your assessment.',
    '进入监督评议',
  ),
  'supervision.review': t(
    '收到评议意见：{title}',
    '监督员提交了评议意见。',
    'Review received: {title}',
    'A supervisor submitted a review.',
    '收到评议意见',
  ),
  'oversight.assign': t(
    '监督指派：{title}',
    '您被指派监督该议题的落实。',
    'Assigned to oversee: {title}',
    'You are assigned to oversee this matter.',
    '被指派监督',
  ),
  'finding.record': t(
    '监督意见待答复：{title}',
    '监督员提出了监督意见，请答复。',
    'Finding to answer: {title}',
    'A supervisor recorded a finding; please answer.',
    '监督意见待答复',
  ),
  'finding.answer': t(
    '监督意见已答复：{title}',
    '您提出的监督意见已答复。',
    'Finding answered: {title}',
    'The finding was answered.',
    '监督意见已答复',
  ),
  'evaluation.record': t(
    '成效评估：{title}',
    '议题完成了成效评估。',
    'Evaluated: {title}',
    'The matter was evaluated.',
    '完成成效评估',
  ),
  archive: t(
    '已归档：{title}',
    '议题已办结归档，可在事项页面查看全过程。',
    'Archived: {title}',
    'The matter is closed and archived; its whole record is on the matter page.',
    '已办结归档',
  ),
};
