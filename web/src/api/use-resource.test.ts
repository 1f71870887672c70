import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useResource } from './use-resource';

/** A promise to settle by hand, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useResource', () => {
  it('keeps the answer to the latest source, even when an earlier request answers after it', async () => {
    const filter = ref('TA-01');
    const answers = new Map([
      ['TA-01', deferred<string>()],
      ['TA-02', deferred<string>()],
    ]);
    const resource = useResource(() => answers.get(filter.value)!.promise, filter);
    filter.value = 'TA-02';
    await nextTick();
    answers.get('TA-02')!.resolve('cards of TA-02');
    await new Promise((r) => setTimeout(r, 0));
    expect(resource.data.value).toBe('cards of TA-02');
    answers.get('TA-01')!.resolve('cards of TA-01');
    await new Promise((r) => setTimeout(r, 0));
    expect(resource.data.value).toBe('cards of TA-02');
    expect(resource.isLoading.value).toBe(false);
  });
});
