import { z } from 'zod';
import { ballotStatuses } from '../domain/voting/ballot-status';
import {
  ballotSecrecies,
  conditionModes,
  councilElectorateKinds,
  electorateKinds,
  measures,
  optionMethods,
  ruleKeys,
  ruleMethods,
  voteChannels,
  yesNoChoices,
} from '../domain/voting/rules';
import { ballotOutcomes } from '../domain/voting/tally';
import { abilitiesSchema, idField, idParam, urlNumber } from './common';

/**
 * 票决 (ballots): setup, the electorate, online votes and receipts, the view and the result. Papers
 * and proxies have their own files (ballot-papers.ts, ballot-proxies.ts).
 */

export const BallotParamsSchema = z.object({ id: idParam });
export const ReceiptParamsSchema = z.object({ id: idParam, code: z.string().trim().min(4).max(40) });

export const ThresholdSchema = z.object({
  num: z.number().int().min(1).max(1000),
  den: z.number().int().min(1).max(1000),
  inclusive: z.boolean(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

export const SecrecySchema = z.enum(ballotSecrecies);
export const VoteChannelSchema = z.enum(voteChannels);

const ballotFields = {
  question: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  ruleKey: z.enum(ruleKeys),
  threshold: ThresholdSchema.optional(),
  secrecy: SecrecySchema,
  allowsChange: z.boolean(),
  proxyCap: z.number().int().min(1).max(20).optional(),
  closesAt: z.iso.datetime({ offset: true }),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** Paper ballots will be collected: at the closing time the ballot moves to counting (计票中). */
  usesPapers: z.boolean().optional(),
};

/** A matter's ballot: electorate from the matter's community (a scope place) or one of its councils. */
export const CreateMatterBallotBodySchema = z.object({
  ...ballotFields,
  electorateKind: z.enum(electorateKinds),
  scopePlaceId: idField.optional(),
  councilId: idField.optional(),
  requiredDwellingIds: z.array(idField).max(200).optional(),
});
export type CreateMatterBallotBody = z.infer<typeof CreateMatterBallotBodySchema>;

/** A council's own ballot: its members or representatives. */
export const CreateCouncilBallotBodySchema = z.object({
  ...ballotFields,
  electorateKind: z.enum(councilElectorateKinds),
});
export type CreateCouncilBallotBody = z.infer<typeof CreateCouncilBallotBodySchema>;

export const ExtendBodySchema = z.object({
  closesAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(200),
});
export type ExtendBody = z.infer<typeof ExtendBodySchema>;

/** Opening before the rule's notice days have passed needs a reason, kept in the ballot log and chain. */
export const OpenBodySchema = z
  .object({ noticeOverride: z.object({ reason: z.string().trim().min(2).max(200) }).optional() })
  .nullish();
export type OpenBody = z.infer<typeof OpenBodySchema>;

export const ElectorsQuerySchema = z.object({
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 200).default(50),
  q: z.string().trim().max(50).optional(),
  voted: z.enum(['true', 'false']).optional(),
});
export type ElectorsQuery = z.infer<typeof ElectorsQuerySchema>;

const RatioCheckSchema = z.object({
  measure: z.enum(measures),
  part: z.string(),
  of: z.string(),
  threshold: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  percent: z.string(),
  met: z.boolean(),
});
export type ResultCheck = z.infer<typeof RatioCheckSchema>;
const ConditionsViewSchema = z
  .object({ mode: z.enum(conditionModes), met: z.boolean(), checks: z.array(RatioCheckSchema) })
  .nullable();
export type ResultConditions = z.infer<typeof ConditionsViewSchema>;
/** Counts as strings; area in hundredths of m². */
const MeasureCountsSchema = z.object({ heads: z.string(), area: z.string(), households: z.string() });
export type MeasureCounts = z.infer<typeof MeasureCountsSchema>;

export const BallotResultSchema = z.object({
  outcome: z.enum(ballotOutcomes),
  isStatutory: z.boolean(),
  ruleName: z.string(),
  citation: z.string(),
  quorum: ConditionsViewSchema,
  decision: ConditionsViewSchema,
  electorate: MeasureCountsSchema,
  participants: MeasureCountsSchema,
  counts: z.object({ for: MeasureCountsSchema, against: MeasureCountsSchema, abstain: MeasureCountsSchema }).nullable(),
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
export type BallotResult = z.infer<typeof BallotResultSchema>;

const TurnoutCountSchema = z.object({ voted: z.number(), total: z.number() });
/** Area in m² with two decimals. */
const TurnoutAreaSchema = z.object({ voted: z.string(), total: z.string() });
/** Counts only (never choices): in the ballot view and in the live `turnout` event. */
export const TurnoutSchema = z.object({
  heads: TurnoutCountSchema,
  area: TurnoutAreaSchema,
  households: TurnoutCountSchema,
});
export type Turnout = z.infer<typeof TurnoutSchema>;

export const BallotOptionSchema = z.object({ id: z.number(), position: z.number(), label: z.string() });
export type BallotOption = z.infer<typeof BallotOptionSchema>;

export const BallotSummarySchema = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  councilId: z.number().nullable(),
  question: z.string(),
  description: z.string(),
  ruleKey: z.string(),
  ruleVersion: z.number(),
  threshold: ThresholdSchema.nullable(),
  electorateKind: z.enum(electorateKinds),
  scope: z.object({ id: z.number(), name: z.string() }).nullable(),
  secrecy: SecrecySchema,
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
  options: z.array(BallotOptionSchema),
});
export type Ballot = z.infer<typeof BallotSummarySchema>;

/** What a ballot page offers staff. */
export const ballotPageActions = ['ballot.manage', 'ballot.enterPaper'] as const;

export const BallotViewSchema = z.object({
  ballot: BallotSummarySchema,
  rule: z.object({
    name: z.string(),
    citation: z.string(),
    isStatutory: z.boolean(),
    method: z.enum(ruleMethods),
    quorum: z.string().nullable(),
    decision: z.string().nullable(),
  }),
  electorate: z.object({ heads: z.number(), area: z.string(), households: z.number() }).nullable(),
  turnout: TurnoutSchema,
  me: z.object({
    electorIds: z.array(z.number()),
    canVote: z.boolean(),
    hasVoted: z.boolean(),
    channel: VoteChannelSchema.nullable(),
    proxyFor: z.array(z.object({ electorId: z.number(), label: z.string(), hasVoted: z.boolean() })),
  }),
  abilities: abilitiesSchema(ballotPageActions),
  /** Staff who enter papers: how many are in each state (a count closes only with none pending or mismatched). */
  papers: z.object({ pending: z.number(), mismatch: z.number(), counted: z.number(), void: z.number() }).nullable(),
  result: BallotResultSchema.nullable(),
});
export type BallotView = z.infer<typeof BallotViewSchema>;

export const BallotListSchema = z.object({ items: z.array(BallotSummarySchema) });
export type BallotList = z.infer<typeof BallotListSchema>;

export const BallotRuleSchema = z.object({
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
export type BallotRule = z.infer<typeof BallotRuleSchema>;
export const RuleListSchema = z.object({ items: z.array(BallotRuleSchema) });
export type RuleList = z.infer<typeof RuleListSchema>;

export const ElectorSchema = z.object({
  id: z.number(),
  key: z.string(),
  label: z.string(),
  area: z.string(),
  householdId: z.number().nullable(),
  hasVoted: z.boolean(),
  channel: VoteChannelSchema.nullable(),
});
export type Elector = z.infer<typeof ElectorSchema>;
export const ElectorsReplySchema = z.object({ items: z.array(ElectorSchema), total: z.number() });
export type ElectorList = z.infer<typeof ElectorsReplySchema>;

/** Online vote: the choice (`choice` or `optionIds`, checked against the ballot) and the previous receipt. */
export const VoteBodySchema = z.object({
  choice: z.enum(yesNoChoices).optional(),
  optionIds: z.array(z.number().int()).max(20).optional(),
  receipt: z.string().trim().max(40).optional(),
});
export type VoteBody = z.infer<typeof VoteBodySchema>;
export const VoteReplySchema = z.object({ receipt: z.string(), channel: VoteChannelSchema, castAt: z.string() });
export type VoteReply = z.infer<typeof VoteReplySchema>;
export const ReceiptReplySchema = z.object({
  counted: z.boolean(),
  channel: VoteChannelSchema,
  choice: z.union([
    z.object({ kind: z.literal('yes_no'), choice: z.string() }),
    z.object({ kind: z.enum(optionMethods), optionIds: z.array(z.number()) }),
  ]),
});
export type ReceiptReply = z.infer<typeof ReceiptReplySchema>;
