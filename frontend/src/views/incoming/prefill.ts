import type { PrefillSuggestions } from '@/api/ocr.ts';

/**
 * Suggestions for the registration form read from the scan's first page (POST
 * /api/ocr/prefill). They are offered beside the fields, one click each, and never fill a
 * field by themselves: what the clerk typed stays.
 */

export const PREFILL_FIELDS = ['senderName', 'letterNumber', 'letterDate', 'subject'] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

const normalise = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();

/** The suggestions worth showing: present and not what the field already holds. */
export function offeredSuggestions(
  form: Record<PrefillField, string>,
  suggestions: PrefillSuggestions,
): Partial<Record<PrefillField, string>> {
  const offered: Partial<Record<PrefillField, string>> = {};
  for (const field of PREFILL_FIELDS) {
    const value = suggestions[field]?.replace(/\s+/g, ' ').trim();
    if (!value) continue;
    if (field === 'letterDate' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    if (normalise(form[field] ?? '') === normalise(value)) continue;
    offered[field] = value;
  }
  return offered;
}

/** Identity of a chosen file, so the same scan is not read twice. */
export function fileIdentity(file: Pick<File, 'name' | 'size' | 'lastModified'>): string {
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}
