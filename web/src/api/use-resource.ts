import { ref, shallowRef, watch, type Ref, type ShallowRef, type WatchSource } from 'vue';

export type Resource<T> = {
  data: ShallowRef<T | null>;
  error: Ref<unknown>;
  isLoading: Ref<boolean>;
  reload: () => Promise<void>;
};

/** Loads data now and whenever `source` changes; keeps only the latest answer. */
export function useResource<T>(load: () => Promise<T>, source?: WatchSource): Resource<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<unknown>(null);
  const isLoading = ref(false);
  let generation = 0;

  async function reload(): Promise<void> {
    const mine = ++generation;
    isLoading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (e) {
      if (mine === generation) error.value = e;
    } finally {
      if (mine === generation) isLoading.value = false;
    }
  }

  if (source) watch(source, () => void reload(), { immediate: true });
  else void reload();
  return { data, error, isLoading, reload };
}
