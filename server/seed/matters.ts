import { listFormats } from '../modules/matters';
import type { FileStorage } from '../storage';
import type { Db } from '../db/client';
import { alignCreatedAt } from './backdate.repository';
import { seedDemoDepartments, seedDemoReferrals } from './departments';
import { Cast, type Community, type PlaceRef } from './matters-cast';
import { DAY_MS, StoryClock } from './matters-clock';
import { driveMatter, type Ctx, type Outcome, type Plan } from './matters-drive';
import { ruralStories, urbanStories, type Story } from './matters-stories';
import { createRng, type Rng } from './random';
import { demoGovernances } from './governances';
import type { Governance } from '../../domain/governance/governances';
import { communityPlaces, countMatters, passwordHashByPhone, takeSeedLock } from './seed.repository';
import { createDemoHalls } from './venues';

/** Held while the demo matters are written, so two processes starting together write them once. */
const MATTERS_LOCK = 727003;
/** 河滨社区 stays empty: the browser journeys start from a clean slate there. */
const KEPT_CLEAN = 'TA-01-01';

/** How the 44 stories end (plus two duplicates merged into others). */
const outcomes: readonly Outcome[] = [
  ...Array<Outcome>(17).fill('archived'),
  ...Array<Outcome>(6).fill('implementing'),
  ...Array<Outcome>(3).fill('reviewed'),
  ...Array<Outcome>(2).fill('resolved'),
  ...Array<Outcome>(4).fill('deliberating'),
  ...Array<Outcome>(2).fill('announced'),
  ...Array<Outcome>(2).fill('accepted'),
  ...Array<Outcome>(3).fill('raised'),
  ...Array<Outcome>(2).fill('escalated'),
  ...Array<Outcome>(2).fill('declined'),
  'referred',
];

/** When a story starts, in days before now: late stages began long ago, fresh ones this week. */
const startDaysAgo: Record<Outcome, readonly [number, number]> = {
  raised: [1, 10],
  declined: [10, 60],
  escalated: [5, 40],
  referred: [15, 50],
  accepted: [3, 8],
  announced: [5, 9],
  deliberating: [7, 11],
  resolved: [11, 14],
  implementing: [25, 32],
  reviewed: [75, 100],
  archived: [95, 180],
};

const formatsUrban = ['邀约协商', '专题议事会', '邻里汇', '听证会'];
const formatsRural = ['桂花树下', '麻花议事', '邀约协商'];

const noPhotos: FileStorage = {
  put: () => Promise.reject(new Error('the demo matters store no files')),
  read: () => Promise.reject(new Error('the demo matters store no files')),
};

/** The place of a story's level in the community, and the title prefix naming it. */
function placeFor(rng: Rng, c: Community, story: Story): { place: PlaceRef; prefix: string } {
  if (story.level === 'community') return { place: c, prefix: '' };
  if (story.level === 'estate') {
    const estate = rng.pick(c.estates);
    return { place: estate, prefix: estate.name };
  }
  const building = rng.pick(c.buildings);
  return { place: building, prefix: `${building.estate.name}${building.name}` };
}

async function planMatters(ctx: Ctx, cast: Cast, communities: Community[]): Promise<(Plan & { startsAt: number })[]> {
  const { rng, clock } = ctx;
  const urban = communities.filter((c) => !c.isRural);
  const rural = communities.filter((c) => c.isRural);
  const stories = [
    ...urbanStories
      .concat(urbanStories.slice(0, 8))
      .map((story, i) => ({ story, c: urban[(i + Math.floor(i / 24)) % urban.length]! })),
    ...ruralStories.map((story, i) => ({ story, c: rural[i % rural.length]! })),
  ];
  const ends = rng.shuffle(outcomes);
  // A community matter escalates to the town, where 河滨社区's people would see it: escalate lower ones.
  const isTownBound = (i: number) => ends[i] === 'escalated' && stories[i]!.story.level === 'community';
  for (let i = 0; i < stories.length; i += 1) {
    if (!isTownBound(i)) continue;
    const j = stories.findIndex((x, k) => x.story.level !== 'community' && ends[k] !== 'escalated');
    [ends[i], ends[j]] = [ends[j]!, ends[i]!];
  }
  const formats = new Map<number, Map<string, { id: number; governances: Governance[] }>>();
  const plans: (Plan & { startsAt: number })[] = [];
  let duplicates = 0;
  let overdue = 0;
  for (const [i, { story, c }] of stories.entries()) {
    const outcome = ends[i % ends.length]!;
    if (!formats.has(c.id)) {
      const { items } = await listFormats(ctx.db, c.convenor, c.id);
      formats.set(c.id, new Map(items.map((f) => [f.name, f])));
    }
    const { place, prefix } = placeFor(rng, c, story);
    const neighbourhood =
      story.level === 'community' ? c.path : (c.estates.find((e) => place.path.startsWith(e.path)) ?? c).path;
    const [proposer] = cast.residentsUnder(place.path, 1, new Set());
    const neighbours = cast.residentsUnder(neighbourhood, 4, new Set([proposer!.residentId]));
    const isLate = outcome === 'archived' || outcome === 'implementing' || outcome === 'reviewed';
    const isOverdue = outcome === 'implementing' && overdue < 3;
    if (isOverdue) overdue += 1;
    const hasDuplicate = isLate && duplicates < 2 && story.level !== 'building';
    if (hasDuplicate) duplicates += 1;
    const format = formats.get(c.id)!.get(rng.pick(c.isRural ? formatsRural : formatsUrban))!;
    const [from, to] = isOverdue ? [45, 70] : startDaysAgo[outcome];
    plans.push({
      story,
      community: c,
      place,
      title: `${prefix}${story.title}`,
      outcome,
      proposer: proposer!,
      neighbours: neighbours.slice(0, 3),
      formatId: format.id,
      governances: demoGovernances(outcome, story.category, format.governances),
      visibility: story.kind === 'dispute' ? 'participants' : isLate && rng.chance(0.45) ? 'public' : 'community',
      ...(hasDuplicate ? { duplicate: neighbours[3]! } : {}),
      ...(isOverdue ? { isOverdue } : {}),
      startsAt: clock.limit - (from + rng.next() * (to - from)) * DAY_MS,
    });
  }
  return plans.sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * Writes the demo matters (about fifty, over the eleven communities other than 河滨社区) through the
 * same command functions the routes call, each on its own story clock; returns how many it raised.
 */
export async function seedDemoMatters(db: Db, opts: { seed: number }): Promise<number> {
  const rng = createRng(opts.seed).fork('matters');
  // The social-work committees' departments first: the referred matter goes to its town's 城管科.
  await seedDemoDepartments(db);
  const staffHash = await passwordHashByPhone(db, '13900000002');
  const cast = new Cast(db, rng.fork('cast'), staffHash ?? '');
  const clock = new StoryClock();
  const ctx: Ctx = { db, rng: rng.fork('story'), clock, storage: noPhotos };
  const rows = await communityPlaces(db);
  const communities: Community[] = [];
  for (const [i, row] of rows.entries()) {
    if (row.code === KEPT_CLEAN) continue;
    communities.push(await cast.community(row, i + 1));
  }
  await createDemoHalls(db, communities);
  await cast.loadResidents(KEPT_CLEAN);
  const plans = await planMatters(ctx, cast, communities);
  await cast.enrol();
  await clock.run(async () => {
    for (const plan of plans) {
      clock.set(plan.startsAt);
      await driveMatter(ctx, plan);
    }
  });
  await seedDemoReferrals(db);
  await alignCreatedAt(db);
  return countMatters(db);
}

/** Writes the demo matters in one transaction when the database has places but no matters yet. */
export async function seedDemoMattersIfEmpty(db: Db, opts: { seed: number }): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    await takeSeedLock(tx, MATTERS_LOCK);
    if ((await countMatters(tx)) > 0) return undefined;
    // The services open their own transactions; inside this one they become savepoints, so the
    // demo matters land whole or not at all.
    return seedDemoMatters(tx as unknown as Db, opts);
  });
}
