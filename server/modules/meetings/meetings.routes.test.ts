import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, invitations, matterEvents, meetings, minutes, signIns } from '../../db/schema';
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

describe('meeting routes', () => {
  let t: TestApp;
  let anonymous: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let otherConvenor: TestClient;
  let attendee: TestClient;
  let absentee: TestClient;
  let neighbour: TestClient;
  let live: number;
  let accepted: number;
  let archived: number;
  let archivedMeeting: number;
  let meetingId: number;
  let code: string;
  let attendeeInvitation: number;
  let absenteeInvitation: number;
  let otherMatterInvitation: number;
  let minutesId: number;

  const meeting = {
    mode: 'on_site',
    venue: '5幢架空层',
    startsAt: '2026-11-28T19:00:00+08:00',
    endsAt: '2026-11-28T21:00:00+08:00',
    agenda: '加装电梯方案',
  };
  const lastAction = async (matterId: number) => {
    const [row] = await t.database.db
      .select({ action: matterEvents.action })
      .from(matterEvents)
      .where(eq(matterEvents.matterId, matterId))
      .orderBy(desc(matterEvents.seq))
      .limit(1);
    return row?.action;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    const a = await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const b = await buildResident(db, { placeId: territory.unit2.id, name: '李师傅', phone: '13812340002' });
    await buildResident(db, { placeId: territory.unit1.id, name: '赵大姐', phone: '13812340003' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    convenor = await t.loginByCode(staff.phone);
    gridWorker = await t.loginByCode(grid.phone);
    otherConvenor = await t.loginByCode(other.phone);
    attendee = await t.loginByCode('13812345678');
    absentee = await t.loginByCode('13812340002');
    neighbour = await t.loginByCode('13812340003');
    const [account] = await db.select().from(accounts).where(eq(accounts.residentId, a.id));
    const build = (status: 'deliberating' | 'accepted' | 'archived') =>
      buildMatter(db, { placeId: territory.building.id, proposerAccountId: staff.id, status });
    live = (await build('deliberating')).id;
    accepted = (await build('accepted')).id;
    archived = (await build('archived')).id;
    const rows = await db
      .insert(invitations)
      .values([
        { matterId: live, reason: 'affected', residentId: a.id, accountId: account!.id },
        // Invited as a resident before having an account: signs in through the resident link.
        { matterId: live, reason: 'affected', residentId: b.id },
        { matterId: accepted, reason: 'outside', outsideName: '街道办' },
      ])
      .returning();
    [attendeeInvitation, absenteeInvitation, otherMatterInvitation] = rows.map((r) => r.id) as [number, number, number];
    const [old] = await db
      .insert(meetings)
      .values({
        matterId: archived,
        mode: 'online',
        onlineLink: 'https://x.example',
        startsAt: new Date(),
        signInCode: 'ABCDEF',
        createdBy: staff.id,
      })
      .returning();
    archivedMeeting = old!.id;
  });
  afterAll(async () => t.close());

  describe('POST /api/matters/:id/meetings', () => {
    const url = () => `/api/matters/${live}/meetings`;
    it('refuses visitors, non-managers and another community', async () => {
      expectError(await anonymous.post(url(), meeting), 401, { code: 'auth.required' });
      expectError(await gridWorker.post(url(), meeting), 403, { code: 'access.denied' });
      expectError(await attendee.post(url(), meeting), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(url(), meeting), 404, { code: 'not_found' });
    });

    it('refuses a meeting on site without a venue, online without a link, or a bad time', async () => {
      expectError(await convenor.post(url(), { ...meeting, venue: undefined }), 400, {
        code: 'meeting.venue_required',
        field: 'venue',
      });
      expectError(await convenor.post(url(), { ...meeting, mode: 'online', venue: undefined }), 400, {
        field: 'onlineLink',
      });
      expectError(await convenor.post(url(), { ...meeting, startsAt: 'tomorrow evening' }), 400, { field: 'startsAt' });
      expectError(await convenor.post(url(), { ...meeting, endsAt: '2026-11-28T18:00:00+08:00' }), 400, {
        field: 'endsAt',
      });
    });

    it('refuses before announcing, and on an archived matter', async () => {
      expectError(await convenor.post(`/api/matters/${accepted}/meetings`, meeting), 409, {
        code: 'matter.wrong_stage',
      });
      expectError(await convenor.post(`/api/matters/${archived}/meetings`, meeting), 409, { code: 'matter.read_only' });
    });

    it('schedules with a code for the convenor only', async () => {
      const response = await convenor.post(url(), meeting);
      expect(response.statusCode).toBe(201);
      meetingId = response.json().id;
      code = response.json().signInCode;
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
      expect(await lastAction(live)).toBe('meeting.schedule');
      const list = await attendee.get(url());
      expect(list.json().items).toEqual([expect.objectContaining({ id: meetingId, signInCode: null })]);
      expect((await convenor.get(`/api/meetings/${meetingId}`)).json().signInCode).toBe(code);
      expectError(await otherConvenor.get(`/api/meetings/${meetingId}`), 404, { code: 'not_found' });
      expectError(await otherConvenor.get(url()), 404, { code: 'not_found' });
      expectError(await convenor.get('/api/meetings/999999'), 404, { code: 'not_found' });
    });
  });

  describe('sign-in and attendance', () => {
    it('refuses visitors, wrong codes, people not invited and another community', async () => {
      const url = `/api/meetings/${meetingId}/sign-in`;
      expectError(await anonymous.post(url, { code }), 401, { code: 'auth.required' });
      expectError(await attendee.post(url, { code: 'ZZZZZZ' }), 400, { code: 'meeting.wrong_code', field: 'code' });
      expectError(await attendee.post(url, {}), 400, { field: 'code' });
      expectError(await neighbour.post(url, { code }), 403, { code: 'meeting.not_invited' });
      expectError(await otherConvenor.post(url, { code }), 404, { code: 'not_found' });
      expectError(await attendee.post(`/api/meetings/${archivedMeeting}/sign-in`, { code: 'ABCDEF' }), 409, {
        code: 'matter.read_only',
      });
      expectError(await convenor.post(`/api/meetings/${archivedMeeting}/attendance`, { invitationId: 1 }), 409, {
        code: 'matter.read_only',
      });
    });

    it('signs in once, however often and however concurrently', async () => {
      const url = `/api/meetings/${meetingId}/sign-in`;
      const replies = await Promise.all([1, 2, 3].map(() => attendee.post(url, { code })));
      expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(replies.filter((r) => !r.json().alreadySignedIn)).toHaveLength(1);
      const rows = await t.database.db.select().from(signIns).where(eq(signIns.meetingId, meetingId));
      expect(rows).toHaveLength(1);
      expect(await lastAction(live)).toBe('meeting.signIn');
    });

    it('lets staff mark an invitee present, once', async () => {
      const url = `/api/meetings/${meetingId}/attendance`;
      expectError(await anonymous.post(url, { invitationId: absenteeInvitation }), 401, { code: 'auth.required' });
      expectError(await attendee.post(url, { invitationId: absenteeInvitation }), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(url, { invitationId: absenteeInvitation }), 404, { code: 'not_found' });
      expectError(await convenor.post(url, { invitationId: otherMatterInvitation }), 400, {
        code: 'meeting.invitation_other_matter',
        field: 'invitationId',
      });
      expectError(await convenor.post(url, { invitationId: 'x' }), 400, { field: 'invitationId' });
      const marked = await convenor.post(url, { invitationId: absenteeInvitation });
      expect(marked.json()).toEqual({ meetingId, invitationId: absenteeInvitation, alreadySignedIn: false });
      expect(await lastAction(live)).toBe('meeting.markAttendance');
      // The same person then types the code: still one row.
      const again = await absentee.post(`/api/meetings/${meetingId}/sign-in`, { code });
      expect(again.json().alreadySignedIn).toBe(true);
      // A repeated sign-in changes nothing, so the chain does not grow either.
      expect(await lastAction(live)).toBe('meeting.markAttendance');
    });

    it('an invitee who signed in cannot be removed from the list', async () => {
      expectError(await convenor.delete(`/api/invitations/${attendeeInvitation}`), 409, {
        code: 'invitation.signed_in',
      });
    });

    it('the sheet counts due and present; names for staff, initials for others', async () => {
      await t.database.db
        .insert(invitations)
        .values({ matterId: live, reason: 'outside', outsideName: '物业', reply: 'no' });
      const staffSheet = (await convenor.get(`/api/meetings/${meetingId}/sheet`)).json();
      expect(staffSheet).toMatchObject({ due: 2, present: 2 });
      expect(staffSheet.rows.map((r: { name: string }) => r.name)).toEqual(['张阿姨', '李师傅', '物业']);
      const seen = (await neighbour.get(`/api/meetings/${meetingId}/sheet`)).json();
      expect(seen.rows.map((r: { name: string }) => r.name)).toEqual(['张**', '李**', '物业']);
      expectError(await anonymous.get(`/api/meetings/${meetingId}/sheet`), 401, { code: 'auth.required' });
      expectError(await otherConvenor.get(`/api/meetings/${meetingId}/sheet`), 404, { code: 'not_found' });
    });
  });

  describe('minutes', () => {
    it('only the convenor drafts, with a body, on a writable matter', async () => {
      const url = `/api/meetings/${meetingId}/minutes`;
      expectError(await anonymous.post(url, { body: '纪要' }), 401, { code: 'auth.required' });
      expectError(await attendee.post(url, { body: '纪要' }), 403, { code: 'access.denied' });
      expectError(await otherConvenor.post(url, { body: '纪要' }), 404, { code: 'not_found' });
      expectError(await convenor.post(url, { body: '  ' }), 400, { field: 'body' });
      expectError(await convenor.post(`/api/meetings/${archivedMeeting}/minutes`, { body: '纪要' }), 409, {
        code: 'matter.read_only',
      });
      const drafted = await convenor.post(url, { body: '张阿姨同意加装电梯。' });
      expect(drafted.json().minutes).toMatchObject({ status: 'draft', bodyFull: '张阿姨同意加装电梯。' });
      minutesId = drafted.json().minutes.id;
      expect(await lastAction(live)).toBe('minutes.draft');
      expect((await attendee.get(url)).json().minutes).toMatchObject({ bodyFull: null, body: null });
    });

    it('amendments need the period open, an attendee, and time left', async () => {
      const url = `/api/minutes/${minutesId}/amendments`;
      expectError(await attendee.post(url, { body: '请补充' }), 409, { code: 'minutes.not_amending' });
      expectError(await convenor.post(`/api/minutes/${minutesId}/open-amendments`, { amendDays: 0 }), 400, {
        field: 'amendDays',
      });
      expectError(await attendee.post(`/api/minutes/${minutesId}/open-amendments`, { amendDays: 3 }), 403, {
        code: 'access.denied',
      });
      const opened = await convenor.post(`/api/minutes/${minutesId}/open-amendments`, { amendDays: 3 });
      expect(opened.json().minutes.status).toBe('amending');
      expect(await lastAction(live)).toBe('minutes.openAmendments');
      expectError(await neighbour.post(url, { body: '请补充' }), 403, { code: 'minutes.not_attendee' });
      expectError(await otherConvenor.post(url, { body: '请补充' }), 404, { code: 'not_found' });
      const proposed = await attendee.post(url, { body: '请写明我要求保留采光。' });
      expect(proposed.statusCode).toBe(201);
      expect(await lastAction(live)).toBe('minutes.amend');
      await t.database.db
        .update(minutes)
        .set({ amendUntil: new Date(Date.now() - 1000) })
        .where(eq(minutes.id, minutesId));
      expectError(await absentee.post(url, { body: '晚了' }), 409, { code: 'minutes.amend_closed' });
    });

    it('answers each amendment once, then publishes once', async () => {
      const staffView = (await convenor.get(`/api/meetings/${meetingId}/minutes`)).json().minutes;
      const amendmentId = staffView.amendments[0].id;
      const answerUrl = `/api/minutes/amendments/${amendmentId}/answer`;
      expectError(await attendee.post(answerUrl, { accept: true, answer: '好' }), 403, { code: 'access.denied' });
      expectError(await convenor.post(answerUrl, { accept: 'yes', answer: '好' }), 400, { field: 'accept' });
      expect((await convenor.post(answerUrl, { accept: false, answer: '与会议记录不符。' })).json().status).toBe(
        'rejected',
      );
      expectError(await convenor.post(answerUrl, { accept: true, answer: '改主意' }), 409, {
        code: 'minutes.already_answered',
      });
      expectError(await attendee.post(`/api/minutes/${minutesId}/publish`), 403, { code: 'access.denied' });
      expectError(await convenor.post(`/api/minutes/${minutesId}/publish`), 409, { code: 'publication.unconfirmed' });
      await confirmThroughRoutes(convenor, live, 'minutes');
      const published = await convenor.post(`/api/minutes/${minutesId}/publish`);
      expect(published.json().minutes).toMatchObject({ status: 'published', body: '居民A同意加装电梯。' });
      expect(await lastAction(live)).toBe('minutes.publish');
      expectError(await convenor.post(`/api/minutes/${minutesId}/publish`), 409, { code: 'minutes.published' });
      expectError(await convenor.post(`/api/meetings/${meetingId}/minutes`, { body: '改写' }), 409, {
        code: 'minutes.published',
      });
      expect((await neighbour.get(`/api/meetings/${meetingId}/minutes`)).json().minutes).toMatchObject({
        bodyFull: null,
        body: '居民A同意加装电梯。',
        amendments: [],
      });
      expect(await verifyMatterChain(t.database.db, live)).toMatchObject({ isIntact: true });
    });
  });
});
