import type { CouncilKind } from '../territory/councils';
import type { MeetingMode } from '../meetings/attendance';
import type { builtInTags } from '../people/tags';
import type { RuleKey } from '../voting/rules';
import type { Governance } from '../governance/governances';

/**
 * Who a format invites by default (协商形式的默认邀约对象). The invite step turns each group into
 * what it can pick: the affected residents of the matter's place, or pool members by tag.
 */
export const inviteeGroups = [
  'affected_residents',
  'building_heads',
  'property',
  'party_members',
  'deputies',
  'sages',
  'owners_committee',
] as const;
export type InviteeGroup = (typeof inviteeGroups)[number];

/** The member-pool tags each group invites; `affected_residents` is the matter's place instead. */
export const inviteeGroupTags: Record<InviteeGroup, readonly (typeof builtInTags)[number][]> = {
  affected_residents: [],
  building_heads: ['楼栋长'],
  property: ['物业'],
  party_members: ['党员'],
  // 两代表一委员: deputies to the people's congress and members of the political consultative conference.
  deputies: ['人大代表', '政协委员'],
  sages: ['乡贤'],
  owners_committee: ['业委会'],
};

/** Pool tags a set of groups invites, each once, in group order. */
export function tagsOfGroups(groups: readonly InviteeGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => inviteeGroupTags[g]))];
}

/** A format's defaults: what the accept (受理) and invite steps start from; staff may change them. */
export type FormatTemplate = {
  name: string;
  description: string;
  inviteeGroups: readonly InviteeGroup[];
  councilKinds: readonly CouncilKind[];
  meetingMode: MeetingMode | null;
  ballotRule: RuleKey | null;
  /** The governances (四治) a matter of this format usually stands for: the vetting picker's suggestion. */
  governances: readonly Governance[];
};

/** Longest format name and description, in characters. */
export const FORMAT_NAME_MAX = 30;
export const FORMAT_DESCRIPTION_MAX = 500;

/**
 * The formats every community starts with (GLOSSARY: 协商形式): Tongxiang's branded ones (邻里汇,
 * 邀约协商, 麻花议事, 桂花树下, from the city's account of its practice) and two general ones.
 */
export const builtInFormatTemplates: readonly FormatTemplate[] = [
  {
    name: '邀约协商',
    description:
      '一事一议，邀约与事项有利益关系的居民、楼栋长和物业等相关方聚在一起面对面协商，达成共识。河滨小区“电梯加装”一事一议邀约协商会促成了全市首个加装电梯项目。',
    inviteeGroups: ['affected_residents', 'building_heads', 'property'],
    councilKinds: [],
    meetingMode: 'on_site',
    ballotRule: 'civil_code_278_major',
    governances: ['autonomy', 'law'],
  },
  {
    name: '麻花议事',
    description:
      '党建引领，党员、居民、物业和社会组织等多方像麻花一样拧成一股绳，共商小区公共事务，推动自治、法治、德治、智治“四治融合”。',
    inviteeGroups: ['affected_residents', 'party_members', 'property'],
    councilKinds: ['residents_council'],
    meetingMode: 'hybrid',
    ballotRule: 'simple_majority',
    governances: ['autonomy', 'law', 'virtue', 'smart'],
  },
  {
    name: '桂花树下',
    description:
      '村民和乡贤在村头桂花树下等身边场所围坐议事，乡贤参事会、村民代表共同商量村里的大事小情，化解矛盾于源头。',
    inviteeGroups: ['affected_residents', 'sages', 'party_members'],
    councilKinds: ['sage_council', 'villagers_representatives'],
    meetingMode: 'on_site',
    ballotRule: 'villagers_representative_meeting',
    governances: ['autonomy', 'virtue'],
  },
  {
    name: '邻里汇',
    description:
      '邻里之间的议事平台，楼栋长召集相关居民就楼道、小区里的身边事商量办法，让有利益冲突的邻里聚在一起达成共识。',
    inviteeGroups: ['affected_residents', 'building_heads'],
    councilKinds: ['residents_council'],
    meetingMode: 'on_site',
    ballotRule: 'simple_majority',
    governances: ['autonomy', 'virtue'],
  },
  {
    name: '专题议事会',
    description: '围绕一个专题，召集百姓议事会成员、党员和两代表一委员，线上线下结合（云议事）深入协商，提出意见建议。',
    inviteeGroups: ['affected_residents', 'party_members', 'deputies'],
    councilKinds: ['residents_council'],
    meetingMode: 'hybrid',
    ballotRule: 'simple_majority',
    governances: ['autonomy', 'smart'],
  },
  {
    name: '听证会',
    description:
      '涉及面广、意见分歧大的事项，公开听取利益相关居民、业委会、物业和两代表一委员的意见后再作决定，提高议事协商的透明度。',
    inviteeGroups: ['affected_residents', 'owners_committee', 'property', 'deputies'],
    councilKinds: ['residents_council', 'owners_committee'],
    meetingMode: 'on_site',
    ballotRule: 'supermajority',
    governances: ['autonomy', 'law'],
  },
];

/** Names of the built-in formats (a community gets each once). */
export const builtInFormats = builtInFormatTemplates.map((f) => f.name);
