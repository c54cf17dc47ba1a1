import type { PrefillResult, PrefillSuggestions } from '@/api/ocr.ts';
import type { Urgency } from '@/api/incoming.ts';

/**
 * What the machine does with what it read from the scan's first page (POST /api/ocr/prefill):
 * a value OCR read confidently goes into its empty field and is marked "periksa" until the
 * clerk confirms it (or changes it); a doubtful one is offered beside the field, one click
 * to take; what the clerk typed is never overwritten. Sifat and classification are filled
 * the same way from the server's suggestions, with their reasons.
 */

export const PREFILL_FIELDS = ['senderName', 'letterNumber', 'letterDate', 'subject'] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];
export type MachineField = PrefillField | 'urgency' | 'classificationCode';

/** OCR word confidence (0–100) from which a read value is typed in rather than offered. On
 * the sample scans clean reads sit at 88–96; a field with a misread or altered token drops
 * below 75 (prefill-confidence.ts counts a token found nowhere as 40). */
export const AUTO_FILL_CONFIDENCE = 75;

const normalise = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();
const clean = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';

/** The suggestions worth showing: present and not what the field already holds. */
export function offeredSuggestions(
  form: Record<PrefillField, string>,
  suggestions: PrefillSuggestions,
): Partial<Record<PrefillField, string>> {
  const offered: Partial<Record<PrefillField, string>> = {};
  for (const field of PREFILL_FIELDS) {
    const value = clean(suggestions[field]);
    if (!value) continue;
    if (field === 'letterDate' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
    if (normalise(form[field] ?? '') === normalise(value)) continue;
    offered[field] = value;
  }
  return offered;
}

export interface PrefillForm extends Record<PrefillField, string> {
  urgency: Urgency;
  classificationCode: string;
}

export interface PrefillPlan {
  /** Values to type into the form, each then marked "periksa". */
  fill: Partial<Record<MachineField, string>>;
  /** Doubtful reads, offered beside their fields. */
  offer: Partial<Record<PrefillField, string>>;
}

/**
 * Decides, for one prefill answer, what is typed in and what is only offered. `touched`
 * names the fields the clerk has changed since the form was fresh: those are never filled.
 */
export function planPrefill(
  form: PrefillForm,
  result: Pick<PrefillResult, 'suggestions' | 'fieldConfidence' | 'urgency' | 'classification'>,
  touched: ReadonlySet<MachineField>,
): PrefillPlan {
  const plan: PrefillPlan = { fill: {}, offer: {} };
  const offered = offeredSuggestions(form, result.suggestions);
  for (const field of PREFILL_FIELDS) {
    const value = offered[field];
    if (!value) continue;
    const confident = (result.fieldConfidence[field] ?? 0) >= AUTO_FILL_CONFIDENCE;
    if (confident && !touched.has(field) && !form[field].trim()) plan.fill[field] = value;
    else plan.offer[field] = value;
  }
  const urgency = result.urgency?.value;
  if (urgency && !touched.has('urgency') && urgency !== form.urgency) plan.fill.urgency = urgency;
  const code = result.classification[0]?.code;
  if (code && !touched.has('classificationCode') && !form.classificationCode.trim())
    plan.fill.classificationCode = code;
  return plan;
}

/** Fields the machine filled that still hold its value and were not confirmed: the ones
 * shown "periksa". Changing a value makes it the clerk's own. */
export function pendingChecks(
  form: Record<MachineField, string>,
  machine: Partial<Record<MachineField, string>>,
): MachineField[] {
  return (Object.keys(machine) as MachineField[]).filter(
    (field) =>
      machine[field] !== undefined && normalise(form[field]) === normalise(machine[field]!),
  );
}

/** Identity of a chosen file, so the same scan is not read twice. */
export function fileIdentity(file: Pick<File, 'name' | 'size' | 'lastModified'>): string {
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}
