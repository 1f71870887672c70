import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../../test/factories';
import {
  grantActors,
  grantsWorld,
  type GrantActor as Who,
  type GrantsWorld as World,
} from '../../test/grants.fixtures';

const evaluation = { score: 90, outcome: 'positive', isDisputeResolved: true, comment: '电梯已投入使用' };
const review = { verdict: 'satisfactory', comment: '程序完整' };

/** A fresh supervisor of the community, granted directly (as the table's subject to revoke). */
const standingSupervisor = (w: World) => buildStaff(w.db, { role: 'supervisor', placeId: w.territory.community.id });

/**
 * One action per column: what `who` attempts, returning the status of the decisive request. `self`
 * acts on their own account wherever the action has one (the town officer appointing themself,
 * the supervisor ending their own grant, the grid worker making themself convenor).
 */
const attempts: Record<string, (w: World, who: Who) => Promise<number | null>> = {
  'appoint supervisor': async (w, who) => {
    const url = `/api/places/${w.territory.community.id}/supervisors`;
    const phone = who === 'self' ? w.officers.town.phone : (await w.candidate()).phone;
    return (await w.as[who].post(url, { phone, reason: '换届' })).statusCode;
  },
  'revoke supervisor': async (w, who) => {
    const target = who === 'self' ? w.staff.supervisor : await standingSupervisor(w);
    const url = `/api/places/${w.territory.community.id}/supervisors/${target.id}`;
    const client = who === 'self' ? w.clients.supervisor : w.as[who];
    return (await client.delete(url, { reason: '工作调动' })).statusCode;
  },
  'grant convenor': async (w, who) => {
    const url = `/api/places/${w.territory.community.id}/staff`;
    const phone = who === 'self' ? w.staff.grid.phone : (await w.candidate()).phone;
    const client = who === 'self' ? w.clients.grid : w.as[who];
    return (await client.post(url, { phone, role: 'convenor' })).statusCode;
  },
  'write supervision review': async (w, who) => {
    if (who === 'self') return null;
    const m = await w.matterAt('reviewed');
    return (await w.as[who].post(`/api/matters/${m.id}/supervision-reviews`, review)).statusCode;
  },
  'archive with own review': async (w, who) => {
    if (who === 'self') return null;
    const m = await w.matterAt('reviewed');
    const base = `/api/matters/${m.id}`;
    await w.clients.grid.post(`${base}/follow-ups`, { method: 'visit', satisfaction: 5, comment: '回访满意' });
    await w.clients.convenor.post(`${base}/evaluation`, evaluation);
    await w.as[who].post(`${base}/supervision-reviews`, review);
    return (await w.as[who].post(`${base}/archive`)).statusCode;
  },
  'read grant history': async (w, who) => {
    if (who === 'self') return null;
    return (await w.as[who].get(`/api/places/${w.territory.community.id}/grant-events`)).statusCode;
  },
};

/**
 * The expected status of each cell (null: the action has no "own account" form). Officers above the
 * community appoint and revoke; nobody else, and nobody for themself. Only the independent supervisor
 * reviews; nobody archives on a review of their own (managers find the review missing: 409).
 */
const table: Record<Who, Record<keyof typeof attempts, number | null>> = {
  convenor: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': 403,
    'archive with own review': 409,
    'read grant history': 403,
  },
  grid: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': 403,
    'archive with own review': 403,
    'read grant history': 403,
  },
  supervisor: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': 201,
    'archive with own review': 403,
    'read grant history': 403,
  },
  townOfficer: {
    'appoint supervisor': 201,
    'revoke supervisor': 200,
    'grant convenor': 201,
    'write supervision review': 403,
    'archive with own review': 409,
    'read grant history': 200,
  },
  otherTownOfficer: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': 404,
    'archive with own review': 404,
    'read grant history': 403,
  },
  cityOfficer: {
    'appoint supervisor': 201,
    'revoke supervisor': 200,
    'grant convenor': 201,
    'write supervision review': 403,
    'archive with own review': 409,
    'read grant history': 200,
  },
  admin: {
    'appoint supervisor': 201,
    'revoke supervisor': 200,
    'grant convenor': 201,
    'write supervision review': 403,
    'archive with own review': 409,
    'read grant history': 200,
  },
  resident: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': 403,
    'archive with own review': 403,
    'read grant history': 403,
  },
  self: {
    'appoint supervisor': 403,
    'revoke supervisor': 403,
    'grant convenor': 403,
    'write supervision review': null,
    'archive with own review': null,
    'read grant history': null,
  },
};

describe('separation of duties: who may grant whom (actor × action)', () => {
  let w: World;
  beforeAll(async () => {
    w = await grantsWorld();
  });
  afterAll(() => w.t.close());

  for (const who of grantActors) {
    for (const [action, attempt] of Object.entries(attempts)) {
      const expected = table[who][action];
      if (expected === null) continue;
      it(`${who} · ${action} → ${expected}`, async () => {
        expect(await attempt(w, who)).toBe(expected);
      });
    }
  }
});
