import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { systemClock, withClock, type Clock } from '../clock';
import type { Db } from '../db/client';
import type { SmsProvider } from '../deps';
import { closeDueBallots } from '../modules/ballots';
import { generateMonthlyBulletins } from '../modules/bulletins';
import { deliverPendingNotifications } from '../modules/notifications';
import { deliverDueTexts } from '../modules/sms';
import { anchorDaily, type AnchorKey } from '../modules/chain';
import { refreshFacts } from '../modules/statistics';
import { remindOverdueTasks } from '../modules/implementation';
import { underJobsSetupLock } from './jobs.repository';

/** What a job may use besides the database. */
export type JobDeps = {
  sms: SmsProvider;
  anchorKey: AnchorKey;
  /** The app's clock (deps.clock); each run is bound to it, so the modules' `clockNow()` reads it. */
  clock: Clock;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
};

/** A recurring job: a pg-boss queue name, a cron schedule (UTC) and the work it does. */
export type ScheduledJob = { name: string; cron: string; run: (db: Db, deps: JobDeps) => Promise<unknown> };

/** Every recurring job of the app. */
export const scheduledJobs: ScheduledJob[] = [
  // Votes after closesAt are already refused by castVote; this stores the result and tells the pages.
  { name: 'ballots-close-due', cron: '* * * * *', run: closeDueBallots },
  // 00:10 China time daily: last month's bulletins that are missing (so on the 1st, with catch-up).
  { name: 'bulletins-monthly', cron: '10 16 * * *', run: (db) => generateMonthlyBulletins(db) },
  // Rebuilds the statistics facts of matters changed in the last minute, so dashboard reads rarely wait.
  { name: 'statistics-refresh', cron: '* * * * *', run: refreshFacts },
  // Notifications of channels outside the database (SMS queue, WeChat, Web Push); the inbox gets them at once.
  { name: 'notifications-deliver', cron: '* * * * *', run: (db, { log }) => deliverPendingNotifications(db, { log }) },
  // Invitation and notice texts whose time has come (quiet hours and retries set `not_before`).
  { name: 'sms-deliver', cron: '* * * * *', run: (db, { sms, log }) => deliverDueTexts(db, sms, { log }) },
  // 00:20 China time daily: the signed anchor of every chain's length and head (once per day).
  { name: 'chain-anchor-daily', cron: '20 16 * * *', run: (db, { anchorKey }) => anchorDaily(db, anchorKey) },
  // 09:00 China time daily: overdue tasks remind their assignee and the convenor (once a day each).
  { name: 'tasks-remind-overdue', cron: '0 1 * * *', run: (db) => remindOverdueTasks(db) },
];

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

/**
 * Starts pg-boss on the app's database (its own schema `pgboss`, its own two connections) and the
 * recurring jobs. pg-boss fires each schedule once per minute across all app processes (its cron
 * slot is a singleton), and each job is idempotent anyway, so any number of nodes may run this.
 * Started by server/main.ts only: tests build the app without it, or call this themselves.
 */
export async function startJobs(opts: {
  url: string;
  db: Db;
  /** The configured SMS provider (server/main.ts: `createSmsProvider(config.sms, log)`). */
  sms: SmsProvider;
  anchorKey: AnchorKey;
  clock?: Clock;
  log: JobDeps['log'];
  jobs?: ScheduledJob[];
}): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: opts.url, schema: 'pgboss', max: 2, application_name: 'yishi-jobs' });
  boss.on('error', (error) => opts.log.error({ err: error }, 'job queue error'));
  const started = performance.now();
  await underJobsSetupLock(opts.db, async () => {
    await boss.start();
    for (const job of opts.jobs ?? scheduledJobs) {
      await boss.createQueue(job.name);
      await boss.schedule(job.name, job.cron, undefined, { tz: 'UTC' });
      await boss.work(job.name, async () => {
        try {
          const clock = opts.clock ?? systemClock;
          const deps = { sms: opts.sms, anchorKey: opts.anchorKey, clock, log: opts.log };
          const outcome = await withClock(clock, () => job.run(opts.db, deps));
          opts.log.debug({ job: job.name, outcome }, 'job done');
        } catch (error) {
          // pg-boss marks the job failed; the next minute's run tries again.
          opts.log.error({ job: job.name, err: error }, 'job failed');
          throw error;
        }
      });
    }
  });
  opts.log.info({ ms: Math.round(performance.now() - started) }, 'job queue started');
  return {
    boss,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
