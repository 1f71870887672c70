/**
 * The decision rules, as data (../shared/domain/voting-rules.md). Each is named, versioned, cited and
 * dated; a ballot stores the key, version and parameters of the rule it was opened under, so a later
 * version (e.g. the revised Urban Residents' Committees law in force from 2026-01-01) never changes a
 * ballot already held.
 */
import { isValidThreshold, moreThanHalf, threeQuartersOrMore, twoThirdsOrMore, type Threshold } from './threshold';

/** What is counted: persons (one per elector), exclusive area (hundredths of m²) or households. */
export const measures = ['heads', 'area', 'households'] as const;
export type Measure = (typeof measures)[number];
/** Who may vote, fixed when the ballot opens. */
export const electorateKinds = ['owners', 'adult_residents', 'households', 'representatives', 'council'] as const;
export type ElectorateKind = (typeof electorateKinds)[number];
/** The electorates drawn from a place's dwellings or residents: the ballot names the place (its scope). */
export const placeElectorateKinds = [
  'owners',
  'adult_residents',
  'households',
] as const satisfies readonly ElectorateKind[];
/** The electorates a council's own ballot may have: its members, or the representatives. */
export const councilElectorateKinds = ['council', 'representatives'] as const satisfies readonly ElectorateKind[];
/** How choices are given: a yes/no question, consent with blocking objections, options approved, or ranked. */
export const ruleMethods = ['yes_no', 'consent', 'approval', 'ranked'] as const;
export type RuleMethod = (typeof ruleMethods)[number];
/** How a stored choice is shaped: a yes/no answer (also for consent), or options approved or ranked. */
export const choiceKinds = ['yes_no', 'approval', 'ranked'] as const satisfies readonly RuleMethod[];
/** The methods whose choice is a list of options rather than a yes/no answer. */
export const optionMethods = ['approval', 'ranked'] as const satisfies readonly RuleMethod[];
/** The answers to a yes/no (or consent) question. */
export const yesNoChoices = ['for', 'against', 'abstain'] as const;
/** How a vote reached the ballot box: online, by a proxy, entered for the voter, or on paper. */
export const voteChannels = ['online', 'proxy', 'assisted', 'paper'] as const;
export type VoteChannel = (typeof voteChannels)[number];
/** The channels of a vote cast for someone else: by their proxy (委托代投) or entered by staff (协助投票). */
export const onBehalfChannels = ['proxy', 'assisted'] as const satisfies readonly VoteChannel[];
/** How staff took an assisted vote: 入户 (door to door) or 流动票箱 (mobile ballot box). */
export const assistedMethods = ['door_to_door', 'mobile_box'] as const;
export type AssistedMethod = (typeof assistedMethods)[number];
/** 记名投票 (named) or 不记名投票 (secret): whether a vote can be traced to its voter. */
export const ballotSecrecies = ['named', 'secret'] as const;
export type BallotSecrecy = (typeof ballotSecrecies)[number];

/**
 * One comparison: `part` (those who took part, or who approved) over `of` (the whole electorate,
 * those who took part, or the decisive votes for + against) measured in `measure`.
 */
export type Check = {
  measure: Measure;
  part: 'participants' | 'approvals';
  of: 'electorate' | 'participants' | 'decisive';
  threshold: Threshold;
};
/** `all` checks must hold (Art. 278: area and heads), or `any` of them (villagers: persons or households). */
export const conditionModes = ['all', 'any'] as const;
export type ConditionMode = (typeof conditionModes)[number];
export type Conditions = { mode: ConditionMode; checks: readonly Check[] };
/** A rule's two sets of conditions: 参与条件 (quorum: enough took part) and 通过条件 (decision: enough agreed). */
export const conditionParts = ['quorum', 'decision'] as const;
export type ConditionPart = (typeof conditionParts)[number];

export type DecisionRule = {
  key: RuleKey;
  version: number;
  name: string;
  nameEn: string;
  /** The legal source, as printed on the result and in the file; empty for consultation rules. */
  citation: string;
  /** First day (China) the version applies to ballots opened on or after it. */
  effectiveFrom: string;
  /** Statutory decision (法定表决) or a consultation opinion (协商意见) — labelled so everywhere. */
  isStatutory: boolean;
  method: RuleMethod;
  electorates: readonly ElectorateKind[];
  /** The measures the result reports (heads, and area where weights apply). */
  measures: readonly Measure[];
  quorum: Conditions | null;
  /** For `yes_no`; `consent` passes with no blocking objection, `approval`/`ranked` pick options. */
  decision: Conditions | null;
  /** Days of notice the law asks before the meeting, when it does. */
  noticeDays?: number;
};

export const ruleKeys = [
  'civil_code_278_major',
  'civil_code_278_general',
  'villagers_meeting',
  'villagers_representative_meeting',
  'village_group_meeting',
  'residents_meeting',
  'one_matter_one_discussion',
  'simple_majority',
  'supermajority',
  'consent',
  'approval',
  'ranked_choice',
] as const;
export type RuleKey = (typeof ruleKeys)[number];

const check = (measure: Measure, part: Check['part'], of: Check['of'], threshold: Threshold): Check => ({
  measure,
  part,
  of,
  threshold,
});
const all = (...checks: Check[]): Conditions => ({ mode: 'all', checks });
const any = (...checks: Check[]): Conditions => ({ mode: 'any', checks });
/** Most statutory meetings decide by more than half of those attending. */
const majorityOfAttendees = all(check('heads', 'approvals', 'participants', moreThanHalf));
/** Art. 278 para. 2: owners with ≥ 2/3 of the area and ≥ 2/3 of the owners take part. */
const ownersQuorum = all(
  check('area', 'participants', 'electorate', twoThirdsOrMore),
  check('heads', 'participants', 'electorate', twoThirdsOrMore),
);

const statutory: readonly DecisionRule[] = [
  {
    key: 'civil_code_278_major',
    version: 1,
    name: '业主共同决定（重大事项：筹集维修资金、改建重建、改变共有部分用途）',
    nameEn: "Owners' decision, major item (Civil Code Art. 278 items 6–8)",
    citation: '《中华人民共和国民法典》第二百七十八条第一款第六至八项、第二款',
    effectiveFrom: '2021-01-01',
    isStatutory: true,
    method: 'yes_no',
    electorates: ['owners'],
    measures: ['heads', 'area'],
    quorum: ownersQuorum,
    decision: all(
      check('area', 'approvals', 'participants', threeQuartersOrMore),
      check('heads', 'approvals', 'participants', threeQuartersOrMore),
    ),
  },
  {
    key: 'civil_code_278_general',
    version: 1,
    name: '业主共同决定（一般事项）',
    nameEn: "Owners' decision, general item (Civil Code Art. 278)",
    citation: '《中华人民共和国民法典》第二百七十八条第二款',
    effectiveFrom: '2021-01-01',
    isStatutory: true,
    method: 'yes_no',
    electorates: ['owners'],
    measures: ['heads', 'area'],
    quorum: ownersQuorum,
    decision: all(
      check('area', 'approvals', 'participants', moreThanHalf),
      check('heads', 'approvals', 'participants', moreThanHalf),
    ),
  },
  {
    key: 'villagers_meeting',
    version: 1,
    name: '村民会议',
    nameEn: "Villagers' meeting",
    citation: '《中华人民共和国村民委员会组织法》第二十一条、第二十二条',
    effectiveFrom: '2018-12-29',
    isStatutory: true,
    method: 'yes_no',
    electorates: ['adult_residents'],
    measures: ['heads', 'households'],
    quorum: any(
      check('heads', 'participants', 'electorate', moreThanHalf),
      check('households', 'participants', 'electorate', twoThirdsOrMore),
    ),
    decision: majorityOfAttendees,
    noticeDays: 10,
  },
  {
    key: 'villagers_representative_meeting',
    version: 1,
    name: '村民代表会议',
    nameEn: "Villagers' representative meeting",
    citation: '《中华人民共和国村民委员会组织法》第二十五条、第二十六条',
    effectiveFrom: '2018-12-29',
    isStatutory: true,
    method: 'yes_no',
    electorates: ['representatives'],
    measures: ['heads'],
    quorum: all(check('heads', 'participants', 'electorate', twoThirdsOrMore)),
    decision: majorityOfAttendees,
  },
  {
    key: 'village_group_meeting',
    version: 1,
    name: '村民小组会议',
    nameEn: 'Village-group meeting',
    citation: '《中华人民共和国村民委员会组织法》第二十八条',
    effectiveFrom: '2018-12-29',
    isStatutory: true,
    method: 'yes_no',
    electorates: ['adult_residents'],
    measures: ['heads', 'households'],
    quorum: any(
      check('heads', 'participants', 'electorate', twoThirdsOrMore),
      check('households', 'participants', 'electorate', twoThirdsOrMore),
    ),
    decision: majorityOfAttendees,
  },
  {
    key: 'residents_meeting',
    version: 1,
    name: '居民会议',
    nameEn: "Residents' meeting",
    citation: '《中华人民共和国城市居民委员会组织法》第九条',
    effectiveFrom: '1990-01-01',
    isStatutory: true,
    method: 'yes_no',
    // 18+ residents, one representative per household, or 2–3 per residents' group.
    electorates: ['adult_residents', 'households', 'representatives'],
    measures: ['heads'],
    quorum: all(check('heads', 'participants', 'electorate', moreThanHalf)),
    decision: majorityOfAttendees,
  },
  {
    key: 'one_matter_one_discussion',
    version: 1,
    name: '一事一议筹资筹劳',
    nameEn: 'One matter, one discussion (fund and labour raising)',
    citation: '《村民一事一议筹资筹劳管理办法》（农业部令2007年第4号）及省级实施办法',
    effectiveFrom: '2007-01-16',
    isStatutory: true,
    method: 'yes_no',
    // Representatives vote for the households they represent, each household's signature obtained first.
    electorates: ['households'],
    measures: ['households'],
    quorum: all(check('households', 'participants', 'electorate', twoThirdsOrMore)),
    decision: all(check('households', 'approvals', 'participants', moreThanHalf)),
  },
];

const consultation = (
  key: RuleKey,
  name: string,
  nameEn: string,
  method: RuleMethod,
  decision: Conditions | null,
): DecisionRule => ({
  key,
  version: 1,
  name,
  nameEn,
  citation: '',
  effectiveFrom: '2020-01-01',
  isStatutory: false,
  method,
  electorates: electorateKinds,
  measures: ['heads'],
  quorum: null,
  decision,
});

/** The default supermajority when a ballot does not set one: 三分之二以上 of the decisive votes. */
export const defaultSupermajority: Threshold = twoThirdsOrMore;

const consultations: readonly DecisionRule[] = [
  consultation(
    'simple_majority',
    '简单多数（协商意见）',
    'Simple majority (consultation)',
    'yes_no',
    all(check('heads', 'approvals', 'decisive', moreThanHalf)),
  ),
  consultation(
    'supermajority',
    '特定多数（协商意见）',
    'Supermajority (consultation)',
    'yes_no',
    all(check('heads', 'approvals', 'decisive', defaultSupermajority)),
  ),
  consultation('consent', '无异议通过（协商意见）', 'Consent: no blocking objection', 'consent', null),
  consultation('approval', '认可投票（多选项）', 'Approval voting among options', 'approval', null),
  consultation('ranked_choice', '排序复选（即时决选）', 'Ranked choice (instant runoff)', 'ranked', null),
];

/** Every version of every rule shipped, oldest first. */
export const builtInRules: readonly DecisionRule[] = [...statutory, ...consultations];

/** What a ballot stores: the rule's key and version, and the supermajority's threshold when chosen. */
export type RuleRef = { key: RuleKey; version: number; threshold?: Threshold };

/** The version of `key` in force on `day` (YYYY-MM-DD, China), or undefined before its first version. */
export function ruleInForce(key: RuleKey, day: string): DecisionRule | undefined {
  return builtInRules.filter((r) => r.key === key && r.effectiveFrom <= day).sort((a, b) => b.version - a.version)[0];
}

/**
 * The rule a stored reference names, with a supermajority's own threshold applied. Throws on an
 * unknown key or version or a malformed threshold: stored references come from our own writes.
 */
export function resolveRule(ref: RuleRef): DecisionRule {
  const rule = builtInRules.find((r) => r.key === ref.key && r.version === ref.version);
  if (!rule) throw new Error(`unknown rule ${ref.key} v${ref.version}`);
  if (ref.key !== 'supermajority' || !ref.threshold) return rule;
  if (!isValidThreshold(ref.threshold)) throw new Error('a supermajority threshold must be a fraction in (0, 1]');
  return { ...rule, decision: all(check('heads', 'approvals', 'decisive', ref.threshold)) };
}
