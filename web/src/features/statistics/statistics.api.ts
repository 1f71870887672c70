import { api } from '../../api/client';
import type {
  BehindPage,
  BehindQuery as BehindRequest,
  StatisticsQuery,
  StatisticsView,
} from '../../../../contracts/statistics';

export type { FigureKey, Figures, FigureValue, Grouping } from '../../../../domain/statistics';
export { figureKeys, groupings } from '../../../../domain/statistics';
export type { BehindPage, MatterBehind, StatisticsGroup, StatisticsView } from '../../../../contracts/statistics';

/** 统计 (issue 5): the client side of docs/api.md "Statistics". */
export type Period = Pick<StatisticsQuery, 'placeId' | 'from' | 'to'>;
/** Which matters are behind a figure (the page is asked for separately). */
export type BehindQuery = Omit<BehindRequest, 'page' | 'pageSize'>;

export const statisticsApi = {
  figures: (q: StatisticsQuery) => api.get<StatisticsView>('/statistics', q),
  matters: (q: BehindQuery, page: number) => api.get<BehindPage>('/statistics/matters', { ...q, page, pageSize: 20 }),
};
