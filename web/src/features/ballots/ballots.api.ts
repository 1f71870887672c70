import type { BallotStatus, PaperStatus, ProxyStatus } from '../../../../domain/voting';
import { api, apiUrl } from '../../api/client';

/** 票决 / 云票选 (issue 4): the client side of docs/api.md "Ballots". */
export type ElectorateKind = 'owners' | 'adult_residents' | 'households' | 'representatives' | 'council';
export const electorateKinds: readonly ElectorateKind[] = [
  'owners',
  'adult_residents',
  'households',
  'representatives',
  'council',
];
export type RuleMethod = 'yes_no' | 'consent' | 'approval' | 'ranked';
export type Measure = 'heads' | 'area' | 'households';
export type YesNo = 'for' | 'against' | 'abstain';
export const yesNoChoices: readonly YesNo[] = ['for', 'against', 'abstain'];
export type Channel = 'online' | 'proxy' | 'assisted' | 'paper';
export const channels: readonly Channel[] = ['online', 'proxy', 'assisted', 'paper'];
/** Ballot states, counting (计票中) included, and paper and proxy states: the domain's tables. */
export type { BallotStatus, PaperStatus } from '../../../../domain/voting';
export type Threshold = { num: number; den: number; inclusive: boolean };

/** A threshold as the server words it ("≥ 2/3") or as data. */
export type ThresholdValue = string | Threshold;
export type RuleCheck = { measure: Measure; part: string; of: string; threshold: ThresholdValue };
export type RuleConditions = { mode: 'all' | 'any'; checks: readonly RuleCheck[] } | null;

export type BallotRule = {
  key: string;
  version: number;
  name: string;
  citation: string;
  effectiveFrom: string;
  isStatutory: boolean;
  method: RuleMethod;
  electorates: ElectorateKind[];
  measures: Measure[];
  /** The conditions in the server's short words ("人数 ≥ 2/3（占全体）"); the web words them from domain/voting. */
  quorum: string | null;
  decision: string | null;
  noticeDays?: number | null;
};

export type BallotOption = { id: number; position: number; label: string };
export type Ballot = {
  id: number;
  matterId: number | null;
  councilId: number | null;
  question: string;
  description: string;
  ruleKey: string;
  ruleVersion: number;
  threshold: Threshold | null;
  electorateKind: ElectorateKind;
  scope: { id: number; name: string } | null;
  secrecy: 'named' | 'secret';
  allowsChange: boolean;
  proxyCap: number;
  status: BallotStatus;
  closesAt: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Paper ballots in use: the deadline leads to counting, and staff close the count. */
  usesPapers: boolean;
  /** Opened before the rule's notice days had passed: the reason recorded and the day it could have opened. */
  noticeOverride: { reason: string; opensOn: string | null } | null;
  options: BallotOption[];
};

export type Count = { voted: number | string; total: number | string };
export type Turnout = { heads: Count; area: Count; households?: Count };

export type ResultCheck = {
  measure: Measure;
  part: string;
  of: string;
  threshold: string;
  numerator: string;
  denominator: string;
  percent: string;
  met: boolean;
};
export type ResultConditions = { mode: 'all' | 'any'; met: boolean; checks: ResultCheck[] } | null;
export type Outcome = 'passed' | 'rejected' | 'not_quorate' | 'decided' | 'tie' | 'no_votes';
/** Counts as strings; area in hundredths of m². */
export type MeasureCounts = { heads: string; area: string; households: string };
export type BallotResult = {
  outcome: Outcome;
  isStatutory: boolean;
  ruleName?: string;
  citation: string;
  quorum: ResultConditions;
  decision: ResultConditions;
  electorate?: MeasureCounts;
  participants?: MeasureCounts;
  counts: Record<YesNo, MeasureCounts> | null;
  approval: { optionId: number; approvals: number }[] | null;
  ranked: { rounds: unknown[]; winners: number[] } | null;
  winners?: number[];
  missingConsents: string[];
  channels: Record<Channel, number>;
};

export type BallotView = {
  ballot: Ballot;
  rule: {
    name: string;
    citation: string;
    isStatutory: boolean;
    method: RuleMethod;
    quorum: string | null;
    decision: string | null;
  };
  electorate: { heads: number; area: string; households: number } | null;
  turnout: Turnout;
  me: {
    electorIds: number[];
    canVote: boolean;
    hasVoted: boolean;
    channel: Channel | null;
    proxyFor: { electorId: number; label: string; hasVoted: boolean }[];
  };
  abilities: { manage: boolean; enterPaper: boolean };
  /** For staff who enter papers: how many papers are in each state. */
  papers: Record<PaperStatus, number> | null;
  result: BallotResult | null;
};

/** What a voter chooses: a yes/no answer, or option ids (approved, or ranked best first). */
export type Choice = { choice: YesNo } | { optionIds: number[] };
export type Receipt = { receipt: string; channel: Channel; castAt?: string };

export type BallotInput = {
  question: string;
  description?: string;
  ruleKey: string;
  threshold?: Threshold;
  electorateKind: ElectorateKind;
  scopePlaceId?: number;
  councilId?: number;
  secrecy: 'named' | 'secret';
  allowsChange: boolean;
  proxyCap?: number;
  closesAt: string;
  options?: string[];
  requiredDwellingIds?: number[];
  usesPapers?: boolean;
};

export type Elector = {
  id: number;
  key: string;
  label: string;
  area: string;
  householdId: number | null;
  hasVoted: boolean;
  channel: Channel | null;
};
export type Proxy = {
  id: number;
  principal: { electorId: number; label: string };
  proxyName: string;
  status: ProxyStatus;
  hasVoted: boolean;
  createdAt: string;
};
/** A stored choice (`{ kind, choice }` or `{ kind, optionIds }`); always null on a secret ballot. */
export type StoredChoice = { kind: string; choice?: YesNo; optionIds?: number[] } | null;
export type PaperEntry = {
  electorId: number;
  label: string;
  choice: StoredChoice;
  enteredBy: { accountId: number; name: string };
  at: string;
};
/** Why a paper waits: its two entries differ (never what either said), or its elector had already voted. */
export type PaperMismatch = 'differs' | 'already_voted';
export type Paper = {
  id: number;
  paperNo: string;
  status: PaperStatus;
  mismatch: PaperMismatch | null;
  reconcileNote: string | null;
  entries: PaperEntry[];
};

export const ballotsApi = {
  rules: () => api.get<{ items: BallotRule[] }>('/ballot-rules'),
  ofMatter: (matterId: number) => api.get<{ items: Ballot[] }>(`/matters/${matterId}/ballots`),
  create: (matterId: number, input: BallotInput) => api.post<Ballot>(`/matters/${matterId}/ballots`, input),
  get: (id: number) => api.get<BallotView>(`/ballots/${id}`),
  open: (id: number, noticeOverrideReason?: string) =>
    api.post<BallotView>(
      `/ballots/${id}/open`,
      noticeOverrideReason ? { noticeOverride: { reason: noticeOverrideReason } } : undefined,
    ),
  electors: (id: number, query: { page: number; pageSize: number; q?: string; voted?: 'true' | 'false' }) =>
    api.get<{ items: Elector[]; total: number }>(`/ballots/${id}/electors`, query),
  vote: (id: number, choice: Choice, receipt?: string) =>
    api.post<Receipt>(`/ballots/${id}/votes`, { ...choice, ...(receipt ? { receipt } : {}) }),
  voteAsProxy: (id: number, principalElectorId: number, choice: Choice) =>
    api.post<Receipt>(`/ballots/${id}/votes/proxy`, { principalElectorId, ...choice }),
  proxies: (id: number) => api.get<{ items: Proxy[] }>(`/ballots/${id}/proxies`),
  registerProxy: (id: number, form: FormData) => api.post<Proxy>(`/ballots/${id}/proxies`, form),
  revokeProxy: (proxyId: number) => api.delete<{ id: number; status: 'revoked' }>(`/ballot-proxies/${proxyId}`),
  assisted: (id: number, electorId: number, method: 'door_to_door' | 'mobile_box', choice: Choice) =>
    api.post<Receipt>(`/ballots/${id}/votes/assisted`, { electorId, method, ...choice }),
  papers: (id: number, status?: PaperStatus) =>
    api.get<{ items: Paper[]; counts: Partial<Record<PaperStatus, number>> }>(`/ballots/${id}/papers`, { status }),
  enterPaper: (id: number, paperNo: string, electorId: number, choice: Choice) =>
    api.post<Paper>(`/ballots/${id}/papers`, {
      paperNo,
      electorId,
      ...choice,
    }),
  reconcile: (paperId: number, body: ({ electorId: number; note?: string } & Choice) | { void: true; note: string }) =>
    api.post<Paper>(`/ballot-papers/${paperId}/reconcile`, body),
  extend: (id: number, closesAt: string, reason: string) =>
    api.post<BallotView>(`/ballots/${id}/extend`, { closesAt, reason }),
  close: (id: number) => api.post<BallotView>(`/ballots/${id}/close`),
  receipt: (id: number, code: string) =>
    api.get<{ counted: boolean; channel: Channel; choice: unknown }>(
      `/ballots/${id}/receipts/${encodeURIComponent(code)}`,
    ),
  eventsUrl: (id: number) => apiUrl(`/ballots/${id}/events`),
};
