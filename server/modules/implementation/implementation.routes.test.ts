import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluations, inboxItems, invitations, matterFiles, resolutions, tasks } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { isOverdueTask as isOverdue } from '../../../domain/implementation/task-status';
import sharp from 'sharp';
import { buildJpeg, buildPng } from '../../test/images';

const task = { title: '电梯井道施工', ownerName: '河滨物业', dueOn: '2030-06-30' };
const PNG = await buildPng();
const JPEG = await buildJpeg();
const formatOf = async (bytes: Buffer) => (await sharp(bytes).metadata()).format;

/** A multipart/form-data body with text fields and `photos` files. */
function form(fields: Record<string, string>, photos: { name: string; bytes: Buffer; type?: string }[]) {
  const boundary = '----yishi-test-boundary';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const photo of photos) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${photo.name}"\r\n` +
          `Content-Type: ${photo.type ?? 'image/png'}\r\n\r\n`,
      ),
      photo.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('implementation routes', () => {
  let w: AfterDeliberationWorld;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-files-'));
    w = await afterDeliberationWorld({ YISHI_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await w.t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('tasks and progress', () => {
    it('refuses the anonymous, residents, another community, bad bodies and the wrong step', async () => {
      const m = await w.matterAt('resolved');
      const url = `/api/matters/${m.id}/tasks`;
      expectError(await w.clients.anonymous.post(url, task), 401, { code: 'auth.required' });
      expectError(await w.clients.resident.post(url, task), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(url, task), 404, { code: 'not_found' });
      expectError(await w.clients.convenor.post(url, { ...task, title: '' }), 400, { field: 'title' });
      expectError(await w.clients.convenor.post(url, { ...task, dueOn: '2030-02-30' }), 400, { field: 'dueOn' });
      expectError(await w.clients.convenor.post(url, { ...task, ownerAccountId: 999999 }), 400, {
        field: 'ownerAccountId',
      });
      const early = await w.matterAt('deliberating');
      expectError(await w.clients.convenor.post(`/api/matters/${early.id}/tasks`, task), 409, {
        code: 'matter.wrong_stage',
      });
      const archived = await w.matterAt('archived');
      expectError(await w.clients.convenor.post(`/api/matters/${archived.id}/tasks`, task), 409, {
        code: 'matter.read_only',
      });
    });

    it('sets tasks, logs progress that stakeholders see in their inbox, flags overdue, completes', async () => {
      const m = await w.matterAt('resolved');
      const created = await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, task);
      expect(created.statusCode).toBe(201);
      await w.expectLastAction(m.id, 'task.create');
      const late = await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, {
        ...task,
        title: '旧账',
        dueOn: '2020-01-01',
      });
      const taskId = created.json().id;

      const progressUrl = `/api/tasks/${taskId}/progress`;
      expectError(await w.clients.anonymous.post(progressUrl, { note: '进场', percent: 10 }), 401, {});
      expectError(await w.clients.resident.post(progressUrl, { note: '进场', percent: 10 }), 403, {});
      expectError(await w.clients.other.post(progressUrl, { note: '进场', percent: 10 }), 404, {});
      expectError(await w.clients.convenor.post(progressUrl, { note: '进场', percent: 101 }), 400, {
        field: 'percent',
      });
      const progress = await w.clients.convenor.post(progressUrl, { note: '施工队已进场', percent: 30 });
      expect(progress.statusCode).toBe(201);
      await w.expectLastAction(m.id, 'task.progress');
      const inbox = await w.db.select().from(inboxItems).where(eq(inboxItems.accountId, w.residentAccountId));
      expect(inbox).toMatchObject([{ matterId: m.id, kind: 'task.progress', body: '施工队已进场' }]);

      const view = (await w.clients.resident.get(`/api/matters/${m.id}/implementation`)).json();
      expect(view.tasks).toMatchObject([
        { id: taskId, percent: 30, isOverdue: false, progress: [{ note: '施工队已进场' }] },
        { id: late.json().id, isOverdue: true },
      ]);
      expect(view.tasks.map((t: { isMine: boolean }) => t.isMine)).toEqual([false, false]);
      // An invitee of the matter may carry a task (domain/access/policies/task.policy.ts).
      await w.db.insert(invitations).values({ matterId: m.id, reason: 'affected', accountId: w.residentAccountId });
      const owned = await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, {
        ...task,
        title: '居民代表监督施工',
        ownerAccountId: w.residentAccountId,
      });
      const owner = (await w.clients.resident.get(`/api/matters/${m.id}/implementation`)).json();
      expect(owner.tasks.find((t: { id: number }) => t.id === owned.json().id)).toMatchObject({ isMine: true });
      expect(isOverdue({ status: 'open', dueOn: '2026-03-01' }, '2026-03-01')).toBe(false);
      expect(isOverdue({ status: 'done', dueOn: '2026-02-01' }, '2026-03-01')).toBe(false);

      expectError(await w.clients.resident.patch(`/api/tasks/${taskId}`, { status: 'done' }), 403, {});
      expectError(await w.clients.convenor.patch(`/api/tasks/${taskId}`, { status: 'open' }), 400, { field: 'status' });
      expectError(await w.clients.convenor.patch('/api/tasks/999999', { status: 'done' }), 404, {});
      const [a, b] = await Promise.all([
        w.clients.convenor.patch(`/api/tasks/${taskId}`, { status: 'done' }),
        w.clients.convenor.patch(`/api/tasks/${taskId}`, { status: 'done' }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const [row] = await w.db.select().from(tasks).where(eq(tasks.id, taskId));
      expect(row).toMatchObject({ status: 'done' });
    });
  });

  describe('progress photos', () => {
    it('stores up to nine JPEG/PNG/WebP photos by content, refusing other files and a tenth', async () => {
      const m = await w.matterAt('implementing');
      const taskId = (await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, task)).json().id;
      const url = `/api/tasks/${taskId}/progress`;
      const send = (body: ReturnType<typeof form>, client = w.clients.convenor) =>
        client.request({ method: 'POST', url, ...body });

      expectError(
        await w.clients.anonymous.request({ method: 'POST', url, ...form({ note: 'x', percent: '5' }, []) }),
        401,
        {},
      );
      expectError(
        await send(form({ note: '照片', percent: '20' }, [{ name: 'fake.png', bytes: Buffer.from('not an image') }])),
        400,
        {
          code: 'matter.photo_type',
          field: 'photos',
        },
      );
      const ten = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.png`, bytes: PNG }));
      expectError(await send(form({ note: '照片', percent: '20' }, ten)), 400, { code: 'matter.too_many_photos' });
      expectError(await send(form({ note: '照片', percent: 'lots' }, [])), 400, { field: 'percent' });
      expect(await w.db.select().from(matterFiles).where(eq(matterFiles.matterId, m.id))).toHaveLength(0);

      const sent = await send(
        form({ note: '井道完工', percent: '50' }, [
          { name: '井道.png', bytes: PNG },
          { name: '现场.jpg', bytes: JPEG, type: 'application/octet-stream' },
        ]),
      );
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ note: '井道完工', percent: 50 });
      const files = await w.db.select().from(matterFiles).where(eq(matterFiles.matterId, m.id));
      expect(files.map((f) => [f.purpose, f.contentType, f.taskProgressId])).toEqual([
        ['progress', 'image/png', sent.json().id],
        ['progress', 'image/jpeg', sent.json().id],
      ]);
      const stored = await readFile(path.join(dataDir, 'files', files[1]!.sha256));
      expect(await formatOf(stored)).toBe('jpeg');
      const view = (await w.clients.resident.get(`/api/matters/${m.id}/implementation`)).json();
      expect(view.tasks[0].progress[0].photoIds).toEqual(files.map((f) => f.id));
      await w.expectLastAction(m.id, 'task.progress');

      const photoUrl = `/api/matter-files/${files[1]!.id}`;
      expectError(await w.clients.anonymous.get(photoUrl), 401, {});
      expectError(await w.clients.other.get(photoUrl), 404, {});
      expectError(await w.clients.resident.get('/api/matter-files/999999'), 404, {});
      const photo = await w.clients.resident.get(photoUrl);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.rawPayload).toEqual(stored);
    });
  });

  describe('start-implementation and start-review', () => {
    it('waits for the objection window, answers and tasks; review waits for every task', async () => {
      const m = await w.matterAt('resolved');
      const start = `/api/matters/${m.id}/start-implementation`;
      expectError(await w.clients.anonymous.post(start), 401, {});
      expectError(await w.clients.resident.post(start), 403, {});
      expectError(await w.clients.other.post(start), 404, {});
      await w.db.insert(resolutions).values({
        matterId: m.id,
        body: '同意加装',
        basis: 'consensus',
        objectionEndsAt: new Date(Date.now() + 86_400_000),
        createdBy: w.staff.convenor.id,
      });
      expectError(await w.clients.convenor.post(start), 409, { code: 'matter.objection_window_open' });
      await w.db
        .update(resolutions)
        .set({ objectionEndsAt: new Date(Date.now() - 1000) })
        .where(eq(resolutions.matterId, m.id));
      expectError(await w.clients.convenor.post(start), 409, { code: 'matter.needs_tasks' });
      const taskId = (await w.clients.convenor.post(`/api/matters/${m.id}/tasks`, task)).json().id;
      expect((await w.clients.convenor.post(start)).json()).toEqual({ id: m.id, status: 'implementing' });
      await w.expectLastAction(m.id, 'startImplementation');

      const review = `/api/matters/${m.id}/start-review`;
      expectError(await w.clients.convenor.post(review), 409, { code: 'matter.tasks_open' });
      await w.clients.convenor.patch(`/api/tasks/${taskId}`, { status: 'done' });
      expect((await w.clients.convenor.post(review)).json()).toEqual({ id: m.id, status: 'reviewed' });
      expectError(await w.clients.convenor.post(review), 409, { code: 'matter.wrong_stage' });
    });
  });

  describe('follow-ups, supervision and evaluation', () => {
    let matterId: number;
    const followUp = { method: 'visit', satisfaction: 5, comment: '电梯运行良好，老人很满意。' };
    beforeAll(async () => {
      matterId = (await w.matterAt('reviewed')).id;
    });

    it('lets grid workers record visits and residents rate once', async () => {
      const url = `/api/matters/${matterId}/follow-ups`;
      expectError(await w.clients.anonymous.post(url, followUp), 401, {});
      expectError(await w.clients.resident.post(url, followUp), 403, { code: 'access.denied' });
      expectError(await w.clients.other.post(url, followUp), 404, {});
      expectError(await w.clients.grid.post(url, { ...followUp, satisfaction: 6 }), 400, { field: 'satisfaction' });
      expectError(await w.clients.grid.post(url, { ...followUp, residentId: 999999 }), 400, {
        code: 'follow_up.resident_outside',
        field: 'residentId',
      });
      expect((await w.clients.grid.post(url, followUp)).statusCode).toBe(201);
      await w.expectLastAction(matterId, 'follow_up.record');
      const [a, b] = await Promise.all([
        w.clients.resident.post(url, { method: 'self', satisfaction: 4, comment: '满意' }),
        w.clients.resident.post(url, { method: 'self', satisfaction: 4, comment: '满意' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      await w.expectLastAction(matterId, 'follow_up.rate');
      const view = (await w.clients.neighbour.get(`/api/matters/${matterId}/implementation`)).json();
      expect(view.averageSatisfaction).toBe(4.5);
      // The grid worker's visit is by 社区工作人员; the resident's own rating by 居民Z.
      expect(view.followUps.map((f: { recordedBy: unknown }) => f.recordedBy)).toEqual([
        { kind: 'staff' },
        { kind: 'resident', initial: 'Z' },
      ]);
      expect(view.hasRated).toBe(false);
      const mine = (await w.clients.resident.get(`/api/matters/${matterId}/implementation`)).json();
      expect(mine.hasRated).toBe(true);
      expect(mine.followUps.map((f: { isMine: boolean }) => f.isMine)).toEqual([false, true]);
    });

    it('refuses follow-ups before implementation', async () => {
      const early = await w.matterAt('resolved');
      expectError(await w.clients.grid.post(`/api/matters/${early.id}/follow-ups`, followUp), 409, {
        code: 'matter.wrong_stage',
      });
    });

    it('takes a supervisor review with a look-back day', async () => {
      const url = `/api/matters/${matterId}/supervision-reviews`;
      const body = { verdict: 'satisfactory', comment: '程序完整', lookBackOn: '2027-01-15' };
      expectError(await w.clients.anonymous.post(url, body), 401, {});
      expectError(await w.clients.grid.post(url, body), 403, {});
      expectError(await w.clients.other.post(url, body), 404, {});
      expectError(await w.clients.supervisor.post(url, { ...body, verdict: 'ok' }), 400, { field: 'verdict' });
      expect((await w.clients.supervisor.post(url, body)).statusCode).toBe(201);
      await w.expectLastAction(matterId, 'supervision.review');
    });

    it('evaluates once', async () => {
      const url = `/api/matters/${matterId}/evaluation`;
      const body = { score: 92, outcome: 'positive', isDisputeResolved: true, comment: '成效明显' };
      expectError(await w.clients.anonymous.post(url, body), 401, {});
      expectError(await w.clients.resident.post(url, body), 403, {});
      expectError(await w.clients.other.post(url, body), 404, {});
      expectError(await w.clients.convenor.post(url, { ...body, score: 101 }), 400, { field: 'score' });
      const [a, b] = await Promise.all([w.clients.convenor.post(url, body), w.clients.supervisor.post(url, body)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect(await w.db.select().from(evaluations).where(eq(evaluations.matterId, matterId))).toHaveLength(1);
      await w.expectLastAction(matterId, 'evaluation.record');
    });

    it('refuses every review write once archived', async () => {
      const archived = await w.matterAt('archived');
      const base = `/api/matters/${archived.id}`;
      expectError(await w.clients.grid.post(`${base}/follow-ups`, followUp), 409, { code: 'matter.read_only' });
      expectError(
        await w.clients.supervisor.post(`${base}/supervision-reviews`, { verdict: 'satisfactory', comment: '好' }),
        409,
        {
          code: 'matter.read_only',
        },
      );
      expectError(
        await w.clients.convenor.post(`${base}/evaluation`, { score: 1, outcome: 'neutral', isDisputeResolved: false }),
        409,
        {
          code: 'matter.read_only',
        },
      );
    });
  });
});
