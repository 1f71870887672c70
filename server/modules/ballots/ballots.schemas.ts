import { z } from 'zod';
import { idField, idParam, urlNumber } from '../../../contracts/common';
import { ballotStatuses } from '../../../domain/voting';
import { electorateKinds } from '../../db/schema';
import { ruleKeys } from '../../../domain/voting';

export const ballotParams = z.object({ id: idParam });
export const receiptParams = z.object({ id: idParam, code: z.string().trim().min(4).max(40) });

const thresholdBody = z.object({
  num: z.number().int().min(1).max(1000),
  den: z.number().int().min(1).max(1000),
  inclusive: z.boolean(),
});

const ballotFields = {
  question: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  ruleKey: z.enum(ruleKeys),
  threshold: thresholdBody.optional(),
  secrecy: z.enum(['named', 'secret']),
  allowsChange: z.boolean(),
  proxyCap: z.number().int().min(1).max(20).optional(),
  closesAt: z.iso.datetime({ offset: true }),
  options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** Paper ballots will be collected: at the closing time the ballot moves to counting (计票中). */
  usesPapers: z.boolean().optional(),
};

/** A matter's ballot: electorate from the matter's community (a scope place) or one of its councils. */
export const createMatterBallotBody = z.object({
  ...ballotFields,
  electorateKind: z.enum(electorateKinds),
  scopePlaceId: idField.optional(),
  councilId: idField.optional(),
  requiredDwellingIds: z.array(idField).max(200).optional(),
});
export type CreateMatterBallotBody = z.infer<typeof createMatterBallotBody>;

/** A council's own ballot: its members or representatives. */
export const createCouncilBallotBody = z.object({
  ...ballotFields,
  electorateKind: z.enum(['council', 'representatives']),
});
export type CreateCouncilBallotBody = z.infer<typeof createCouncilBallotBody>;

export const extendBody = z.object({
  closesAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(200),
});

/** Opening before the rule's notice days have passed needs a reason, kept in the ballot log and chain. */
export const openBody = z
  .object({ noticeOverride: z.object({ reason: z.string().trim().min(2).max(200) }).optional() })
  .nullish();
export type OpenBody = z.infer<typeof openBody>;

export const electorsQuery = z.object({
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, 200).default(50),
  q: z.string().trim().max(50).optional(),
  voted: z.enum(['true', 'false']).optional(),
});

const ratioCheck = z.object({
  measure: z.string(),
  part: z.string(),
  of: z.string(),
  threshold: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  percent: z.string(),
  met: z.boolean(),
});
const conditionsView = z.object({ mode: z.string(), met: z.boolean(), checks: z.array(ratioCheck) }).nullable();
const measureCounts = z.object({ heads: z.string(), area: z.string(), households: z.string() });

export const ballotResult = z.object({
  outcome: z.enum(['passed', 'rejected', 'not_quorate', 'decided', 'tie', 'no_votes']),
  isStatutory: z.boolean(),
  ruleName: z.string(),
  citation: z.string(),
  quorum: conditionsView,
  decision: conditionsView,
  electorate: measureCounts,
  participants: measureCounts,
  counts: z.object({ for: measureCounts, against: measureCounts, abstain: measureCounts }).nullable(),
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
export type BallotResult = z.infer<typeof ballotResult>;

const turnoutCount = z.object({ voted: z.number(), total: z.number() });
/** Area in m² with two decimals. */
const turnoutArea = z.object({ voted: z.string(), total: z.string() });

export const ballotSummary = z.object({
  id: z.number(),
  matterId: z.number().nullable(),
  councilId: z.number().nullable(),
  question: z.string(),
  description: z.string(),
  ruleKey: z.string(),
  ruleVersion: z.number(),
  threshold: thresholdBody.nullable(),
  electorateKind: z.enum(electorateKinds),
  scope: z.object({ id: z.number(), name: z.string() }).nullable(),
  secrecy: z.enum(['named', 'secret']),
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
  options: z.array(z.object({ id: z.number(), position: z.number(), label: z.string() })),
});

export const ballotView = z.object({
  ballot: ballotSummary,
  rule: z.object({
    name: z.string(),
    citation: z.string(),
    isStatutory: z.boolean(),
    method: z.string(),
    quorum: z.string().nullable(),
    decision: z.string().nullable(),
  }),
  electorate: z.object({ heads: z.number(), area: z.string(), households: z.number() }).nullable(),
  turnout: z.object({ heads: turnoutCount, area: turnoutArea, households: turnoutCount }),
  me: z.object({
    electorIds: z.array(z.number()),
    canVote: z.boolean(),
    hasVoted: z.boolean(),
    channel: z.string().nullable(),
    proxyFor: z.array(z.object({ electorId: z.number(), label: z.string(), hasVoted: z.boolean() })),
  }),
  abilities: z.object({ manage: z.boolean(), enterPaper: z.boolean() }),
  /** Staff who enter papers: how many are in each state (a count closes only with none pending or mismatched). */
  papers: z.object({ pending: z.number(), mismatch: z.number(), counted: z.number(), void: z.number() }).nullable(),
  result: ballotResult.nullable(),
});
export type BallotView = z.infer<typeof ballotView>;

export const ballotList = z.object({ items: z.array(ballotSummary) });

export const ruleList = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      version: z.number(),
      name: z.string(),
      citation: z.string(),
      effectiveFrom: z.string(),
      isStatutory: z.boolean(),
      method: z.string(),
      electorates: z.array(z.string()),
      measures: z.array(z.string()),
      quorum: z.string().nullable(),
      decision: z.string().nullable(),
      noticeDays: z.number().nullable(),
    }),
  ),
});

export const electorsReply = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      key: z.string(),
      label: z.string(),
      area: z.string(),
      householdId: z.number().nullable(),
      hasVoted: z.boolean(),
      channel: z.string().nullable(),
    }),
  ),
  total: z.number(),
});

/** Online vote: the choice (`choice` or `optionIds`, checked against the ballot) and the previous receipt. */
export const voteBody = z.object({
  choice: z.enum(['for', 'against', 'abstain']).optional(),
  optionIds: z.array(z.number().int()).max(20).optional(),
  receipt: z.string().trim().max(40).optional(),
});
export const voteReply = z.object({ receipt: z.string(), channel: z.string(), castAt: z.string() });
export const receiptReply = z.object({
  counted: z.boolean(),
  channel: z.string(),
  choice: z.union([
    z.object({ kind: z.literal('yes_no'), choice: z.string() }),
    z.object({ kind: z.enum(['approval', 'ranked']), optionIds: z.array(z.number()) }),
  ]),
});
