export { figuresFor, figuresByGroup, mattersBehind, type Figures, type PeriodQuery } from './statistics.figures';
export { statisticsRoutes } from './statistics.routes';
export { refreshFacts } from './statistics.facts';
