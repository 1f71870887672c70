import { api } from '../../api/client';
import type { FigureKey, Figures, Grouping } from '../../../../domain/statistics';

export type { FigureKey, Figures, FigureValue, Grouping } from '../../../../domain/statistics';
export { figureKeys, groupings } from '../../../../domain/statistics';

/** 统计 (issue 5): the client side of docs/api.md "Statistics". */
export type StatisticsGroup = { key: string; label: string; placeId?: number; figures: Figures };
export type StatisticsView = {
  place: { id: number; name: string; kind: string };
  period: { from: string; to: string };
  groupBy: Grouping;
  groups: StatisticsGroup[];
  totals: Figures;
};
export type MatterBehind = {
  id: number;
  title: string;
  status: string;
  kind: string;
  category: string;
  level: string;
  placeId: number;
  placeName: string;
  rows: number;
};
export type BehindPage = {
  place: { id: number; name: string };
  figure: string;
  page: number;
  pageSize: number;
  total: number;
  groupLabel: string | null;
  items: MatterBehind[];
};
export type Period = { placeId: number; from: string; to: string };
export type BehindQuery = Period & {
  figure: FigureKey | 'daysInStage';
  groupBy?: Grouping;
  group?: string;
  stage?: string;
};

export const statisticsApi = {
  figures: (q: Period & { groupBy: Grouping }) => api.get<StatisticsView>('/statistics', q),
  matters: (q: BehindQuery, page: number) => api.get<BehindPage>('/statistics/matters', { ...q, page, pageSize: 20 }),
};
