import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, invitations, matterEvents } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { verifyMatterChain } from '../matters';
import { confirmThroughRoutes } from '../../test/publication.fixtures';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('a meeting from scheduled to closed, and minutes revised while amending', () => {
  let t: TestApp;
  let convenor: TestClient;
  let attendee: TestClient;
  let latecomer: TestClient;
  let neighbour: TestClient;
  let otherConvenor: TestClient;
  let matterId: number;
  let meetingId: number;
  let code: string;
  let latecomerInvitation: number;

  const lastAction = async () => {
    const [row] = await t.database.db
      .select({ action: matterEvents.action })
      .from(matterEvents)
      .where(eq(matterEvents.matterId, matterId))
      .orderBy(desc(matterEvents.seq))
      .limit(1);
    return row?.action;
  };
  const statusOf = async (client: TestClient) => (await client.get(`/api/meetings/${meetingId}`)).json().status;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    const a = await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const b = await buildResident(db, { placeId: territory.unit2.id, name: '李师傅', phone: '13812340002' });
    await buildResident(db, { placeId: territory.unit1.id, name: '赵大姐', phone: '13812340003' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    convenor = await t.loginByCode(staff.phone);
    otherConvenor = await t.loginByCode(other.phone);
    attendee = await t.loginByCode('13812345678');
    latecomer = await t.loginByCode('13812340002');
    neighbour = await t.loginByCode('13812340003');
    const [account] = await db.select().from(accounts).where(eq(accounts.residentId, a.id));
    matterId = (
      await buildMatter(db, { placeId: territory.building.id, proposerAccountId: staff.id, status: 'deliberating' })
    ).id;
    const rows = await db
      .insert(invitations)
      .values([
        { matterId, reason: 'affected', residentId: a.id, accountId: account!.id },
        { matterId, reason: 'affected', residentId: b.id },
      ])
      .returning();
    latecomerInvitation = rows[1]!.id;
    const scheduled = await convenor.post(`/api/matters/${matterId}/meetings`, {
      mode: 'on_site',
      venue: '5幢架空层',
      startsAt: '2026-11-28T19:00:00+08:00',
      agenda: '加装电梯方案',
    });
    meetingId = scheduled.json().id;
    code = scheduled.json().signInCode;
  });
  afterAll(async () => t.close());

  it('tells each viewer whether they are invited and their own sign-in, so a reload keeps 已签到', async () => {
    expect((await attendee.get(`/api/meetings/${meetingId}`)).json()).toMatchObject({
      status: 'scheduled',
      isInvited: true,
      mySignIn: null,
    });
    expect((await neighbour.get(`/api/meetings/${meetingId}`)).json()).toMatchObject({
      isInvited: false,
      mySignIn: null,
    });
    await attendee.post(`/api/meetings/${meetingId}/sign-in`, { code: code.toLowerCase() });
    const reloaded = (await attendee.get(`/api/meetings/${meetingId}`)).json();
    expect(reloaded).toMatchObject({ isInvited: true, mySignIn: { method: 'code' } });
    expect(Date.parse(reloaded.mySignIn.signedInAt)).not.toBeNaN();
    // Someone else's sign-in is not mine.
    expect((await latecomer.get(`/api/meetings/${meetingId}`)).json()).toMatchObject({
      isInvited: true,
      mySignIn: null,
    });
  });

  it('the first sign-in marks the meeting held, and the list shows it', async () => {
    expect(await statusOf(convenor)).toBe('held');
    const list = (await attendee.get(`/api/matters/${matterId}/meetings`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: meetingId, status: 'held' })]);
  });

  it('only staff of the matter close sign-in, once', async () => {
    const url = `/api/meetings/${meetingId}/close`;
    expectError(await t.anonymous().post(url), 401, { code: 'auth.required' });
    expectError(await attendee.post(url), 403, { code: 'access.denied' });
    expectError(await otherConvenor.post(url), 404, { code: 'not_found' });
    const closed = await convenor.post(url);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: meetingId, status: 'closed', signInCode: code });
    expect(await lastAction()).toBe('meeting.close');
    // Closing again changes nothing and adds no audit entry.
    expect((await convenor.post(url)).json().status).toBe('closed');
    expect(await lastAction()).toBe('meeting.close');
  });

  it('after closing, codes are refused but staff may still enter a paper sheet', async () => {
    expectError(await latecomer.post(`/api/meetings/${meetingId}/sign-in`, { code }), 409, { code: 'meeting.closed' });
    const marked = await convenor.post(`/api/meetings/${meetingId}/attendance`, { invitationId: latecomerInvitation });
    expect(marked.json()).toMatchObject({ alreadySignedIn: false });
    expect(await statusOf(convenor)).toBe('closed');
    expect((await latecomer.get(`/api/meetings/${meetingId}`)).json().mySignIn).toMatchObject({ method: 'staff' });
  });

  it('a closed meeting with sign-ins still counts as held for resolving', async () => {
    await convenor.post(`/api/matters/${matterId}/resolution`, {
      body: '同意加装电梯。',
      basis: 'consensus',
      objectionDays: 7,
    });
    const resolved = await convenor.post(`/api/matters/${matterId}/resolve`);
    expect(resolved.statusCode).toBe(200);
  });

  it('staff revise the draft while amending, and the published text carries the revision', async () => {
    const url = `/api/meetings/${meetingId}/minutes`;
    const minutesId = (await convenor.post(url, { body: '张阿姨同意加装电梯。' })).json().minutes.id;
    await convenor.post(`/api/minutes/${minutesId}/open-amendments`, { amendDays: 3 });
    await attendee.post(`/api/minutes/${minutesId}/amendments`, { body: '请写明李师傅要求保留采光。' });
    const staffView = (await convenor.get(url)).json().minutes;
    await convenor.post(`/api/minutes/amendments/${staffView.amendments[0].id}/answer`, {
      accept: true,
      answer: '已采纳',
    });
    const revised = await convenor.post(url, { body: '张阿姨同意加装电梯，李师傅要求保留采光（电话13812340002）。' });
    expect(revised.json().minutes).toMatchObject({
      status: 'amending',
      bodyFull: '张阿姨同意加装电梯，李师傅要求保留采光（电话13812340002）。',
    });
    expect(await lastAction()).toBe('minutes.draft');
    // Attendees read the revised draft, redacted, while the period runs.
    expect((await attendee.get(url)).json().minutes.body).toBe(
      '居民Z同意加装电梯，居民L要求保留采光（电话（电话略））。',
    );
    await confirmThroughRoutes(convenor, matterId, 'minutes');
    const published = await convenor.post(`/api/minutes/${minutesId}/publish`);
    // The public text follows the city-wide rule (居民A, B… in order of mention), not the draft's.
    expect(published.json().minutes).toMatchObject({
      status: 'published',
      body: '居民A同意加装电梯，居民B要求保留采光（电话（电话略））。',
    });
    expect(await verifyMatterChain(t.database.db, matterId)).toMatchObject({ isIntact: true });
  });
});
