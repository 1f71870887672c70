import type { StructureTier } from '../../domain/organisations/structure';
import type { ProjectStatus } from '../../domain/projects/lifecycle';
import type { MicroLeaderStatus, ParticipantStatus } from '../../domain/training/lifecycle';
import type { NominationStatus } from '../../domain/talents/lifecycle';
import type { Db } from '../db/client';
import {
  microLeaders,
  organisationCategories,
  organisationCommunities,
  organisations,
  projectBudgetLines,
  projectCalls,
  projectCommunities,
  projects,
  projectSpendings,
  talentNominations,
  talentSelections,
  trainingParticipants,
  trainingProgrammes,
} from '../db/schema';
import { buildStaff } from './factories';

type Place = { id: number; path: string };
let n = 0;
const next = () => ++n;

/**
 * Rows of the capacity foundation tables written directly (the registers of parts A–D are not needed
 * to count them): categories, social organisations, calls and projects with money, programmes,
 * micro-leaders and talent nominations. `creator` is any account id (the rows' author).
 */
export function capacityBuilder(db: Db, creator: number) {
  const person = async (place: Place) => (await buildStaff(db, { role: 'resident', placeId: place.id })).id;
  return {
    async category(city: Place, name: string, tier: StructureTier, sortOrder = 0) {
      const [row] = await db
        .insert(organisationCategories)
        .values({ placeId: city.id, placePath: city.path, name, tier, sortOrder })
        .returning();
      return row!;
    },
    async organisation(
      at: Place,
      opts: { categoryId?: number; serves?: Place[]; brand?: string; canDeliberate?: boolean; isActive?: boolean } = {},
    ) {
      const [row] = await db
        .insert(organisations)
        .values({
          placeId: at.id,
          placePath: at.path,
          name: `社会组织${next()}`,
          kind: 'social_organisation',
          categoryId: opts.categoryId ?? null,
          brand: opts.brand ?? null,
          canDeliberate: opts.canDeliberate ?? false,
          isActive: opts.isActive ?? true,
        })
        .returning();
      for (const p of opts.serves ?? []) {
        await db.insert(organisationCommunities).values({ organisationId: row!.id, placeId: p.id, placePath: p.path });
      }
      return row!;
    },
    async call(at: Place, year: number) {
      const [row] = await db
        .insert(projectCalls)
        .values({
          placeId: at.id,
          placePath: at.path,
          year,
          title: `征集${next()}`,
          budgetFen: 100_000_00,
          maxPerProjectFen: 10_000_00,
          criteria: [{ key: 'fit', label: '契合度', weight: 100 }],
          opensOn: `${year}-01-01`,
          closesOn: `${year}-03-01`,
          createdBy: creator,
        })
        .returning();
      return row!;
    },
    async project(
      call: { id: number; placePath: string },
      organisationId: number,
      opts: { status: ProjectStatus; lines?: number[]; contractFen?: number; spent?: number[]; serves?: Place[] },
    ) {
      const [row] = await db
        .insert(projects)
        .values({
          callId: call.id,
          organisationId,
          placePath: call.placePath,
          title: `项目${next()}`,
          status: opts.status,
          contractAmountFen: opts.contractFen ?? null,
          createdBy: creator,
        })
        .returning();
      const lines = [];
      for (const [i, amountFen] of (opts.lines ?? []).entries()) {
        const [line] = await db
          .insert(projectBudgetLines)
          .values({ projectId: row!.id, name: `预算${i}`, amountFen })
          .returning();
        lines.push(line!);
      }
      for (const amountFen of opts.spent ?? []) {
        await db.insert(projectSpendings).values({
          projectId: row!.id,
          budgetLineId: lines[0]!.id,
          amountFen,
          spentOn: '2026-05-01',
          recordedBy: creator,
        });
      }
      for (const p of opts.serves ?? []) {
        await db.insert(projectCommunities).values({ projectId: row!.id, placeId: p.id, placePath: p.path });
      }
      return row!;
    },
    async programme(at: Place, year: number) {
      const [row] = await db
        .insert(trainingProgrammes)
        .values({
          placeId: at.id,
          placePath: at.path,
          year,
          title: `培训${next()}`,
          requiredMinutes: 60,
          passScore: 60,
          createdBy: creator,
        })
        .returning();
      return row!;
    },
    async participant(programmeId: number, home: Place, status: ParticipantStatus) {
      await db
        .insert(trainingParticipants)
        .values({ programmeId, accountId: await person(home), placePath: home.path, status });
    },
    async microLeader(home: Place, since: string, status: MicroLeaderStatus = 'active') {
      await db.insert(microLeaders).values({ accountId: await person(home), placePath: home.path, since, status });
    },
    async selection(city: Place, year: number) {
      const [row] = await db
        .insert(talentSelections)
        .values({
          placeId: city.id,
          placePath: city.path,
          year,
          title: `${year}年领军人才遴选`,
          quota: 10,
          criteria: [{ key: 'work', label: '工作实绩', weight: 100 }],
          nominationsCloseOn: `${year}-06-01`,
          noticeDays: 7,
          createdBy: creator,
        })
        .returning();
      return row!;
    },
    async nomination(selectionId: number, home: Place, status: NominationStatus) {
      await db.insert(talentNominations).values({
        selectionId,
        accountId: await person(home),
        placePath: home.path,
        nominatorKind: 'community',
        nominatedBy: creator,
        statement: '长期从事社区工作',
        record: { trainedMinutes: 0, programmesCompleted: 0, mattersConvened: 0, projectsRun: 0, isMicroLeader: false },
        status,
      });
    },
  };
}
