import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactMinutes } from '../../../domain/matters/redaction';
import {
  evaluations,
  followUps,
  matterEvents,
  meetings,
  minutes,
  objections,
  publicTexts,
  resolutions,
  taskProgress,
  tasks,
} from '../../db/schema';
import { buildDwelling, buildResident } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { confirmPublicTexts } from '../../test/publication.fixtures';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';

let w: AfterDeliberationWorld;
/** A resident with a flat (5幢2单元0502), so flats and room numbers have something to leak. */
let flatOwner: { name: string; phone: string | null };

const FULL_MINUTES =
  '王主任主持会议。张阿姨（13812345678，住2单元0502）提出加装电梯，李师傅同意。赵大爷（5-2-301）担心噪音。内部备注：仅供存档。';
const DRAFT_MINUTES = '第二次会议草稿：尚未公开的讨论内容。';

beforeAll(async () => {
  w = await afterDeliberationWorld();
  const dwelling = await buildDwelling(w.db, { placeId: w.territory.unit2.id, room: '0502', floor: 5 });
  flatOwner = await buildResident(w.db, {
    placeId: w.territory.unit2.id,
    name: '赵大爷',
    phone: '13955550502',
    dwellingId: dwelling.id,
    owns: [dwelling.id],
  });
});
afterAll(async () => w.t.close());

/** A public matter with minutes, resolution, an answered objection, a task with notes, follow-ups and an evaluation. */
async function publicMatterWithEverything(status: 'resolved' | 'implementing' = 'implementing') {
  const matter = await buildMatter(w.db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status,
    visibility: 'public',
    convenorAccountId: w.staff.convenor.id,
  });
  const meeting = await w.holdMeeting(matter.id, [w.residentAccountId, w.neighbourAccountId]);
  const people = [{ name: '张阿姨' }, { name: '李师傅' }, { name: '赵大爷' }, { name: '王主任', role: '工作人员' }];
  await w.db.insert(minutes).values({
    meetingId: meeting.id,
    bodyFull: FULL_MINUTES,
    bodyPublished: redactMinutes(FULL_MINUTES, people),
    status: 'published',
    publishedAt: new Date(),
    createdBy: w.staff.convenor.id,
  });
  const [draftMeeting] = await w.db
    .insert(meetings)
    .values({
      matterId: matter.id,
      mode: 'online',
      onlineLink: 'https://meet.example/1',
      startsAt: new Date(),
      signInCode: 'ABCDEF',
      createdBy: w.staff.convenor.id,
    })
    .returning();
  await w.db
    .insert(minutes)
    .values({ meetingId: draftMeeting!.id, bodyFull: DRAFT_MINUTES, createdBy: w.staff.convenor.id });
  const [resolution] = await w.db
    .insert(resolutions)
    .values({
      matterId: matter.id,
      body: '经王主任主持，张阿姨、李师傅等住户同意加装电梯；联系电话13812345678。',
      basis: 'consensus',
      meetingId: meeting.id,
      objectionEndsAt: new Date(Date.now() - 86_400_000),
      createdBy: w.staff.convenor.id,
    })
    .returning();
  await w.db.insert(objections).values({
    resolutionId: resolution!.id,
    accountId: w.neighbourAccountId,
    body: '李师傅反对：13812345679 噪音太大',
    answer: '已与李师傅（5-2-301）沟通，施工避开午休。',
    answeredBy: w.staff.convenor.id,
    answeredAt: new Date(),
  });
  const [task] = await w.db
    .insert(tasks)
    .values({
      matterId: matter.id,
      title: '电梯井施工',
      ownerName: '赵大爷',
      dueOn: '2099-01-01',
      createdBy: w.staff.convenor.id,
    })
    .returning();
  await w.db
    .insert(taskProgress)
    .values({ taskId: task!.id, accountId: w.staff.convenor.id, note: '赵大爷家0502室门口已清理', percent: 40 });
  await w.db.insert(followUps).values([
    { matterId: matter.id, recordedBy: w.staff.grid.id, method: 'visit', satisfaction: 4, comment: '张阿姨很满意' },
    { matterId: matter.id, recordedBy: w.residentAccountId, method: 'self', satisfaction: 5, comment: '好' },
  ]);
  await w.db.insert(evaluations).values({
    matterId: matter.id,
    score: 90,
    outcome: 'positive',
    isDisputeResolved: true,
    comment: '王主任工作到位',
    accountId: w.staff.supervisor.id,
  });
  await confirmPublicTexts(w.db, matter.id, w.staff.convenor.id);
  return matter;
}

describe('public matter page', () => {
  it('lets anyone read a public, resolved matter without logging in, cacheable for a minute', async () => {
    const matter = await publicMatterWithEverything('resolved');
    const response = await w.clients.anonymous.get(`/api/public/matters/${matter.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const page = response.json();
    expect(page).toMatchObject({
      id: matter.id,
      title: '5幢某单元加装电梯',
      category: 'facilities',
      kind: 'livelihood',
      level: 'building',
      status: 'resolved',
      step: 5,
      objections: { count: 1 },
      followUps: { count: 2, averageSatisfaction: 4.5 },
      evaluation: { outcome: 'positive', score: 90 },
      chain: { isIntact: true, length: 1 },
    });
    expect(page.trail).toEqual([
      { kind: 'city', name: '测试市' },
      { kind: 'town', name: '梧桐街道' },
      { kind: 'community', name: '河滨社区' },
      { kind: 'estate', name: '河滨小区' },
      { kind: 'building', name: '5幢' },
    ]);
    expect(page.timeline).toEqual([{ seq: 1, action: 'raise', at: expect.any(String) }]);
    expect(page.tasks).toEqual([
      {
        title: '电梯井施工',
        dueOn: '2099-01-01',
        status: 'open',
        isOverdue: false,
        percent: 40,
        notes: [{ note: '居民C家某室门口已清理', percent: 40, at: expect.any(String) }],
      },
    ]);
    expect(page.objections.answers).toEqual([
      { answer: '已与居民B（5幢某单元）沟通，施工避开午休。', answeredAt: expect.any(String) },
    ]);
  });

  it('answers 404 alike for a community-only matter, an undecided public matter and an unknown id', async () => {
    const community = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'resolved',
      visibility: 'community',
    });
    const raised = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'raised',
      visibility: 'public',
    });
    for (const id of [community.id, raised.id, 999_999]) {
      for (const path of [`/api/public/matters/${id}`, `/api/public/matters/${id}/file.json`]) {
        expectError(await w.clients.anonymous.get(path), 404, { code: 'not_found' });
      }
    }
    // Logged-in residents get no more through the public route.
    expectError(await w.clients.resident.get(`/api/public/matters/${community.id}`), 404, { code: 'not_found' });
  });

  it('never names, rings or locates anyone: no resident or staff name, phone, room or account id in page or file', async () => {
    const matter = await publicMatterWithEverything();
    const page = await w.clients.anonymous.get(`/api/public/matters/${matter.id}`);
    const file = await w.clients.anonymous.get(`/api/public/matters/${matter.id}/file.json`);
    expect(file.statusCode, file.body).toBe(200);
    // Hashes are hex and could contain any short run of digits by chance; they are checked separately.
    const fileJson = file.json();
    const fileWithoutHashes = {
      ...fileJson,
      chainEntries: fileJson.chainEntries.map((e: { seq: number; action: string; at: string }) => ({
        seq: e.seq,
        action: e.action,
        at: e.at,
      })),
      chain: { ...fileJson.chain, head: null },
    };
    const staff = Object.values(w.staff);
    const forbidden = [
      '张阿姨',
      '李师傅',
      flatOwner.name,
      ...staff.map((s) => s.displayName),
      '13812345678',
      '13812345679',
      flatOwner.phone!,
      ...staff.map((s) => s.phone),
      '0502',
      '301',
      '"accountId"',
      'AccountId"',
      '"createdBy"',
      '"recordedBy"',
      '"ownerName"',
      '"description"',
      '"actorName"',
      '"payload"',
    ];
    const pageWithoutHash = { ...page.json(), chain: { ...page.json().chain, head: undefined } };
    // Times are digits too: a timestamp's millisecond 301 is not room 301.
    const withoutTimes = (text: string) =>
      text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, '<time>');
    for (const text of [pageWithoutHash, fileWithoutHashes].map((json) => withoutTimes(JSON.stringify(json)))) {
      for (const word of forbidden) expect(text, `leaks ${word}`).not.toContain(word);
    }
  });

  it('shows only the published, redacted minutes: never the full text, never a draft', async () => {
    const matter = await publicMatterWithEverything();
    const [stored] = await w.db
      .select({ body: publicTexts.body })
      .from(publicTexts)
      .where(and(eq(publicTexts.matterId, matter.id), eq(publicTexts.kind, 'minutes')));
    const page = await w.clients.anonymous.get(`/api/public/matters/${matter.id}`);
    const file = await w.clients.anonymous.get(`/api/public/matters/${matter.id}/file.json`);
    expect(page.json().minutes).toEqual([
      {
        meetingMode: 'on_site',
        meetingStartsAt: expect.any(String),
        publishedAt: expect.any(String),
        body: stored!.body,
      },
    ]);
    for (const body of [page.body, file.body]) {
      expect(body).not.toContain(FULL_MINUTES);
      expect(body).not.toContain(DRAFT_MINUTES);
    }
  });

  it('publishes the chain links without payloads, and says when a stored entry was altered', async () => {
    const matter = await publicMatterWithEverything();
    const file = (await w.clients.anonymous.get(`/api/public/matters/${matter.id}/file.json`)).json();
    expect(file.chainEntries).toEqual([
      { seq: 1, action: 'raise', at: expect.any(String), prevHash: expect.any(String), hash: file.chain.head },
    ]);
    await w.db
      .update(matterEvents)
      .set({ payload: { title: '篡改' } })
      .where(eq(matterEvents.matterId, matter.id));
    const page = (await w.clients.anonymous.get(`/api/public/matters/${matter.id}`)).json();
    expect(page.chain).toEqual({ isIntact: false, length: 1, brokenAt: 1, reason: 'payload_altered' });
  });
});
