import { describe, expect, it } from 'vitest';
import { personLabel, personLabelZh, surnameInitial } from './public-name';

describe('public names: 居民 + the surname initial', () => {
  it('gives the pinyin initial of common surnames, the same the second time', () => {
    const cases: [string, string][] = [
      ['张阿姨', 'Z'],
      ['李师傅', 'L'],
      ['王主任', 'W'],
      ['欧阳阿姨', 'O'],
      ['谢主任', 'X'],
      ['阿强', 'A'],
      ['蔡', 'C'],
    ];
    for (const [name, letter] of cases) {
      expect(surnameInitial(name)).toBe(letter);
      expect(surnameInitial(name)).toBe(letter);
    }
  });

  it('keeps a Latin initial, and gives none for digits or symbols', () => {
    expect(surnameInitial(' smith')).toBe('S');
    expect(surnameInitial('138')).toBe('');
    expect(surnameInitial('')).toBe('');
  });

  it('shows names to those who see names, roles for staff and supervisors, 居民X for residents', () => {
    const resident = { name: '张阿姨', standing: 'resident' as const };
    expect(personLabel(resident, true)).toEqual({ kind: 'name', name: '张阿姨' });
    expect(personLabel(resident, false)).toEqual({ kind: 'resident', initial: 'Z' });
    expect(personLabel({ name: '李颖琳', standing: 'staff' }, false)).toEqual({ kind: 'staff' });
    expect(personLabel({ name: '宋栋飞', standing: 'supervisor' }, false)).toEqual({ kind: 'supervisor' });
    expect(personLabel(null, true)).toEqual({ kind: 'system' });
    expect(personLabelZh(personLabel(resident, false))).toBe('居民Z');
    expect(personLabelZh({ kind: 'staff' })).toBe('社区工作人员');
  });
});
