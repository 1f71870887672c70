import { z } from 'zod';
import { idParam, urlNumber } from './common';
import { projectStatuses } from '../domain/projects/lifecycle';
import { structureTiers } from '../domain/organisations/structure';

/** 能力建设统计: a place and a year (the year of calls, programmes, micro-leaders' start and selections). */
export const CapacityQuerySchema = z.object({ placeId: idParam, year: urlNumber(2000, 2100) });
export type CapacityQuery = z.infer<typeof CapacityQuerySchema>;

/** Money is integer fen. */
const money = z.object({ count: z.number(), budgetFen: z.number(), spentFen: z.number() });

/** The figures of one place (docs/statistics.md "Capacity" defines each). */
export const CapacityFiguresSchema = z.object({
  organisations: z.object({
    total: z.number(),
    brand: z.number(),
    canDeliberate: z.number(),
    /** Every category the city configures, zeros included, in its order. */
    byCategory: z.array(
      z.object({ categoryId: z.number(), name: z.string(), tier: z.enum(structureTiers), count: z.number() }),
    ),
    uncategorised: z.number(),
    coverage: z.object({
      communitiesCovered: z.number(),
      communities: z.number(),
      communityRatio: z.number().nullable(),
      townsWithHub: z.number(),
      towns: z.number(),
      townRatio: z.number().nullable(),
    }),
  }),
  projects: z.object({
    /** Every state of the project lifecycle past the draft, in order, zeros included. */
    byStage: z.array(money.extend({ status: z.enum(projectStatuses) })),
    total: money,
    /** Projects with a signed contract (contracted … closed), and their spent / budget. */
    contracted: money.extend({ spentRatio: z.number().nullable() }),
  }),
  training: z.object({
    /** Enrolments (人次) in programmes of the year, of people of the place. */
    participants: z.number(),
    completions: z.number(),
    microLeadersTrained: z.number(),
    microLeadersActive: z.number(),
  }),
  talents: z.object({ namedInYear: z.number(), namedTotal: z.number() }),
});
export type CapacityFigures = z.infer<typeof CapacityFiguresSchema>;

const placeRef = z.object({ id: z.number(), name: z.string(), kind: z.string() });

export const CapacityReplySchema = z.object({
  place: placeRef,
  year: z.number(),
  totals: CapacityFiguresSchema,
  /** The towns under a city, the communities under a town (none under a community). */
  children: z.array(z.object({ place: placeRef, figures: CapacityFiguresSchema })),
});
export type CapacityView = z.infer<typeof CapacityReplySchema>;

/**
 * 能力建设: the monthly bulletin's section, year to date, taken from the same figures as the dashboard
 * (absent from bulletins generated before it existed). Budget and spent are the contracted projects'.
 */
export const BulletinCapacitySchema = z.object({
  year: z.number(),
  organisations: z.number(),
  brand: z.number(),
  communitiesCovered: z.number(),
  communities: z.number(),
  townsWithHub: z.number(),
  towns: z.number(),
  projectsContracted: z.number(),
  projectsClosed: z.number(),
  budgetFen: z.number(),
  spentFen: z.number(),
  microLeadersTrained: z.number(),
  talentsNamed: z.number(),
});
export type BulletinCapacity = z.infer<typeof BulletinCapacitySchema>;
