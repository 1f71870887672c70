import { eq } from 'drizzle-orm';
import type { RuleKey } from '../../domain/voting';
import { accounts, ballotElectors, ballotOptions, ballots } from '../db/schema';
import { afterDeliberationWorld } from './after-deliberation.fixtures';
import { buildResident, buildStaff } from './factories';
import { buildJpegWithGps } from './images';
import { multipartForm } from './multipart-form';

/** A phone photo of a letter (EXIF with a GPS fix), a PDF, and a text file that is neither. */
export const letters = {
  photo: await buildJpegWithGps(),
  pdf: Buffer.from('%PDF-1.7\n委托书\n%%EOF'),
  text: Buffer.from('not a letter'),
};

/** A multipart proxy registration with its 委托书. */
export function proxyForm(fields: Record<string, string | number>, letter: Buffer | null = letters.pdf) {
  const text = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  const form = multipartForm(text, []);
  if (!letter) return form;
  const boundary = '----yishi-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="letter.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n`,
  );
  const end = Buffer.from(`--${boundary}--\r\n`);
  const body = form.payload.subarray(0, form.payload.length - end.length);
  return { payload: Buffer.concat([body, head, letter, Buffer.from('\r\n'), end]), headers: form.headers };
}

type BallotOpts = {
  secrecy?: 'named' | 'secret';
  allowsChange?: boolean;
  proxyCap?: number;
  ruleKey?: RuleKey;
  options?: string[];
  status?: 'draft' | 'open' | 'closed';
  closesAt?: Date;
};

/**
 * The community of afterDeliberationWorld plus 赵大哥 (client `friend`, of 5幢 1单元) and three
 * neighbours without accounts; `openBallot()` puts an OPEN residents' ballot on a new deliberating
 * matter of 5幢 whose five electors are 张阿姨 (client `resident`), 李师傅 (client `neighbour`),
 * 王老师, 孙奶奶 and 周叔叔 — 赵大哥 is no elector. A second grid worker (`grid2`) makes a third
 * pair of hands for paper reconciliation.
 */
export async function channelWorld(env: Record<string, string> = {}) {
  const w = await afterDeliberationWorld(env);
  const { db, territory } = w;
  await buildResident(db, { placeId: territory.unit1.id, name: '赵大哥', phone: '13812345670' });
  const friend = await w.t.loginByCode('13812345670');
  const grid2Account = await buildStaff(db, {
    role: 'grid_worker',
    placeId: territory.community.id,
    name: '网格员小林',
  });
  const grid2 = await w.t.loginByCode(grid2Account.phone);
  const residentOf = async (accountId: number) =>
    (await db.select({ id: accounts.residentId }).from(accounts).where(eq(accounts.id, accountId)))[0]!.id!;
  const friendAccountId = (await db.select().from(accounts).where(eq(accounts.phone, '13812345670')))[0]!.id;
  const people: [string, number][] = [
    ['张阿姨', await residentOf(w.residentAccountId)],
    ['李师傅', await residentOf(w.neighbourAccountId)],
  ];
  for (const name of ['王老师', '孙奶奶', '周叔叔']) {
    people.push([name, (await buildResident(db, { placeId: territory.unit2.id, name, phone: null })).id]);
  }

  const openBallot = async (opts: BallotOpts = {}) => {
    const matter = await w.matterAt('deliberating');
    const [ballot] = await db
      .insert(ballots)
      .values({
        matterId: matter.id,
        placeId: matter.placeId,
        placePath: matter.placePath,
        scopePlaceId: territory.building.id,
        question: '是否同意5幢加装电梯',
        ruleKey: opts.ruleKey ?? 'residents_meeting',
        ruleVersion: 1,
        electorateKind: 'adult_residents',
        secrecy: opts.secrecy ?? 'named',
        allowsChange: opts.allowsChange ?? false,
        proxyCap: opts.proxyCap ?? 3,
        status: opts.status ?? 'open',
        openedAt: w.t.clock.now(),
        closesAt: opts.closesAt ?? new Date(w.t.clock.now().getTime() + 7 * 86_400_000),
        createdBy: w.staff.convenor.id,
      })
      .returning();
    const options = opts.options?.length
      ? await db
          .insert(ballotOptions)
          .values(opts.options.map((label, i) => ({ ballotId: ballot!.id, position: i + 1, label })))
          .returning()
      : [];
    const rows = await db
      .insert(ballotElectors)
      .values(
        people.map(([name, residentId], i) => ({
          ballotId: ballot!.id,
          key: `r${residentId}`,
          label: `5幢2单元0${i + 1}01 ${name}`,
          residentIds: [residentId],
        })),
      )
      .returning();
    const [zhang, li, wang, sun, zhou] = rows.map((r) => r.id) as [number, number, number, number, number];
    return { matter, ballot: ballot!, options, electors: { zhang, li, wang, sun, zhou } };
  };

  return { ...w, friend, friendAccountId, grid2, grid2AccountId: grid2Account.id, openBallot };
}
export type ChannelWorld = Awaited<ReturnType<typeof channelWorld>>;
