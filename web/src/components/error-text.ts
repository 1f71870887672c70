import { ApiError } from '../api/client';

/** The message to show for a failed request (the server's localised one when there is one). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
