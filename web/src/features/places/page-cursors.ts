/**
 * The `next` cursors a subtree list has been given, by the page they open: stepping to the following
 * page sends its cursor (the server reads on from the index), a jump without one sends the number only.
 */
export function pageCursors() {
  const byPage = new Map<number, string>();
  return {
    /** The cursor that opens `page`, when the page before it was read. */
    afterFor: (page: number): string | undefined => byPage.get(page),
    /** Keeps the cursor of the page after `page`. */
    remember(page: number, next: string | null): void {
      if (next) byPage.set(page + 1, next);
      else byPage.delete(page + 1);
    },
    /** Forgets every cursor (another place or another search). */
    reset: (): void => byPage.clear(),
  };
}
