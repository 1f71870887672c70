import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { confirmPublicTexts } from './publication.fixtures';
import { ballots, followUps, notices, resolutions, tasks } from '../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from './after-deliberation.fixtures';
import { buildMatter } from './matter-factories';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The showcase's world: a public matter decided by a ballot (implementing, two tasks, two follow-ups,
 * notices current and expired, a resolution naming 张阿姨 with her phone), a resolved community-only
 * matter and a public matter still in deliberation.
 */
export async function showcaseWorld() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-showcase-'));
  const w = await afterDeliberationWorld({ YISHI_DATA_DIR: dataDir });
  const { db } = w;
  const decided = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'implementing',
    visibility: 'public',
    title: '张阿姨提议5幢2单元加装电梯',
    convenorAccountId: w.staff.convenor.id,
  });
  const hidden = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'resolved',
    visibility: 'community',
    title: '仅社区可见的事项',
  });
  const undecided = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'deliberating',
    visibility: 'public',
    title: '尚在协商的公开事项',
  });
  const [ballot] = await db
    .insert(ballots)
    .values({
      matterId: decided.id,
      placeId: w.territory.building.id,
      placePath: w.territory.building.path,
      question: '是否加装电梯',
      ruleKey: 'civil-code-278-major',
      ruleVersion: 1,
      electorateKind: 'owners',
      secrecy: 'named',
      status: 'closed',
      closesAt: new Date(),
      closedAt: new Date(),
      result: {
        outcome: 'passed',
        isStatutory: true,
        ruleName: '民法典第278条 重大事项',
        citation: '民法典第二百七十八条',
        quorum: {
          mode: 'all',
          met: true,
          checks: [
            {
              measure: 'heads',
              part: 'participants',
              of: 'electorate',
              threshold: '≥ 2/3',
              numerator: '9',
              denominator: '12',
              percent: '75.00',
              met: true,
            },
          ],
        },
        decision: {
          mode: 'all',
          met: true,
          checks: [
            {
              measure: 'heads',
              part: 'approvals',
              of: 'participants',
              threshold: '≥ 3/4',
              numerator: '8',
              denominator: '9',
              percent: '88.89',
              met: true,
            },
          ],
        },
        electorate: { heads: '12', area: '120000', households: '12' },
        participants: { heads: '9', area: '90050', households: '9' },
        counts: {
          for: { heads: '8', area: '80000', households: '8' },
          against: { heads: '1', area: '10050', households: '1' },
          abstain: { heads: '0', area: '0', households: '0' },
        },
        approval: null,
        ranked: null,
        winners: [],
        missingConsents: ['5幢2单元0502'],
        channels: { online: 7, proxy: 1, assisted: 1, paper: 0 },
      },
      createdBy: w.staff.convenor.id,
    })
    .returning();
  await db.insert(resolutions).values({
    matterId: decided.id,
    body: '经王主任主持，张阿姨（13812345678）等业主表决同意加装电梯，费用按楼层分摊。',
    basis: 'ballot',
    ballotId: ballot!.id,
    objectionEndsAt: new Date(Date.now() + 3 * 86_400_000),
    createdBy: w.staff.convenor.id,
  });
  await db.insert(tasks).values([
    { matterId: decided.id, title: '电梯井施工', ownerName: '物业', dueOn: day(30), createdBy: w.staff.convenor.id },
    {
      matterId: decided.id,
      title: '招标',
      ownerName: '物业',
      dueOn: day(-3),
      status: 'done',
      createdBy: w.staff.convenor.id,
    },
  ]);
  await db.insert(followUps).values([
    { matterId: decided.id, recordedBy: w.staff.grid.id, method: 'visit', satisfaction: 4, comment: '李师傅满意' },
    { matterId: decided.id, recordedBy: w.staff.grid.id, method: 'phone', satisfaction: 5, comment: '好' },
  ]);
  await db.insert(notices).values([
    {
      matterId: decided.id,
      kind: 'result',
      title: '加装电梯表决结果公示',
      body: '张阿姨（13812345678）等同意。',
      startsOn: day(-1),
      endsOn: day(5),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: decided.id,
      kind: 'topic',
      title: '过期的议题公示',
      body: '已过期',
      startsOn: day(-20),
      endsOn: day(-10),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: undecided.id,
      kind: 'meeting',
      title: '协商会议通知',
      body: '周六上午在议事厅',
      startsOn: day(-1),
      endsOn: day(2),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: hidden.id,
      kind: 'topic',
      title: '社区内部公示',
      body: '不公开',
      startsOn: day(-1),
      endsOn: day(2),
      createdBy: w.staff.convenor.id,
    },
  ]);
  for (const matter of [decided, hidden, undecided]) await confirmPublicTexts(db, matter.id, w.staff.convenor.id);
  return { w, decided, hidden, undecided };
}

/** Every resident and account name and phone in the database: none may appear in a public reply. */
export async function expectNoPersonalData(w: AfterDeliberationWorld, label: string, text: string) {
  const rows = await w.t.database.db.execute<{ text: string }>(
    `select name as text from residents union select phone from residents where phone is not null
     union select display_name from accounts union select phone from accounts where phone is not null`,
  );
  const words = rows.rows.map((r) => r.text).filter((t) => t && t.length >= 2);
  for (const word of words) expect(text, `${label} leaks ${word}`).not.toContain(word);
}
