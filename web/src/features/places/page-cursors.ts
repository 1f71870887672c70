/**
 * The `next` cursors a subtree list has been given, by list (`scope`: the place, and the search if
 * any) and by the page they open: stepping to the following page sends its cursor (the server reads on
 * from the index), a jump without one sends the number only. Keyed by scope, a cursor never leaks
 * from one place or search into another.
 */
export function pageCursors() {
  const byPage = new Map<string, string>();
  const key = (scope: string, page: number) => `${scope}\u0000${page}`;
  return {
    /** The cursor that opens `page` of the `scope` list, when the page before it was read. */
    afterFor: (scope: string, page: number): string | undefined => byPage.get(key(scope, page)),
    /** Keeps the cursor of the page after `page`. */
    remember(scope: string, page: number, next: string | null): void {
      if (next) byPage.set(key(scope, page + 1), next);
      else byPage.delete(key(scope, page + 1));
    },
  };
}
