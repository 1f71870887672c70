import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { ChainEntry } from '../../../domain/matters/audit-chain';
import type { ChainReport } from '../../../domain/matters/chain-report';
import { dossierPhotoPurposes } from '../../../domain/matters/photos';
import { pathIds } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  invitations,
  matterFiles,
  meetings,
  minutes,
  notices,
  organisations,
  places,
  residents,
  signIns,
} from '../../db/schema';
import { closedBallotsOfMatter } from '../ballots';
import { readImplementation } from '../implementation';
import { listSupervisionFindings } from '../supervision';
import { reportChainEntries, type AnchorKey } from '../chain';
import { readMatterChain, type MatterRow } from '../matters';
import { listConfirmations, listObjections, findResolution } from '../resolutions';

/** Invitees with a printable name, whichever kind of party they are. */
async function listInvitees(db: DbOrTx, matterId: number) {
  const result = await db.execute<{
    id: number;
    account_id: number | null;
    name: string | null;
    reason: string;
    reply: string;
  }>(sql`
    select i.id, i.account_id, i.reason, i.reply,
      coalesce(r.name, o.name, i.outside_name, a.display_name) as name
    from ${invitations} i
    left join ${residents} r on r.id = i.resident_id
    left join ${organisations} o on o.id = i.organisation_id
    left join ${accounts} a on a.id = i.account_id
    where i.matter_id = ${matterId}
    order by i.id`);
  return result.rows;
}

/**
 * Who signed in at each meeting (by invitation or by account), named as the invitation names them
 * (a resident without an account, an organisation's delegate); null where no name is known.
 */
async function listSignIns(db: DbOrTx, meetingIds: number[]) {
  if (meetingIds.length === 0) return [];
  const result = await db.execute<{
    meeting_id: number;
    invitation_id: number | null;
    account_id: number | null;
    name: string | null;
  }>(sql`
    select s.meeting_id, s.invitation_id, s.account_id,
      coalesce(r.name, o.name, i.outside_name, ia.display_name, a.display_name) as name
    from ${signIns} s
    left join ${accounts} a on a.id = s.account_id
    left join ${invitations} i on i.id = s.invitation_id
    left join ${residents} r on r.id = i.resident_id
    left join ${organisations} o on o.id = i.organisation_id
    left join ${accounts} ia on ia.id = i.account_id
    where s.meeting_id in (${sql.join(
      meetingIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by s.at`);
  return result.rows;
}

/**
 * The first `limit` photos the dossier prints (raised, progress, before, after), oldest first, and how
 * many there are in all.
 */
export async function listDossierPhotos(db: DbOrTx, matterId: number, limit: number) {
  const where = and(eq(matterFiles.matterId, matterId), inArray(matterFiles.purpose, dossierPhotoPurposes));
  const rows = await db
    .select({
      id: matterFiles.id,
      purpose: matterFiles.purpose,
      storageKey: matterFiles.storageKey,
      createdAt: matterFiles.createdAt,
    })
    .from(matterFiles)
    .where(where)
    .orderBy(asc(matterFiles.id))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(matterFiles).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Everything one matter's file holds, read in one place for both exports. */
export async function gatherDossier(db: DbOrTx, anchorKey: AnchorKey, matter: MatterRow) {
  const placeRows = await db
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(inArray(places.id, pathIds(matter.placePath)));
  const placeName = pathIds(matter.placePath)
    .map((id) => placeRows.find((p) => p.id === id)?.name)
    .filter(Boolean)
    .slice(1)
    .join(' ');
  const noticeRows = await db.select().from(notices).where(eq(notices.matterId, matter.id)).orderBy(asc(notices.id));
  const meetingRows = await db
    .select()
    .from(meetings)
    .where(eq(meetings.matterId, matter.id))
    .orderBy(asc(meetings.startsAt));
  const meetingIds = meetingRows.map((m) => m.id);
  const minuteRows = meetingIds.length
    ? await db.select().from(minutes).where(inArray(minutes.meetingId, meetingIds))
    : [];
  const resolution = await findResolution(db, matter.id);
  const chain: ChainEntry[] = await readMatterChain(db, matter.id);
  const actorIds = [...new Set(chain.map((e) => e.actorAccountId).filter((id): id is number => id !== null))];
  const actors = actorIds.length
    ? await db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(inArray(accounts.id, actorIds))
    : [];
  // The same verdict as GET /matters/:id/chain: links, anchors and covered texts.
  const verdict: ChainReport = await reportChainEntries(db, anchorKey, matter.id, chain);
  return {
    matter,
    placeName,
    notices: noticeRows,
    invitees: await listInvitees(db, matter.id),
    meetings: meetingRows,
    signIns: await listSignIns(db, meetingIds),
    minutes: minuteRows,
    resolution: resolution ?? null,
    /** Closed ballots of the matter with their stored results (the ballot basis of the resolution). */
    ballots: await closedBallotsOfMatter(db, matter.id),
    confirmations: resolution ? await listConfirmations(db, resolution.id) : [],
    objections: resolution ? await listObjections(db, resolution.id) : [],
    implementation: await readImplementation(db, matter.id),
    /** Supervision findings oldest first, each with its answer, who answered and when. */
    findings: (await listSupervisionFindings(db, matter.id)).reverse(),
    chain,
    actorNames: new Map(actors.map((a) => [a.id, a.name])),
    verdict,
  };
}
export type Dossier = Awaited<ReturnType<typeof gatherDossier>>;
