/**
 * People the minutes mention who are on no list (张阿姨, 老陈, 小刘): a common surname with a form of
 * address after it, or 老/小 before it. Pure; used by `redactMinutes` after the known names.
 */

/** The common double surnames (checked before single ones: 欧阳 is not 欧 + 阳). */
const DOUBLE_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '夏侯',
  '司徒',
  '端木',
];

/** About the hundred most common single surnames (向, 常, 康 left out: too often ordinary words). */
const SINGLE_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤',
];

/** Forms of address and kinship words that follow a surname; longer ones first. */
const FORMS_OF_ADDRESS = [
  '老太太',
  '老爷子',
  '老先生',
  '阿姨',
  '师傅',
  '大爷',
  '大妈',
  '大娘',
  '大伯',
  '大叔',
  '大哥',
  '大姐',
  '大嫂',
  '奶奶',
  '爷爷',
  '叔叔',
  '伯伯',
  '婶婶',
  '婶子',
  '阿婆',
  '阿公',
  '婆婆',
  '老太',
  '老伯',
  '先生',
  '女士',
  '小姐',
  '老师',
  '书记',
  '主任',
  '姐',
  '哥',
  '叔',
  '姨',
  '婶',
  '嫂',
  '伯',
];

/**
 * Ordinary words that contain such a pattern (面积小于, 提高老师待遇, 养老金, 小范围): a match that
 * overlaps one of them at the surname is left alone.
 */
const ORDINARY_WORDS = [
  // …于 (at, than, about)
  ...'关由对至属等位处基终在过善敢乐忠勇急限易便趋归源出免鉴高低大小多少用'.split('').map((c) => `${c}于`),
  // …许 / …何 / …任 / …方 / …高 / …金 / …万 / …白 / …钱 / …石
  ...['也许', '或许', '允许', '默许', '少许', '几许', '些许', '期许'],
  ...['任何', '为何', '如何', '奈何', '几何'],
  ...['责任', '主任', '担任', '信任', '放任', '委任', '聘任', '上任', '胜任', '兼任', '离任', '到任', '前任', '历任'],
  ...['继任', '连任', '留任', '现任', '新任', '首任'],
  ...['双方', '对方', '地方', '各方', '多方', '一方', '官方', '药方', '配方', '处方', '远方', '前方', '后方'],
  ...['上方', '下方', '北方', '南方', '西方', '甲方', '乙方', '我方', '校方', '院方', '买方', '卖方'],
  ...['提高', '升高', '最高', '较高', '更高', '很高', '增高', '太高', '身高', '崇高', '登高'],
  ...['资金', '现金', '黄金', '基金', '奖金', '租金', '押金', '薪金', '定金', '订金', '养老金', '公积金'],
  ...['千万', '一万', '十万', '百万', '亿万', '数万', '上万'],
  ...['明白', '空白', '告白', '坦白', '表白', '洁白', '雪白', '苍白', '黑白', '灰白', '蛋白'],
  ...['价钱', '本钱', '工钱', '赚钱', '花钱', '零钱', '挣钱', '有钱', '没钱', '小钱'],
  // 老/小 + surname words
  ...['小于', '小高层', '老方法', '老方案', '小方案', '小方桌', '小白菜', '小白兔', '老白干', '小黄车', '老黄历'],
  ...['老黄牛', '小毛病', '老毛病', '小马扎', '小马路', '老马路', '小龙虾', '老江湖', '小段', '小金库', '小石子'],
  ...['小石头', '小石块', '老石头', '小孔', '小范围', '小胡同', '老胡同', '小胡子', '老胡子', '老顾客', '老顾问'],
  ...['小孙子', '小孙女', '小熊猫', '小周末', '老周末', '小叶子', '老汤'],
];

const SURNAME = [...DOUBLE_SURNAMES, ...SINGLE_SURNAMES].join('|');
const PATTERN = new RegExp(`(老|小)?(${SURNAME})(${FORMS_OF_ADDRESS.join('|')}|头)?`, 'g');

/**
 * Whether an ordinary word covers position `at` of `text`, counting only words that start at or after
 * `from` (a word that begins inside a person already being redacted is no word: 谢主任何老师).
 */
function isInOrdinaryWord(text: string, at: number, from = 0): boolean {
  return ORDINARY_WORDS.some((word) => {
    for (let start = Math.max(from, at - word.length + 1); start <= at; start += 1) {
      if (text.startsWith(word, start)) return true;
    }
    return false;
  });
}

/**
 * Replaces each unlisted person with `label(surname)`: 张阿姨 / 老张 / 小张 / 老张师傅 / 老张头 → label.
 * 头 counts only after 老 (老李头; 石头 stays).
 */
export function redactUnlistedPeople(text: string, label: (surname: string) => string): string {
  let redactedUntil = 0;
  return text.replace(
    PATTERN,
    (match, prefix: string | undefined, surname: string, suffix: string | undefined, offset: number) => {
      const form = suffix === '头' && prefix !== '老' ? undefined : suffix;
      if (!prefix && !form) return match;
      const surnameAt = offset + (prefix?.length ?? 0);
      if (isInOrdinaryWord(text, surnameAt, redactedUntil) || (prefix && isInOrdinaryWord(text, offset, redactedUntil)))
        return match;
      const rest = suffix && !form ? suffix : '';
      redactedUntil = offset + match.length - rest.length;
      return label(surname) + rest;
    },
  );
}
