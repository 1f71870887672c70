/**
 * Rules every piece of text from outside must meet, shared by the server (refusal with a field) and
 * the web (checks before sending, links rendered only when safe).
 */

/** Why a text cannot be stored: PostgreSQL refuses U+0000; a lone UTF-16 surrogate has no UTF-8 form. */
export type UnreadableCharacter = 'nul' | 'surrogate';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first reason `text` cannot be stored as text, or undefined when it can. */
export function unreadableCharacter(text: string): UnreadableCharacter | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return undefined;
}

/**
 * A link people may follow: an absolute http(s) URL with a host. `javascript:`, `data:`, `file:` and
 * relative links are refused, whatever their case or the spaces and control characters around them.
 */
export function isHttpLink(text: string): boolean {
  if (text !== text.trim() || [...text].some((c) => c <= ' ' || c === '\u007f' || /\s/.test(c))) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
