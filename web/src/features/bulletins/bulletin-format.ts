import type { FigureValue } from './bulletins.api';
import type { FigureKey } from '../../../../domain/statistics/figures';

export type FigureFormat = 'count' | 'percent' | 'score' | 'days';

/** The headline figures in print order (the same as the .docx: server bulletins.labels.ts). */
export const headline: { key: FigureKey; format: FigureFormat }[] = [
  { key: 'raised', format: 'count' },
  { key: 'resolved', format: 'count' },
  { key: 'archived', format: 'count' },
  { key: 'consultations', format: 'count' },
  { key: 'livelihoodSolved', format: 'count' },
  { key: 'disputesResolved', format: 'count' },
  { key: 'implementationRate', format: 'percent' },
  { key: 'overdueTasks', format: 'count' },
  { key: 'satisfaction', format: 'score' },
  { key: 'participation', format: 'percent' },
  { key: 'medianDays', format: 'days' },
];

/** One figure as the .docx prints it: 12 · 85.0%（17/20）· 4.50（3次回访）· 无. */
export function formatFigure(value: FigureValue | undefined, format: FigureFormat, none = '无'): string {
  if (!value || value.value === null) return none;
  switch (format) {
    case 'count':
      return String(value.value);
    case 'percent':
      return `${(value.value * 100).toFixed(1)}%（${value.num ?? 0}/${value.den ?? 0}）`;
    case 'score':
      return `${value.value.toFixed(2)}（${value.n}次回访）`;
    case 'days':
      return value.value.toFixed(1);
  }
}

/** The month before the one `today` (YYYY-MM-DD) falls in. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
