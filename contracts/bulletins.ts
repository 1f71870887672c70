import { z } from 'zod';
import { abilitiesSchema, idParam } from './common';
import { FigureValueSchema, HeadlineFiguresSchema } from './statistics';
import { BulletinCapacitySchema } from './capacity';
import { governanceGroups } from '../domain/governance/governances';

/**
 * 四治: the month's figures per governance; a matter with two tags counts in both rows, one with none
 * under `untagged` (absent from bulletins generated before the tags existed).
 */
export const BulletinByGovernanceSchema = z
  .array(
    z.object({
      governance: z.enum(governanceGroups),
      raised: FigureValueSchema,
      resolved: FigureValueSchema,
      archived: FigureValueSchema,
      consultations: FigureValueSchema,
      implementationRate: FigureValueSchema,
      satisfaction: FigureValueSchema,
    }),
  )
  .optional();

/** YYYY-MM, a calendar month. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulletin.bad_month');
export const BulletinParamsSchema = z.object({ placeId: idParam, month: MonthSchema });
export const GenerateBodySchema = z.object({ month: MonthSchema });

const matterRef = z.object({ matterId: z.number(), title: z.string(), placeName: z.string() });

/** 链锚 of one day: the signed root over every matter's chain (public: it names no one). */
export const DayAnchorSchema = z.object({
  day: z.string(),
  root: z.string(),
  matterCount: z.number(),
  signature: z.string(),
  keyId: z.string(),
});

/** What a bulletin holds (stored as is in bulletins.figures): the month's figures and the matters behind them. */
export const BulletinContentSchema = z.object({
  place: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  month: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** The day the figures were taken ("overdue" means due before this day). */
  asOf: z.string(),
  /** figuresFor(place, month) exactly as the statistics dashboard computes it. */
  figures: HeadlineFiguresSchema.catchall(z.unknown()),
  byPlace: z.array(
    z.object({
      placeId: z.number().nullable(),
      name: z.string(),
      raised: FigureValueSchema,
      resolved: FigureValueSchema,
      archived: FigureValueSchema,
      overdueTasks: FigureValueSchema,
      implementationRate: FigureValueSchema,
      satisfaction: FigureValueSchema,
    }),
  ),
  byGovernance: BulletinByGovernanceSchema,
  overdueTasks: z.array(
    matterRef.extend({ task: z.string(), ownerName: z.string(), dueOn: z.string(), daysOverdue: z.number() }),
  ),
  best: z.array(matterRef.extend({ score: z.number(), outcome: z.string() })),
  mostOverdue: z.array(matterRef.extend({ openTasks: z.number(), daysOverdue: z.number() })),
  /** The month's chain anchors, so a notice board keeps a copy outside the database (absent before 0011). */
  anchors: z.array(DayAnchorSchema).optional(),
  /** 逾期转办: referrals still with their department after the due day, by department (absent before departments). */
  overdueReferrals: z
    .array(matterRef.extend({ department: z.string(), dueOn: z.string(), daysOverdue: z.number() }))
    .optional(),
  /** 能力建设, year to date (absent before capacity statistics). */
  capacity: BulletinCapacitySchema.optional(),
});
export type BulletinContent = z.infer<typeof BulletinContentSchema>;

export const BulletinAbilitiesSchema = abilitiesSchema(['bulletin.generate']);

export const BulletinReplySchema = z.object({
  id: z.number(),
  content: BulletinContentSchema,
  generatedAt: z.string(),
  /** null when the monthly job generated it. */
  generatedBy: z.string().nullable(),
  abilities: BulletinAbilitiesSchema,
});
export const BulletinListReplySchema = z.object({
  items: z.array(z.object({ month: z.string(), generatedAt: z.string() })),
  abilities: BulletinAbilitiesSchema,
});

/** A matter named by the public bulletin: its id and redacted title only when it is public and decided. */
const publicMatterRef = z.object({
  matterId: z.number().nullable(),
  title: z.string().nullable(),
  placeName: z.string(),
});

/**
 * The bulletin as anyone may read it (the QR code on the printed notice): the figures, and the matters
 * behind them named only when public and decided, titles redacted; no task owners, no staff names.
 */
export const PublicBulletinReplySchema = z.object({
  place: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  month: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  generatedAt: z.string(),
  figures: HeadlineFiguresSchema,
  byPlace: BulletinContentSchema.shape.byPlace,
  byGovernance: z.array(BulletinByGovernanceSchema.unwrap().element),
  overdueTasks: z.array(
    publicMatterRef.extend({ task: z.string().nullable(), dueOn: z.string(), daysOverdue: z.number() }),
  ),
  best: z.array(publicMatterRef.extend({ score: z.number(), outcome: z.string() })),
  mostOverdue: z.array(publicMatterRef.extend({ openTasks: z.number(), daysOverdue: z.number() })),
  anchors: z.array(DayAnchorSchema),
  overdueReferrals: z.array(
    publicMatterRef.extend({ department: z.string(), dueOn: z.string(), daysOverdue: z.number() }),
  ),
  /** 能力建设: counts and sums only, nothing personal; null for bulletins generated before it. */
  capacity: BulletinCapacitySchema.nullable(),
});
export type PublicBulletin = z.infer<typeof PublicBulletinReplySchema>;
export const PublicBulletinListReplySchema = z.object({
  /** The newest bulletin of the last full month or later, the one a notice board links to ("本月通报"). */
  current: z.string().nullable(),
  items: z.array(z.object({ month: z.string() })),
});

export type BulletinAnchor = z.infer<typeof DayAnchorSchema>;
export type Bulletin = z.infer<typeof BulletinReplySchema>;
export type BulletinList = z.infer<typeof BulletinListReplySchema>;
export type PublicBulletinList = z.infer<typeof PublicBulletinListReplySchema>;
