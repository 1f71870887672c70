import { stepOf } from '../../../domain/matters/stages';
import { verifyChainEntries as verifyChain } from '../matters';
import { isOverdueTask, taskLifecycle } from '../../../domain/implementation/task-status';
import type { PublicRecord } from './public-matters.record';

/**
 * The public, redacted record of a matter (PIPL): no names, phones, flats or account ids. Minutes and
 * the resolution appear only as the public text staff confirmed (公开文本); the short free texts with no
 * confirm step (title, answers, task titles and notes) pass through the city-wide redactor as they are
 * read; residents' own texts (description, objection bodies, comments, follow-up comments) are left out.
 */
export function presentPublicMatter(record: PublicRecord, today: string) {
  const redact = (text: string) => record.texts.redact(record.matter.id, text);
  const { confirmed } = record.texts;
  const { matter, implementation } = record;
  const satisfactions = implementation.followUpRows.map((f) => f.satisfaction);
  const verdict = verifyChain(record.chain);
  return {
    id: matter.id,
    title: redact(matter.title),
    category: matter.category,
    governances: matter.governances,
    kind: matter.kind,
    level: matter.level,
    // Places stop at units: dwellings are a separate table and never part of a matter's place.
    trail: record.trail.map((p) => ({ kind: p.kind, name: p.name })),
    status: matter.status,
    step: stepOf(matter.status),
    sealedAt: matter.sealedAt?.toISOString() ?? null,
    timeline: record.chain.map((e) => ({ seq: e.seq, action: e.action, at: e.at })),
    // Only minutes published with a confirmed public text; the full text stays in the sealed file.
    minutes: record.minutes.flatMap((m) => {
      const body = confirmed('minutes', m.minutesId);
      return body === null
        ? []
        : [
            {
              meetingMode: m.mode,
              meetingStartsAt: m.startsAt.toISOString(),
              publishedAt: m.publishedAt?.toISOString() ?? null,
              body,
            },
          ];
    }),
    resolution: record.resolution
      ? {
          // null until staff confirm its public text (a matter resolved before that step existed).
          body: confirmed('resolution', record.resolution.id),
          basis: record.resolution.basis,
          objectionEndsAt: record.resolution.objectionEndsAt.toISOString(),
        }
      : null,
    objections: {
      count: record.objections.length,
      answers: record.objections
        .filter((o) => o.answer !== null)
        .map((o) => ({ answer: redact(o.answer ?? ''), answeredAt: o.answeredAt?.toISOString() ?? null })),
    },
    tasks: implementation.taskRows.map((task) => {
      const progress = implementation.progressRows.filter((p) => p.taskId === task.id);
      return {
        title: redact(task.title),
        dueOn: task.dueOn,
        status: task.status,
        isOverdue: isOverdueTask(task, today),
        percent: taskLifecycle.is.done(task.status) ? 100 : (progress.at(-1)?.percent ?? 0),
        notes: progress.map((p) => ({ note: redact(p.note), percent: p.percent, at: p.createdAt.toISOString() })),
      };
    }),
    followUps: {
      count: satisfactions.length,
      averageSatisfaction: satisfactions.length
        ? Math.round((satisfactions.reduce((a, b) => a + b, 0) / satisfactions.length) * 10) / 10
        : null,
    },
    evaluation: implementation.evaluation
      ? {
          outcome: implementation.evaluation.outcome,
          score: implementation.evaluation.score,
          isDisputeResolved: implementation.evaluation.isDisputeResolved,
        }
      : null,
    chain: verdict.isIntact
      ? { isIntact: true as const, length: verdict.length, head: verdict.head }
      : { isIntact: false as const, length: verdict.length, brokenAt: verdict.brokenAt, reason: verdict.reason },
  };
}

/** The chain's links without payloads or actors: enough for anyone to recompute the head's links. */
export function presentPublicChain(record: PublicRecord) {
  return record.chain.map((e) => ({ seq: e.seq, action: e.action, at: e.at, prevHash: e.prevHash, hash: e.hash }));
}
