/** Messages of social organisations (社会组织), the "1+3+N" categories and agents, merged in messages.ts. */
export const organisationMessages = {
  'zh-CN': {
    'organisation.place_kind': '只有市和镇（街道）可以登记社会组织',
    'organisation.city_only': '“1+3+N”分类由市级配置',
    'organisation.name_taken': '本级已有同名社会组织',
    'organisation.registration_taken': '该统一社会信用代码已登记',
    'organisation.registration_format': '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）',
    'organisation.registration_check_digit': '统一社会信用代码校验位不正确，请核对',
    'organisation.category_name_taken': '已有同名分类',
    'organisation.category_order': '排序须恰好包含本市的全部分类',
    'organisation.agent_already': '该账号已是此组织的联络人',
    'organisation.coverage_place': '覆盖情况只能按市或镇（街道）查看',
  },
  en: {
    'organisation.place_kind': 'Only a city or a town registers social organisations',
    'organisation.city_only': 'The "1+3+N" categories are configured by the city',
    'organisation.name_taken': 'A social organisation of this name is already registered here',
    'organisation.registration_taken': 'This unified social credit code is already registered',
    'organisation.registration_format':
      'A unified social credit code has 18 digits or capital letters (without I, O, Z, S, V)',
    'organisation.registration_check_digit': 'The check character of this unified social credit code is wrong',
    'organisation.category_name_taken': 'A category of this name already exists',
    'organisation.category_order': 'The order must list every category of the city exactly once',
    'organisation.agent_already': 'This account is already an agent of the organisation',
    'organisation.coverage_place': 'Coverage is shown for a city or a town',
  },
} as const;
