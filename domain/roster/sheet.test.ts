import { describe, expect, it } from 'vitest';
import { rosterColumns } from './columns';
import type { RosterContext } from './context';
import { diffRecords, type DwellingRecord, type ResidentRecord } from './records';
import { formatAreaCenti, formatRecord, mapHeaders, toRowInputs } from './sheet';
import { validateRows } from './validate';

describe('roster sheets', () => {
  it('finds columns by Chinese header in any order, tolerating spaces, full-width brackets and a required mark', () => {
    const headers = mapHeaders('dwellings', [
      '房号',
      ' 房屋编码* ',
      '所属区划编码',
      '楼层',
      '登记面积（㎡）',
      '面积来源',
      '用途',
      '开发商持有',
      '备注',
    ]);
    expect(headers.missing).toEqual([]);
    expect(headers.indexByKey.get('code')).toBe(1);
    expect(headers.indexByKey.get('areaCenti')).toBe(4);
  });

  it('names every missing header, optional ones included', () => {
    expect(mapHeaders('residents', ['居民编号', '姓名']).missing).toEqual(
      rosterColumns.residents.slice(2).map((c) => c.header),
    );
  });

  it('drops blank rows and keeps spreadsheet row numbers', () => {
    const headers = mapHeaders('households', ['户编码', '所属区划编码', '房屋编码']);
    const inputs = toRowInputs(headers, [
      { row: 2, cells: ['H-1', 'P', null] },
      { row: 3, cells: ['', ' ', undefined] },
      { row: 4, cells: ['H-2', 'P', 'D'] },
    ]);
    expect(inputs).toEqual([
      { row: 2, cells: { code: 'H-1', placeCode: 'P', dwellingCode: null } },
      { row: 4, cells: { code: 'H-2', placeCode: 'P', dwellingCode: 'D' } },
    ]);
  });

  it('formats areas with two decimals', () => {
    expect(formatAreaCenti(8950)).toBe('89.50');
    expect(formatAreaCenti(1)).toBe('0.01');
    expect(formatAreaCenti(99_999_999_999)).toBe('999999999.99');
  });

  it('formats a record so that validating the formatted row gives the same record back', () => {
    const record: ResidentRecord = {
      code: 'R-1',
      name: '王 建国',
      gender: 'male',
      birthDate: '1949-10-01',
      phone: '13912345678',
      householdCode: null,
      dwellingCode: 'D-1',
      placeCode: 'P-U',
      tenure: 'tenant',
      ownedDwellingCodes: ['D-1', 'D-2'],
    };
    const cells = formatRecord('residents', record);
    expect(cells).toEqual(['R-1', '王 建国', '男', '1949-10-01', '13912345678', '', 'D-1', 'P-U', '租户', 'D-1；D-2']);
    const context: RosterContext = {
      today: '2025-01-01',
      scopePath: '/1/',
      places: new Map([['P-U', { code: 'P-U', kind: 'unit', path: '/1/2/', parentCode: null, isRural: false }]]),
      dwellings: new Map(
        ['D-1', 'D-2'].map((code) => [code, { code, placeCode: 'P-U', placePath: '/1/2/', room: code }]),
      ),
      households: new Map(),
      residents: new Map(),
      dwellingsByRoom: new Map(),
    };
    const headers = mapHeaders(
      'residents',
      rosterColumns.residents.map((c) => c.header),
    );
    const result = validateRows('residents', toRowInputs(headers, [{ row: 2, cells }]), context);
    expect(result.rows[0]?.record).toEqual(record);
  });

  it('counts new, changed and unchanged records against the stored ones', () => {
    const stored: DwellingRecord = {
      code: 'D-1',
      placeCode: 'P',
      room: '1',
      floor: 1,
      areaCenti: 100,
      areaSource: 'register',
      use: 'home',
      isDeveloperHeld: false,
    };
    const diff = diffRecords(
      [stored, { ...stored, code: 'D-2' }, { ...stored, code: 'D-3', areaCenti: 101 }],
      new Map([
        ['D-1', { ...stored }],
        ['D-3', { ...stored, code: 'D-3' }],
      ]),
    );
    expect(diff).toEqual({
      inserts: [{ ...stored, code: 'D-2' }],
      updates: [{ ...stored, code: 'D-3', areaCenti: 101 }],
      unchanged: 1,
    });
  });

  it('treats a different ownership list as a change', () => {
    const base: ResidentRecord = {
      code: 'R',
      name: 'n',
      gender: null,
      birthDate: '2000-01-01',
      phone: null,
      householdCode: null,
      dwellingCode: null,
      placeCode: 'P',
      tenure: 'owner',
      ownedDwellingCodes: ['D-1'],
    };
    const diff = diffRecords([{ ...base, ownedDwellingCodes: ['D-1', 'D-2'] }], new Map([['R', base]]));
    expect(diff.updates).toHaveLength(1);
  });
});
