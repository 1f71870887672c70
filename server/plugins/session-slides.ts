/** A session whose expiry moved, and where to. */
export type SessionSlide = { sessionId: number; expiresAt: Date };

/**
 * Session expiry slides, written together off the request path: each request that slides its session
 * (at most once a minute per session) only notes it here, and every `delayMs` one statement writes
 * all noted since. A slide lost with its process (or to a failed write) costs nothing: the stored
 * expiry is then the previous one, still hours ahead, and the next request of the session slides again.
 */
export class SessionSlides {
  private pending = new Map<number, Date>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (slides: SessionSlide[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Notes that the session now expires at `expiresAt` (a later note of the same session wins). */
  slide(sessionId: number, expiresAt: Date): void {
    this.pending.set(sessionId, expiresAt);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Writes every slide noted so far (after any write still running); never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.writing;
    // Ascending ids: two processes writing overlapping sets lock the rows in the same order.
    const slides = [...this.pending]
      .map(([sessionId, expiresAt]) => ({ sessionId, expiresAt }))
      .sort((a, b) => a.sessionId - b.sessionId);
    this.pending = new Map();
    this.writing = this.writing.then(() => this.write(slides)).catch(this.onError);
    return this.writing;
  }
}
