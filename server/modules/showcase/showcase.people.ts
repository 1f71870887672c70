/** The first `max` characters of a redacted text, with an ellipsis when cut. */
export function snippet(text: string, max = 80): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
