import { describe, expect, it } from 'vitest';
import { publicName, surnameInitial } from './public-name';

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

  it('shows staff the name and everyone else 居民X', () => {
    expect(publicName('张阿姨', true)).toBe('张阿姨');
    expect(publicName('张阿姨', false)).toBe('居民Z');
  });
});
