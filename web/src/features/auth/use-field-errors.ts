import { ref } from 'vue';
import { ApiError } from '../../api/client';

/** Server errors keyed by `error.field`, plus a form-level message for errors without a field. */
export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const fieldErrors = ref<Partial<Record<F, string>>>({});
  const formError = ref('');

  function clear(): void {
    fieldErrors.value = {};
    formError.value = '';
  }

  function show(error: unknown): void {
    clear();
    const message = error instanceof Error ? error.message : String(error);
    const field = error instanceof ApiError ? error.field : undefined;
    if (field && (fields as readonly string[]).includes(field))
      fieldErrors.value = { [field as F]: message } as Partial<Record<F, string>>;
    else formError.value = message;
  }

  return { fieldErrors, formError, clear, show };
}
