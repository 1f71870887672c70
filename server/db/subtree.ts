import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { ListScope } from '../../domain/access';
import type { PlacePath } from '../../domain/territory/places';

/** `%`, `_` and `\` stand for themselves inside a LIKE pattern built from user input. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The one "inside this place's subtree" condition: `path` (a materialised path) is `root` or lies below
 * it. A known root is a prefix LIKE; a root column is the byte range [root, root-minus-slash + '0'),
 * since '0' follows '/'. Both forms are served by the text_pattern_ops indexes.
 */
export function inSubtree(path: SQLWrapper, root: PlacePath | SQLWrapper): SQL {
  if (typeof root === 'string') return sql`${path} like ${`${escapeLike(root)}%`}`;
  return sql`(${path} ~>=~ ${root} and ${path} ~<~ (left(${root}, -1) || '0'))`;
}

/** Inside any of the subtrees (an empty list matches nothing). */
export function inAnySubtree(path: SQLWrapper, roots: readonly PlacePath[]): SQL {
  if (roots.length === 0) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => inSubtree(path, r)),
    sql` or `,
  )})`;
}

/** A list scope from `scopeFor(actor, action)` as the one SQL predicate on a path column. */
export function inScope(path: SQLWrapper, scope: ListScope): SQL {
  return inAnySubtree(path, scope.subtrees);
}

/** A path value given by the caller (a bound parameter), to test against a root column. */
export const pathValue = (path: PlacePath): SQL => sql`${path}`;
