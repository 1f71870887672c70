import {
  Ids,
  pad,
  type CouncilMemberRow,
  type CouncilRow,
  type OrganisationRow,
  type PlaceRow,
  type PoolMemberRow,
  type ResidentRow,
} from './model';
import { lawFirmName, socialOrganisationName } from './names';
import { REFERENCE_YEAR, type People, type Person } from './people';
import type { Rng } from './random';
import type { CommunityNode, Territory } from './territory';

/**
 * Each community's member pool (议事协商成员库): 15–30 tagged residents plus the organisations it
 * works with (the estates' property companies, the town's law firm and 住建 department, a social
 * organisation), and its councils with 5–11 seats drawn from that pool.
 */

export type Pool = {
  organisations: OrganisationRow[];
  poolMembers: PoolMemberRow[];
  councils: CouncilRow[];
  councilMembers: CouncilMemberRow[];
};
/** A resident who must sit in their community's pool and residents' council (the member demo account). */
export type PoolPin = { resident: ResidentRow; tags: string[] };

/** An estate with at least this many homes elects an owners' committee. */
const OWNERS_COMMITTEE_MIN_HOMES = 120;
/**
 * Terms running past the demo's year, so the seeded councils stay current for years: ballots' council
 * electorates and task assignment take only members whose term covers today (ending them on
 * 2026-12-31 left the demo without a current council from 2027).
 */
const TERMS = {
  residents_council: ['2024-01-01', '2028-12-31'],
  sage_council: ['2024-01-01', '2028-12-31'],
  owners_committee: ['2023-07-01', '2028-06-30'],
  villagers_representatives: ['2026-01-01', '2030-12-31'],
} as const;

type TagRule = readonly [tag: string, weight: number, fits: (age: number) => boolean];
const anyAge = () => true;
const URBAN_TAGS: TagRule[] = [
  ['党员', 4, anyAge],
  ['楼栋长', 4, (a) => a >= 35],
  ['志愿者', 2, anyAge],
  ['退休干部', 2, (a) => a >= 60],
  ['律师', 1, (a) => a >= 28 && a <= 60],
  ['教师', 1, (a) => a <= 62],
  ['医生', 1, (a) => a <= 62],
  ['青年代表', 1, (a) => a <= 38],
];
const RURAL_TAGS: TagRule[] = [
  ['党员', 3, anyAge],
  ['老娘舅', 1, (a) => a >= 50],
  ['退休干部', 2, (a) => a >= 60],
  ['志愿者', 1, anyAge],
  ['致富能手', 1, (a) => a <= 55],
];

function drawTags(rng: Rng, rules: TagRule[], age: number, count: number): string[] {
  const fitting = rules.filter(([, , fits]) => fits(age)).map(([tag, weight]) => [tag, weight] as const);
  const tags = new Set<string>();
  for (let i = 0; i < count * 3 && tags.size < count; i++) tags.add(rng.weighted(fitting));
  return [...tags];
}

/** Chair first, one or two vice-chairs, then members. */
function position(index: number, seats: number): CouncilMemberRow['position'] {
  if (index === 0) return 'chair';
  return index === 1 || (index === 2 && seats >= 9) ? 'vice_chair' : 'member';
}

export function buildPool(
  rng: Rng,
  ids: Ids,
  territory: Territory,
  people: People,
  pins: PoolPin[],
  excluded: Set<number>,
): Pool {
  const pool: Pool = { organisations: [], poolMembers: [], councils: [], councilMembers: [] };
  const usedFirms = new Set<string>();
  const townOrganisations = new Map<number, OrganisationRow[]>();
  const personsByCommunity = new Map<number, Person[]>();
  for (const person of people.persons) {
    const key = person.site.estate.community.place.id;
    const list = personsByCommunity.get(key) ?? [];
    list.push(person);
    personsByCommunity.set(key, list);
  }
  const landline = () => `0573-8${pad(rng.int(0, 9_999_999), 7)}`;

  function addOrganisation(place: PlaceRow, name: string, kind: OrganisationRow['kind']): OrganisationRow {
    const row: OrganisationRow = {
      id: ids.next('organisations'),
      placeId: place.id,
      placePath: place.path,
      name,
      kind,
      contactPhone: landline(),
    };
    pool.organisations.push(row);
    return row;
  }

  function organisationsOfTown(town: PlaceRow): OrganisationRow[] {
    let found = townOrganisations.get(town.id);
    if (!found) {
      found = [
        addOrganisation(town, lawFirmName(rng, usedFirms), 'law_firm'),
        addOrganisation(town, `${town.name}住建办`, 'department'),
      ];
      townOrganisations.set(town.id, found);
    }
    return found;
  }

  function addCouncil(place: PlaceRow, kind: keyof typeof TERMS, name: string, seats: PoolMemberRow[]) {
    const [termStart, termEnd] = TERMS[kind];
    const council: CouncilRow = {
      id: ids.next('councils'),
      placeId: place.id,
      placePath: place.path,
      kind,
      name,
      termStart,
      termEnd,
    };
    pool.councils.push(council);
    seats.forEach((member, i) => {
      pool.councilMembers.push({
        id: ids.next('council_members'),
        councilId: council.id,
        poolMemberId: member.id,
        position: position(i, seats.length),
        termStart,
        termEnd,
      });
    });
  }

  function fillCommunity(community: CommunityNode) {
    const place = community.place;
    const joined = new Map<number, PoolMemberRow>();
    const join = (resident: ResidentRow, tags: string[]): PoolMemberRow => {
      const row: PoolMemberRow = {
        id: ids.next('pool_members'),
        placeId: place.id,
        placePath: place.path,
        residentId: resident.id,
        organisationId: null,
        tags,
        note: null,
        isActive: true,
      };
      pool.poolMembers.push(row);
      joined.set(resident.id, row);
      return row;
    };
    const ageOf = (p: Person) => REFERENCE_YEAR - p.birthYear;
    const candidates = rng.shuffle(
      (personsByCommunity.get(place.id) ?? []).filter(
        (p) => ageOf(p) >= 25 && ageOf(p) <= 80 && !excluded.has(p.resident.id),
      ),
    );
    const take = (count: number, accepts: (p: Person) => boolean): Person[] =>
      candidates.filter((p) => !joined.has(p.resident.id) && accepts(p)).slice(0, count);
    const pinned = pins
      .filter((pin) => pin.resident.placePath.startsWith(place.path))
      .map((pin) => join(pin.resident, pin.tags));
    const target = rng.int(15, 30);

    if (community.isRural) {
      const sages = take(rng.int(5, 9), (p) => ageOf(p) >= 45).map((p) =>
        join(p.resident, ['乡贤', ...drawTags(rng, RURAL_TAGS, ageOf(p), rng.int(0, 1))]),
      );
      const representatives = take(rng.int(7, 11), () => true).map((p) =>
        join(p.resident, ['村民代表', ...drawTags(rng, RURAL_TAGS, ageOf(p), rng.int(0, 1))]),
      );
      for (const p of take(target - joined.size, () => true))
        join(p.resident, drawTags(rng, RURAL_TAGS, ageOf(p), rng.int(1, 2)));
      addCouncil(place, 'sage_council', `${place.name}乡贤参事会`, sages);
      addCouncil(place, 'villagers_representatives', `${place.name}村民代表`, representatives);
    } else {
      const committees = community.estates
        .filter((e) => e.homeCount >= OWNERS_COMMITTEE_MIN_HOMES)
        .map((estate) => {
          const owners = take(rng.int(5, 7), (p) => p.site.estate === estate && p.resident.tenure === 'owner');
          return {
            estate,
            seats: owners.map((p) => join(p.resident, ['业委会', ...(rng.chance(0.3) ? ['党员'] : [])])),
          };
        });
      for (const p of take(target - joined.size, () => true))
        join(p.resident, drawTags(rng, URBAN_TAGS, ageOf(p), rng.int(1, 2)));
      const pinnedIds = new Set(pinned.map((m) => m.id));
      const others = rng.shuffle([...joined.values()].filter((m) => !pinnedIds.has(m.id)));
      // The pinned member sits as an ordinary member, after the chair and vice-chairs.
      const seats = [...others.slice(0, rng.int(7, 11) - pinned.length), ...pinned];
      addCouncil(place, 'residents_council', `${place.name}百姓议事会`, seats);
      for (const { estate, seats: committee } of committees) {
        if (committee.length >= 5)
          addCouncil(estate.place, 'owners_committee', `${estate.place.name}业主委员会`, committee);
      }
    }

    const [lawFirm, department] = organisationsOfTown(community.town);
    const joinOrganisation = (organisation: OrganisationRow, tags: string[]) =>
      pool.poolMembers.push({
        id: ids.next('pool_members'),
        placeId: place.id,
        placePath: place.path,
        residentId: null,
        organisationId: organisation.id,
        tags,
        note: null,
        isActive: true,
      });
    if (!community.isRural) {
      for (const estate of community.estates)
        joinOrganisation(addOrganisation(estate.place, `${estate.place.name}物业服务有限公司`, 'property_company'), [
          '物业',
        ]);
    } else {
      joinOrganisation(addOrganisation(place, `${place.name}股份经济合作社`, 'enterprise'), ['集体经济']);
    }
    joinOrganisation(
      addOrganisation(place, socialOrganisationName(rng, community.stem, community.isRural), 'social_organisation'),
      ['社会组织'],
    );
    joinOrganisation(lawFirm!, ['律师']);
    joinOrganisation(department!, ['住建', '职能部门']);
  }

  for (const community of territory.communities) fillCommunity(community);
  return pool;
}
