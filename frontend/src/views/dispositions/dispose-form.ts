import type { DispatchInput, RecipientRole, Urgency } from '@/api/dispositions.ts';
import { formatCalendarDate } from '@/lib/format.ts';

/** The state of the dispose / forward form and its rules, kept apart from the component so
 * they are tested on their own. The server checks everything again. */

export interface DisposeFormState {
  /** Chosen recipient position ids, in the order they were ticked. */
  recipients: string[];
  /** The penanggung jawab; one of `recipients`. */
  primary: string | null;
  /** Ticked instructions (template text, e.g. "Koordinasikan dengan ..."). */
  instructions: string[];
  /** Completions of open-ended instructions, by template. */
  completions: Record<string, string>;
  note: string;
  urgency: Urgency;
  /** `YYYY-MM-DD`. */
  dueDate: string;
}

const OPEN_ENDED = /\s*(\.{3}|…)$/;

export function isOpenEnded(instruction: string): boolean {
  return OPEN_ENDED.test(instruction);
}

export function stemOf(instruction: string): string {
  return instruction.replace(OPEN_ENDED, '');
}

export function emptyDisposeForm(urgency: Urgency, dueDate = ''): DisposeFormState {
  return {
    recipients: [],
    primary: null,
    instructions: [],
    completions: {},
    note: '',
    urgency,
    dueDate,
  };
}

/** Ticks or unticks a recipient; the first one ticked becomes penanggung jawab, and the
 * role passes to the next when the penanggung jawab is removed. */
export function toggleRecipient(state: DisposeFormState, positionId: string): DisposeFormState {
  const has = state.recipients.includes(positionId);
  const recipients = has
    ? state.recipients.filter((id) => id !== positionId)
    : [...state.recipients, positionId];
  let primary = state.primary;
  if (!has && primary === null) primary = positionId;
  if (has && primary === positionId) primary = recipients[0] ?? null;
  return { ...state, recipients, primary };
}

export type DisposeFormErrors = Partial<
  Record<'recipients' | 'instructions' | 'note' | 'dueDate', string>
>;

/** `latest`: for a forward, the deadline the sender was given (a forward may shorten it,
 * never pass it); null for a disposition from the letter's addressee. */
export function validateDisposeForm(
  state: DisposeFormState,
  today: string,
  latest: string | null = null,
): DisposeFormErrors {
  const errors: DisposeFormErrors = {};
  if (state.recipients.length === 0)
    errors.recipients = 'Pilih sedikitnya satu penerima disposisi.';
  else if (!state.primary || !state.recipients.includes(state.primary))
    errors.recipients = 'Tentukan satu penanggung jawab.';
  if (state.instructions.length === 0) errors.instructions = 'Pilih sedikitnya satu instruksi.';
  else {
    const missing = state.instructions.find(
      (i) => isOpenEnded(i) && !(state.completions[i] ?? '').trim(),
    );
    if (missing) errors.instructions = `Lengkapi instruksi "${missing}".`;
  }
  if (state.note.length > 2000) errors.note = 'Catatan paling banyak 2.000 karakter.';
  if (state.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(state.dueDate))
    errors.dueDate = 'Tanggal tidak valid.';
  else if (state.dueDate && state.dueDate < today)
    errors.dueDate = 'Batas waktu tidak boleh sebelum hari ini.';
  else if (latest && state.dueDate && state.dueDate > latest)
    errors.dueDate = `Batas waktu tidak boleh melewati batas waktu disposisi yang Anda terima (${formatCalendarDate(latest)}).`;
  return errors;
}

/** The request body: instructions completed, roles from the penanggung jawab choice. */
export function toDispatchInput(state: DisposeFormState): DispatchInput {
  return {
    recipients: state.recipients.map((positionId) => ({
      positionId,
      role: (positionId === state.primary ? 'primary' : 'coordinate') as RecipientRole,
    })),
    instructions: state.instructions.map((i) =>
      isOpenEnded(i) ? `${stemOf(i)} ${(state.completions[i] ?? '').trim()}` : i,
    ),
    note: state.note.trim() || null,
    dueDate: state.dueDate || null,
    urgency: state.urgency,
  };
}
