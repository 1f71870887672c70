import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** Calls `effect` with the latest value once `source` has been still for `ms` milliseconds. */
export function watchDebounced<T>(source: Ref<T>, effect: (value: T) => void, ms = 300): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(source, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => effect(value), ms);
  });
  onBeforeUnmount(() => clearTimeout(timer));
}

/** A trimmed copy of `source` that follows it after a pause in typing. */
export function useDebounced(source: Ref<string>, ms = 300): Ref<string> {
  const settled = ref(source.value.trim());
  watchDebounced(source, (value) => (settled.value = value.trim()), ms);
  return settled;
}

/** A seconds countdown (e.g. "resend the code in 60 s"). */
export function useCountdown() {
  const secondsLeft = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  function start(seconds: number): void {
    secondsLeft.value = seconds;
    clearInterval(timer);
    timer = setInterval(() => {
      secondsLeft.value -= 1;
      if (secondsLeft.value <= 0) clearInterval(timer);
    }, 1000);
  }
  onBeforeUnmount(() => clearInterval(timer));
  return { secondsLeft, start };
}

/** Goes back in history when there is somewhere to go back to, else to `fallback`. */
export function goBackOr(router: { back: () => void; push: (to: string) => unknown }, fallback = '/'): void {
  if (window.history.length > 1) router.back();
  else void router.push(fallback);
}
