import { describe, expect, it } from 'vitest';
import { SessionSlides, type SessionSlide } from './session-slides';

const at = (ms: number) => new Date(ms);

function recorder(fail = false) {
  const writes: SessionSlide[][] = [];
  const errors: unknown[] = [];
  const slides = new SessionSlides(
    async (batch) => {
      writes.push(batch);
      if (fail) throw new Error('database down');
    },
    10,
    (error) => errors.push(error),
  );
  return { slides, writes, errors };
}

describe('SessionSlides', () => {
  it('writes the slides of many requests in one write, after the delay, the latest per session', async () => {
    const { slides, writes } = recorder();
    slides.slide(7, at(1000));
    slides.slide(3, at(2000));
    slides.slide(7, at(3000));
    expect(writes).toEqual([]);
    await expect.poll(() => writes.length, { timeout: 1000, interval: 5 }).toBe(1);
    expect(writes[0]).toEqual([
      { sessionId: 3, expiresAt: at(2000) },
      { sessionId: 7, expiresAt: at(3000) },
    ]);
  });

  it('writes what is noted at once when flushed (the app closing), and nothing twice', async () => {
    const { slides, writes } = recorder();
    slides.slide(1, at(1000));
    await slides.flush();
    await slides.flush();
    expect(writes).toEqual([[{ sessionId: 1, expiresAt: at(1000) }]]);
  });

  it('reports a failed write instead of throwing, and keeps writing later slides', async () => {
    const { slides, writes, errors } = recorder(true);
    slides.slide(1, at(1000));
    await slides.flush();
    slides.slide(2, at(2000));
    await slides.flush();
    expect(writes).toHaveLength(2);
    expect(errors).toHaveLength(2);
  });
});
