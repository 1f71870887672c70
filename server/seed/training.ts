import type { Actor } from '../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../domain/territory/places';
import { ProgrammeBodySchema, SessionBodySchema } from '../../contracts/training';
import type { Db } from '../db/client';
import { withClock } from '../clock';
import { loadActor } from '../plugins/session';
import {
  addSession,
  completeParticipant,
  createProgramme,
  enrolByPhone,
  listMicroLeaders,
  markAttendance,
  moveProgrammeBy,
  readProgramme,
  recordScore,
  updateMicroLeaderTags,
} from '../modules/training';
import { accountIdByPhone, insertResidentAccounts, insertRoleGrants } from './matters-cast.repository';
import { communityPlaces, takeSeedLock } from './seed.repository';
import { programmeTitled, residentsWithoutAccount } from './training.repository';

/** The city's 2026 programme; part D seeds 2025's (closed) and its graduates itself. */
export const DEMO_PROGRAMME_TITLE = '2026年社区治理微领袖培训班';
/** 河滨社区 is left to the journey: its trainee (13900000013) becomes its first micro-leader there. */
const KEPT_CLEAN_CODE = 'TA-01-01';
const TRAINEES = 30;
const GRADUATES = 20;

const courses = [
  ['议事协商规则与程序', '市委党校 陈老师'],
  ['群众工作方法', '市民政局 刘老师'],
  ['社区公共事务与居民自治', '市社工委 王老师'],
  ['矛盾纠纷调解实务', '市司法局 赵老师'],
  ['议事会主持技巧', '四治茶座 李老师'],
  ['微治理项目策划与实施', '市社会组织服务中心 周老师'],
] as const;
/** Six Saturday afternoons (China time), two hours each: 720 minutes, the programme's requirement. */
const sessionDays = ['2026-06-13', '2026-07-11', '2026-08-08', '2026-09-12', '2026-10-17', '2026-11-14'];
const extraTags = [['党员'], ['楼栋长'], ['退休干部'], ['党员', '楼栋长'], ['业委会'], []] as const;
/** Completions are dated the Monday after the last session. */
const completionClock = { now: () => new Date('2026-11-16T02:00:00Z') };

/** Round-robin across communities, so trainees come from every town. */
function spread<T extends { placePath: string }>(rows: readonly T[], count: number): T[] {
  const byCommunity = new Map<string, T[]>();
  for (const r of rows) {
    const key = ancestorPathAt(r.placePath, COMMUNITY_DEPTH) ?? r.placePath;
    byCommunity.set(key, [...(byCommunity.get(key) ?? []), r]);
  }
  const queues = [...byCommunity.values()];
  const chosen: T[] = [];
  for (let round = 0; chosen.length < count && queues.some((q) => q.length > round); round++)
    for (const q of queues) if (q[round] && chosen.length < count) chosen.push(q[round]!);
  return chosen;
}

/**
 * Writes the 2026 training year through the module's own commands: the city's programme with six
 * sessions, 30 trainees across towns with attendance and scores, 20 of them completed (微领袖, tagged).
 */
export async function seedDemoTraining(db: Db): Promise<number> {
  const city: Actor = await loadActor(db, await accountIdByPhone(db, '13900000002'), null);
  const communities = await communityPlaces(db);
  const cityId = Number(communities[0]!.path.split('/')[1]);
  const keptClean = communities.find((c) => c.code === KEPT_CLEAN_CODE)!.path;
  const programme = await createProgramme(
    db,
    city,
    ProgrammeBodySchema.parse({
      placeId: cityId,
      year: 2026,
      title: DEMO_PROGRAMME_TITLE,
      description: '面向各社区（村）议事骨干，六次课程共12学时，结业考核60分合格，结业学员纳入微领袖库。',
      requiredMinutes: 720,
      passScore: 60,
    }),
  );
  await moveProgrammeBy(db, city, programme, 'open');
  for (const [i, [course, teacher]] of courses.entries()) {
    await addSession(
      db,
      city,
      programme,
      SessionBodySchema.parse({
        course,
        teacher,
        startsAt: `${sessionDays[i]}T14:00:00+08:00`,
        minutes: 120,
        location: '桐安市党群服务中心三楼培训室',
      }),
    );
  }

  // One trainee per phone: a phone two residents share gets one account.
  const candidates = await residentsWithoutAccount(db, keptClean, '2000-01-01');
  const byPhone = new Map(candidates.map((c) => [c.phone, c]));
  const people = spread(
    candidates.filter((c) => byPhone.get(c.phone) === c),
    TRAINEES,
  );
  const created = await insertResidentAccounts(
    db,
    people.map((p) => ({ phone: p.phone!, displayName: p.name, residentId: p.id })),
  );
  const placeOf = new Map(people.map((p) => [p.id, p.placeId]));
  await insertRoleGrants(
    db,
    created.map((a) => ({ accountId: a.id, role: 'resident' as const, placeId: placeOf.get(a.residentId!)! })),
  );
  for (const p of people) await enrolByPhone(db, city, programme, p.phone!);

  const view = await readProgramme(db, city, programme);
  const participantOf = new Map(view.participants.map((p) => [p.accountId, p.id]));
  const accountOf = new Map(created.map((a) => [a.residentId!, a.id]));
  for (const [i, person] of people.entries()) {
    const participantId = participantOf.get(accountOf.get(person.id)!)!;
    // Graduates attend all six; the others four (still short of the 12 hours).
    const attended = i < GRADUATES ? view.sessions : view.sessions.slice(0, 4);
    for (const s of attended) await markAttendance(db, city, s.id, participantId);
    if (i >= TRAINEES - 3) continue; // the last three have no assessment yet
    await recordScore(db, city, participantId, 62 + ((i * 7) % 36));
    if (i >= GRADUATES) continue;
    await withClock(completionClock, () => completeParticipant(db, city, participantId));
  }
  const pool = await listMicroLeaders(db, city, { placeId: cityId, status: 'active' });
  for (const [i, leader] of pool.items.entries()) {
    const tags = extraTags[i % extraTags.length]!;
    if (tags.length) await updateMicroLeaderTags(db, city, leader.id, ['微领袖', ...tags]);
  }
  return people.length;
}

/** Held while the training year is written, so two processes starting together write it once. */
const TRAINING_LOCK = 727013;

/** Writes the training year in one transaction when the database has no such programme yet. */
export async function seedDemoTrainingIfEmpty(db: Db): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    await takeSeedLock(tx, TRAINING_LOCK);
    if (await programmeTitled(tx, DEMO_PROGRAMME_TITLE)) return undefined;
    // The commands' own transactions become savepoints: the year lands whole or not at all.
    return seedDemoTraining(tx as unknown as Db);
  });
}
