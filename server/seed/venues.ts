import path from 'node:path';
import sharp from 'sharp';
import type { Actor } from '../../domain/access';
import type { MeetingInput } from '../../contracts/meetings';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { LocalFolderStorage } from '../storage';
import { scheduleMeeting } from '../modules/meetings';
import { addCouncilRulesVersion, addStandardVersion } from '../modules/rules';
import {
  addVenuePhotos,
  addVenueRules,
  bookVenueForActivity,
  createVenue,
  editVenue,
  listVenues,
  readVenueOptions,
  reviewVenue,
  type VenueRow,
} from '../modules/venues';
import { loadActor } from '../plugins/session';
import { accountIdByPhone } from './matters-cast.repository';
import type { Community } from './matters-cast';
import { communityPlaces } from './seed.repository';
import * as texts from './venues-texts';

/** The demo city's halls: each community but 河滨社区 (the journeys' clean slate) gets one before its meetings. */
export async function createDemoHalls(db: Db, communities: (Community & { hallId?: number })[]): Promise<void> {
  for (const c of communities) {
    const venue = await createVenue(
      db,
      c.convenor,
      { id: c.id, path: c.path, kind: 'community' },
      {
        kind: 'hall',
        name: c.isRural ? `${c.name}文化礼堂` : `${c.name}党群服务中心议事厅`,
        address: c.isRural ? '村委会东侧文化礼堂一楼' : '党群服务中心二楼',
        capacity: c.isRural ? 120 : 40,
        openingHours: '工作日 8:30–17:00，周末预约开放',
        accessibility: c.isRural ? ['step_free'] : ['step_free', 'accessible_toilet'],
        councilId: null,
        organisationId: null,
      },
    );
    c.hallId = venue.id;
  }
}

/**
 * A demo meeting at its community's hall; when the hall is already booked at that time (two stories
 * of one community meet the same afternoon), the meeting is held elsewhere under the same name.
 */
export async function scheduleAtHall(db: Db, actor: Actor, matterId: number, input: MeetingInput, hallId?: number) {
  if (hallId === undefined || input.mode === 'online') return scheduleMeeting(db, actor, matterId, input);
  try {
    return await scheduleMeeting(db, actor, matterId, { ...input, venue: undefined, venueId: hallId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'venue.booked') return scheduleMeeting(db, actor, matterId, input);
    throw error;
  }
}

/** A plain signboard picture (red board, white panel): the demo's evidence of 有醒目标识. */
const signagePng = () =>
  sharp({ create: { width: 640, height: 360, channels: 3, background: '#b3261e' } })
    .composite([
      {
        input: { create: { width: 560, height: 200, channels: 3, background: '#ffffff' } },
        top: 80,
        left: 40,
      },
    ])
    .png()
    .toBuffer();

const actorByPhone = async (db: Db, phone: string) => loadActor(db, await accountIdByPhone(db, phone), null);

/**
 * Venues in every five-haves state once the demo meetings and notices exist: one complete and approved
 * by the town, one missing its signage, one with no meeting held, one returned by the town; a 四治茶座
 * workstation and an outdoor 桂花树下 spot; the county standard and a council's and venues' rules.
 */
export async function seedDemoVenues(db: Db, opts: { dataDir: string }): Promise<void> {
  const storage = new LocalFolderStorage(path.join(opts.dataDir, 'files'));
  const city = await actorByPhone(db, '13900000002');
  const town = await actorByPhone(db, '13900000003');
  const townPath = town.grants[0]!.placePath;
  await addStandardVersion(db, city, {
    title: texts.STANDARD_TITLE,
    body: texts.STANDARD_BODY,
    effectiveFrom: '2021-01-01',
  });

  const communities = await communityPlaces(db);
  const cityPath = city.grants[0]!.placePath;
  const halls = (await listVenues(db, { path: cityPath })).sort(
    // The town officer's own communities first: that demo login reviews them.
    (a, b) => Number(!a.placePath.startsWith(townPath)) - Number(!b.placePath.startsWith(townPath)) || a.id - b.id,
  );
  const held = (v: VenueRow) => v.activityCount > 0;
  const taken = new Set<number>();
  const pick = (want: (v: VenueRow) => boolean) => {
    const found = halls.find((v) => !taken.has(v.id) && want(v)) ?? halls.find((v) => !taken.has(v.id));
    if (found) taken.add(found.id);
    return found;
  };
  const signage = async (v: VenueRow) =>
    addVenuePhotos(db, storage, city, v.id, 'signage', [
      { fileName: 'signage.png', contentType: 'image/png', bytes: await signagePng() },
    ]);
  const organise = async (v: VenueRow) => {
    const options = await readVenueOptions(db, { path: v.communityPath });
    const council = options.councils[0];
    if (council && options.councils.length > 0) {
      await editVenue(db, v.id, {
        kind: v.kind,
        name: v.name,
        address: v.address,
        capacity: v.capacity,
        openingHours: v.openingHours,
        accessibility: v.accessibility,
        councilId: council.id,
        organisationId: null,
      });
    }
    return council;
  };
  const rules = (v: VenueRow) =>
    addVenueRules(db, city, v.id, {
      title: texts.VENUE_RULES_TITLE,
      body: texts.VENUE_RULES_BODY,
      effectiveFrom: '2024-01-01',
    });
  const reviewer = (v: VenueRow) => (v.placePath.startsWith(townPath) ? town : city);

  const complete = pick((v) => held(v) && v.noticeCount > 0);
  if (complete) {
    const council = await organise(complete);
    await signage(complete);
    await rules(complete);
    if (council) {
      await addCouncilRulesVersion(db, city, council.id, {
        title: texts.COUNCIL_RULES_TITLE,
        body: texts.COUNCIL_RULES_BODY,
        effectiveFrom: '2023-03-01',
      });
    }
    await reviewVenue(db, city, complete.id, 'submit');
    await approveIfComplete(db, reviewer(complete), complete.id);
    // Staff activities that are not matters' meetings: a Party members' day and a volunteers' meeting.
    const day = (offset: number, hour: number) => {
      const at = new Date(Date.now() + offset * 86_400_000);
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hour - 8));
    };
    await bookVenueForActivity(db, city, complete.id, {
      title: '党员活动日',
      startsAt: day(2, 14).toISOString(),
      endsAt: day(2, 16).toISOString(),
    });
    await bookVenueForActivity(db, city, complete.id, {
      title: '志愿者例会',
      startsAt: day(5, 9).toISOString(),
      endsAt: day(5, 10).toISOString(),
    });
  }
  const noSignage = pick(held);
  if (noSignage) {
    await organise(noSignage);
    await rules(noSignage);
  }
  // Every hall has held meetings by now: the venue with none is a newer corner of a community.
  const corner = communities.find((c) => !c.isRural && c.path.startsWith(townPath) && c.code !== 'TA-01-01');
  if (corner) {
    const added = await createVenue(
      db,
      city,
      { id: corner.id, path: corner.path, kind: 'community' },
      {
        kind: 'other',
        name: `${corner.name}睦邻议事角`,
        address: '中心广场东侧廊亭',
        capacity: 20,
        openingHours: '每天 8:00–20:00',
        accessibility: ['step_free'],
        councilId: null,
        organisationId: null,
      },
    );
    const [noMeetings] = (await listVenues(db, { path: corner.path })).filter((v) => v.id === added.id);
    await organise(noMeetings!);
    await signage(noMeetings!);
    await rules(noMeetings!);
    await reviewVenue(db, city, noMeetings!.id, 'submit');
  }
  const returned = pick(() => true);
  if (returned) {
    await organise(returned);
    await signage(returned);
    await reviewVenue(db, city, returned.id, 'submit');
    await reviewVenue(db, reviewer(returned), returned.id, 'return', {
      reason: '标识照片看不清阵地名称，请重新拍摄；议事制度尚未上墙。',
    });
  }

  // 四治茶座 in an urban community, run by an organisation of its pool; 桂花树下 in a village.
  const urban = communities.find((c) => !c.isRural && c.path.startsWith(townPath) && c.code !== 'TA-01-01');
  if (urban) {
    const options = await readVenueOptions(db, { path: urban.path });
    const teaHouse = await createVenue(
      db,
      city,
      { id: urban.id, path: urban.path, kind: 'community' },
      {
        kind: 'workstation',
        name: '四治茶座',
        address: '社区邻里中心一楼茶室',
        capacity: 16,
        openingHours: '每周二、四 14:00–17:00',
        accessibility: ['step_free', 'large_print'],
        councilId: null,
        organisationId: options.organisations[0]?.id ?? null,
      },
    );
    await addVenuePhotos(db, storage, city, teaHouse.id, 'signage', [
      { fileName: 'signage.png', contentType: 'image/png', bytes: await signagePng() },
    ]);
  }
  const village = communities.find((c) => c.isRural);
  if (village) {
    await createVenue(
      db,
      city,
      { id: village.id, path: village.path, kind: 'community' },
      {
        kind: 'outdoor',
        name: '桂花树下',
        address: '村文化广场老桂花树旁',
        capacity: 30,
        openingHours: '天气晴好时随时可议',
        accessibility: ['step_free', 'wheelchair_space'],
        councilId: null,
        organisationId: null,
      },
    );
  }
}

/** Approves a submitted venue when all five haves hold (a demo clock edge may leave one missing). */
async function approveIfComplete(db: Db, actor: Actor, venueId: number) {
  try {
    await reviewVenue(db, actor, venueId, 'approve');
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'venue.five_haves_missing')) throw error;
  }
}
