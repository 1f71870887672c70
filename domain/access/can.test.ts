import { describe, expect, it } from 'vitest';
import type { Action, Subject } from './actions';
import type { Actor } from './actor';
import { abilitiesFor, can, outermostPaths, viewScopes } from './can';
import type { Role } from './roles';

// A city /1/ with town /1/2/; community /1/2/3/ (estate /1/2/3/4/, building …/5/, unit …/6/),
// a neighbouring community /1/2/9/ in the same town, and community /1/20/21/ in another town.
const paths = {
  city: '/1/',
  town: '/1/2/',
  community: '/1/2/3/',
  estate: '/1/2/3/4/',
  unit: '/1/2/3/4/5/6/',
  sameTownCommunity: '/1/2/9/',
  otherTownCommunity: '/1/20/21/',
};

const grantPlace: Record<Role, string> = {
  resident: paths.unit,
  member: paths.community,
  convenor: paths.community,
  grid_worker: paths.community,
  supervisor: paths.community,
  town_officer: paths.town,
  city_officer: paths.city,
  admin: paths.city,
  liaison: paths.town,
  organisation_agent: paths.town,
};

const actorFor = (role: Role): Actor => ({
  accountId: 1,
  residentId: role === 'resident' || role === 'member' ? 100 : null,
  grants: [{ role, placeId: 1, placePath: grantPlace[role] }],
});

const allActions: Action[] = [
  'place.view',
  'place.viewRoster',
  'roster.import',
  'roster.export',
  'resident.view',
  'resident.viewPhone',
  'resident.setSmsOptOut',
  'pool.view',
  'pool.manage',
  'council.view',
  'council.manage',
];
const browse: Action[] = ['place.view', 'council.view'];
const staffReads: Action[] = [
  ...browse,
  'place.viewRoster',
  'roster.export',
  'resident.view',
  'resident.viewPhone',
  'pool.view',
];

/** What each role may do on a subject at `path`; everything not listed is refused. */
const table: { where: keyof typeof paths; allowed: Record<Role, Action[]> }[] = [
  {
    where: 'estate',
    allowed: {
      resident: browse,
      member: [...browse, 'pool.view'],
      convenor: allActions,
      grid_worker: staffReads,
      supervisor: [...browse, 'pool.view'],
      town_officer: allActions,
      city_officer: allActions,
      admin: allActions,
      liaison: [],
      organisation_agent: [],
    },
  },
  {
    where: 'town',
    allowed: {
      resident: browse,
      member: browse,
      convenor: browse,
      grid_worker: browse,
      supervisor: browse,
      town_officer: allActions,
      city_officer: allActions,
      admin: allActions,
      liaison: [],
      organisation_agent: [],
    },
  },
  {
    where: 'sameTownCommunity',
    allowed: {
      resident: [],
      member: [],
      convenor: [],
      grid_worker: [],
      supervisor: [],
      town_officer: allActions,
      city_officer: allActions,
      admin: allActions,
      liaison: [],
      organisation_agent: [],
    },
  },
  {
    where: 'otherTownCommunity',
    allowed: {
      resident: [],
      member: [],
      convenor: [],
      grid_worker: [],
      supervisor: [],
      town_officer: [],
      city_officer: allActions,
      admin: allActions,
      liaison: [],
      organisation_agent: [],
    },
  },
];

const subjectsAt = (path: string): Subject[] => [
  { type: 'place', path },
  { type: 'pool', path },
  { type: 'council', path },
  // A resident other than the actor: self-access must not leak into these rows.
  { type: 'resident', path, residentId: 999 },
];

describe('can(actor, action, subject)', () => {
  for (const { where, allowed } of table) {
    for (const [role, actions] of Object.entries(allowed) as [Role, Action[]][]) {
      for (const action of allActions) {
        const expected = actions.includes(action);
        it(`${expected ? 'lets' : 'refuses'} a ${role} ${action} at the ${where}`, () => {
          for (const subject of subjectsAt(paths[where])) expect(can(actorFor(role), action, subject)).toBe(expected);
        });
      }
    }
  }

  it('refuses an anonymous visitor every action everywhere', () => {
    for (const where of Object.values(paths))
      for (const action of allActions)
        for (const subject of subjectsAt(where)) expect(can(null, action, subject)).toBe(false);
  });

  it('lets a resident turn text messages off for themself only', () => {
    const resident = actorFor('resident');
    expect(can(resident, 'resident.setSmsOptOut', { type: 'resident', path: paths.unit, residentId: 100 })).toBe(true);
    expect(can(resident, 'resident.setSmsOptOut', { type: 'resident', path: paths.unit, residentId: 101 })).toBe(false);
  });

  it('lets a resident view their own record and phone, and nobody else’s', () => {
    const resident = actorFor('resident');
    const self: Subject = { type: 'resident', path: paths.unit, residentId: 100 };
    const neighbour: Subject = { type: 'resident', path: paths.unit, residentId: 101 };
    expect(can(resident, 'resident.view', self)).toBe(true);
    expect(can(resident, 'resident.viewPhone', self)).toBe(true);
    expect(can(resident, 'resident.view', neighbour)).toBe(false);
    expect(can(resident, 'resident.viewPhone', neighbour)).toBe(false);
  });

  it('does not confuse a sibling whose id starts with the same digits', () => {
    const convenor: Actor = {
      accountId: 1,
      residentId: null,
      grants: [{ role: 'convenor', placeId: 3, placePath: '/1/2/3/' }],
    };
    expect(can(convenor, 'place.viewRoster', { type: 'place', path: '/1/2/30/' })).toBe(false);
  });

  it('adds up the rights of several grants', () => {
    const both: Actor = {
      accountId: 1,
      residentId: 100,
      grants: [
        { role: 'resident', placeId: 6, placePath: paths.unit },
        { role: 'convenor', placeId: 21, placePath: paths.otherTownCommunity },
      ],
    };
    expect(can(both, 'pool.manage', { type: 'pool', path: paths.otherTownCommunity })).toBe(true);
    expect(can(both, 'pool.manage', { type: 'pool', path: paths.community })).toBe(false);
    expect(can(both, 'place.view', { type: 'place', path: paths.estate })).toBe(true);
  });

  it('ships abilities as a map of action to the same decisions', () => {
    const subject: Subject = { type: 'place', path: paths.estate };
    expect(abilitiesFor(actorFor('grid_worker'), ['place.viewRoster', 'pool.manage'], subject)).toEqual({
      'place.viewRoster': true,
      'pool.manage': false,
    });
  });
});

describe('viewScopes', () => {
  it('gives residents and members their whole community, staff their granted subtree', () => {
    expect(viewScopes(actorFor('resident'))).toEqual([paths.community]);
    expect(viewScopes(actorFor('member'))).toEqual([paths.community]);
    expect(viewScopes(actorFor('town_officer'))).toEqual([paths.town]);
    expect(viewScopes(actorFor('liaison'))).toEqual([]);
    expect(viewScopes(null)).toEqual([]);
  });

  it('keeps only the outermost of nested grants', () => {
    expect(outermostPaths(['/1/2/3/', '/1/2/', '/1/20/', '/1/2/'])).toEqual(['/1/2/', '/1/20/']);
  });
});

describe('venues and the standard', () => {
  const venueAt = (where: keyof typeof paths): Subject => ({ type: 'venue', path: paths[where] });

  it('lets residents of the community see its venues, and only its managers register them', () => {
    expect(can(actorFor('resident'), 'venue.view', venueAt('estate'))).toBe(true);
    expect(can(actorFor('resident'), 'venue.manage', venueAt('estate'))).toBe(false);
    expect(can(actorFor('grid_worker'), 'venue.manage', venueAt('estate'))).toBe(false);
    expect(can(actorFor('convenor'), 'venue.manage', venueAt('estate'))).toBe(true);
    expect(can(actorFor('convenor'), 'venue.view', venueAt('sameTownCommunity'))).toBe(false);
  });

  it('leaves the review to the officers over the venue, not the community staff', () => {
    expect(can(actorFor('convenor'), 'venue.review', venueAt('estate'))).toBe(false);
    expect(can(actorFor('town_officer'), 'venue.review', venueAt('estate'))).toBe(true);
    expect(can(actorFor('town_officer'), 'venue.review', venueAt('otherTownCommunity'))).toBe(false);
    expect(can(actorFor('city_officer'), 'venue.review', venueAt('otherTownCommunity'))).toBe(true);
  });

  it('keeps the county standard for city officers', () => {
    const city: Subject = { type: 'place', path: paths.city };
    expect(can(actorFor('city_officer'), 'rules.manageStandard', city)).toBe(true);
    expect(can(actorFor('town_officer'), 'rules.manageStandard', city)).toBe(false);
    expect(can(actorFor('convenor'), 'rules.manageStandard', city)).toBe(false);
  });
});

describe('training and the micro-leader pool', () => {
  const at = (role: Role, placePath: string): Actor => ({
    accountId: 1,
    residentId: null,
    grants: [{ role, placeId: 1, placePath }],
  });
  const town = { type: 'place' as const, path: '/1/2/' };
  const community = { type: 'place' as const, path: '/1/2/3/' };
  it('lets city and town officers run programmes over their place, not convenors', () => {
    expect(can(at('city_officer', '/1/'), 'training.manage', town)).toBe(true);
    expect(can(at('town_officer', '/1/2/'), 'training.manage', town)).toBe(true);
    expect(can(at('town_officer', '/1/20/'), 'training.manage', town)).toBe(false);
    expect(can(at('convenor', '/1/2/3/'), 'training.manage', community)).toBe(false);
  });
  it('shows the micro-leader pool to staff, lets managers keep it, and neither to residents or supervisors', () => {
    expect(can(at('grid_worker', '/1/2/3/'), 'microLeader.view', community)).toBe(true);
    expect(can(at('grid_worker', '/1/2/3/'), 'microLeader.manage', community)).toBe(false);
    expect(can(at('convenor', '/1/2/3/'), 'microLeader.manage', community)).toBe(true);
    expect(can(at('supervisor', '/1/2/3/'), 'microLeader.view', community)).toBe(false);
    expect(can(at('resident', '/1/2/3/4/'), 'microLeader.view', community)).toBe(false);
  });
});
