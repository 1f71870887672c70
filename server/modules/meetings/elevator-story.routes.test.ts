import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, matterEvents, organisations, poolMembers, signIns } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { verifyMatterChain } from '../matters';
import { confirmThroughRoutes } from '../../test/publication.fixtures';

/**
 * The elevator retrofit of 5幢2单元, steps 3–4: the convenor invites the unit's owners, the property
 * company and a lawyer from the pool, announces, holds a meeting; residents sign in by code; the
 * minutes are amended and published without names, phones or flats.
 */
describe('elevator story: announcing and the meeting', () => {
  let t: TestApp;
  let convenor: TestClient;
  let zhang: TestClient;
  let li: TestClient;
  let matterId: number;
  let meetingId: number;
  let code: string;
  let minutesId: number;
  let unit2Id: number;
  let companyId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    const flat1 = await buildDwelling(db, { placeId: territory.unit2.id, room: '0502', floor: 5 });
    const flat2 = await buildDwelling(db, { placeId: territory.unit2.id, room: '0301', floor: 3 });
    await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678', owns: [flat1.id] });
    await buildResident(db, { placeId: territory.unit2.id, name: '李师傅', phone: '13812340002', owns: [flat2.id] });
    // A tenant of the unit: affected, but not an owner.
    await buildResident(db, { placeId: territory.unit2.id, name: '赵小妹', tenure: 'tenant' });
    const lawyer = await buildResident(db, { placeId: territory.unit1.id, name: '王建国' });
    const [company] = await db
      .insert(organisations)
      .values({
        placeId: territory.community.id,
        placePath: territory.community.path,
        name: '河滨物业公司',
        kind: 'property_company',
      })
      .returning();
    await db.insert(poolMembers).values({
      placeId: territory.community.id,
      placePath: territory.community.path,
      residentId: lawyer.id,
      tags: ['律师'],
    });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id, name: '陈社工' });
    convenor = await t.loginByCode(staff.phone);
    zhang = await t.loginByCode('13812345678');
    li = await t.loginByCode('13812340002');
    const [proposer] = await db.select().from(accounts).where(eq(accounts.phone, '13812345678'));
    const matter = await buildMatter(db, {
      placeId: territory.building.id,
      proposerAccountId: proposer!.id,
      status: 'accepted',
    });
    matterId = matter.id;
    companyId = company!.id;
    unit2Id = territory.unit2.id;
  });
  afterAll(async () => t.close());

  it('invites the unit’s owners, the lawyer from the pool and the property company', async () => {
    const response = await convenor.post(`/api/matters/${matterId}/invitations`, {
      poolTags: ['律师'],
      affectedPlaceId: unit2Id,
      affectedScope: 'owners',
      organisationIds: [companyId],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      added: { pool: 1, council: 0, affected: 2, outside: 1 },
      alreadyInvited: 0,
      total: 4,
    });
    // Zhang has an account: the invitation reached her inbox.
    const inbox = await zhang.get('/api/inbox');
    expect(inbox.json().unread).toBe(1);
    expect(inbox.json().items[0]).toMatchObject({ kind: 'invitation', matterId, isRead: false });
  });

  it('inviting the same owners again adds nobody', async () => {
    const response = await convenor.post(`/api/matters/${matterId}/invitations`, {
      affectedPlaceId: unit2Id,
      affectedScope: 'owners',
    });
    expect(response.json()).toMatchObject({ added: { affected: 0 }, alreadyInvited: 2, total: 4 });
  });

  it('Zhang answers yes; the list shows her name to staff and initials to Li', async () => {
    const list = await zhang.get(`/api/matters/${matterId}/invitations`);
    const mine = list.json().items.find((i: { isMine: boolean }) => i.isMine);
    expect(mine).toMatchObject({ name: '张阿姨', isNameMasked: false });
    const answered = await zhang.post(`/api/invitations/${mine.id}/reply`, { reply: 'yes' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().reply).toBe('yes');
    const staffView = await convenor.get(`/api/matters/${matterId}/invitations`);
    expect(staffView.json().items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['王建国', '张阿姨', '李师傅', '河滨物业公司']),
    );
    expect(staffView.json().counts).toEqual({ total: 4, yes: 1, no: 0, pending: 3 });
    const liView = await li.get(`/api/matters/${matterId}/invitations`);
    expect(liView.json().items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['王**', '张**', '李师傅', '河滨物业公司']),
    );
  });

  it('posts the topic notice, announces and opens deliberation', async () => {
    const notice = await convenor.post(`/api/matters/${matterId}/notices`, {
      kind: 'topic',
      title: '关于5幢2单元加装电梯的议题公示',
      body: '拟就加装电梯事宜召开邀约协商会议。',
      startsOn: '2026-11-20',
      endsOn: '2026-11-27',
    });
    expect(notice.statusCode).toBe(201);
    const announced = await convenor.post(`/api/matters/${matterId}/announce`);
    expect(announced.json()).toEqual({ id: matterId, status: 'announced' });
    const started = await convenor.post(`/api/matters/${matterId}/start-deliberation`);
    expect(started.json()).toEqual({ id: matterId, status: 'deliberating' });
  });

  it('schedules a meeting whose code only the convenor sees', async () => {
    const response = await convenor.post(`/api/matters/${matterId}/meetings`, {
      mode: 'hybrid',
      venue: '河滨社区议事厅',
      onlineLink: 'https://meet.example.org/hb-5-2',
      startsAt: '2026-11-28T19:00:00+08:00',
      agenda: '一、介绍方案；二、费用分摊；三、表态。',
    });
    expect(response.statusCode).toBe(201);
    meetingId = response.json().id;
    code = response.json().signInCode;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect((await zhang.get(`/api/meetings/${meetingId}`)).json().signInCode).toBeNull();
    const inbox = (await zhang.get('/api/inbox')).json();
    expect(inbox.items[0]).toMatchObject({ kind: 'meeting', matterId });
  });

  it('two residents sign in by code; signing in twice, even at once, leaves one row', async () => {
    const [first, second] = await Promise.all([
      zhang.post(`/api/meetings/${meetingId}/sign-in`, { code }),
      zhang.post(`/api/meetings/${meetingId}/sign-in`, { code: code.toLowerCase() }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect([first.json().alreadySignedIn, second.json().alreadySignedIn].sort()).toEqual([false, true]);
    expect((await li.post(`/api/meetings/${meetingId}/sign-in`, { code })).json().alreadySignedIn).toBe(false);
    const rows = await t.database.db.select().from(signIns).where(eq(signIns.meetingId, meetingId));
    expect(rows).toHaveLength(2);
  });

  it('the sheet shows due and present', async () => {
    const sheet = await convenor.get(`/api/meetings/${meetingId}/sheet`);
    expect(sheet.json()).toMatchObject({ due: 4, present: 2 });
    const present = sheet.json().rows.filter((r: { signedIn: boolean }) => r.signedIn);
    expect(present.map((r: { name: string }) => r.name).sort()).toEqual(['张阿姨', '李师傅'].sort());
  });

  it('minutes are drafted, amended by an attendee, answered and published redacted', async () => {
    const full =
      '陈社工主持。张阿姨（13812345678，5幢2单元0502）说家中老人上下楼困难；李师傅（0301室）担心低层采光；' +
      '王建国律师介绍了法律程序，5-2-301 的业主请假，租户赵小妹旁听。';
    const drafted = await convenor.post(`/api/meetings/${meetingId}/minutes`, { body: full });
    expect(drafted.statusCode).toBe(200);
    minutesId = drafted.json().minutes.id;
    const opened = await convenor.post(`/api/minutes/${minutesId}/open-amendments`, { amendDays: 3 });
    expect(opened.json().minutes.status).toBe('amending');
    // While amending, the attendee reads a redacted draft, never the full text.
    const attendeeView = (await li.get(`/api/meetings/${meetingId}/minutes`)).json().minutes;
    expect(attendeeView.bodyFull).toBeNull();
    expect(attendeeView.body).not.toContain('张阿姨');
    const amendment = await li.post(`/api/minutes/${minutesId}/amendments`, {
      body: '请补充：我同意加装，但要求补偿采光。',
    });
    expect(amendment.statusCode).toBe(201);
    const blocked = await convenor.post(`/api/minutes/${minutesId}/publish`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('minutes.amendments_unanswered');
    const answered = await convenor.post(`/api/minutes/amendments/${amendment.json().id}/answer`, {
      accept: true,
      answer: '已补充进纪要。',
    });
    expect(answered.json().status).toBe('accepted');
    await convenor.post(`/api/meetings/${meetingId}/minutes`, {
      body: `${full}李师傅同意加装，但要求补偿采光。`,
    });
    await confirmThroughRoutes(convenor, matterId, 'minutes');
    const published = await convenor.post(`/api/minutes/${minutesId}/publish`);
    expect(published.statusCode).toBe(200);
    const text: string = published.json().minutes.body;
    for (const secret of ['张阿姨', '李师傅', '王建国', '陈社工', '赵小妹', '13812345678', '0502', '0301', '5-2-301']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('5幢某单元');
    expect(text).toContain('律师');
    expect(published.json().minutes.bodyFull).toContain('张阿姨');
    const publicView = (await zhang.get(`/api/meetings/${meetingId}/minutes`)).json().minutes;
    expect(publicView).toMatchObject({ status: 'published', bodyFull: null, body: text });
  });

  it('the chain verifies and ends with the publication', async () => {
    expect(await verifyMatterChain(t.database.db, matterId)).toMatchObject({ isIntact: true });
    const [last] = await t.database.db
      .select()
      .from(matterEvents)
      .where(eq(matterEvents.matterId, matterId))
      .orderBy(desc(matterEvents.seq))
      .limit(1);
    expect(last!.action).toBe('minutes.publish');
    const actions = (await t.database.db.select().from(matterEvents).where(eq(matterEvents.matterId, matterId))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitations.add',
        'invitation.reply',
        'notice.post',
        'matter.announce',
        'matter.startDeliberation',
        'meeting.schedule',
        'meeting.signIn',
        'minutes.draft',
        'minutes.openAmendments',
        'minutes.amend',
        'minutes.answerAmendment',
      ]),
    );
  });
});
