import JSZip from 'jszip';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments, invitations, matterEvents, matters, objections, resolutions, signIns, tasks } from '../../db/schema';
import { auditActionName, auditActions } from '../../../domain/matters/audit-actions';
import { castVote, closeBallot } from '../ballots';
import { generateKeyPairSync } from 'node:crypto';
import { anchorChains, anchorKeyOf } from '../chain';
import { verifyMatterChain } from '../matters';
import { buildBallot } from '../../test/ballot-factories';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';

const evaluation = { score: 90, outcome: 'positive', isDisputeResolved: true, comment: '电梯已投入使用' };

/** A reviewed matter with a follow-up, a supervisor review and an evaluation: ready to archive. */
async function reviewedAndEvaluated(w: AfterDeliberationWorld, title: string) {
  const m = await w.matterAt('reviewed', title);
  const base = `/api/matters/${m.id}`;
  await w.clients.grid.post(`${base}/follow-ups`, { method: 'visit', satisfaction: 5, comment: '回访满意' });
  await w.clients.supervisor.post(`${base}/supervision-reviews`, { verdict: 'satisfactory', comment: '程序完整' });
  await w.clients.convenor.post(`${base}/evaluation`, evaluation);
  return m;
}

describe('archive and the matter file', () => {
  let w: AfterDeliberationWorld;
  let matterId: number;
  const base = () => `/api/matters/${matterId}`;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    // The whole after-deliberation story through the API.
    const m = await w.matterAt('deliberating', '5幢2单元加装电梯');
    matterId = m.id;
    const c = w.clients.convenor;
    const meeting = await w.holdMeeting(m.id, [w.residentAccountId]);
    // Two more came without an account: a named outside party, and an invitation with no name on record.
    for (const outsideName of ['河滨物业经理', null]) {
      const [invitation] = await w.db
        .insert(invitations)
        .values({ matterId: m.id, reason: 'affected', outsideName, reply: 'yes' })
        .returning();
      await w.db
        .insert(signIns)
        .values({ meetingId: meeting.id, invitationId: invitation!.id, accountId: null, method: 'staff' });
    }
    await c.post(`${base()}/comments`, { body: '赞成', stance: 'for' });
    await c.post(`${base()}/resolution`, {
      body: '同意加装电梯，费用按楼层系数分摊',
      basis: 'consensus',
      meetingId: meeting.id,
      objectionDays: 5,
    });
    expect((await c.post(`${base()}/resolve`)).statusCode).toBe(200);
    await w.clients.resident.post(`${base()}/resolution/confirm`);
    const objection = (await w.clients.neighbour.post(`${base()}/objections`, { body: '一楼不应分摊' })).json();
    await c.post(`/api/objections/${objection.id}/answer`, { answer: '一楼系数为零' });
    await w.db
      .update(resolutions)
      .set({ objectionEndsAt: new Date(Date.now() - 1000) })
      .where(eq(resolutions.matterId, m.id));
    const taskId = (
      await c.post(`${base()}/tasks`, { title: '电梯井道施工', ownerName: '河滨物业', dueOn: '2030-06-30' })
    ).json().id;
    expect((await c.post(`${base()}/start-implementation`)).statusCode).toBe(200);
    await c.post(`/api/tasks/${taskId}/progress`, { note: '井道浇筑完成', percent: 60 });
    await c.patch(`/api/tasks/${taskId}`, { status: 'done' });
    expect((await c.post(`${base()}/start-review`)).statusCode).toBe(200);
    await w.clients.grid.post(`${base()}/follow-ups`, {
      method: 'visit',
      satisfaction: 5,
      comment: '老人上下楼方便多了',
    });
    await w.clients.resident.post(`${base()}/follow-ups`, { method: 'self', satisfaction: 4, comment: '满意' });
    await w.clients.supervisor.post(`${base()}/supervision-reviews`, {
      verdict: 'satisfactory',
      comment: '程序完整',
      lookBackOn: '2027-05-01',
    });
    await c.post(`${base()}/oversight`, { supervisorAccountId: w.staff.supervisor.id });
    const finding = await w.clients.supervisor.post(`${base()}/findings`, {
      body: '施工期间请公示噪声时段',
      dueOn: '2030-01-31',
    });
    expect(finding.statusCode).toBe(201);
    expect((await c.post(`/api/findings/${finding.json().id}/answer`, { answer: '已在单元门口张贴' })).statusCode).toBe(
      200,
    );
  });
  afterAll(async () => w.t.close());

  it('refuses the anonymous, residents, another community and a matter not yet evaluated', async () => {
    expectError(await w.clients.anonymous.post(`${base()}/archive`), 401, { code: 'auth.required' });
    expectError(await w.clients.resident.post(`${base()}/archive`), 403, { code: 'access.denied' });
    expectError(await w.clients.grid.post(`${base()}/archive`), 403, { code: 'access.denied' });
    expectError(await w.clients.other.post(`${base()}/archive`), 404, { code: 'not_found' });
    expectError(await w.clients.convenor.post(`${base()}/archive`), 409, { code: 'matter.needs_evaluation' });
    const implementing = await w.matterAt('implementing');
    expectError(await w.clients.convenor.post(`/api/matters/${implementing.id}/archive`), 409, {
      code: 'matter.wrong_stage',
    });
  });

  it('seals the matter after verifying its chain; twice at once seals once', async () => {
    expect((await w.clients.convenor.post(`${base()}/evaluation`, evaluation)).statusCode).toBe(201);
    const [a, b] = await Promise.all([
      w.clients.convenor.post(`${base()}/archive`),
      w.clients.convenor.post(`${base()}/archive`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [row] = await w.db.select().from(matters).where(eq(matters.id, matterId));
    expect(row).toMatchObject({ status: 'archived' });
    expect(row!.sealedAt).toBeInstanceOf(Date);
    await w.expectLastAction(matterId, 'archive');
  });

  it('refuses every write once archived', async () => {
    const refusals = [
      await w.clients.resident.post(`${base()}/comments`, { body: '还有话说', stance: 'neutral' }),
      await w.clients.convenor.post(`${base()}/tasks`, { title: '补漆', ownerName: '物业', dueOn: '2030-01-01' }),
      await w.clients.grid.post(`${base()}/follow-ups`, { method: 'phone', satisfaction: 3 }),
      await w.clients.neighbour.post(`${base()}/objections`, { body: '迟到的异议' }),
      await w.clients.convenor.post(`${base()}/archive`),
    ];
    for (const response of refusals) expectError(response, 409, { code: 'matter.read_only' });
  });

  it('refuses every after-deliberation route: anonymous 401, another community 404, archived 409', async () => {
    const [task] = await w.db.select().from(tasks).where(eq(tasks.matterId, matterId));
    const [comment] = await w.db.select().from(comments).where(eq(comments.matterId, matterId));
    const [resolution] = await w.db.select().from(resolutions).where(eq(resolutions.matterId, matterId));
    const [objection] = await w.db.select().from(objections).where(eq(objections.resolutionId, resolution!.id));
    const writes: [string, string, object | undefined][] = [
      ['POST', `${base()}/comments`, { body: '话', stance: 'for' }],
      ['POST', `/api/comments/${comment!.id}/hide`, { reason: '理由' }],
      ['POST', `${base()}/resolution`, { body: '决议', basis: 'consensus', objectionDays: 3 }],
      ['POST', `${base()}/resolve`, undefined],
      ['POST', `${base()}/resolution/confirm`, undefined],
      ['POST', `${base()}/objections`, { body: '异议' }],
      ['POST', `/api/objections/${objection!.id}/answer`, { answer: '答复' }],
      ['POST', `${base()}/tasks`, { title: '任务', ownerName: '物业', dueOn: '2030-01-01' }],
      ['PATCH', `/api/tasks/${task!.id}`, { status: 'done' }],
      ['POST', `/api/tasks/${task!.id}/progress`, { note: '进展', percent: 10 }],
      ['POST', `${base()}/start-implementation`, undefined],
      ['POST', `${base()}/start-review`, undefined],
      ['POST', `${base()}/follow-ups`, { method: 'visit', satisfaction: 3 }],
      ['POST', `${base()}/supervision-reviews`, { verdict: 'satisfactory', comment: '好' }],
      ['POST', `${base()}/evaluation`, evaluation],
      ['POST', `${base()}/archive`, undefined],
    ];
    const reads = ['comments', 'resolution', 'implementation', 'file.docx', 'file.json'].map((r) => `${base()}/${r}`);
    const send = (client: typeof w.clients.convenor, [method, url, payload]: [string, string, object | undefined]) =>
      client.request({ method: method as 'POST' | 'PATCH', url, payload });
    for (const write of writes) {
      expectError(await send(w.clients.anonymous, write), 401, { code: 'auth.required' });
      expectError(await send(w.clients.other, write), 404, { code: 'not_found' });
      expectError(await send(w.clients.convenor, write), 409, { code: 'matter.read_only' });
    }
    for (const url of reads) {
      expectError(await w.clients.anonymous.get(url), 401, { code: 'auth.required' });
      expectError(await w.clients.other.get(url), 404, { code: 'not_found' });
      expect((await w.clients.convenor.get(url)).statusCode).toBe(200);
    }
  });

  it('exports a Chinese .docx dossier to staff only', async () => {
    expectError(await w.clients.anonymous.get(`${base()}/file.docx`), 401, {});
    expectError(await w.clients.resident.get(`${base()}/file.docx`), 403, { code: 'access.denied' });
    expectError(await w.clients.other.get(`${base()}/file.docx`), 404, {});
    const response = await w.clients.supervisor.get(`${base()}/file.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      '5幢2单元加装电梯',
      '同意加装电梯，费用按楼层系数分摊',
      '老人上下楼方便多了',
      '一楼系数为零',
      '井道浇筑完成',
      '归档封存',
      '完整',
      '实到：3（张阿姨、河滨物业经理，另 1 人）',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints every action and the category in Chinese, attendees without dashes, findings with answers', async () => {
    const response = await w.clients.convenor.get(`${base()}/file.docx`);
    const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const chain = (await w.clients.convenor.get(`${base()}/file.json`)).json().chain as { action: string }[];
    expect(new Set(chain.map((e) => e.action)).size).toBeGreaterThan(15);
    for (const [i, e] of chain.entries()) {
      expect(text).toMatch(new RegExp(`${i + 1}\\. [^\\n]*?\\d{2}:\\d{2}  ${auditActionName(e.action, 'zh-CN')}`));
    }
    // No chain action as its code: dotted (notice.post), bare (archive, raise) or camel-cased.
    for (const action of auditActions) expect(text).not.toMatch(new RegExp(`\\d{2}:\\d{2}\\s+${action}\\b`));
    for (const code of ['notice.post', 'minutes.publish', 'matter.announce', 'finding.answer', 'facilities', '—']) {
      expect(text).not.toContain(code);
    }
    for (const expected of [
      '类别：设施改造（加装电梯、停车、老旧小区改造）',
      '四治类别：未标注',
      '提出监督意见',
      '答复监督意见',
      '八、监督意见与答复',
      '施工期间请公示噪声时段',
      '答复：已在单元门口张贴（王主任，',
      '监督意见 1（监督员老周，',
    ]) {
      expect(text).toContain(expected);
    }
    const file = (await w.clients.convenor.get(`${base()}/file.json`)).json();
    expect(file.findings).toMatchObject([
      { finding: { body: '施工期间请公示噪声时段', answer: '已在单元门口张贴' }, answeredBy: '王主任' },
    ]);
  });

  it('prints a finding not answered yet as 待答复', async () => {
    const m = await w.matterAt('implementing', '楼道扶手加装');
    await w.clients.convenor.post(`/api/matters/${m.id}/oversight`, { supervisorAccountId: w.staff.supervisor.id });
    await w.clients.supervisor.post(`/api/matters/${m.id}/findings`, { body: '回访记录请附照片' });
    const response = await w.clients.convenor.get(`/api/matters/${m.id}/file.docx`);
    const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('回访记录请附照片');
    expect(text).toContain('答复：待答复');
    expect(text).not.toContain('答复：（');
  });

  it('exports the same file as .json with the whole chain and its verdict', async () => {
    expectError(await w.clients.resident.get(`${base()}/file.json`), 403, {});
    const file = (await w.clients.convenor.get(`${base()}/file.json`)).json();
    const chain = await verifyMatterChain(w.db, matterId);
    // The verdict GET /matters/:id/chain gives: links, anchors and covered texts.
    expect(file.verdict).toEqual((await w.clients.convenor.get(`/api/matters/${matterId}/chain`)).json());
    expect(file.verdict).toMatchObject({ isIntact: true, head: chain.isIntact ? chain.head : null });
    expect(file.chain).toHaveLength(chain.length);
    expect(file.chain.at(-1).action).toBe('archive');
    expect(file.resolution.body).toBe('同意加装电梯，费用按楼层系数分摊');
    expect(file.followUps.map((f: { comment: string }) => f.comment)).toContain('老人上下楼方便多了');
    expect(file.evaluation).toMatchObject({ score: 90 });
  });

  it('detects a tampered audit entry: archive refuses naming it, the file says where', async () => {
    const m = await reviewedAndEvaluated(w, '小区停车位调整');
    await w.db
      .update(matterEvents)
      .set({ payload: sql`jsonb_set(${matterEvents.payload}, '{title}', '"改过的标题"')` })
      .where(and(eq(matterEvents.matterId, m.id), eq(matterEvents.seq, 1)));
    const refused = await w.clients.convenor.post(`/api/matters/${m.id}/archive`);
    expectError(refused, 409, { code: 'matter.chain_broken', details: { brokenAt: 1, reason: 'payload_altered' } });
    expect(refused.json().error.message).toContain('第 1 条');
    const [row] = await w.db.select().from(matters).where(eq(matters.id, m.id));
    expect(row).toMatchObject({ status: 'reviewed', sealedAt: null });
    const file = (await w.clients.convenor.get(`/api/matters/${m.id}/file.json`)).json();
    expect(file.verdict).toMatchObject({ isIntact: false, brokenAt: 1 });
  });
  it('refuses to seal a chain cut short since its anchor, or whose covered texts were edited', async () => {
    const cut = await reviewedAndEvaluated(w, '楼道堆物清理');
    await anchorChains(w.db, anchorKeyOf(generateKeyPairSync('ed25519').privateKey));
    const { rows } = await w.db.execute<{ n: number }>(
      sql`select max(seq)::int as n from matter_events where matter_id = ${cut.id}`,
    );
    const length = rows[0]!.n;
    await w.db.execute(sql`delete from matter_events where matter_id = ${cut.id} and seq = ${length}`);
    expectError(await w.clients.convenor.post(`/api/matters/${cut.id}/archive`), 409, {
      code: 'matter.chain_broken',
      details: { brokenAt: length, reason: 'truncated' },
    });
    const edited = await reviewedAndEvaluated(w, '小区绿化补种');
    await w.db.execute(sql`update evaluations set comment = '效果很差' where matter_id = ${edited.id}`);
    expectError(await w.clients.convenor.post(`/api/matters/${edited.id}/archive`), 409, {
      code: 'matter.chain_broken',
      details: {
        reason: 'text_altered',
        textMismatches: [{ kind: 'evaluation', field: 'comment', status: 'altered' }],
      },
    });
    const [row] = await w.db.select().from(matters).where(eq(matters.id, edited.id));
    expect(row).toMatchObject({ status: 'reviewed', sealedAt: null });
  });

  it('carries the ballot result in the dossier and file.json: rule, citation, exact fractions, channels', async () => {
    const m = await w.matterAt('deliberating', '5幢加装电梯票决');
    const { ballot, electors } = await buildBallot(w.db, {
      matterId: m.id,
      placeId: w.territory.building.id,
      placePath: w.territory.building.path,
      createdBy: w.staff.convenor.id,
      electors: [
        { residentIds: [], areaCenti: 10000 },
        { residentIds: [], areaCenti: 10000 },
        { residentIds: [], areaCenti: 10000 },
      ],
    });
    await w.db.transaction(async (tx) => {
      for (const e of electors.slice(0, 2)) {
        const choice = { kind: 'yes_no', choice: 'for' } as const;
        await castVote(tx, {
          ballot,
          electorId: e.id,
          choice,
          channel: 'paper',
          castBy: w.staff.convenor.id,
          mayReplace: false,
        });
      }
    });
    await closeBallot(w.db, ballot.id, w.staff.convenor.id);
    const drafted = await w.clients.convenor.post(`/api/matters/${m.id}/resolution`, {
      body: '依票决结果，同意加装电梯',
      basis: 'ballot',
      ballotId: ballot.id,
      objectionDays: 5,
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const file = (await w.clients.convenor.get(`/api/matters/${m.id}/file.json`)).json();
    expect(file.ballots).toEqual([
      expect.objectContaining({
        id: ballot.id,
        citation: expect.stringContaining('第二百七十八条'),
        result: expect.objectContaining({
          outcome: 'passed',
          channels: { online: 0, proxy: 0, assisted: 0, paper: 2 },
        }),
      }),
    ]);
    const response = await w.clients.convenor.get(`/api/matters/${m.id}/file.docx`);
    const xml = await (await JSZip.loadAsync(response.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      `票决 #${ballot.id}`,
      '结果：通过（法定表决）',
      '参与表决专有面积占全体 200.00/300.00 m²（66.67%）≥ 2/3 ✓',
      '同意人数占参与表决 2/2（100.00%）≥ 3/4 ✓',
      '纸质 2',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
