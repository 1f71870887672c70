import { eq } from 'drizzle-orm';
import type { MatterStatus } from '../../domain/matters/stages';
import type { MatterVisibility } from '../../domain/matters/visibility';
import type { Db } from '../db/client';
import { matters, places } from '../db/schema';
import { appendMatterEvent } from '../modules/matters';

/**
 * A matter at any status, written directly with its first audit entry (`raise`), for tests of
 * later steps. Real journeys go through the commands instead.
 */
export async function buildMatter(
  db: Db,
  opts: {
    placeId: number;
    proposerAccountId: number;
    status?: MatterStatus;
    level?: 'building' | 'estate' | 'community';
    kind?: 'livelihood' | 'dispute' | 'public_affair';
    title?: string;
    category?: string;
    description?: string;
    visibility?: MatterVisibility;
    convenorAccountId?: number;
  },
) {
  const [place] = await db.select().from(places).where(eq(places.id, opts.placeId));
  return db.transaction(async (tx) => {
    const [matter] = await tx
      .insert(matters)
      .values({
        placeId: place!.id,
        placePath: place!.path,
        level:
          opts.level ?? (place!.kind === 'community' ? 'community' : place!.kind === 'estate' ? 'estate' : 'building'),
        kind: opts.kind ?? 'livelihood',
        category: opts.category ?? 'facilities',
        title: opts.title ?? '5幢2单元加装电梯',
        description: opts.description ?? '老人上下楼困难，希望加装电梯。',
        status: opts.status ?? 'raised',
        proposerAccountId: opts.proposerAccountId,
        visibility: opts.visibility ?? 'community',
        convenorAccountId: opts.convenorAccountId ?? null,
      })
      .returning();
    await appendMatterEvent(tx, {
      matterId: matter!.id,
      actorAccountId: opts.proposerAccountId,
      action: 'raise',
      payload: { title: matter!.title, status: matter!.status, builtForTest: true },
    });
    return matter!;
  });
}
