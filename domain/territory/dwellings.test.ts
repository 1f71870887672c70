import { describe, expect, it } from 'vitest';
import { areaFromHundredths } from './dwellings';

describe('areaFromHundredths', () => {
  it('gives m² with two decimals, exactly, from any stored form', () => {
    expect(areaFromHundredths(113969n)).toBe('1139.69');
    expect(areaFromHundredths('134982')).toBe('1349.82');
    expect(areaFromHundredths(8950)).toBe('89.50');
    expect(areaFromHundredths(5)).toBe('0.05');
    expect(areaFromHundredths(0n)).toBe('0.00');
    expect(areaFromHundredths(-250n)).toBe('-2.50');
    expect(areaFromHundredths('123456789012345678')).toBe('1234567890123456.78');
  });
});
