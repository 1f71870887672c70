import { describe, expect, it } from 'vitest';
import type { Cell } from './cells';
import type { KnownDwelling, KnownPlace, RosterContext } from './context';
import type { RosterKind } from './columns';
import { newFileSeen, validateRows } from './validate';

const place = (
  code: string,
  kind: KnownPlace['kind'],
  path: string,
  parentCode: string | null,
  isRural = false,
): KnownPlace => ({
  code,
  kind,
  path,
  parentCode,
  isRural,
});
const storedPlaces = [
  place('TA', 'city', '/1/', null),
  place('TA-01', 'town', '/1/2/', 'TA'),
  place('TA-01-01', 'community', '/1/2/3/', 'TA-01'),
  place('TA-01-01-01', 'estate', '/1/2/3/4/', 'TA-01-01'),
  place('TA-01-01-01-05', 'building', '/1/2/3/4/5/', 'TA-01-01-01'),
  place('TA-01-01-01-05-1', 'unit', '/1/2/3/4/5/6/', 'TA-01-01-01-05'),
  place('TA-01-02', 'community', '/1/2/9/', 'TA-01', true),
  place('TA-01-02-01', 'estate', '/1/2/9/10/', 'TA-01-02', true),
  place('TA-01-02-01-01', 'building', '/1/2/9/10/11/', 'TA-01-02-01', true),
];
const dwelling = (code: string, placeCode: string, placePath: string, room: string): KnownDwelling => ({
  code,
  placeCode,
  placePath,
  room,
});
const storedDwellings = [
  dwelling('D-301', 'TA-01-01-01-05-1', '/1/2/3/4/5/6/', '301'),
  dwelling('D-302', 'TA-01-01-01-05-1', '/1/2/3/4/5/6/', '302'),
  dwelling('D-OUT', 'TA-01-02-01-01', '/1/2/9/10/11/', '1'),
];

/** The convenor of community TA-01-01 importing on 2025-06-01. */
const context: RosterContext = {
  today: '2025-06-01',
  scopePath: '/1/2/3/',
  places: new Map(storedPlaces.map((p) => [p.code, p])),
  dwellings: new Map(storedDwellings.map((d) => [d.code, d])),
  households: new Map([
    ['H-1', { code: 'H-1', placePath: '/1/2/3/4/5/6/' }],
    ['H-OUT', { code: 'H-OUT', placePath: '/1/2/9/10/11/' }],
  ]),
  residents: new Map([
    ['R-OUT', { code: 'R-OUT', placePath: '/1/2/9/10/11/', owned: [] }],
    // R-2 lives here and already owns a flat in the other community.
    [
      'R-2',
      {
        code: 'R-2',
        placePath: '/1/2/3/4/5/6/',
        owned: [
          { code: 'D-OUT', placePath: '/1/2/9/10/11/' },
          { code: 'D-302', placePath: '/1/2/3/4/5/6/' },
        ],
      },
    ],
  ]),
  dwellingsByRoom: new Map(storedDwellings.map((d) => [`${d.placeCode}\u0000${d.room}`, d.code])),
};

const rows = (list: Record<string, Cell>[]) => list.map((cells, i) => ({ row: i + 2, cells }));
const validate = <K extends RosterKind>(kind: K, list: Record<string, Cell>[], ctx = context) =>
  validateRows(kind, rows(list), ctx);
const problemsOf = (kind: RosterKind, list: Record<string, Cell>[], ctx = context) =>
  validate(kind, list, ctx).problems.map(({ row, column, code }) => ({ row, column, code }));

const resident = (overrides: Record<string, Cell> = {}): Record<string, Cell> => ({
  code: 'R-1',
  name: '张秀英',
  gender: '女',
  birthDate: '1956-03-12',
  phone: '138 1234 5678',
  householdCode: 'H-1',
  dwellingCode: 'D-301',
  placeCode: '',
  tenure: '业主',
  ownedDwellingCodes: 'D-302；D-301',
  ...overrides,
});

describe('validateRows: residents', () => {
  it('normalises a good row: phone, labels, place taken from the dwelling, sorted ownerships', () => {
    const result = validate('residents', [resident()]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        record: {
          code: 'R-1',
          name: '张秀英',
          gender: 'female',
          birthDate: '1956-03-12',
          phone: '13812345678',
          householdCode: 'H-1',
          dwellingCode: 'D-301',
          placeCode: 'TA-01-01-01-05-1',
          tenure: 'owner',
          ownedDwellingCodes: ['D-301', 'D-302'],
        },
      },
    ]);
  });

  it('reports each bad cell by row, Chinese header, value and reason', () => {
    const result = validate('residents', [
      resident(),
      resident({ code: 'R-2', gender: '未知', birthDate: '1990/2/30' }),
    ]);
    expect(result.rowCount).toBe(2);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.problems).toEqual([
      { row: 3, column: '性别', value: '未知', code: 'roster.enum', params: { allowed: '男、女' } },
      { row: 3, column: '出生日期', value: '1990/2/30', code: 'roster.date_nonexistent', params: {} },
    ]);
  });

  it('requires code, name, birth date and tenure, and a place when no dwelling is given', () => {
    const problems = problemsOf('residents', [
      resident({
        code: '',
        name: ' ',
        birthDate: '',
        tenure: '',
        dwellingCode: '',
        placeCode: '',
        ownedDwellingCodes: '',
      }),
    ]);
    expect(problems.map((p) => p.column)).toEqual(['居民编号', '姓名', '出生日期', '身份', '所属区划编码']);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(['validation.required']));
  });

  it('accepts a resident with only a place, no phone, gender, household or dwelling', () => {
    const result = validate('residents', [
      resident({
        gender: '',
        phone: '',
        householdCode: '',
        dwellingCode: '',
        placeCode: 'TA-01-01-01-05',
        ownedDwellingCodes: '',
      }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.record).toMatchObject({
      gender: null,
      phone: null,
      householdCode: null,
      dwellingCode: null,
      ownedDwellingCodes: [],
    });
  });

  it('accepts a birth date of today and refuses tomorrow and before 1900', () => {
    expect(problemsOf('residents', [resident({ birthDate: '2025-06-01' })])).toEqual([]);
    expect(problemsOf('residents', [resident({ birthDate: '2025-06-02' })])).toEqual([
      { row: 2, column: '出生日期', code: 'roster.birth_future' },
    ]);
    expect(problemsOf('residents', [resident({ birthDate: '1899-12-31' })])).toEqual([
      { row: 2, column: '出生日期', code: 'roster.birth_too_old' },
    ]);
  });

  it('refuses names longer than 50 characters', () => {
    expect(problemsOf('residents', [resident({ name: '张'.repeat(50) })])).toEqual([]);
    expect(problemsOf('residents', [resident({ name: '张'.repeat(51) })])).toEqual([
      { row: 2, column: '姓名', code: 'validation.too_long' },
    ]);
  });

  it('refuses a code repeated in the file, pointing at the first row', () => {
    const result = validate('residents', [resident(), resident({ name: '李四' })]);
    expect(result.problems).toEqual([
      { row: 3, column: '居民编号', value: 'R-1', code: 'roster.duplicate', params: { row: 2 } },
    ]);
  });

  it('flags repeats across the parts of a file validated a part at a time, as in one piece', () => {
    const file = rows([resident(), resident({ code: 'R-3' }), resident({ name: '李四' }), resident({ code: 'R-3' })]);
    const whole = validateRows('residents', file, context);
    const seen = newFileSeen();
    const parts = [file.slice(0, 2), file.slice(2)].map((part) => validateRows('residents', part, context, seen));
    expect(parts.flatMap((p) => p.problems)).toEqual(whole.problems);
    expect(parts.flatMap((p) => p.rows)).toEqual(whole.rows);
    expect(whole.problems.map((p) => [p.row, p.params])).toEqual([
      [4, { row: 2 }],
      [5, { row: 3 }],
    ]);
    const rooms = newFileSeen();
    const dwellingParts = [[dwellingRow()], [dwellingRow({ code: 'D-401b' })]].map((part, i) =>
      validateRows('dwellings', [{ row: i + 2, cells: part[0]! }], context, rooms),
    );
    expect(dwellingParts[1]!.problems).toMatchObject([{ row: 3, column: '房号', code: 'roster.duplicate_room' }]);
  });

  it('refuses unknown households, dwellings and places', () => {
    expect(
      problemsOf('residents', [
        resident({ householdCode: 'H-X', dwellingCode: 'D-X', placeCode: 'P-X', ownedDwellingCodes: 'D-301;D-Y' }),
      ]),
    ).toEqual([
      { row: 2, column: '居住房屋编码', code: 'roster.unknown_dwelling' },
      { row: 2, column: '所属区划编码', code: 'roster.unknown_place' },
      { row: 2, column: '户编码', code: 'roster.unknown_household' },
      { row: 2, column: '产权房屋编码', code: 'roster.unknown_dwelling' },
    ]);
  });

  it('refuses rows that reach outside the importing subtree', () => {
    expect(problemsOf('residents', [resident({ dwellingCode: 'D-OUT' })])).toEqual([
      { row: 2, column: '居住房屋编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('residents', [resident({ dwellingCode: '', placeCode: 'TA-01-02-01-01' })])).toEqual([
      { row: 2, column: '所属区划编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('residents', [resident({ householdCode: 'H-OUT' })])).toEqual([
      { row: 2, column: '户编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('residents', [resident({ ownedDwellingCodes: 'D-OUT' })])).toEqual([
      { row: 2, column: '产权房屋编码', code: 'roster.outside_scope' },
    ]);
    // An existing resident of another community may not be moved in by reusing the code.
    expect(problemsOf('residents', [resident({ code: 'R-OUT' })])).toEqual([
      { row: 2, column: '居民编号', code: 'roster.outside_scope' },
    ]);
  });

  it('keeps a stored ownership outside the scope whether or not the file repeats it, but adds none', () => {
    const repeated = validate('residents', [resident({ code: 'R-2', ownedDwellingCodes: 'D-OUT；D-301' })]);
    expect(repeated.problems).toEqual([]);
    expect(repeated.rows[0]?.record.ownedDwellingCodes).toEqual(['D-301', 'D-OUT']);
    // Left out of the file, the outside ownership stays; the inside one (D-302) is dropped as the file says.
    const omitted = validate('residents', [resident({ code: 'R-2', ownedDwellingCodes: 'D-301' })]);
    expect(omitted.rows[0]?.record.ownedDwellingCodes).toEqual(['D-301', 'D-OUT']);
    expect(problemsOf('residents', [resident({ code: 'R-1', ownedDwellingCodes: 'D-OUT' })])).toEqual([
      { row: 2, column: '产权房屋编码', code: 'roster.outside_scope' },
    ]);
  });

  it('refuses a dwelling that is not inside the stated place, and a community as a home place', () => {
    expect(problemsOf('residents', [resident({ placeCode: 'TA-01-02-01-01' })])).toEqual([
      { row: 2, column: '所属区划编码', code: 'roster.outside_scope' },
      { row: 2, column: '居住房屋编码', code: 'roster.dwelling_outside_place' },
    ]);
    expect(problemsOf('residents', [resident({ dwellingCode: '', placeCode: 'TA-01-01' })])).toEqual([
      { row: 2, column: '所属区划编码', code: 'roster.place_kind' },
    ]);
  });

  it('takes the place from the dwelling when 所属区划编码 is blank, and refuses one it cannot place', () => {
    const result = validate('residents', [resident({ placeCode: '' })]);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]?.record.placeCode).toBe('TA-01-01-01-05-1');
    // The service looks up the dwellings' places; a context without it must not pass the row.
    const withoutPlace = { ...context, places: new Map([...context.places].filter(([c]) => c !== 'TA-01-01-01-05-1')) };
    expect(problemsOf('residents', [resident({ placeCode: '' })], withoutPlace)).toEqual([
      { row: 2, column: '居住房屋编码', code: 'roster.unknown_place' },
    ]);
  });

  it('refuses a place that conflicts with the dwelling when both are given', () => {
    // D-301 is in unit TA-01-01-01-05-1; the row names a sibling estate's building inside the scope.
    const withSibling: RosterContext = {
      ...context,
      places: new Map([...context.places, ['TA-01-01-02', place('TA-01-01-02', 'estate', '/1/2/3/20/', 'TA-01-01')]]),
    };
    expect(problemsOf('residents', [resident({ placeCode: 'TA-01-01-02' })], withSibling)).toEqual([
      { row: 2, column: '居住房屋编码', code: 'roster.dwelling_outside_place' },
    ]);
  });

  it('warns of an owner without property and a tenant with property, without refusing the rows', () => {
    const result = validate('residents', [
      resident({ ownedDwellingCodes: '' }),
      resident({ code: 'R-3', tenure: '租户', ownedDwellingCodes: 'D-302' }),
      resident({ code: 'R-4', tenure: '租户', ownedDwellingCodes: '' }),
      resident({ code: 'R-5', tenure: '家庭成员', ownedDwellingCodes: '' }),
      resident({ code: 'R-6' }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(5);
    expect(result.warnings).toEqual([
      { row: 2, column: '产权房屋编码', value: '', code: 'roster.owner_without_property', params: {} },
      { row: 3, column: '产权房屋编码', value: 'D-302', code: 'roster.tenant_with_property', params: {} },
    ]);
  });

  it('does not warn of an owner whose only property is kept outside the scope, nor of a refused row', () => {
    const kept = validate('residents', [resident({ code: 'R-2', ownedDwellingCodes: '' })]);
    expect(kept.rows[0]?.record.ownedDwellingCodes).toEqual(['D-OUT']);
    expect(kept.warnings).toEqual([]);
    const refused = validate('residents', [resident({ ownedDwellingCodes: '', birthDate: '1990-02-30' })]);
    expect(refused.problems.map((p) => p.code)).toEqual(['roster.date_nonexistent']);
    expect(refused.warnings).toEqual([]);
  });

  it('reads an .xlsx date cell and an Excel serial number as birth dates', () => {
    const result = validate('residents', [
      resident({ birthDate: new Date(Date.UTC(1990, 0, 2)) }),
      resident({ code: 'R-2', birthDate: 32875 }),
    ]);
    expect(result.rows.map((r) => r.record.birthDate)).toEqual(['1990-01-02', '1990-01-02']);
  });
});

const dwellingRow = (overrides: Record<string, Cell> = {}): Record<string, Cell> => ({
  code: 'D-401',
  placeCode: 'TA-01-01-01-05-1',
  room: '401',
  floor: '4',
  areaCenti: '89.55',
  areaSource: '',
  use: '',
  isDeveloperHeld: '',
  ...overrides,
});

describe('validateRows: dwellings', () => {
  it('fills defaults and keeps the area exact in hundredths', () => {
    const result = validate('dwellings', [
      dwellingRow(),
      dwellingRow({
        code: 'D-S1',
        room: 'S1',
        floor: -1,
        areaCenti: 12.3,
        areaSource: '实测',
        use: '商铺',
        isDeveloperHeld: '是',
      }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => r.record)).toEqual([
      {
        code: 'D-401',
        placeCode: 'TA-01-01-01-05-1',
        room: '401',
        floor: 4,
        areaCenti: 8955,
        areaSource: 'register',
        use: 'home',
        isDeveloperHeld: false,
      },
      {
        code: 'D-S1',
        placeCode: 'TA-01-01-01-05-1',
        room: 'S1',
        floor: -1,
        areaCenti: 1230,
        areaSource: 'survey',
        use: 'shop',
        isDeveloperHeld: true,
      },
    ]);
  });

  it('refuses a zero area, a fractional floor and an unknown use', () => {
    expect(problemsOf('dwellings', [dwellingRow({ areaCenti: '0', floor: '2.5', use: '车库' })])).toEqual([
      { row: 2, column: '楼层', code: 'roster.integer' },
      { row: 2, column: '登记面积(㎡)', code: 'roster.area' },
      { row: 2, column: '用途', code: 'roster.enum' },
    ]);
  });

  it('refuses two dwellings in one room of a place, in the file or against stored ones', () => {
    expect(problemsOf('dwellings', [dwellingRow(), dwellingRow({ code: 'D-401b' })])).toEqual([
      { row: 3, column: '房号', code: 'roster.duplicate_room' },
    ]);
    expect(problemsOf('dwellings', [dwellingRow({ room: '301' })])).toEqual([
      { row: 2, column: '房号', code: 'roster.room_taken' },
    ]);
    // Re-importing the stored dwelling itself is fine; so is taking a room the same file frees.
    expect(problemsOf('dwellings', [dwellingRow({ code: 'D-301', room: '301' })])).toEqual([]);
    expect(
      problemsOf('dwellings', [dwellingRow({ room: '301' }), dwellingRow({ code: 'D-301', room: '303' })]),
    ).toEqual([]);
  });

  it('puts dwellings only on a building or unit inside the scope', () => {
    expect(problemsOf('dwellings', [dwellingRow({ placeCode: 'TA-01-01-01' })])).toEqual([
      { row: 2, column: '所属区划编码', code: 'roster.place_kind' },
    ]);
    expect(problemsOf('dwellings', [dwellingRow({ placeCode: 'TA-01-02-01-01' })])).toEqual([
      { row: 2, column: '所属区划编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('dwellings', [dwellingRow({ code: 'D-OUT' })])).toEqual([
      { row: 2, column: '房屋编码', code: 'roster.outside_scope' },
    ]);
  });
});

describe('validateRows: households', () => {
  it('accepts a household with or without a dwelling inside its place', () => {
    const result = validate('households', [
      { code: 'H-2', placeCode: 'TA-01-01-01-05', dwellingCode: 'D-301' },
      { code: 'H-3', placeCode: 'TA-01-01-01', dwellingCode: '' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => r.record)).toEqual([
      { code: 'H-2', placeCode: 'TA-01-01-01-05', dwellingCode: 'D-301' },
      { code: 'H-3', placeCode: 'TA-01-01-01', dwellingCode: null },
    ]);
  });

  it('refuses a dwelling outside the household place and an unknown dwelling', () => {
    expect(
      problemsOf('households', [
        { code: 'H-2', placeCode: 'TA-01-01-01-05-1', dwellingCode: 'D-OUT' },
        { code: 'H-3', placeCode: 'TA-01-01-01-05-1', dwellingCode: 'D-404' },
        { code: 'H-OUT', placeCode: 'TA-01-01-01-05-1', dwellingCode: '' },
      ]),
    ).toEqual([
      { row: 2, column: '房屋编码', code: 'roster.dwelling_outside_place' },
      { row: 3, column: '房屋编码', code: 'roster.unknown_dwelling' },
      { row: 4, column: '户编码', code: 'roster.outside_scope' },
    ]);
  });
});

const placeRow = (
  code: string,
  name: string,
  kind: string,
  parentCode: string,
  isRural = '',
): Record<string, Cell> => ({
  code,
  name,
  kind,
  parentCode,
  isRural,
});

describe('validateRows: places', () => {
  it('builds a new branch whose parents come later in the same file, inheriting 城乡', () => {
    const result = validate('places', [
      placeRow('TA-01-01-02-01', '1幢', '楼栋村民小组', 'TA-01-01-02'),
      placeRow('TA-01-01-02', '新苑小区', '小区自然村', 'TA-01-01', '乡'),
      placeRow('TA-01-01-02-01-1', '1单元', '单元', 'TA-01-01-02-01'),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.record.code, r.record.kind, r.record.isRural])).toEqual([
      ['TA-01-01-02-01', 'building', true],
      ['TA-01-01-02', 'estate', true],
      ['TA-01-01-02-01-1', 'unit', true],
    ]);
  });

  it('accepts the stored places of the scope unchanged, including the scope root itself', () => {
    const result = validate('places', [
      placeRow('TA-01-01', '河滨社区', '社区村', 'TA-01', '城'),
      placeRow('TA-01-01-01', '河滨小区', '小区自然村', 'TA-01-01'),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows[1]?.record).toEqual({
      code: 'TA-01-01-01',
      name: '河滨小区',
      kind: 'estate',
      parentCode: 'TA-01-01',
      isRural: false,
    });
  });

  it('refuses a kind that does not sit under its parent', () => {
    expect(problemsOf('places', [placeRow('TA-01-01-09', '9单元', '单元', 'TA-01-01')])).toEqual([
      { row: 2, column: '类型', code: 'roster.kind_parent' },
    ]);
    const [problem] = validate('places', [placeRow('U-X', '单元下', '单元', 'TA-01-01-01-05-1')]).problems;
    expect(problem).toMatchObject({ code: 'roster.kind_parent', params: { expected: '—' } });
  });

  it('refuses moving or re-kinding a stored place, and places outside the scope', () => {
    expect(problemsOf('places', [placeRow('TA-01-01-01', '河滨小区', '小区自然村', 'TA-01-02')])).toEqual([
      { row: 2, column: '上级编码', code: 'roster.place_moved' },
    ]);
    expect(problemsOf('places', [placeRow('TA-01-01-01-05', '5幢', '单元', 'TA-01-01-01')])).toEqual([
      { row: 2, column: '类型', code: 'roster.place_kind_changed' },
    ]);
    expect(problemsOf('places', [placeRow('TA-01-02-01-02', '2组', '楼栋村民小组', 'TA-01-02-01')])).toEqual([
      { row: 2, column: '上级编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('places', [placeRow('TA-01-02', '新联村', '社区村', 'TA-01')])).toEqual([
      { row: 2, column: '区划编码', code: 'roster.outside_scope' },
    ]);
    expect(problemsOf('places', [placeRow('TB', '新市', '市', '')])).toEqual([
      { row: 2, column: '区划编码', code: 'roster.outside_scope' },
    ]);
  });

  it('requires a parent for a new place and refuses an unknown one', () => {
    expect(problemsOf('places', [placeRow('N-1', '新小区', '小区自然村', '')])).toEqual([
      { row: 2, column: '上级编码', code: 'validation.required' },
    ]);
    expect(problemsOf('places', [placeRow('N-1', '新小区', '小区自然村', 'NOPE')])).toEqual([
      { row: 2, column: '上级编码', code: 'roster.unknown_place' },
    ]);
  });

  it('refuses the children of a refused new parent, all the way down', () => {
    const result = validate('places', [
      placeRow('N-E', '新小区', '小区', 'TA-01-01'),
      placeRow('N-B', '1幢', '楼栋村民小组', 'N-E'),
      placeRow('N-U', '1单元', '单元', 'N-B'),
    ]);
    expect(result.rows).toEqual([]);
    expect(result.problems.map(({ row, code, params }) => ({ row, code, params }))).toEqual([
      { row: 2, code: 'roster.enum', params: { allowed: '市、镇街、社区村、小区自然村、楼栋村民小组、单元' } },
      { row: 3, code: 'roster.parent_invalid', params: { row: 2 } },
      { row: 4, code: 'roster.parent_invalid', params: { row: 3 } },
    ]);
  });
});
