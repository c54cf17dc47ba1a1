/** `text` as a regular expression that matches it literally (for `$regex` and `RegExp`
 * built from what a user typed). The one copy: every module escapes through it. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
