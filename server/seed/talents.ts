import type { Actor } from '../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../domain/territory/places';
import { participantLifecycle, programmeLifecycle } from '../../domain/training';
import { TalentSelectionBodySchema, type NewTalentSelection } from '../../contracts/talents';
import type { Db } from '../db/client';
import { todayInChina } from '../calendar';
import { withClock } from '../clock';
import { loadActor } from '../plugins/session';
import {
  confirmNomination,
  consentTo,
  createSelection,
  decideEligibility,
  declineNomination,
  moveSelectionBy,
  nominate,
  noticeNomination,
  scoreNomination,
} from '../modules/talents';
import { accountIdByPhone } from './matters-cast.repository';
import { communityPlaces, takeSeedLock } from './seed.repository';
import {
  countTalentSelections,
  insertMicroLeader,
  insertParticipant,
  insertProgramme,
  insertSignIns,
  residentAccounts,
} from './talents.repository';

/** The leading-talent journey's nominee: trained last year, left un-nominated this year. */
export const TALENT_DEMO_PHONE = '13900000014';
/** Last year's programme: eight 3-hour sessions; 12 hours and a pass mark of 60 complete it. */
const SESSIONS = 8;
const SESSION_MINUTES = 180;
const REQUIRED_MINUTES = 720;

const at = (day: string) => ({ now: () => new Date(`${day}T02:00:00Z`) });

/** The selection of a year: quota, 12 h of training, no matters or projects required (the criteria score the work). */
const selectionOf = (cityId: number, year: number, quota: number): NewTalentSelection => ({
  placeId: cityId,
  year,
  title: `${year}年度社区工作领军人才遴选`,
  quota,
  minTrainedHours: 12,
  minMattersConvened: 0,
  minProjectsRun: 0,
  criteria: [
    { key: 'work', label: '议事协商工作实绩', weight: 50 },
    { key: 'training', label: '学习培训表现', weight: 20 },
    { key: 'recognition', label: '群众认可度', weight: 30 },
  ],
  nominationsCloseOn: `${year}-12-31`,
  noticeDays: 5,
});

type Person = { accountId: number; name: string; phone: string; community: string; minutes: number };

/**
 * 领军人才遴选 demo: last year's micro-leader programme (sessions, sign-ins, completions, micro-leaders),
 * last year's selection closed with three named and certificates, this year's taking nominations with
 * one at each stage. Written through the module's commands, on clocks set to the days they happened.
 */
export async function seedDemoTalents(db: Db): Promise<number> {
  const actorOf = async (accountId: number): Promise<Actor> => loadActor(db, accountId, null);
  const actorByPhone = async (phone: string) => actorOf(await accountIdByPhone(db, phone));
  const [admin, city, town] = [
    await actorByPhone('13900000001'),
    await actorByPhone('13900000002'),
    await actorByPhone('13900000003'),
  ];
  const communities = await communityPlaces(db);
  const cityId = Number(communities[0]!.path.split('/')[1]);
  const cityPath = `/${cityId}/`;
  const year = Number(todayInChina().slice(0, 4));
  const last = year - 1;

  // Eight residents with accounts (one per community) and the demo nominee; the last of them falls short.
  const seen = new Set<string>();
  const picked = (await residentAccounts(db)).filter((r) => {
    const community = ancestorPathAt(r.placePath, COMMUNITY_DEPTH);
    if (!community || seen.has(community)) return false;
    seen.add(community);
    return true;
  });
  const people: Person[] = picked.slice(0, 8).map((r, i) => ({
    accountId: r.accountId,
    name: r.name,
    phone: r.phone,
    community: ancestorPathAt(r.placePath, COMMUNITY_DEPTH)!,
    minutes: i === 7 ? 3 * SESSION_MINUTES : (4 + (i % 5)) * SESSION_MINUTES,
  }));
  const demo = await actorOf(await accountIdByPhone(db, TALENT_DEMO_PHONE));
  const demoHome = communities.find((c) => c.code === 'TA-01-01')!.path;
  const trainees = [{ accountId: demo.accountId, community: demoHome, minutes: SESSIONS * SESSION_MINUTES }, ...people];

  // Last year's programme: who signed in to which sessions, who completed, who became a micro-leader.
  const { programmeId, sessionIds } = await insertProgramme(
    db,
    {
      placeId: cityId,
      placePath: cityPath,
      year: last,
      title: `${last}年社区治理微领袖培训班`,
      description: '议事协商规则、群众工作方法、项目化运作与社会组织培育，八讲。',
      requiredMinutes: REQUIRED_MINUTES,
      passScore: 60,
      status: programmeLifecycle.state.closed,
      createdBy: city.accountId,
    },
    Array.from({ length: SESSIONS }, (_, i) => ({
      course: [
        '议事协商规则解读',
        '群众工作方法',
        '议题征集与论证',
        '会议主持技巧',
        '协商成果落实',
        '社区项目设计',
        '社会组织培育',
        '案例研讨',
      ][i]!,
      teacher: '市社会工作学院',
      startsAt: new Date(`${last}-0${3 + Math.floor(i / 2)}-${i % 2 ? 20 : '06'}T01:00:00Z`),
      minutes: SESSION_MINUTES,
      location: '桐安市社会工作服务中心',
      signInCode: String(4100 + i),
    })),
  );
  const since = `${last}-06-30`;
  for (const [i, t] of trainees.entries()) {
    const attended = sessionIds.slice(0, t.minutes / SESSION_MINUTES);
    await insertSignIns(
      db,
      attended.map((sessionId) => ({ sessionId, accountId: t.accountId, method: 'code' as const })),
    );
    const score = 70 + ((i * 7) % 26);
    const isCompleted = t.minutes >= REQUIRED_MINUTES;
    await insertParticipant(db, {
      programmeId,
      accountId: t.accountId,
      placePath: t.community,
      status: isCompleted ? participantLifecycle.state.completed : participantLifecycle.state.not_completed,
      assessmentScore: score,
      assessedBy: city.accountId,
      completedOn: isCompleted ? since : null,
    });
    if (isCompleted)
      await insertMicroLeader(db, {
        accountId: t.accountId,
        placePath: t.community,
        programmeId,
        tags: ['议事协商', i % 2 ? '邻里调解' : '楼道自治'],
        since,
      });
  }

  // The demo town officer serves 梧桐街道; the admin stands in for the other towns' officers.
  const wutong =
    communities
      .find((c) => c.code.startsWith('TA-01-'))!
      .path.split('/')
      .slice(0, 3)
      .join('/') + '/';
  const nominatorOf = (p: Person) => (p.community.startsWith(wutong) ? town : admin);
  const statement = (p: Person) =>
    `${p.name}长期参与社区议事协商，牵头组织楼道议事、邻里调解，推动多项民生小事落地见效，群众认可度高。`;
  const review = async (id: number, base: number) => {
    await scoreNomination(db, city, id, { scores: { work: base, training: base - 4, recognition: base + 2 } });
    await scoreNomination(db, admin, id, { scores: { work: base - 2, training: base, recognition: base } });
  };
  /** Nominates by the town (or the admin for other towns) and, when `consents`, the person agrees. */
  const nominated = async (selectionId: number, p: Person, consents: boolean) => {
    const id = await nominate(db, nominatorOf(p), selectionId, { phone: p.phone, statement: statement(p) });
    if (consents) await consentTo(db, await actorOf(p.accountId), id);
    return id;
  };

  // Last year: five nominated, one short of the hours, three named, one not chosen; closed.
  const lastSel = await createSelection(db, city, TalentSelectionBodySchema.parse(selectionOf(cityId, last, 3)));
  const ids = await withClock(at(`${last}-07-01`), async () => {
    await moveSelectionBy(db, city, lastSel.id, 'open');
    const written: number[] = [];
    for (const p of [people[0]!, people[1]!, people[2]!, people[3]!, people[7]!])
      written.push(await nominated(lastSel.id, p, true));
    return written;
  });
  await withClock(at(`${last}-10-08`), async () => {
    await moveSelectionBy(db, city, lastSel.id, 'review');
    await decideEligibility(db, city, ids[4]!, 'ruleOut');
    for (const [i, id] of ids.slice(0, 4).entries()) {
      await decideEligibility(db, city, id, 'admit');
      await review(id, 92 - i * 4);
    }
    for (const id of ids.slice(0, 3)) await noticeNomination(db, city, id);
    await declineNomination(db, city, ids[3]!, '综合评分未进入名额，不予命名。');
  });
  await withClock(at(`${last}-10-20`), async () => {
    for (const id of ids.slice(0, 3)) await confirmNomination(db, city, id);
    await moveSelectionBy(db, city, lastSel.id, 'close');
  });

  // This year: taking nominations; one at each stage; the demo nominee left for the journey.
  const thisSel = await createSelection(db, city, TalentSelectionBodySchema.parse(selectionOf(cityId, year, 5)));
  await moveSelectionBy(db, city, thisSel.id, 'open');
  const named = await withClock(at(addDays(todayInChina(), -10)), () => nominated(thisSel.id, people[1]!, true));
  await decideEligibility(db, city, named, 'admit');
  await review(named, 94);
  await withClock(at(addDays(todayInChina(), -10)), () => noticeNomination(db, city, named));
  await confirmNomination(db, city, named);
  const noticed = await nominated(thisSel.id, people[2]!, true);
  await decideEligibility(db, city, noticed, 'admit');
  await review(noticed, 90);
  await noticeNomination(db, city, noticed);
  const eligible = await nominated(thisSel.id, people[4]!, true);
  await decideEligibility(db, city, eligible, 'admit');
  await review(eligible, 85);
  const short = await nominated(thisSel.id, people[7]!, false);
  await decideEligibility(db, city, short, 'ruleOut');
  await nominated(thisSel.id, people[5]!, false);
  await nominate(db, await actorOf(people[6]!.accountId), thisSel.id, { statement: statement(people[6]!) });
  return 2;
}

/** YYYY-MM-DD moved by whole days. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Held while the talents demo is written, so two processes starting together write it once. */
const TALENTS_LOCK = 727015;

/** Writes the leading-talent demo in one transaction when the database has no selection yet. */
export async function seedDemoTalentsIfEmpty(db: Db): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    await takeSeedLock(tx, TALENTS_LOCK);
    if ((await countTalentSelections(tx)) > 0) return undefined;
    // The commands' own transactions become savepoints: the demo lands whole or not at all.
    return seedDemoTalents(tx as unknown as Db);
  });
}
