import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { authRoutes } from './auth';
import { councilsRoutes } from './councils';
import { placesRoutes } from './places';
import { poolRoutes } from './pool';
import { rosterRoutes } from './roster';

export type ModulePlugin = FastifyPluginAsyncZod<{ deps: AppDeps }>;

/** Every feature module, mounted under /api. */
export const modules: { prefix: string; plugin: ModulePlugin }[] = [
  { prefix: '/api', plugin: authRoutes },
  { prefix: '/api', plugin: placesRoutes },
  { prefix: '/api', plugin: poolRoutes },
  { prefix: '/api', plugin: councilsRoutes },
  { prefix: '/api', plugin: rosterRoutes },
];
