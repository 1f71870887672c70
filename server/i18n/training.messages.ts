/** Messages of 培训 (programmes, sessions, sign-in, completion) and 微领袖库, merged in messages.ts. */
export const trainingMessages = {
  'zh-CN': {
    'training.place_kind': '培训项目只能由市或镇（街道）举办',
    'training.wrong_state': '培训项目或学员当前状态不能进行此操作',
    'training.not_open': '该培训项目未在报名中',
    'training.already_enrolled': '已报名该培训项目',
    'training.outside_place': '只能报名本市、本镇（街道）举办的培训',
    'training.account_unknown': '该手机号还没有账号，请本人先登录一次',
    'training.wrong_code': '签到码不正确，请核对后重试',
    'training.outside_window': '不在签到时间内（开课前 30 分钟至下课）',
    'training.hours_short': '学时未达标：已参加 {attended} 分钟，需 {required} 分钟',
    'training.score_missing': '尚未录入考核成绩',
    'training.score_below': '考核成绩未达 {pass} 分',
  },
  en: {
    'training.place_kind': 'Training programmes are run by a city or a town',
    'training.wrong_state': 'The programme or trainee is not in a state that allows this',
    'training.not_open': 'This programme is not open for enrolment',
    'training.already_enrolled': 'Already enrolled in this programme',
    'training.outside_place': 'Only programmes of your own city or town can be joined',
    'training.account_unknown': 'No account uses this phone yet; the person must log in once first',
    'training.wrong_code': 'The sign-in code is not right; check it and try again',
    'training.outside_window': 'Sign-in is open from 30 minutes before a session until it ends',
    'training.hours_short': 'Hours not met: {attended} of {required} minutes attended',
    'training.score_missing': 'No assessment score recorded yet',
    'training.score_below': 'The assessment score is below {pass}',
  },
} as const;
