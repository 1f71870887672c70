import { pathIds } from '../../../domain/territory/places';
import type { ConditionPart } from '../../../domain/voting';
import type { BallotResult } from '../ballots';
import type { PlaceName, ShowcaseRow } from './showcase.repository';
import { snippet } from './showcase.people';

/**
 * A closed ballot's stored result as the public may see it: outcome, rule and every condition with its
 * exact fraction. Never the missing consents (they name flats) nor any voter.
 */
export function publicBallotResult(result: BallotResult) {
  const checks = (part: ConditionPart) =>
    (result[part]?.checks ?? []).map((c) => ({
      condition: part,
      measure: c.measure,
      part: c.part,
      of: c.of,
      numerator: c.numerator,
      denominator: c.denominator,
      percent: c.percent,
      threshold: c.threshold,
      met: c.met,
    }));
  return {
    outcome: result.outcome,
    isStatutory: result.isStatutory,
    ruleName: result.ruleName,
    checks: [...checks('quorum'), ...checks('decision')],
    counts: result.counts
      ? { for: result.counts.for.heads, against: result.counts.against.heads, abstain: result.counts.abstain.heads }
      : null,
  };
}
export type PublicBallotResult = ReturnType<typeof publicBallotResult>;

/** The places of a path from the town down (no city, never a flat: dwellings are not places). */
export function trailOf(path: string, names: Map<number, PlaceName>) {
  return pathIds(path)
    .map((id) => names.get(id))
    .filter((p): p is PlaceName => p !== undefined && p.kind !== 'city')
    .map((p) => ({ id: p.id, kind: p.kind, name: p.name }));
}

/** What a card needs of the public texts: the title redacted as read, the resolution as confirmed. */
export type CardTexts = {
  redact: (matterId: number, text: string) => string;
  confirmed: (kind: 'resolution', sourceId: number) => string | null;
};

/** One showcase card: the title redacted, the resolution snippet only from its confirmed public text. */
export function presentCard(row: ShowcaseRow, names: Map<number, PlaceName>, texts: CardTexts) {
  const resolution = row.resolution_id === null ? null : texts.confirmed('resolution', row.resolution_id);
  return {
    id: row.id,
    title: texts.redact(row.id, row.title),
    category: row.category,
    governances: row.governances,
    kind: row.kind,
    level: row.level,
    status: row.status,
    trail: trailOf(row.place_path, names),
    raisedAt: new Date(row.created_at).toISOString(),
    resolution: row.resolution_id
      ? {
          snippet: resolution === null ? null : snippet(resolution),
          basis: row.basis,
          resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
        }
      : null,
    ballot: row.ballot_result ? publicBallotResult(row.ballot_result as BallotResult) : null,
    photos: { beforeId: row.before_id, afterId: row.after_id },
    implementation: { tasksDone: row.tasks_done, tasksTotal: row.tasks_total },
  };
}
export type ShowcaseCard = ReturnType<typeof presentCard>;
