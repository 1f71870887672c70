import type { MatterStatus } from '../../../domain/matters/stages';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluations, matterStageEntries, matters, tasks } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { buildMatter } from '../../test/matter-factories';
import { bulletinQrPng } from './bulletins.docx';
import { publicBulletinPath } from './bulletins.public';

const MONTH = '2025-03';
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);

describe('public bulletin', () => {
  let w: AfterDeliberationWorld;
  let publicLate: { id: number };
  let hidden: { id: number };
  let publicBest: { id: number };
  /** Everything the reply must never carry: the fixture's people, their phones, the hidden matter's texts. */
  let forbidden: string[];
  const url = (placeId: number, month = MONTH) => `/api/public/bulletins/${placeId}/${month}`;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const community = w.territory.community.id;
    const at = async (
      status: 'implementing' | 'archived',
      title: string,
      visibility: 'public' | 'community',
      stages: [MatterStatus, string][],
    ) => {
      const matter = await buildMatter(w.db, {
        placeId: w.territory.building.id,
        proposerAccountId: w.residentAccountId,
        convenorAccountId: w.staff.convenor.id,
        status,
        title,
        visibility,
      });
      await w.db.delete(matterStageEntries).where(eq(matterStageEntries.matterId, matter.id));
      await w.db
        .insert(matterStageEntries)
        .values(stages.map(([stage, day]) => ({ matterId: matter.id, status: stage, enteredAt: noon(day) })));
      await w.db
        .update(matters)
        .set({ createdAt: noon(stages[0]![1]), sealedAt: status === 'archived' ? noon(stages.at(-1)![1]) : null })
        .where(eq(matters.id, matter.id));
      return matter;
    };
    const march: [MatterStatus, string][] = [
      ['raised', '2025-03-03'],
      ['resolved', '2025-03-10'],
      ['implementing', '2025-03-12'],
    ];
    publicLate = await at('implementing', '小区路灯维修', 'public', march);
    hidden = await at('implementing', '李师傅家楼下管道漏水', 'community', march);
    publicBest = await at('archived', '张阿姨提议的5幢加装电梯', 'public', [
      ['raised', '2025-01-05'],
      ['archived', '2025-03-25'],
    ]);
    await w.db
      .insert(evaluations)
      .values({ matterId: publicBest.id, score: 95, outcome: 'positive', accountId: w.staff.convenor.id });
    const task = (matterId: number, title: string, ownerName: string) => ({
      matterId,
      title,
      ownerName,
      dueOn: '2025-03-15',
      createdBy: w.staff.convenor.id,
    });
    await w.db
      .insert(tasks)
      .values([
        task(publicLate.id, '更换灯杆，王主任负责联系', '王主任'),
        task(hidden.id, '疏通管道（联系13812345679）', '李师傅'),
      ]);
    const generated = await w.clients.convenor.post(`/api/places/${community}/bulletins`, { month: MONTH });
    expect(generated.statusCode).toBe(200);
    const staffPhones = Object.values(w.staff).map((s) => s.phone);
    forbidden = [
      ...['张阿姨', '李师傅', '王主任', '网格员小陈', '监督员老周', '外社区主任'],
      ...['13812345678', '13812345679', ...staffPhones],
      ...['管道漏水', '疏通管道', '0502'],
    ];
  });
  afterAll(() => w.t.close());

  it('shows anyone the figures the staff bulletin holds, with no login and a public cache header', async () => {
    const staff = (await w.clients.convenor.get(`/api/bulletins/${w.territory.community.id}/${MONTH}`)).json();
    const response = await w.clients.anonymous.get(url(w.territory.community.id));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const bulletin = response.json();
    expect(bulletin).toMatchObject({ place: { id: w.territory.community.id, name: '河滨社区' }, month: MONTH });
    expect(bulletin.figures.raised).toEqual(staff.content.figures.raised);
    expect(bulletin.figures.overdueTasks.value).toBe(2);
    expect(bulletin.byPlace).toEqual(staff.content.byPlace);
    expect(bulletin).not.toHaveProperty('generatedBy');
  });

  it('carries no names, phones or flats of the people involved, and no task owners', async () => {
    const text = (await w.clients.anonymous.get(url(w.territory.community.id))).body;
    for (const word of forbidden) expect(text, `leaks ${word}`).not.toContain(word);
    expect(text).not.toContain('ownerName');
  });

  it('names a public decided matter by its redacted title and link, and a non-public one by neither', async () => {
    const bulletin = (await w.clients.anonymous.get(url(w.territory.community.id))).json();
    const best = bulletin.best.find((m: { matterId: number | null }) => m.matterId === publicBest.id);
    expect(best).toMatchObject({ score: 95, outcome: 'positive' });
    expect(best.title).toContain('5幢加装电梯');
    const overdueIds = bulletin.mostOverdue.map((m: { matterId: number | null }) => m.matterId);
    expect(overdueIds).toContain(publicLate.id);
    expect(overdueIds).not.toContain(hidden.id);
    expect(bulletin.mostOverdue).toContainEqual(expect.objectContaining({ matterId: null, title: null }));
    expect(bulletin.overdueTasks).toHaveLength(2);
    const shown = bulletin.overdueTasks.find((t: { matterId: number | null }) => t.matterId === publicLate.id);
    expect(shown).toMatchObject({ title: '小区路灯维修', dueOn: '2025-03-15' });
    expect(shown.task).toContain('更换灯杆');
    expect(bulletin.overdueTasks).toContainEqual(
      expect.objectContaining({ matterId: null, title: null, task: null, dueOn: '2025-03-15' }),
    );
  });

  it('is 404 not_found for a month with no bulletin and an unknown place, 400 with field for a bad month', async () => {
    const anonymous = w.clients.anonymous;
    expectError(await anonymous.get(url(w.territory.community.id, '2025-01')), 404, { code: 'not_found' });
    expectError(await anonymous.get(url(2_000_000_000)), 404, { code: 'not_found' });
    expectError(await anonymous.get(url(w.territory.estate.id)), 404, { code: 'not_found' });
    expectError(await anonymous.get(url(w.territory.community.id, '2025-13')), 400, { field: 'month' });
    expectError(await anonymous.get(url(w.territory.community.id, 'march')), 400, { field: 'month' });
  });

  it("lists a place's public bulletins for the notice board; a month long past is not current", async () => {
    const list = await w.clients.anonymous.get(`/api/public/places/${w.territory.community.id}/bulletins`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ current: null, items: [{ month: MONTH }] });
    expectError(await w.clients.anonymous.get('/api/public/places/2000000000/bulletins'), 404, { code: 'not_found' });
  });

  /** Every text part of a .docx (body, header, properties), tags dropped. */
  const docxText = async (payload: Buffer) => {
    const zip = await JSZip.loadAsync(payload);
    const parts = Object.keys(zip.files).filter((name) => name.endsWith('.xml'));
    const texts = await Promise.all(parts.map((name) => zip.file(name)!.async('string')));
    return texts.join('\n').replace(/<[^>]+>/g, '');
  };

  it('prints in the .docx only what the public page shows: no owners, names, phones or non-public titles', async () => {
    const placeId = w.territory.community.id;
    const docx = await w.clients.convenor.get(`/api/bulletins/${placeId}/${MONTH}/docx`);
    expect(docx.statusCode).toBe(200);
    const text = await docxText(docx.rawPayload);
    for (const word of forbidden) expect(text, `prints ${word}`).not.toContain(word);
    expect(text).not.toContain('责任方');
    const figures = (await w.clients.anonymous.get(url(placeId))).json().figures;
    expect(text).toContain(`新提事项${figures.raised.value}`);
    expect(text).toContain(`逾期任务${figures.overdueTasks.value}`);
    expect(text).toContain('小区路灯维修');
    expect(text).toContain('更换灯杆');
    expect(text).toContain('5幢加装电梯');
    expect(text).toContain('未公开事项');
  });

  it("prints in the .docx the QR code of the public page's address on the host it was downloaded from", async () => {
    const placeId = w.territory.community.id;
    const docx = await w.clients.convenor.request({
      method: 'GET',
      url: `/api/bulletins/${placeId}/${MONTH}/docx`,
      headers: { host: 'yishi.example.org' },
    });
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const image = Object.keys(zip.files).find((name) => /^word\/media\/.+\.png$/.test(name))!;
    const printed = await zip.file(image)!.async('nodebuffer');
    const expected = await bulletinQrPng(`http://yishi.example.org${publicBulletinPath(placeId, MONTH)}`);
    expect(printed.equals(expected)).toBe(true);
    expect(publicBulletinPath(placeId, MONTH)).toBe(`/public/places/${placeId}/bulletins/${MONTH}`);
  });
});
