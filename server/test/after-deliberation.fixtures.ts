import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { MatterStatus } from '../../domain/matters/stages';
import { accounts, invitations, meetings, signIns } from '../db/schema';
import { buildTestApp, type TestApp, type TestClient } from './build-test-app';
import { buildResident, buildStaff, buildTerritory } from './factories';
import { buildMatter } from './matter-factories';
import { readMatterChain, verifyMatterChain } from '../modules/matters';

type Reply = { statusCode: number; json: () => { error: unknown } };

/** Status and error body of a refused request. */
export const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

/**
 * One community with its staff (convenor 王主任, grid worker, supervisor), two residents (张阿姨 in
 * unit 2, 李师傅 in unit 1), another community's convenor, and helpers to put matters at any step.
 */
export async function afterDeliberationWorld(
  env: Record<string, string> = {},
  options: Parameters<typeof buildTestApp>[2] = {},
) {
  const t: TestApp = await buildTestApp(env, undefined, options);
  const db = t.database.db;
  const territory = await buildTerritory(db);
  await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
  await buildResident(db, { placeId: territory.unit1.id, name: '李师傅', phone: '13812345679' });
  const staff = {
    convenor: await buildStaff(db, { role: 'convenor', placeId: territory.community.id, name: '王主任' }),
    grid: await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id, name: '网格员小陈' }),
    supervisor: await buildStaff(db, { role: 'supervisor', placeId: territory.community.id, name: '监督员老周' }),
    other: await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id, name: '外社区主任' }),
  };
  const clients = {
    anonymous: t.anonymous(),
    resident: await t.loginByCode('13812345678'),
    neighbour: await t.loginByCode('13812345679'),
    convenor: await t.loginByCode(staff.convenor.phone),
    grid: await t.loginByCode(staff.grid.phone),
    supervisor: await t.loginByCode(staff.supervisor.phone),
    other: await t.loginByCode(staff.other.phone),
  } satisfies Record<string, TestClient>;
  const accountOf = async (phone: string) =>
    (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone)))[0]!.id;
  const residentAccountId = await accountOf('13812345678');
  const neighbourAccountId = await accountOf('13812345679');

  /** A matter of 5幢 raised by 张阿姨, at `status`. */
  const matterAt = (status: MatterStatus, title?: string) =>
    buildMatter(db, { placeId: territory.building.id, proposerAccountId: residentAccountId, status, title });

  /** A meeting of the matter at which these accounts signed in (and were invited). */
  const holdMeeting = async (matterId: number, attendeeAccountIds: number[]) => {
    const [meeting] = await db
      .insert(meetings)
      .values({
        matterId,
        mode: 'on_site',
        venue: '河滨社区议事厅',
        startsAt: new Date(),
        signInCode: '4821',
        status: 'closed',
        createdBy: staff.convenor.id,
      })
      .returning();
    for (const accountId of attendeeAccountIds) {
      const [invitation] = await db
        .insert(invitations)
        .values({ matterId, reason: 'affected', accountId, reply: 'yes' })
        .returning();
      await db
        .insert(signIns)
        .values({ meetingId: meeting!.id, invitationId: invitation!.id, accountId, method: 'code' });
    }
    return meeting!;
  };

  /** The chain is intact and its last entry is `action`. */
  const expectLastAction = async (matterId: number, action: string) => {
    expect(await verifyMatterChain(db, matterId)).toMatchObject({ isIntact: true });
    expect((await readMatterChain(db, matterId)).at(-1)?.action).toBe(action);
  };

  return {
    t,
    db,
    territory,
    staff,
    clients,
    residentAccountId,
    neighbourAccountId,
    matterAt,
    holdMeeting,
    expectLastAction,
  };
}
export type AfterDeliberationWorld = Awaited<ReturnType<typeof afterDeliberationWorld>>;
