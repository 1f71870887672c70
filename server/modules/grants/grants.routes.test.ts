import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterOversight, roleGrantEvents, roleGrants, supervisionReviews } from '../../db/schema';
import { expectError } from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';
import { grantsWorld, type GrantsWorld as World } from '../../test/grants.fixtures';

const evaluation = { score: 90, outcome: 'positive', isDisputeResolved: true, comment: '电梯已投入使用' };
const review = { verdict: 'satisfactory', comment: '程序完整' };
/** A row of a place's staff or supervisors list. */
type Row = { accountId: number; isHere: boolean; abilities: { 'grant.revoke': boolean } };

describe('separation of duties (任免)', () => {
  let w: World;
  beforeAll(async () => {
    w = await grantsWorld();
  });
  afterAll(() => w.t.close());

  describe('the attack, replayed', () => {
    it('refuses a convenor appointing themself supervisor of their own community', async () => {
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      expectError(await w.clients.convenor.post(url, { phone: w.staff.convenor.phone }), 403, {
        code: 'grant.denied',
      });
      const held = await w.db
        .select()
        .from(roleGrants)
        .where(and(eq(roleGrants.accountId, w.staff.convenor.id), eq(roleGrants.role, 'supervisor')));
      expect(held).toEqual([]);
    });

    it('refuses a convenor removing the supervisor a town officer appointed; the supervisor keeps the matter', async () => {
      const appointee = await w.candidate();
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      expect((await w.as.townOfficer.post(url, { phone: appointee.phone })).statusCode).toBe(201);
      expectError(await w.clients.convenor.delete(`${url}/${appointee.id}`, { reason: '不需要了' }), 403, {
        code: 'grant.denied',
      });
      expectError(await w.clients.convenor.delete(`${url}/${w.staff.supervisor.id}`, { reason: '不需要了' }), 403, {
        code: 'grant.denied',
      });
      const m = await w.matterAt('implementing');
      expect((await w.clients.supervisor.get(`/api/matters/${m.id}`)).statusCode).toBe(200);
    });
  });

  describe('one person never runs and supervises the same places', () => {
    it('refuses to appoint the convenor, a grid worker or an officer above as supervisor', async () => {
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      for (const phone of [w.staff.convenor.phone, w.staff.grid.phone]) {
        expectError(await w.as.townOfficer.post(url, { phone }), 409, { code: 'grant.runs_place', field: 'phone' });
      }
      expectError(await w.as.cityOfficer.post(url, { phone: w.officers.town.phone }), 409, {
        code: 'grant.runs_place',
      });
      // A convenor of another town's community may supervise here.
      expect((await w.as.townOfficer.post(url, { phone: w.staff.other.phone })).statusCode).toBe(201);
    });

    it('refuses to make a supervisor of the community, or of a place inside it, its convenor or grid worker', async () => {
      const url = `/api/places/${w.territory.community.id}/staff`;
      const estateSupervisor = await buildStaff(w.db, { role: 'supervisor', placeId: w.territory.estate.id });
      for (const [phone, role] of [
        [w.staff.supervisor.phone, 'convenor'],
        [estateSupervisor.phone, 'grid_worker'],
      ] as const) {
        expectError(await w.as.townOfficer.post(url, { phone, role }), 409, { code: 'grant.supervises_place' });
      }
    });

    it('neither offers nor assigns a matter to a supervisor who also runs the place (grants from before the rule)', async () => {
      const both = await buildStaff(w.db, { role: 'supervisor', placeId: w.territory.community.id });
      await w.db.insert(roleGrants).values({ accountId: both.id, role: 'grid_worker', placeId: w.territory.estate.id });
      const m = await w.matterAt('implementing');
      const page = (await w.clients.convenor.get(`/api/matters/${m.id}/supervision`)).json();
      expect(page.candidates.some((c: { accountId: number }) => c.accountId === both.id)).toBe(false);
      expect(page.candidates.some((c: { accountId: number }) => c.accountId === w.staff.supervisor.id)).toBe(true);
      expectError(
        await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, { supervisorAccountId: both.id }),
        409,
        { code: 'grant.runs_place', field: 'supervisorAccountId' },
      );
    });

    it('does not count a review written by someone who runs the place', async () => {
      const m = await w.matterAt('reviewed');
      const base = `/api/matters/${m.id}`;
      await w.clients.grid.post(`${base}/follow-ups`, { method: 'visit', satisfaction: 5, comment: '回访满意' });
      await w.clients.convenor.post(`${base}/evaluation`, evaluation);
      // A review left from before the rule, by the convenor: it does not open the archive.
      await w.db
        .insert(supervisionReviews)
        .values({ matterId: m.id, accountId: w.staff.convenor.id, verdict: 'satisfactory', comment: '自评' });
      expectError(await w.clients.convenor.post(`${base}/archive`), 409, {
        code: 'matter.needs_supervision_review',
      });
      expect((await w.clients.supervisor.post(`${base}/supervision-reviews`, review)).statusCode).toBe(201);
      expect((await w.clients.convenor.post(`${base}/archive`)).statusCode).toBe(200);
    });
  });

  describe('community staff', () => {
    it('lists the convenors and grid workers with masked phones and the officer’s abilities', async () => {
      const url = `/api/places/${w.territory.community.id}/staff`;
      const forConvenor = (await w.clients.convenor.get(url)).json();
      expect(forConvenor.abilities).toEqual({ 'grant.appoint': false, 'grant.viewHistory': false });
      const convenorRow = forConvenor.items.find((s: { accountId: number }) => s.accountId === w.staff.convenor.id);
      expect(convenorRow).toMatchObject({ role: 'convenor', isHere: true, abilities: { 'grant.revoke': false } });
      expect(convenorRow.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const forOfficer = (await w.as.townOfficer.get(url)).json();
      expect(forOfficer.abilities).toEqual({ 'grant.appoint': true, 'grant.viewHistory': true });
      expect(forOfficer.items.every((s: Row) => s.abilities['grant.revoke'] === s.isHere)).toBe(true);
      expectError(await w.as.otherTownOfficer.get(url), 403, { code: 'access.denied_place' });
    });

    it('lets the town officer appoint a grid worker and revoke them with a reason; the convenor may do neither', async () => {
      const url = `/api/places/${w.territory.community.id}/staff`;
      const person = await w.candidate();
      expectError(await w.clients.convenor.post(url, { phone: person.phone, role: 'grid_worker' }), 403, {
        code: 'grant.denied',
      });
      expectError(await w.as.townOfficer.post(url, { phone: person.phone, role: 'supervisor' }), 400, {
        field: 'role',
      });
      expect((await w.as.townOfficer.post(url, { phone: person.phone, role: 'grid_worker' })).statusCode).toBe(201);
      expectError(
        await w.clients.convenor.delete(`${url}/${person.id}`, { role: 'grid_worker', reason: '不需要' }),
        403,
        { code: 'grant.denied' },
      );
      expectError(await w.as.townOfficer.delete(`${url}/${person.id}`, { role: 'grid_worker' }), 400, {
        field: 'reason',
      });
      const revoked = await w.as.townOfficer.delete(`${url}/${person.id}`, { role: 'grid_worker', reason: '合同到期' });
      expect(revoked.statusCode).toBe(200);
      const rows = await w.db.select().from(roleGrantEvents).where(eq(roleGrantEvents.accountId, person.id));
      expect(rows.map((r) => [r.kind, r.role, r.reason])).toEqual([
        ['granted', 'grid_worker', ''],
        ['revoked', 'grid_worker', '合同到期'],
      ]);
    });
  });

  describe('the record of grants (任免记录)', () => {
    it('records who appointed and revoked whom, where and why, and shows it with masked phones', async () => {
      const appointee = await w.candidate();
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      await w.as.townOfficer.post(url, { phone: appointee.phone, reason: '居民推选' });
      expectError(await w.as.townOfficer.delete(`${url}/${appointee.id}`, {}), 400, { field: 'reason' });
      expectError(await w.as.townOfficer.delete(`${url}/${appointee.id}`, { reason: '  ' }), 400, {
        field: 'reason',
      });
      expect((await w.as.townOfficer.delete(`${url}/${appointee.id}`, { reason: '本人辞任' })).statusCode).toBe(200);
      expectError(await w.as.townOfficer.delete(`${url}/${appointee.id}`, { reason: '再次' }), 404, {
        code: 'grant.unknown',
      });

      const rows = await w.db.select().from(roleGrantEvents).where(eq(roleGrantEvents.accountId, appointee.id));
      expect(rows).toMatchObject([
        { kind: 'granted', role: 'supervisor', actorAccountId: w.officers.town.id, reason: '居民推选' },
        { kind: 'revoked', role: 'supervisor', actorAccountId: w.officers.town.id, reason: '本人辞任' },
      ]);
      expect(rows.every((r) => r.placePath === w.territory.community.path)).toBe(true);

      const history = (await w.as.cityOfficer.get(`/api/places/${w.territory.town.id}/grant-events`)).json();
      const mine = history.items.filter(
        (e: { accountPhone: string }) => e.accountPhone === '137****' + appointee.phone.slice(-4),
      );
      expect(mine).toMatchObject([
        {
          kind: 'revoked',
          role: 'supervisor',
          placeName: '河滨社区',
          actorKind: 'account',
          actorName: '街道社工委老沈',
          reason: '本人辞任',
        },
        {
          kind: 'granted',
          role: 'supervisor',
          placeName: '河滨社区',
          actorKind: 'account',
          actorName: '街道社工委老沈',
          reason: '居民推选',
        },
      ]);
      expect(JSON.stringify(history)).not.toContain(appointee.phone);
      // Another town's record does not hold this community's grants.
      const elsewhere = (
        await w.as.otherTownOfficer.get(`/api/places/${w.territory.otherTown.id}/grant-events`)
      ).json();
      expect(elsewhere.items.some((e: { placeName: string }) => e.placeName === '河滨社区')).toBe(false);
    });

    it('ends the oversight of a revoked supervisor and keeps it on the matter', async () => {
      const appointee = await w.candidate();
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      await w.as.townOfficer.post(url, { phone: appointee.phone });
      const m = await w.matterAt('implementing');
      const assign = await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, {
        supervisorAccountId: appointee.id,
      });
      expect(assign.statusCode).toBe(201);
      await w.as.townOfficer.delete(`${url}/${appointee.id}`, { reason: '工作调动' });
      const open = await w.db
        .select()
        .from(matterOversight)
        .where(and(eq(matterOversight.matterId, m.id), isNull(matterOversight.endedAt)));
      expect(open).toEqual([]);
      const page = (await w.clients.convenor.get(`/api/matters/${m.id}/supervision`)).json();
      expect(page.overseers).toMatchObject([{ accountId: appointee.id, endedAt: expect.any(String) }]);
      expect(page.candidates.some((c: { accountId: number }) => c.accountId === appointee.id)).toBe(false);
    });

    it('ships the abilities the supervisors screen needs', async () => {
      const url = `/api/places/${w.territory.community.id}/supervisors`;
      const forConvenor = (await w.clients.convenor.get(url)).json();
      expect(forConvenor.abilities).toEqual({ 'grant.appoint': false, 'grant.viewHistory': false });
      expect(forConvenor.items.every((s: Row) => !s.abilities['grant.revoke'])).toBe(true);
      const forOfficer = (await w.as.townOfficer.get(url)).json();
      expect(forOfficer.abilities).toEqual({ 'grant.appoint': true, 'grant.viewHistory': true });
      expect(forOfficer.items.find((s: Row) => s.accountId === w.staff.supervisor.id).abilities['grant.revoke']).toBe(
        true,
      );
    });
  });
});
