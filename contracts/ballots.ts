import { z } from 'zod';
import { ballotStatuses } from '../domain/voting/ballot-status';
import { electorateKinds, measures, ruleKeys, ruleMethods, voteChannels, yesNoChoices } from '../domain/voting/rules';
import { idField, idParam, urlNumber } from './common';

/**
 * 票决 (ballots): setup, the electorate, online votes and receipts, the view and the result. Papers
 * and proxies have their own files (ballot-papers.ts, ballot-proxies.ts).
 */

export const ballotParamsSchema = z.object({ id: idParam });
export const receiptParamsSchema = z.object({ id: idParam, code: z.string().trim().min(4).max(40) });

export const thresholdSchema = z.object({
  num: z.number().int().min(1).max(1000),
  den: z.number().int().min(1).max(1000),
  inclusive: z.boolean(),
});
export type Threshold = z.infer<typeof thresholdSchema>;

export const secrecySchema = z.enum(['named', 'secret']);
export const voteChannelSchema = z.enum(voteChannels);

const ballotFields = {
  question: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  ruleKey: z.enum(ruleKeys),
  threshold: thresholdSchema.optional(),
  secrecy: secrecySchema,
  allowsChange: z.boolean(),
  proxyCap: z.number().int().min(1).max(20).optional(),
  closesAt: z.iso.datetime({ offset: true }),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** Paper ballots will be collected: at the closing time the ballot moves to counting (计票中). */
  usesPapers: z.boolean().optional(),
};

/** A matter's ballot: electorate from the matter's community (a scope place) or one of its councils. */
export const createMatterBallotBodySchema = z.object({
  ...ballotFields,
  electorateKind: z.enum(electorateKinds),
  scopePlaceId: idField.optional(),
  councilId: idField.optional(),
  requiredDwellingIds: z.array(idField).max(200).optional(),
});
export type CreateMatterBallotBody = z.infer<typeof createMatterBallotBodySchema>;

/** A council's own ballot: its members or representatives. */
export const createCouncilBallotBodySchema = z.object({
  ...ballotFields,
  electorateKind: z.enum(['council', 'representatives']),
});
export type CreateCouncilBallotBody = z.infer<typeof createCouncilBallotBodySchema>;

export const extendBodySchema = z.object({
  closesAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(200),
});
export type ExtendBody = z.infer<typeof extendBodySchema>;

/** Opening before the rule's notice days have passed needs a reason, kept in the ballot log and chain. */
export const openBodySchema = z
  .object({ noticeOverride: z.object({ reason: z.string().trim().min(2).max(200) }).optional() })
  .nullish();
export type OpenBody = z.infer<typeof openBodySchema>;

export const electorsQuerySchema = z.object({
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 200).default(50),
  q: z.string().trim().max(50).optional(),
  voted: z.enum(['true', 'false']).optional(),
});
export type ElectorsQuery = z.infer<typeof electorsQuerySchema>;

const ratioCheckSchema = z.object({
  measure: z.enum(measures),
  part: z.string(),
  of: z.string(),
  threshold: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  percent: z.string(),
  met: z.boolean(),
});
export type ResultCheck = z.infer<typeof ratioCheckSchema>;
const conditionsViewSchema = z
  .object({ mode: z.enum(['all', 'any']), met: z.boolean(), checks: z.array(ratioCheckSchema) })
  .nullable();
export type ResultConditions = z.infer<typeof conditionsViewSchema>;
/** Counts as strings; area in hundredths of m². */
const measureCountsSchema = z.object({ heads: z.string(), area: z.string(), households: z.string() });
export type MeasureCounts = z.infer<typeof measureCountsSchema>;

export const outcomes = ['passed', 'rejected', 'not_quorate', 'decided', 'tie', 'no_votes'] as const;
export type Outcome = (typeof outcomes)[number];

export const ballotResultSchema = z.object({
  outcome: z.enum(outcomes),
  isStatutory: z.boolean(),
  ruleName: z.string(),
  citation: z.string(),
  quorum: conditionsViewSchema,
  decision: conditionsViewSchema,
  electorate: measureCountsSchema,
  participants: measureCountsSchema,
  counts: z.object({ for: measureCountsSchema, against: measureCountsSchema, abstain: measureCountsSchema }).nullable(),
  approval: z.array(z.object({ optionId: z.number(), approvals: z.number() })).nullable(),
  ranked: z
    .object({
      rounds: z.array(
        z.object({
          tallies: z.array(z.object({ optionId: z.number(), votes: z.number() })),
          eliminated: z.array(z.number()),
          exhausted: z.number(),
        }),
      ),
      winners: z.array(z.number()),
    })
    .nullable(),
  winners: z.array(z.number()),
  missingConsents: z.array(z.string()),
  channels: z.object({ online: z.number(), proxy: z.number(), assisted: z.number(), paper: z.number() }),
});
export type BallotResult = z.infer<typeof ballotResultSchema>;

const turnoutCountSchema = z.object({ voted: z.number(), total: z.number() });
/** Area in m² with two decimals. */
const turnoutAreaSchema = z.object({ voted: z.string(), total: z.string() });
/** Counts only (never choices): in the ballot view and in the live `turnout` event. */
export const turnoutSchema = z.object({
  heads: turnoutCountSchema,
  area: turnoutAreaSchema,
  households: turnoutCountSchema,
});
export type Turnout = z.infer<typeof turnoutSchema>;

export const ballotOptionSchema = z.object({ id: z.number(), position: z.number(), label: z.string() });
export type BallotOption = z.infer<typeof ballotOptionSchema>;

export const ballotSummarySchema = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  councilId: z.number().nullable(),
  question: z.string(),
  description: z.string(),
  ruleKey: z.string(),
  ruleVersion: z.number(),
  threshold: thresholdSchema.nullable(),
  electorateKind: z.enum(electorateKinds),
  scope: z.object({ id: z.number(), name: z.string() }).nullable(),
  secrecy: secrecySchema,
  allowsChange: z.boolean(),
  proxyCap: z.number(),
  requiredDwellingIds: z.array(z.number()),
  status: z.enum(ballotStatuses),
  closesAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  usesPapers: z.boolean(),
  /** Opened before the notice days had passed: the reason staff recorded and the day it could have opened. */
  noticeOverride: z.object({ reason: z.string(), opensOn: z.string().nullable() }).nullable(),
  options: z.array(ballotOptionSchema),
});
export type Ballot = z.infer<typeof ballotSummarySchema>;

export const ballotViewSchema = z.object({
  ballot: ballotSummarySchema,
  rule: z.object({
    name: z.string(),
    citation: z.string(),
    isStatutory: z.boolean(),
    method: z.enum(ruleMethods),
    quorum: z.string().nullable(),
    decision: z.string().nullable(),
  }),
  electorate: z.object({ heads: z.number(), area: z.string(), households: z.number() }).nullable(),
  turnout: turnoutSchema,
  me: z.object({
    electorIds: z.array(z.number()),
    canVote: z.boolean(),
    hasVoted: z.boolean(),
    channel: voteChannelSchema.nullable(),
    proxyFor: z.array(z.object({ electorId: z.number(), label: z.string(), hasVoted: z.boolean() })),
  }),
  abilities: z.object({ manage: z.boolean(), enterPaper: z.boolean() }),
  /** Staff who enter papers: how many are in each state (a count closes only with none pending or mismatched). */
  papers: z.object({ pending: z.number(), mismatch: z.number(), counted: z.number(), void: z.number() }).nullable(),
  result: ballotResultSchema.nullable(),
});
export type BallotView = z.infer<typeof ballotViewSchema>;

export const ballotListSchema = z.object({ items: z.array(ballotSummarySchema) });

export const ballotRuleSchema = z.object({
  key: z.enum(ruleKeys),
  version: z.number(),
  name: z.string(),
  citation: z.string(),
  effectiveFrom: z.string(),
  isStatutory: z.boolean(),
  method: z.enum(ruleMethods),
  electorates: z.array(z.enum(electorateKinds)),
  measures: z.array(z.enum(measures)),
  /** The conditions in the server's short words ("人数 ≥ 2/3（占全体）"). */
  quorum: z.string().nullable(),
  decision: z.string().nullable(),
  noticeDays: z.number().nullable(),
});
export type BallotRule = z.infer<typeof ballotRuleSchema>;
export const ruleListSchema = z.object({ items: z.array(ballotRuleSchema) });

export const electorSchema = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  area: z.string(),
  householdId: z.number().nullable(),
  hasVoted: z.boolean(),
  channel: voteChannelSchema.nullable(),
});
export type Elector = z.infer<typeof electorSchema>;
export const electorsReplySchema = z.object({ items: z.array(electorSchema), total: z.number() });

/** Online vote: the choice (`choice` or `optionIds`, checked against the ballot) and the previous receipt. */
export const voteBodySchema = z.object({
  choice: z.enum(yesNoChoices).optional(),
  optionIds: z.array(z.number().int()).max(20).optional(),
  receipt: z.string().trim().max(40).optional(),
});
export type VoteBody = z.infer<typeof voteBodySchema>;
export const voteReplySchema = z.object({ receipt: z.string(), channel: voteChannelSchema, castAt: z.string() });
export type VoteReply = z.infer<typeof voteReplySchema>;
export const receiptReplySchema = z.object({
  counted: z.boolean(),
  channel: voteChannelSchema,
  choice: z.union([
    z.object({ kind: z.literal('yes_no'), choice: z.string() }),
    z.object({ kind: z.enum(['approval', 'ranked']), optionIds: z.array(z.number()) }),
  ]),
});
export type ReceiptReply = z.infer<typeof receiptReplySchema>;
