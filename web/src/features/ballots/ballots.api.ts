import { api, apiUrl } from '../../api/client';
import type {
  AssistedBody,
  PaperBody,
  PaperList,
  PaperStatus,
  PaperView,
  ReconcileBody,
} from '../../../../contracts/ballot-papers';
import type { CastReply, ProxyList, ProxyVoteBody, ProxyView, RevokeReply } from '../../../../contracts/ballot-proxies';
import type {
  Ballot,
  BallotList,
  BallotView,
  CreateMatterBallotBody,
  ElectorList,
  ElectorsQuery,
  ExtendBody,
  OpenBody,
  ReceiptReply,
  RuleList,
  VoteBody,
  VoteReply,
} from '../../../../contracts/ballots';
import type { VoteChannel, YesNoChoice } from '../../../../domain/voting';

/** 票决 / 云票选 (issue 4): the client side of docs/api.md "Ballots"; wire types from contracts/. */
export type {
  Ballot,
  BallotOption,
  BallotResult,
  BallotRule,
  BallotView,
  Elector,
  MeasureCounts,
  ResultCheck,
  ResultConditions,
  Threshold,
  Turnout,
} from '../../../../contracts/ballots';
export type { PaperEntry, PaperMismatch, PaperStatus, StoredChoice } from '../../../../contracts/ballot-papers';
export type {
  AssistedMethod,
  BallotOutcome as Outcome,
  BallotSecrecy,
  ConditionMode,
  ConditionPart,
  ElectorateKind,
  Measure,
  RuleMethod,
} from '../../../../domain/voting';
export {
  assistedMethods,
  ballotSecrecies,
  conditionParts,
  councilElectorateKinds,
  electorateKinds,
  placeElectorateKinds,
  yesNoChoices,
  voteChannels as channels,
} from '../../../../domain/voting';
export type YesNo = YesNoChoice;
export type Channel = VoteChannel;
export type Paper = PaperView;
export type Proxy = ProxyView;
export type BallotInput = CreateMatterBallotBody;

/** What a voter chooses: a yes/no answer, or option ids (approved, or ranked best first); one of VoteBody's two. */
export type Choice = Required<Pick<VoteBody, 'choice'>> | Required<Pick<VoteBody, 'optionIds'>>;
/** A receipt as the voter sees it: the online reply, or a proxy's or assisted vote's. */
export type Receipt = VoteReply | CastReply;

/** Where and what an assisted vote posts (the outbox keeps both). */
const assistedPath = (id: number) => `/ballots/${id}/votes/assisted`;
const assistedBody = (electorId: number, method: AssistedBody['method'], choice: Choice): AssistedBody => ({
  electorId,
  method,
  ...choice,
});

export const ballotsApi = {
  rules: () => api.get<RuleList>('/ballot-rules'),
  ofMatter: (matterId: number) => api.get<BallotList>(`/matters/${matterId}/ballots`),
  create: (matterId: number, input: BallotInput) => api.post<Ballot>(`/matters/${matterId}/ballots`, input),
  get: (id: number) => api.get<BallotView>(`/ballots/${id}`),
  open: (id: number, noticeOverrideReason?: string) =>
    api.post<BallotView>(
      `/ballots/${id}/open`,
      (noticeOverrideReason ? { noticeOverride: { reason: noticeOverrideReason } } : undefined) satisfies OpenBody,
    ),
  electors: (id: number, query: ElectorsQuery) => api.get<ElectorList>(`/ballots/${id}/electors`, query),
  vote: (id: number, choice: Choice, receipt?: string) =>
    api.post<VoteReply>(`/ballots/${id}/votes`, { ...choice, ...(receipt ? { receipt } : {}) } satisfies VoteBody),
  voteAsProxy: (id: number, principalElectorId: number, choice: Choice) =>
    api.post<CastReply>(`/ballots/${id}/votes/proxy`, { principalElectorId, ...choice } satisfies ProxyVoteBody),
  proxies: (id: number) => api.get<ProxyList>(`/ballots/${id}/proxies`),
  /** Multipart: the RegisterProxyBody fields and the `letter` (委托书). */
  registerProxy: (id: number, form: FormData) => api.post<Proxy>(`/ballots/${id}/proxies`, form),
  revokeProxy: (proxyId: number) => api.delete<RevokeReply>(`/ballot-proxies/${proxyId}`),
  assisted: (id: number, electorId: number, method: AssistedBody['method'], choice: Choice) =>
    api.post<CastReply>(assistedPath(id), assistedBody(electorId, method, choice)),
  assistedPath,
  assistedBody,
  papers: (id: number, status?: PaperStatus) => api.get<PaperList>(`/ballots/${id}/papers`, { status }),
  enterPaper: (id: number, paperNo: string, electorId: number, choice: Choice) =>
    api.post<Paper>(`/ballots/${id}/papers`, { paperNo, electorId, ...choice } satisfies PaperBody),
  reconcile: (paperId: number, body: ReconcileBody) => api.post<Paper>(`/ballot-papers/${paperId}/reconcile`, body),
  extend: (id: number, closesAt: string, reason: string) =>
    api.post<BallotView>(`/ballots/${id}/extend`, { closesAt, reason } satisfies ExtendBody),
  close: (id: number) => api.post<BallotView>(`/ballots/${id}/close`),
  receipt: (id: number, code: string) => api.get<ReceiptReply>(`/ballots/${id}/receipts/${encodeURIComponent(code)}`),
  eventsUrl: (id: number) => apiUrl(`/ballots/${id}/events`),
};
