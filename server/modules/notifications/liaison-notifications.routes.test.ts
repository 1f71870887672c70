import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxItems, matterFollows, notifications } from '../../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';
import type { TestClient } from '../../test/build-test-app';

/** A China day `offset` days from now (due days are China days). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A referral (转办) tells the liaisons of the department it names, opening the referral page they
 * can read (not the matter page); liaisons of other departments hear nothing.
 */
describe('liaisons hear of referrals to their department', () => {
  let w: AfterDeliberationWorld;
  let liaison: TestClient;
  let liaisonId: number;
  let sameTownOtherId: number;
  let otherTownId: number;
  let sectionId: number;

  /** Makes `phone` a liaison of a new department `name` at the place, returning its account id. */
  const liaisonOf = async (officer: TestClient, placeId: number, name: string, phone: string) => {
    const department = await officer.post(`/api/places/${placeId}/departments`, { name, kind: 'section' });
    expect(department.statusCode, department.body).toBe(201);
    const person = await buildStaff(w.db, { role: 'resident', placeId: w.territory.unit1.id, phone });
    expect((await officer.post(`/api/departments/${department.json().id}/liaisons`, { phone })).statusCode).toBe(201);
    return { departmentId: department.json().id as number, accountId: person.id };
  };

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const townOfficer = await w.t.loginByCode(
      (await buildStaff(w.db, { role: 'town_officer', placeId: w.territory.town.id })).phone,
    );
    const admin = await w.t.loginByCode(
      (await buildStaff(w.db, { role: 'admin', placeId: w.territory.city.id })).phone,
    );
    const mine = await liaisonOf(townOfficer, w.territory.town.id, '城管科', '13700003331');
    sectionId = mine.departmentId;
    liaisonId = mine.accountId;
    liaison = await w.t.loginByCode('13700003331');
    sameTownOtherId = (await liaisonOf(townOfficer, w.territory.town.id, '住建科', '13700003332')).accountId;
    otherTownId = (await liaisonOf(admin, w.territory.otherTown.id, '城管科', '13700003333')).accountId;
  });
  afterAll(() => w.t.close());

  const inboxOf = (accountId: number, matterId: number) =>
    w.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.accountId, accountId), eq(inboxItems.matterId, matterId)));

  it('refer: one inbox item linking to the referral, none for other departments', async () => {
    const m = await w.matterAt('accepted', '路面坑洼');
    // A liaison who also follows the matter still hears once, opening the referral.
    await w.db.insert(matterFollows).values({ matterId: m.id, accountId: liaisonId });
    const dueOn = day(5);
    const sent = await w.clients.convenor.post(`/api/matters/${m.id}/refer`, { departmentId: sectionId, dueOn });
    expect(sent.statusCode, sent.body).toBe(200);
    await w.expectLastAction(m.id, 'refer');
    const referralId = (await liaison.get('/api/referrals?status=sent'))
      .json()
      .items.find((r: { matterId: number }) => r.matterId === m.id).id;

    const items = await inboxOf(liaisonId, m.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ link: `/referrals/${referralId}`, title: '新转办：路面坑洼' });
    expect(items[0]!.body).toBe(`「路面坑洼」转交贵部门办理，请于${dueOn}前答复。`);
    expect(await inboxOf(sameTownOtherId, m.id)).toEqual([]);
    expect(await inboxOf(otherTownId, m.id)).toEqual([]);
    // The resident who raised it keeps the matter-page notice.
    const proposer = await inboxOf(w.residentAccountId, m.id);
    expect(proposer).toEqual([expect.objectContaining({ link: `/matters/${m.id}`, title: '已转办：路面坑洼' })]);

    // The inbox route words it in the reader's language, from the liaison text.
    const en = (
      await liaison.request({ method: 'GET', url: '/api/inbox', headers: { 'accept-language': 'en' } })
    ).json();
    const item = en.items.find((i: { matterId: number }) => i.matterId === m.id);
    expect(item).toMatchObject({ link: `/referrals/${referralId}`, title: 'New referral: 路面坑洼' });
    // The referral page the link opens is the liaison's to read.
    expect((await liaison.get(`/api/referrals/${referralId}`)).statusCode).toBe(200);
    // SMS and other channels carry the same target.
    const rows = await w.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.matterId, m.id), eq(notifications.accountId, liaisonId)));
    expect(rows.every((r) => r.target === 'referral' && r.targetId === referralId)).toBe(true);
  });

  it('referral.sent (referred again after a hand-back) tells the department’s liaisons too', async () => {
    const m = await w.matterAt('accepted', '楼道灯坏');
    await w.clients.convenor.post(`/api/matters/${m.id}/refer`, { departmentId: sectionId, dueOn: day(2) });
    const first = (await liaison.get('/api/referrals?status=sent'))
      .json()
      .items.find((r: { matterId: number }) => r.matterId === m.id).id;
    expect((await liaison.post(`/api/referrals/${first}/hand-back`, { reason: '需补充位置' })).statusCode).toBe(200);
    const again = await w.clients.convenor.post(`/api/matters/${m.id}/referrals`, {
      departmentId: sectionId,
      dueOn: day(4),
    });
    expect(again.statusCode, again.body).toBe(201);
    await w.expectLastAction(m.id, 'referral.sent');
    const second = again.json().id as number;
    const links = (await inboxOf(liaisonId, m.id)).map((i) => i.link).sort();
    expect(links).toEqual([`/referrals/${first}`, `/referrals/${second}`].sort());
    expect(await inboxOf(sameTownOtherId, m.id)).toEqual([]);
    expect(await inboxOf(otherTownId, m.id)).toEqual([]);
  });
});
