import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { accountsRoutes } from './accounts';
import { announcementsRoutes } from './announcements';
import { archiveRoutes } from './archive';
import { authRoutes } from './auth';
import { ballotsRoutes } from './ballots';
import { councilsRoutes } from './councils';
import { departmentsRoutes } from './departments';
import { discussionRoutes } from './discussion';
import { followsRoutes } from './follows';
import { grantsRoutes } from './grants';
import { implementationRoutes } from './implementation';
import { formatRoutes, matterLiveRoutes, matterRoutes } from './matters';
import { meetingsRoutes } from './meetings';
import { placesRoutes } from './places';
import { poolRoutes } from './pool';
import { publicMatterRoutes } from './public-matters';
import { publicationRoutes } from './publication';
import { resolutionsRoutes } from './resolutions';
import { rosterRoutes } from './roster';
import { showcaseRoutes } from './showcase';
import { statisticsRoutes } from './statistics';
import { capacityRoutes } from './capacity';
import { supervisionRoutes } from './supervision';
import { bulletinsRoutes } from './bulletins';
import { chainRoutes } from './chain';
import { smsOptOutRoutes, smsRepliesRoutes } from './sms';
import { wechatRoutes } from './wechat';
import { webpushRoutes } from './webpush';
import { notificationRoutes } from './notifications';
import { demonstrationEvidenceRoutes, demonstrationReviewRoutes, demonstrationRoutes } from './demonstration';
import { talentReviewRoutes, talentsRoutes } from './talents';
import { matterVenuesRoutes, venuesRoutes } from './venues';
import { rulesRoutes } from './rules';
import { callsRoutes, projectRunningRoutes, projectsPublicRoutes, projectsRoutes } from './projects';
import { organisationsRoutes } from './organisations';
import { microLeaderRoutes, trainingParticipantRoutes, trainingRoutes } from './training';

export type ModulePlugin = FastifyPluginAsyncZod<{ deps: AppDeps }>;

/** Every feature module, mounted under /api. */
export const modules: { prefix: string; plugin: ModulePlugin }[] = [
  { prefix: '/api', plugin: authRoutes },
  { prefix: '/api', plugin: accountsRoutes },
  { prefix: '/api', plugin: notificationRoutes },
  { prefix: '/api', plugin: placesRoutes },
  { prefix: '/api', plugin: poolRoutes },
  { prefix: '/api', plugin: councilsRoutes },
  { prefix: '/api', plugin: venuesRoutes },
  { prefix: '/api', plugin: matterVenuesRoutes },
  { prefix: '/api', plugin: rulesRoutes },
  { prefix: '/api', plugin: rosterRoutes },
  { prefix: '/api', plugin: matterRoutes },
  { prefix: '/api', plugin: matterLiveRoutes },
  { prefix: '/api', plugin: formatRoutes },
  { prefix: '/api', plugin: followsRoutes },
  { prefix: '/api', plugin: chainRoutes },
  { prefix: '/api', plugin: discussionRoutes },
  { prefix: '/api', plugin: resolutionsRoutes },
  { prefix: '/api', plugin: implementationRoutes },
  { prefix: '/api', plugin: archiveRoutes },
  { prefix: '/api', plugin: announcementsRoutes },
  { prefix: '/api', plugin: meetingsRoutes },
  { prefix: '/api', plugin: publicMatterRoutes },
  { prefix: '/api', plugin: publicationRoutes },
  { prefix: '/api', plugin: ballotsRoutes },
  { prefix: '/api', plugin: showcaseRoutes },
  { prefix: '/api', plugin: statisticsRoutes },
  { prefix: '/api', plugin: capacityRoutes },
  { prefix: '/api', plugin: supervisionRoutes },
  { prefix: '/api', plugin: grantsRoutes },
  { prefix: '/api', plugin: departmentsRoutes },
  { prefix: '/api', plugin: bulletinsRoutes },
  { prefix: '/api', plugin: smsOptOutRoutes },
  { prefix: '/api', plugin: wechatRoutes },
  { prefix: '/api', plugin: webpushRoutes },
  { prefix: '/api', plugin: demonstrationRoutes },
  { prefix: '/api', plugin: demonstrationReviewRoutes },
  { prefix: '/api', plugin: demonstrationEvidenceRoutes },
  { prefix: '/api', plugin: talentsRoutes },
  { prefix: '/api', plugin: talentReviewRoutes },
  { prefix: '/api', plugin: callsRoutes },
  { prefix: '/api', plugin: projectsRoutes },
  { prefix: '/api', plugin: projectRunningRoutes },
  { prefix: '/api', plugin: projectsPublicRoutes },
  { prefix: '/api', plugin: organisationsRoutes },
  { prefix: '/api', plugin: trainingRoutes },
  { prefix: '/api', plugin: trainingParticipantRoutes },
  { prefix: '/api', plugin: microLeaderRoutes },
  // Provider callbacks: outside /api, so no CSRF header is asked of them (they carry a secret token).
  { prefix: '/callbacks', plugin: smsRepliesRoutes },
];
