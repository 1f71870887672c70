import { z } from 'zod';
import { idParam, urlNumber } from './common';
import { figureKeys, groupings, type FigureKey } from '../domain/statistics';

/** A China day in a URL, YYYY-MM-DD (whether it is a real day is checked with the period). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

export const PeriodQuerySchema = z.object({ placeId: idParam, from: day, to: day });
export const StatisticsQuerySchema = PeriodQuerySchema.extend({ groupBy: z.enum(groupings).default('month') });
export const BehindQuerySchema = PeriodQuerySchema.extend({
  figure: z.enum([...figureKeys, 'daysInStage']),
  groupBy: z.enum(groupings).optional(),
  group: z.string().max(40).optional(),
  stage: z.string().max(20).optional(),
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 100).default(50),
});

/** One figure: its value (null when nothing to measure), how many rows it rests on, and the fraction. */
export const FigureValueSchema = z.object({
  value: z.number().nullable(),
  n: z.number(),
  num: z.number().optional(),
  den: z.number().optional(),
});
export type FigureValue = z.infer<typeof FigureValueSchema>;

/** The headline figures by name (`domain/statistics`), each optional: older records may lack newer ones. */
export const HeadlineFiguresSchema = z.object(
  Object.fromEntries(figureKeys.map((k) => [k, FigureValueSchema.optional()])) as Record<
    FigureKey,
    z.ZodOptional<typeof FigureValueSchema>
  >,
);
/** Every figure by name, and the median days in each status. */
const figures = z.object({
  ...(Object.fromEntries(figureKeys.map((k) => [k, FigureValueSchema])) as Record<FigureKey, typeof FigureValueSchema>),
  daysInStage: z.record(z.string(), FigureValueSchema),
});
const placeRef = z.object({ id: z.number(), name: z.string() });

export const StatisticsReplySchema = z.object({
  place: placeRef.extend({ kind: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  groupBy: z.enum(groupings),
  groups: z.array(z.object({ key: z.string(), label: z.string(), placeId: z.number().optional(), figures })),
  totals: figures,
});

export const BehindReplySchema = z.object({
  place: placeRef,
  figure: z.string(),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
  /** The group in words (a child place's name), null when not one group. */
  groupLabel: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      status: z.string(),
      kind: z.string(),
      category: z.string(),
      level: z.string(),
      placeId: z.number(),
      placeName: z.string(),
      rows: z.number(),
    }),
  ),
});

export type StatisticsView = z.infer<typeof StatisticsReplySchema>;
export type StatisticsGroup = StatisticsView['groups'][number];
export type BehindPage = z.infer<typeof BehindReplySchema>;
export type MatterBehind = BehindPage['items'][number];
/** Queries as their parsed values: the web's client writes numbers into the URL itself. */
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;
export type BehindQuery = z.infer<typeof BehindQuerySchema>;
