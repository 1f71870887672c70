import type { Rng } from './random';

/**
 * Chinese names for people and places, composed character by character from pools. There is no
 * list of finished names: every name is a combination the generator draws.
 */

/** Common surnames, most frequent first (with a Jiaxing flavour: 沈, 钱, 陆, 姚, 屠, 褚, 濮). */
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘',
  ...'于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江',
  ...'尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤屠褚濮费俞施盛鲍',
];
const SURNAME_WEIGHTS = SURNAMES.map((s, rank) => [s, 1 / (rank + 6)] as const);

export type Gender = 'male' | 'female';

/** Given-name characters by gender and by the era a person was born in: names follow fashions. */
const GIVEN: Record<Gender, Record<'older' | 'middle' | 'young', string[]>> = {
  male: {
    older: [...'建国华明伟军平强德福根林荣海发生良金富兴忠文宝祥昌春水永庆松才'],
    middle: [...'伟勇军斌磊涛杰强鹏辉峰俊波刚浩超明亮健晨东宇飞华龙栋毅锋'],
    young: [...'子轩浩宇睿泽博文涵梓航铭一辰昊俊嘉锦逸宸煜奕沐晨皓'],
  },
  female: {
    older: [...'秀英芳兰珍梅华凤玉琴花美娟素桂月爱宝妹莲菊金彩云'],
    middle: [...'丽艳敏静燕霞红婷娜玲倩雪慧琳洁莉颖晶萍芳蕾佳丹'],
    young: [...'子涵欣怡梓萱雨诗可语若彤思佳悦馨一琪妍瑶雅沫'],
  },
};

function era(birthYear: number): 'older' | 'middle' | 'young' {
  if (birthYear < 1965) return 'older';
  return birthYear < 1992 ? 'middle' : 'young';
}

export function surname(rng: Rng): string {
  return rng.weighted(SURNAME_WEIGHTS);
}

/** A full name: the surname given (a child's father's) or drawn, then one or two given characters. */
export function personName(rng: Rng, opts: { gender: Gender; birthYear: number; surname?: string }): string {
  const pool = GIVEN[opts.gender][era(opts.birthYear)];
  const first = rng.pick(pool);
  if (rng.chance(0.22)) return `${opts.surname ?? surname(rng)}${first}`;
  let second = rng.pick(pool);
  while (second === first) second = rng.pick(pool);
  return `${opts.surname ?? surname(rng)}${first}${second}`;
}

/** Draws from `make` until the result is not in `used`, then records it. */
function unique(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const name = make();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error('name pool exhausted');
}

const ESTATE_HEADS = [...'锦绿金翠碧文香桂梅兰清紫云华星丽嘉和东西南湖江凤龙景'];
const ESTATE_TAILS = [...'湖苑园庭城府湾岸都洲景悦盛荷竹枫溪桥源泉'];
const ESTATE_KINDS = ['小区', '花园', '家园', '新村', '公寓', '华庭', '名邸'];

/** A two-character stem such as 锦湖; the estate and its community share it. */
export function estateStem(rng: Rng, used: Set<string>): string {
  return unique(used, () => {
    const head = rng.pick(ESTATE_HEADS);
    let tail = rng.pick(ESTATE_TAILS);
    while (tail === head) tail = rng.pick(ESTATE_TAILS);
    return `${head}${tail}`;
  });
}

export function estateName(rng: Rng, stem: string): string {
  return `${stem}${rng.pick(ESTATE_KINDS)}`;
}

const VILLAGE_HEADS = [...'永东新丰和友联民利胜红光华兴福安长双五众庆南北金'];
const VILLAGE_TAILS = [...'丰联星光明兴盛安华胜林溪桥湾港塘田'];

/** An administrative village: 永丰村, 东星村 … */
export function villageName(rng: Rng, used: Set<string>): string {
  return unique(used, () => {
    const head = rng.pick(VILLAGE_HEADS);
    let tail = rng.pick(VILLAGE_TAILS);
    while (tail === head) tail = rng.pick(VILLAGE_TAILS);
    return `${head}${tail}村`;
  });
}

const WATER_PLACES = [...'浜埭湾桥兜坝宅港'];
const QUARTERS = [...'东西南北前后上下'];

/** A natural village named after a clan (王家浜) or a position by the water (后港). */
export function naturalVillageName(rng: Rng, used: Set<string>): string {
  return unique(used, () =>
    rng.chance(0.75) ? `${surname(rng)}家${rng.pick(WATER_PLACES)}` : `${rng.pick(QUARTERS)}${rng.pick(WATER_PLACES)}`,
  );
}

const FIRM_TAILS = [...'诚信正衡明法泽和达平'];

/** A law firm: 浙江锦诚律师事务所. */
export function lawFirmName(rng: Rng, used: Set<string>): string {
  return unique(used, () => `浙江${rng.pick(ESTATE_HEADS)}${rng.pick(FIRM_TAILS)}律师事务所`);
}

const URBAN_SOCIETIES = ['邻里互助会', '志愿服务队', '社会工作服务中心', '老年协会', '睦邻服务社'];
const RURAL_SOCIETIES = ['乡贤联谊会', '志愿服务队', '老年协会', '文化礼堂理事会'];

/** A community's social organisation, named after the community's stem. */
export function socialOrganisationName(rng: Rng, stem: string, isRural: boolean): string {
  return `${stem}${rng.pick(isRural ? RURAL_SOCIETIES : URBAN_SOCIETIES)}`;
}
