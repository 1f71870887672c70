import type { Role } from '../../domain/access';
import { Ids, type AccountRow, type RoleGrantRow } from './model';
import { personName, type Gender } from './names';
import type { HomePin, People } from './people';
import type { Rng } from './random';
import type { Territory } from './territory';

/**
 * The demo logins, one per role (password demo1234). The member and resident accounts belong to
 * generated residents whose homes are pinned below; ordinary residents get an account at their
 * first code login instead.
 */
export const DEMO_PASSWORD = 'demo1234';

export type DemoAccount = {
  phone: string;
  role: Role;
  placeCode: string;
  /** The dwelling of the resident this account belongs to; they also hold `resident` on its place. */
  home?: { dwellingCode: string; minSize: number };
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { phone: '13900000001', role: 'admin', placeCode: 'TA' },
  { phone: '13900000002', role: 'city_officer', placeCode: 'TA' },
  { phone: '13900000003', role: 'town_officer', placeCode: 'TA-01' },
  { phone: '13900000004', role: 'convenor', placeCode: 'TA-01-01' },
  { phone: '13900000005', role: 'grid_worker', placeCode: 'TA-01-01' },
  { phone: '13900000006', role: 'supervisor', placeCode: 'TA-01-01' },
  // 河滨小区 2幢 1单元 0502: in 河滨社区's pool and its 百姓议事会.
  {
    phone: '13900000007',
    role: 'member',
    placeCode: 'TA-01-01',
    home: { dwellingCode: 'TA-01-01-01-02-1-0502', minSize: 2 },
  },
  // 河滨小区 5幢 2单元 0301: an owner-occupier with a household of three or more.
  {
    phone: '13900000008',
    role: 'resident',
    placeCode: 'TA-01-01-01-05-2',
    home: { dwellingCode: 'TA-01-01-01-05-2-0301', minSize: 3 },
  },
  // A convenor in another town, for refusal tests.
  { phone: '13900000009', role: 'convenor', placeCode: 'TA-02-01' },
  // Department liaisons (部门联络员): the city's 民政局 and 梧桐街道's 城管科 (linked by seed/departments.ts).
  { phone: '13900000010', role: 'liaison', placeCode: 'TA' },
  { phone: '13900000011', role: 'liaison', placeCode: 'TA-01' },
  // 社会组织联络人: the agent of the city's hub social organisation (linked by seed/organisations.ts).
  { phone: '13900000012', role: 'organisation_agent', placeCode: 'TA' },
  // 河滨小区 5幢 1单元 0402: a resident with no training yet, the training journey's trainee (微领袖).
  {
    phone: '13900000013',
    role: 'resident',
    placeCode: 'TA-01-01-01-05-1',
    home: { dwellingCode: 'TA-01-01-01-05-1-0402', minSize: 2 },
  },
];
export const MEMBER_DEMO_PHONE = '13900000007';

/** Homes the people generator must fill with the demo residents. */
export const demoHomePins: HomePin[] = DEMO_ACCOUNTS.flatMap((a) => (a.home ? [{ phone: a.phone, ...a.home }] : []));

export function buildAccounts(rng: Rng, ids: Ids, territory: Territory, people: People) {
  const accounts: AccountRow[] = [];
  const roleGrants: RoleGrantRow[] = [];
  const placeId = (code: string) => {
    const place = territory.byCode.get(code);
    if (!place) throw new Error(`demo account place ${code} was not generated`);
    return place.id;
  };
  for (const spec of DEMO_ACCOUNTS) {
    const resident = spec.home ? people.pinned.get(spec.phone) : undefined;
    if (spec.home && !resident) throw new Error(`demo home ${spec.home.dwellingCode} was not generated`);
    const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
    const account: AccountRow = {
      id: ids.next('accounts'),
      phone: spec.phone,
      displayName: resident?.name ?? personName(rng, { gender, birthYear: rng.int(1970, 1996) }),
      residentId: resident?.id ?? null,
      isActive: true,
      locale: 'zh-CN',
    };
    accounts.push(account);
    const grants: { role: Role; placeId: number }[] = [{ role: spec.role, placeId: placeId(spec.placeCode) }];
    const isSameGrant = spec.role === 'resident' && resident?.placeId === grants[0]!.placeId;
    if (resident && !isSameGrant) grants.push({ role: 'resident', placeId: resident.placeId });
    for (const grant of grants) roleGrants.push({ id: ids.next('role_grants'), accountId: account.id, ...grant });
  }
  return { accounts, roleGrants };
}
