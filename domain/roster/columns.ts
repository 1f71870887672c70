import type { PlaceKind } from '../territory/places';

/** What a roster file holds: one kind per file, imported in this order (parents before children). */
export const rosterKinds = ['places', 'dwellings', 'households', 'residents'] as const;
export type RosterKind = (typeof rosterKinds)[number];
/** The file formats a roster is read from and written to (templates, imports, exports). */
export const sheetFormats = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof sheetFormats)[number];
/** validate: a preview only; commit: a flawless file only; commit_valid: the valid rows, skipping bad ones. */
export const importModes = ['validate', 'commit', 'commit_valid'] as const;
export type ImportMode = (typeof importModes)[number];

/** How a column's text is read; each parser lives in cells.ts. */
export type ColumnType = 'code' | 'text' | 'enum' | 'date' | 'phone' | 'integer' | 'area' | 'codeList';

export type ColumnDefinition = {
  /** English key of the normalised record. */
  key: string;
  /** The Chinese header the file must carry (row 1). */
  header: string;
  type: ColumnType;
  isRequired: boolean;
  /** For `enum` columns: the Chinese label → stored value. */
  labels?: Readonly<Record<string, string>>;
  /** Longest accepted text, in characters. */
  maxLength?: number;
  /** One line for the 说明 sheet. */
  rule: string;
  /** The example row's cell. */
  example: string;
};

export const MAX_NAME_LENGTH = 50;
export const MAX_CODE_LENGTH = 64;
export const MAX_ROOM_LENGTH = 20;

export const placeKindLabels: Readonly<Record<string, PlaceKind>> = {
  市: 'city',
  镇街: 'town',
  社区村: 'community',
  小区自然村: 'estate',
  楼栋村民小组: 'building',
  单元: 'unit',
};
export const ruralLabels: Readonly<Record<string, string>> = { 城: 'urban', 乡: 'rural' };
export const genderLabels: Readonly<Record<string, string>> = { 男: 'male', 女: 'female' };
export const tenureLabels: Readonly<Record<string, string>> = { 业主: 'owner', 家庭成员: 'family', 租户: 'tenant' };
export const areaSourceLabels: Readonly<Record<string, string>> = {
  登记: 'register',
  实测: 'survey',
  合同: 'contract',
};
export const dwellingUseLabels: Readonly<Record<string, string>> = { 住宅: 'home', 商铺: 'shop', 其他: 'other' };
export const yesNoLabels: Readonly<Record<string, string>> = { 是: 'yes', 否: 'no' };

const codeRule = `字母、数字、-、_、.，最长 ${MAX_CODE_LENGTH} 位，全市唯一`;
const enumRule = (labels: Readonly<Record<string, string>>) => `填写其一：${Object.keys(labels).join('、')}`;

/** Columns per kind, in file order. Headers are the contract with staff spreadsheets: never rename one. */
export const rosterColumns: Readonly<Record<RosterKind, readonly ColumnDefinition[]>> = {
  places: [
    { key: 'code', header: '区划编码', type: 'code', isRequired: true, rule: codeRule, example: 'TA-01-01-01' },
    {
      key: 'name',
      header: '名称',
      type: 'text',
      isRequired: true,
      maxLength: MAX_NAME_LENGTH,
      rule: `最长 ${MAX_NAME_LENGTH} 字`,
      example: '河滨小区',
    },
    {
      key: 'kind',
      header: '类型',
      type: 'enum',
      isRequired: true,
      labels: placeKindLabels,
      rule: `${enumRule(placeKindLabels)}；须是上级的下一层`,
      example: '小区自然村',
    },
    {
      key: 'parentCode',
      header: '上级编码',
      type: 'code',
      isRequired: false,
      rule: '上级区划的编码：已在系统中，或在本文件中；已有区划不能改上级',
      example: 'TA-01-01',
    },
    {
      key: 'isRural',
      header: '城乡',
      type: 'enum',
      isRequired: false,
      labels: ruralLabels,
      rule: `${enumRule(ruralLabels)}；不填则同上级`,
      example: '城',
    },
  ],
  dwellings: [
    {
      key: 'code',
      header: '房屋编码',
      type: 'code',
      isRequired: true,
      rule: codeRule,
      example: 'TA-01-01-01-05-1-301',
    },
    {
      key: 'placeCode',
      header: '所属区划编码',
      type: 'code',
      isRequired: true,
      rule: '楼栋或单元的编码，须已在系统中',
      example: 'TA-01-01-01-05-1',
    },
    {
      key: 'room',
      header: '房号',
      type: 'text',
      isRequired: true,
      maxLength: MAX_ROOM_LENGTH,
      rule: `同一楼栋/单元内不重复，最长 ${MAX_ROOM_LENGTH} 字`,
      example: '301',
    },
    { key: 'floor', header: '楼层', type: 'integer', isRequired: true, rule: '整数，地下层为负数', example: '3' },
    {
      key: 'areaCenti',
      header: '登记面积(㎡)',
      type: 'area',
      isRequired: true,
      rule: '大于 0，最多两位小数',
      example: '89.50',
    },
    {
      key: 'areaSource',
      header: '面积来源',
      type: 'enum',
      isRequired: false,
      labels: areaSourceLabels,
      rule: `${enumRule(areaSourceLabels)}；不填为登记`,
      example: '登记',
    },
    {
      key: 'use',
      header: '用途',
      type: 'enum',
      isRequired: false,
      labels: dwellingUseLabels,
      rule: `${enumRule(dwellingUseLabels)}；不填为住宅`,
      example: '住宅',
    },
    {
      key: 'isDeveloperHeld',
      header: '开发商持有',
      type: 'enum',
      isRequired: false,
      labels: yesNoLabels,
      rule: `${enumRule(yesNoLabels)}；不填为否`,
      example: '否',
    },
  ],
  households: [
    { key: 'code', header: '户编码', type: 'code', isRequired: true, rule: codeRule, example: 'H-TA-0001' },
    {
      key: 'placeCode',
      header: '所属区划编码',
      type: 'code',
      isRequired: true,
      rule: '小区/自然村、楼栋/村民小组或单元的编码，须已在系统中',
      example: 'TA-01-01-01-05-1',
    },
    {
      key: 'dwellingCode',
      header: '房屋编码',
      type: 'code',
      isRequired: false,
      rule: '可不填；须已在系统中，且位于所属区划内',
      example: 'TA-01-01-01-05-1-301',
    },
  ],
  residents: [
    { key: 'code', header: '居民编号', type: 'code', isRequired: true, rule: codeRule, example: 'R-TA-000001' },
    {
      key: 'name',
      header: '姓名',
      type: 'text',
      isRequired: true,
      maxLength: MAX_NAME_LENGTH,
      rule: `最长 ${MAX_NAME_LENGTH} 字`,
      example: '张秀英',
    },
    {
      key: 'gender',
      header: '性别',
      type: 'enum',
      isRequired: false,
      labels: genderLabels,
      rule: enumRule(genderLabels),
      example: '女',
    },
    {
      key: 'birthDate',
      header: '出生日期',
      type: 'date',
      isRequired: true,
      rule: 'YYYY-MM-DD（也可 1990/1/2 或 Excel 日期），不能晚于今天',
      example: '1956-03-12',
    },
    {
      key: 'phone',
      header: '手机号',
      type: 'phone',
      isRequired: false,
      rule: '可不填；11 位中国大陆手机号',
      example: '13812345678',
    },
    {
      key: 'householdCode',
      header: '户编码',
      type: 'code',
      isRequired: false,
      rule: '可不填；须已在系统中（先导入户）',
      example: 'H-TA-0001',
    },
    {
      key: 'dwellingCode',
      header: '居住房屋编码',
      type: 'code',
      isRequired: false,
      rule: '可不填；须已在系统中（先导入房屋）',
      example: 'TA-01-01-01-05-1-301',
    },
    {
      key: 'placeCode',
      header: '所属区划编码',
      type: 'code',
      isRequired: false,
      rule: '未填居住房屋时必填；填了房屋时须包含该房屋',
      example: 'TA-01-01-01-05-1',
    },
    {
      key: 'tenure',
      header: '身份',
      type: 'enum',
      isRequired: true,
      labels: tenureLabels,
      rule: enumRule(tenureLabels),
      example: '业主',
    },
    {
      key: 'ownedDwellingCodes',
      header: '产权房屋编码',
      type: 'codeList',
      isRequired: false,
      rule: '可不填；多个用 ；或 ; 或 , 分隔；导入后该居民的产权以本列为准',
      example: 'TA-01-01-01-05-1-301',
    },
  ],
};

/** Chinese name of each kind, for sheet and file names. */
export const rosterKindLabels: Readonly<Record<RosterKind, string>> = {
  places: '区划',
  dwellings: '房屋',
  households: '户',
  residents: '居民',
};
