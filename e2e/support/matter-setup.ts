import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { queryDatabase } from './journey';

/** The stages a journey may start from; each includes everything before it. */
export type SetupStage = 'deliberating' | 'resolved' | 'implementing' | 'reviewed';
export type SetupPeople = { convenor: Page; resident: Page };
export type SetupOptions = { title?: string; visibility?: 'public' | 'community' };

const UNIT_CODE = 'TA-01-01-01-05-2';
const COMMUNITY_CODE = 'TA-01-01';
const order: readonly SetupStage[] = ['deliberating', 'resolved', 'implementing', 'reviewed'];
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Calls the API with a logged-in page's session (its cookies and CSRF token), as the web client does.
 * Journeys start from a later stage this way and click through only the steps they are about.
 */
export async function call<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'yishi_csrf')?.value ?? '';
  const response = await page.request.fetch(`/api${path}`, {
    method,
    headers: { 'x-csrf-token': csrf, 'accept-language': 'zh-CN' },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await response.text();
  expect(response.ok(), `${method} ${path} → ${response.status()} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

/** The id of a demo place by its code. */
export async function placeId(code: string): Promise<number> {
  const [row] = await queryDatabase<{ id: number }>('select id from places where code = $1', [code]);
  if (!row) throw new Error(`no place ${code} in the demo data`);
  return row.id;
}

/**
 * Brings a new elevator-style matter of 河滨小区 5幢 2单元 to `stage` through the HTTP API: the resident
 * raises it, the convenor accepts it as 邀约协商 at building level, posts the topic notice, invites the
 * unit's owners, announces, deliberates and holds a meeting the resident signs in to; then, as far as
 * asked, a consensus resolution is resolved, the objection window is closed (by moving its end into
 * the past: it stands for the clock), task 'Task A' is added and implementation starts, and finally
 * the task is done and review starts.
 */
export async function matterAt(
  stage: SetupStage,
  { convenor, resident }: SetupPeople,
  options: SetupOptions = {},
): Promise<{ matterId: number; meetingId: number }> {
  const reaches = (s: SetupStage) => order.indexOf(stage) >= order.indexOf(s);
  const unitId = await placeId(UNIT_CODE);
  const title = options.title ?? `5幢2单元加装电梯（${Date.now().toString(36)}）`;
  const matter = await call<{ id: number }>(resident, 'POST', '/matters', {
    placeId: unitId,
    level: 'building',
    kind: 'livelihood',
    category: 'facilities',
    title,
    description: '单元里老人多，上下楼吃力，希望加装电梯。',
  });
  const m = `/matters/${matter.id}`;

  const formats = await call<{ items: { id: number; name: string }[] }>(
    convenor,
    'GET',
    `/places/${await placeId(COMMUNITY_CODE)}/formats`,
  );
  const format = formats.items.find((f) => f.name === '邀约协商');
  if (!format) throw new Error('the community has no 邀约协商 format');
  await call(convenor, 'POST', `${m}/accept`, {
    level: 'building',
    formatId: format.id,
    visibility: options.visibility ?? 'community',
  });
  await call(convenor, 'POST', `${m}/notices`, {
    kind: 'topic',
    title: `关于${title}的议题公示`,
    body: '现公示议题，欢迎单元业主参与协商。',
    startsOn: isoDay(0),
    endsOn: isoDay(7),
  });
  await call(convenor, 'POST', `${m}/invitations`, { affectedPlaceId: unitId, affectedScope: 'owners' });
  await call(convenor, 'POST', `${m}/announce`);
  await call(convenor, 'POST', `${m}/start-deliberation`);
  const meeting = await call<{ id: number; signInCode: string }>(convenor, 'POST', `${m}/meetings`, {
    mode: 'on_site',
    venue: '河滨社区党群服务中心二楼会议室',
    startsAt: new Date().toISOString(),
    agenda: '一、介绍方案\n二、讨论费用分摊',
  });
  await call(resident, 'POST', `/meetings/${meeting.id}/sign-in`, { code: meeting.signInCode });
  const result = { matterId: matter.id, meetingId: meeting.id };
  if (!reaches('resolved')) return result;

  await call(convenor, 'POST', `${m}/resolution`, {
    body: '经协商一致，同意加装电梯，费用按楼层分摊。',
    basis: 'consensus',
    meetingId: meeting.id,
    objectionDays: 7,
  });
  // A public matter resolves only with its texts' public versions confirmed (公开文本), as proposed.
  if (options.visibility === 'public') await confirmPublicTexts(convenor, matter.id);
  await call(convenor, 'POST', `${m}/resolve`);
  if (!reaches('implementing')) return result;

  await queryDatabase("update resolutions set objection_ends_at = now() - interval '1 minute' where matter_id = $1", [
    matter.id,
  ]);
  const task = await call<{ id: number }>(convenor, 'POST', `${m}/tasks`, {
    title: 'Task A',
    ownerName: '物业公司',
    dueOn: isoDay(14),
  });
  await call(convenor, 'POST', `${m}/start-implementation`);
  if (!reaches('reviewed')) return result;

  await call(convenor, 'PATCH', `/tasks/${task.id}`, { status: 'done' });
  await call(convenor, 'POST', `${m}/start-review`);
  return result;
}

type PublicTextItem = { kind: string; sourceId: number; proposed: string; sourceDigest: string; state: string };

/** Confirms every unconfirmed public text of the matter as the redactor proposes it. */
export async function confirmPublicTexts(convenor: SetupPeople['convenor'], matterId: number): Promise<void> {
  const url = `/matters/${matterId}/public-texts`;
  const { items } = await call<{ items: PublicTextItem[] }>(convenor, 'GET', url);
  for (const item of items.filter((i) => i.state !== 'confirmed')) {
    const { kind, sourceId, proposed: body, sourceDigest } = item;
    await call(convenor, 'POST', url, { kind, sourceId, body, sourceDigest });
  }
}
