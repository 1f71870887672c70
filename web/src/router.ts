import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { setDocumentTitle } from './document-title';
import { i18n } from './i18n';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    titleKey?: string;
    isPublic?: boolean;
  }
}

const placeId = (route: RouteLocationNormalized) => ({ placeId: Number(route.params.id) });
const ballotId = (route: RouteLocationNormalized) => ({ ballotId: Number(route.params.id) });

export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { titleKey: 'login.title', isPublic: true },
    },
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { titleKey: 'home.title' } },
    {
      // 修改密码: any staff account with a password; the only page while a one-time password is in use.
      path: '/account/password',
      name: 'account-password',
      component: () => import('./pages/AccountPasswordPage.vue'),
      meta: { titleKey: 'account.password.title' },
    },
    {
      // 消息渠道: any account's WeChat binding and browser push; WeChat's authorize page returns here.
      path: '/account/channels',
      name: 'account-channels',
      component: () => import('./pages/AccountChannelsPage.vue'),
      meta: { titleKey: 'channels.title' },
    },
    {
      // 我的设置: notification channels per kind, for every signed-in person.
      path: '/account/settings',
      name: 'account-settings',
      component: () => import('./pages/AccountSettingsPage.vue'),
      meta: { titleKey: 'account.settings.title' },
    },
    {
      path: '/places',
      name: 'places',
      component: () => import('./pages/PlacesRootPage.vue'),
      meta: { titleKey: 'places.title' },
    },
    {
      path: '/places/:id(\\d+)',
      name: 'place',
      component: () => import('./pages/PlacePage.vue'),
      props: placeId,
      meta: { titleKey: 'places.title' },
    },
    {
      path: '/places/:id(\\d+)/:tab(dwellings|residents)',
      name: 'place-tab',
      component: () => import('./pages/PlacePage.vue'),
      props: (route) => ({ placeId: Number(route.params.id), tab: String(route.params.tab) }),
      meta: { titleKey: 'places.title' },
    },
    {
      path: '/places/:id(\\d+)/roster/import',
      name: 'roster-import',
      component: () => import('./pages/RosterImportPage.vue'),
      props: placeId,
      meta: { titleKey: 'roster.title' },
    },
    {
      path: '/places/:id(\\d+)/pool',
      name: 'pool',
      component: () => import('./pages/PoolPage.vue'),
      props: placeId,
      meta: { titleKey: 'pool.title' },
    },
    {
      path: '/places/:id(\\d+)/supervisors',
      name: 'place-supervisors',
      component: () => import('./pages/PlaceSupervisorsPage.vue'),
      props: placeId,
      meta: { titleKey: 'duties.pageTitle' },
    },
    {
      path: '/places/:id(\\d+)/councils',
      name: 'councils',
      component: () => import('./pages/CouncilsPage.vue'),
      props: placeId,
      meta: { titleKey: 'councils.title' },
    },
    {
      path: '/places/:id(\\d+)/venues',
      name: 'venues',
      component: () => import('./pages/VenuesPage.vue'),
      props: placeId,
      meta: { titleKey: 'venues.title' },
    },
    {
      path: '/venues/:id(\\d+)/manage',
      name: 'venue-manage',
      component: () => import('./pages/VenueManagePage.vue'),
      props: (route) => ({ venueId: Number(route.params.id) }),
      meta: { titleKey: 'venues.title' },
    },
    {
      path: '/places/:id(\\d+)/formats',
      name: 'formats',
      component: () => import('./pages/FormatsPage.vue'),
      props: placeId,
      meta: { titleKey: 'formats.title' },
    },
    {
      path: '/councils/:id(\\d+)',
      name: 'council',
      component: () => import('./pages/CouncilPage.vue'),
      props: (route) => ({ councilId: Number(route.params.id) }),
      meta: { titleKey: 'councils.title' },
    },
    {
      // 社区议事: the matters of the resident's community, to browse, support and follow.
      path: '/community',
      name: 'community',
      component: () => import('./pages/CommunityPage.vue'),
      meta: { titleKey: 'community.title' },
    },
    {
      path: '/matters',
      name: 'matters',
      component: () => import('./pages/MattersPage.vue'),
      meta: { titleKey: 'matters.title' },
    },
    {
      path: '/matters/new',
      name: 'matter-raise',
      component: () => import('./pages/MatterRaisePage.vue'),
      meta: { titleKey: 'matters.raiseTitle' },
    },
    {
      path: '/matters/:id(\\d+)',
      name: 'matter',
      component: () => import('./pages/MatterPage.vue'),
      props: (route) => ({ matterId: Number(route.params.id) }),
      meta: { titleKey: 'matters.pageTitle' },
    },
    {
      path: '/work',
      name: 'work',
      component: () => import('./pages/WorkQueuePage.vue'),
      meta: { titleKey: 'matters.workTitle' },
    },
    {
      path: '/work/matters/:id(\\d+)',
      name: 'matter-workspace',
      component: () => import('./pages/MatterPage.vue'),
      props: (route) => ({ matterId: Number(route.params.id), isWorkspace: true }),
      meta: { titleKey: 'matters.workspaceTitle' },
    },
    {
      path: '/matters/:id(\\d+)/publication',
      name: 'matter-publication',
      component: () => import('./pages/MatterPublicationPage.vue'),
      props: (route) => ({ matterId: Number(route.params.id) }),
      meta: { titleKey: 'publication.title' },
    },
    {
      path: '/meetings/:id(\\d+)',
      name: 'meeting',
      component: () => import('./pages/MeetingPage.vue'),
      props: (route) => ({ meetingId: Number(route.params.id) }),
      meta: { titleKey: 'deliberation.meeting.title' },
    },
    {
      path: '/matters/:id(\\d+)/ballots/new',
      name: 'ballot-new',
      component: () => import('./pages/BallotNewPage.vue'),
      props: (route) => ({ matterId: Number(route.params.id) }),
      meta: { titleKey: 'ballots.setup.title' },
    },
    {
      path: '/ballots/:id(\\d+)',
      name: 'ballot',
      component: () => import('./pages/BallotPage.vue'),
      props: ballotId,
      meta: { titleKey: 'ballots.pageTitle' },
    },
    {
      path: '/ballots/:id(\\d+)/manage',
      name: 'ballot-manage',
      component: () => import('./pages/BallotManagePage.vue'),
      props: ballotId,
      meta: { titleKey: 'ballots.desk.title' },
    },
    {
      path: '/ballots/:id(\\d+)/papers',
      name: 'ballot-papers',
      component: () => import('./pages/BallotPapersPage.vue'),
      props: ballotId,
      meta: { titleKey: 'ballots.papers.title' },
    },
    {
      // Lazy: the only route that loads echarts.
      path: '/ballots/:id(\\d+)/result',
      name: 'ballot-result',
      component: () => import('./pages/BallotResultPage.vue'),
      props: ballotId,
      meta: { titleKey: 'ballots.result.pageTitle' },
    },
    {
      // Lazy, with echarts: the statistics dashboard and the matters behind each of its numbers.
      path: '/statistics',
      name: 'statistics',
      component: () => import('./pages/StatisticsPage.vue'),
      meta: { titleKey: 'statistics.title' },
    },
    {
      // 能力建设统计: organisations, projects, training and talents of a place for a year.
      path: '/statistics/capacity',
      name: 'statistics-capacity',
      component: () => import('./pages/StatisticsCapacityPage.vue'),
      meta: { titleKey: 'capacityStats.title' },
    },
    {
      path: '/statistics/matters',
      name: 'statistics-matters',
      component: () => import('./pages/StatisticsMattersPage.vue'),
      meta: { titleKey: 'statistics.matchingTitle' },
    },
    {
      path: '/bulletins',
      name: 'bulletins',
      component: () => import('./pages/BulletinsPage.vue'),
      meta: { titleKey: 'bulletins.title' },
    },
    {
      // 月度通报 (login: staff and supervisors of the place); the .docx's QR code leads to the public one.
      path: '/bulletins/:placeId(\\d+)/:month(\\d{4}-\\d{2})',
      name: 'bulletin',
      component: () => import('./pages/BulletinPage.vue'),
      props: (route) => ({ placeId: Number(route.params.placeId), month: String(route.params.month) }),
      meta: { titleKey: 'bulletins.title' },
    },
    {
      // 培训: programmes of one's city and town; sign-in by code (the QR links here); one's own record.
      path: '/training',
      name: 'training',
      component: () => import('./pages/TrainingProgrammesPage.vue'),
      meta: { titleKey: 'training.title' },
    },
    {
      path: '/training/sign-in',
      name: 'training-sign-in',
      component: () => import('./pages/TrainingSignInPage.vue'),
      meta: { titleKey: 'training.signIn.title' },
    },
    {
      path: '/training/:id(\\d+)',
      name: 'training-programme',
      component: () => import('./pages/TrainingProgrammePage.vue'),
      props: (route) => ({ programmeId: Number(route.params.id) }),
      meta: { titleKey: 'training.title' },
    },
    {
      path: '/account/training',
      name: 'account-training',
      component: () => import('./pages/AccountTrainingPage.vue'),
      meta: { titleKey: 'training.record.title' },
    },
    {
      // 微领袖库: ?placeId=&year=&tag= (the capacity statistics link here).
      path: '/micro-leaders',
      name: 'micro-leaders',
      component: () => import('./pages/MicroLeadersPage.vue'),
      meta: { titleKey: 'training.pool.title' },
    },
    {
      // 示范社区创建: the scheme, the overview by town and the applications in reach.
      path: '/demonstration',
      name: 'demonstration',
      component: () => import('./pages/DemonstrationPage.vue'),
      meta: { titleKey: 'demonstration.title' },
    },
    {
      path: '/demonstration/applications/:id(\\d+)',
      name: 'demonstration-application',
      component: () => import('./pages/DemonstrationApplicationPage.vue'),
      props: (route) => ({ applicationId: Number(route.params.id) }),
      meta: { titleKey: 'demonstration.application' },
    },
    {
      // 微治理项目: calls for projects (officers publish; social organisations' agents apply).
      path: '/calls',
      name: 'calls',
      component: () => import('./pages/CallsPage.vue'),
      meta: { titleKey: 'projects.calls' },
    },
    {
      path: '/calls/:id(\\d+)',
      name: 'call',
      component: () => import('./pages/CallPage.vue'),
      props: (route) => ({ callId: Number(route.params.id) }),
      meta: { titleKey: 'projects.call' },
    },
    {
      // The statistics dashboard links here with ?placeId=&year=&status=.
      path: '/projects',
      name: 'projects',
      component: () => import('./pages/ProjectsPage.vue'),
      meta: { titleKey: 'projects.list' },
    },
    {
      path: '/projects/:id(\\d+)',
      name: 'project',
      component: () => import('./pages/ProjectPage.vue'),
      props: (route) => ({ projectId: Number(route.params.id) }),
      meta: { titleKey: 'projects.title' },
    },
    {
      // 公示异议: linked from the showcase's naming notices; a login is asked first.
      path: '/demonstration/applications/:id(\\d+)/objection',
      name: 'demonstration-objection',
      component: () => import('./pages/DemonstrationObjectionPage.vue'),
      props: (route) => ({ applicationId: Number(route.params.id) }),
      meta: { titleKey: 'demonstration.raiseObjection' },
    },
    {
      // 领军人才遴选: selections, nominating, the nominations within a place (?placeId=&year=&status=).
      path: '/talents',
      name: 'talents',
      component: () => import('./pages/TalentsPage.vue'),
      meta: { titleKey: 'talents.title' },
    },
    {
      path: '/talent-selections/:id(\\d+)',
      name: 'talent-selection',
      component: () => import('./pages/TalentSelectionPage.vue'),
      props: (route) => ({ selectionId: Number(route.params.id) }),
      meta: { titleKey: 'talents.selection' },
    },
    {
      // 公示异议: linked from the public notice; a login is asked first.
      path: '/talents/nominations/:id(\\d+)/objection',
      name: 'talent-objection',
      component: () => import('./pages/TalentObjectionPage.vue'),
      props: (route) => ({ nominationId: Number(route.params.id) }),
      meta: { titleKey: 'talents.raiseObjection' },
    },
    {
      // The person's own nominations: consent, stage, certificate; and nominating oneself.
      path: '/account/talents',
      name: 'my-talents',
      component: () => import('./pages/MyTalentsPage.vue'),
      meta: { titleKey: 'talents.mine' },
    },
    {
      // 部门待办: a department liaison's referrals, and one referral's page.
      path: '/referrals',
      name: 'referrals',
      component: () => import('./pages/ReferralQueuePage.vue'),
      meta: { titleKey: 'departments.queue.title' },
    },
    {
      path: '/referrals/:id(\\d+)',
      name: 'referral',
      component: () => import('./pages/ReferralPage.vue'),
      props: (route) => ({ referralId: Number(route.params.id) }),
      meta: { titleKey: 'departments.referral.title' },
    },
    {
      // 社工委 of a city or town: its departments and liaisons.
      path: '/places/:id(\\d+)/committee',
      name: 'committee',
      component: () => import('./pages/CommitteePage.vue'),
      props: placeId,
      meta: { titleKey: 'departments.committee.title' },
    },
    {
      path: '/places/:id(\\d+)/department-statistics',
      name: 'department-statistics',
      component: () => import('./pages/DepartmentStatsPage.vue'),
      props: placeId,
      meta: { titleKey: 'departments.stats.title' },
    },
    {
      // 社会组织: the register within a place (query: placeId, categoryId, tier, brand, canDeliberate, q).
      path: '/organisations',
      name: 'organisations',
      component: () => import('./pages/OrganisationsPage.vue'),
      meta: { titleKey: 'organisations.title' },
    },
    {
      path: '/organisations/mine',
      name: 'my-organisations',
      component: () => import('./pages/MyOrganisationsPage.vue'),
      meta: { titleKey: 'organisations.mine.title' },
    },
    {
      path: '/organisations/new',
      name: 'organisation-new',
      component: () => import('./pages/OrganisationFormPage.vue'),
      props: (route) => ({ placeId: Number(route.query.placeId) || undefined }),
      meta: { titleKey: 'organisations.register' },
    },
    {
      path: '/organisations/:id(\\d+)',
      name: 'organisation',
      component: () => import('./pages/OrganisationPage.vue'),
      props: (route) => ({ organisationId: Number(route.params.id) }),
      meta: { titleKey: 'organisations.title' },
    },
    {
      path: '/organisations/:id(\\d+)/edit',
      name: 'organisation-edit',
      component: () => import('./pages/OrganisationFormPage.vue'),
      props: (route) => ({ organisationId: Number(route.params.id) }),
      meta: { titleKey: 'organisations.edit' },
    },
    {
      path: '/places/:id(\\d+)/organisation-categories',
      name: 'organisation-categories',
      component: () => import('./pages/OrganisationCategoriesPage.vue'),
      props: placeId,
      meta: { titleKey: 'organisations.categories.title' },
    },
    {
      path: '/places/:id(\\d+)/organisation-coverage',
      name: 'organisation-coverage',
      component: () => import('./pages/OrganisationCoveragePage.vue'),
      props: placeId,
      meta: { titleKey: 'organisations.coverage.title' },
    },
    {
      path: '/supervision',
      name: 'supervision',
      component: () => import('./pages/SupervisionPage.vue'),
      meta: { titleKey: 'supervision.title' },
    },
    {
      path: '/outbox',
      name: 'outbox',
      component: () => import('./pages/OutboxPage.vue'),
      meta: { titleKey: 'outbox.title' },
    },
    {
      path: '/inbox',
      name: 'inbox',
      component: () => import('./pages/InboxPage.vue'),
      meta: { titleKey: 'deliberation.inbox.title' },
    },
    {
      // 公开: no login, no tab bar for visitors (App shows it only with a session).
      path: '/public/matters/:id(\\d+)',
      name: 'public-matter',
      component: () => import('./pages/PublicMatterPage.vue'),
      props: (route) => ({ matterId: Number(route.params.id) }),
      meta: { titleKey: 'publicMatter.pageTitle', isPublic: true },
    },
    {
      // 领军人才公示 (no login).
      path: '/public/talents',
      name: 'public-talents',
      component: () => import('./pages/PublicTalentsPage.vue'),
      meta: { titleKey: 'talents.publicTitle', isPublic: true },
    },
    {
      // A closed micro-governance project's public result (the showcase links here).
      path: '/public/projects/:id(\\d+)',
      name: 'public-project',
      component: () => import('./pages/PublicProjectPage.vue'),
      props: (route) => ({ projectId: Number(route.params.id) }),
      meta: { titleKey: 'projects.publicTitle', isPublic: true },
    },
    {
      // 成果展示: public and lean (no echarts, few Vant pieces); measured in docs/benchmarks.md.
      path: '/showcase',
      name: 'showcase',
      component: () => import('./pages/ShowcasePage.vue'),
      meta: { titleKey: 'showcase.title', isPublic: true },
    },
    {
      // 公示栏: opened from the QR code on a community's notice board.
      path: '/public/places/:id(\\d+)/notices',
      name: 'public-notices',
      component: () => import('./pages/PublicNoticesPage.vue'),
      props: (route) => ({ placeId: Number(route.params.id) }),
      meta: { titleKey: 'showcase.notices.pageTitle', isPublic: true },
    },
    {
      // 月度通报, public: the printed bulletin's QR code and the notice board lead here.
      path: '/public/places/:placeId(\\d+)/bulletins/:month(\\d{4}-\\d{2})',
      name: 'public-bulletin',
      component: () => import('./pages/PublicBulletinPage.vue'),
      props: (route) => ({ placeId: Number(route.params.placeId), month: String(route.params.month) }),
      meta: { titleKey: 'bulletins.title', isPublic: true },
    },
    {
      // 议事阵地, public: opened from the QR code at the venue's door.
      path: '/venues/:id(\\d+)',
      name: 'public-venue',
      component: () => import('./pages/PublicVenuePage.vue'),
      props: (route) => ({ venueId: Number(route.params.id) }),
      meta: { titleKey: 'venues.title', isPublic: true },
    },
    {
      // 议事协商规范 and the rules of councils and venues: public.
      path: '/standard',
      name: 'standard',
      component: () => import('./pages/StandardPage.vue'),
      meta: { titleKey: 'rules.standardTitle', isPublic: true },
    },
    {
      path: '/rules/:owner(council|venue)/:id(\\d+)',
      name: 'rules',
      component: () => import('./pages/RulesPage.vue'),
      props: (route) => ({ owner: String(route.params.owner), ownerId: Number(route.params.id) }),
      meta: { titleKey: 'rules.title', isPublic: true },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./pages/NotFoundPage.vue'),
      meta: { titleKey: 'notFound.title', isPublic: true },
    },
  ],
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  try {
    await session.load();
  } catch {
    // The session endpoint is unreachable: let the page show its own error.
    return true;
  }
  if (to.meta.isPublic) {
    if (to.name === 'login' && session.isLoggedIn) {
      if (session.mustChangePassword) return { name: 'account-password' };
      return { path: typeof to.query.next === 'string' ? to.query.next : '/' };
    }
    return true;
  }
  if (!session.isLoggedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  // The server refuses everything else until a one-time password is replaced (auth.password_change_required).
  if (session.mustChangePassword && to.name !== 'account-password') return { name: 'account-password' };
  return true;
});

router.afterEach((to) => {
  if (to.meta.titleKey) setDocumentTitle(i18n.global.t(to.meta.titleKey));
});
