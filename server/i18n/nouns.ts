import type { Locale } from './messages';

/**
 * What a 404 names, in each language ("未找到：事项" / "Not found: matter"); the words are the
 * glossary's and the web's. A refusal names a kind of row, never the path or the id asked for.
 */
export const notFoundNouns = {
  application: { 'zh-CN': '示范社区申报', en: 'demonstration application' },
  amendment: { 'zh-CN': '记录修改意见', en: 'minutes amendment' },
  ballot: { 'zh-CN': '票决', en: 'ballot' },
  bulletin: { 'zh-CN': '月度通报', en: 'bulletin' },
  comment: { 'zh-CN': '评论', en: 'comment' },
  convenor: { 'zh-CN': '召集人', en: 'convenor' },
  council: { 'zh-CN': '议事会', en: 'council' },
  department: { 'zh-CN': '部门', en: 'department' },
  file: { 'zh-CN': '文件', en: 'file' },
  finding: { 'zh-CN': '监督意见', en: 'supervision finding' },
  format: { 'zh-CN': '协商形式', en: 'deliberation format' },
  inboxItem: { 'zh-CN': '消息', en: 'message' },
  invitation: { 'zh-CN': '邀约', en: 'invitation' },
  matter: { 'zh-CN': '事项', en: 'matter' },
  meeting: { 'zh-CN': '议事会议', en: 'meeting' },
  minutes: { 'zh-CN': '会议记录', en: 'minutes' },
  objection: { 'zh-CN': '异议', en: 'objection' },
  page: { 'zh-CN': '页面', en: 'page' },
  paper: { 'zh-CN': '纸质票', en: 'paper ballot' },
  place: { 'zh-CN': '区划', en: 'place' },
  poolMember: { 'zh-CN': '成员库成员', en: 'member of the pool' },
  proxy: { 'zh-CN': '委托代投', en: 'proxy' },
  receipt: { 'zh-CN': '回执码', en: 'receipt' },
  referral: { 'zh-CN': '转办', en: 'referral' },
  resident: { 'zh-CN': '居民', en: 'resident' },
  scheme: { 'zh-CN': '考核细则', en: 'assessment scheme' },
  talentSelection: { 'zh-CN': '领军人才遴选', en: 'leading talent selection' },
  talentNomination: { 'zh-CN': '领军人才提名', en: 'leading talent nomination' },
  seat: { 'zh-CN': '议事会成员', en: 'council seat' },
  task: { 'zh-CN': '落实任务', en: 'task' },
  text: { 'zh-CN': '公开文本', en: 'public text' },
  venue: { 'zh-CN': '议事阵地', en: 'venue' },
  organisation: { 'zh-CN': '组织', en: 'organisation' },
  organisationCategory: { 'zh-CN': '社会组织分类', en: 'organisation category' },
  rules: { 'zh-CN': '议事制度', en: 'deliberation rules' },
  call: { 'zh-CN': '项目征集', en: 'call for projects' },
  project: { 'zh-CN': '微治理项目', en: 'micro governance project' },
  milestone: { 'zh-CN': '里程碑', en: 'milestone' },
  trainingProgramme: { 'zh-CN': '培训项目', en: 'training programme' },
  trainingSession: { 'zh-CN': '培训课程', en: 'training session' },
  trainingParticipant: { 'zh-CN': '学员', en: 'trainee' },
  microLeader: { 'zh-CN': '微领袖', en: 'micro-leader' },
} as const satisfies Record<string, Record<Locale, string>>;

/** A kind of row a 404 may name. */
export type NotFoundNoun = keyof typeof notFoundNouns;
