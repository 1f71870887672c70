import { describe, expect, it } from 'vitest';
import { formatArea } from './format';

describe('formatArea', () => {
  it('shows m² with two decimals and thousands separators', () => {
    expect(formatArea('1200')).toBe('1,200.00');
    expect(formatArea('812.5')).toBe('812.50');
    expect(formatArea('1349.82')).toBe('1,349.82');
    expect(formatArea(0)).toBe('0.00');
  });

  it('reads a ballot result’s stored hundredths exactly', () => {
    expect(formatArea('113969', 'hundredths')).toBe('1,139.69');
    expect(formatArea('134982', 'hundredths')).toBe('1,349.82');
    expect(formatArea('81250', 'hundredths')).toBe('812.50');
    expect(formatArea('5', 'hundredths')).toBe('0.05');
    expect(formatArea('0', 'hundredths')).toBe('0.00');
    // Beyond 2^53: no float ever rounds an area.
    expect(formatArea('123456789012345678', 'hundredths')).toBe('1,234,567,890,123,456.78');
  });
});
