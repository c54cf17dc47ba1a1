import {
  CLERK_CHANNELS,
  type ClerkChannel,
  type RegistrationData,
  type SenderCategory,
  type Urgency,
} from '@/api/incoming.ts';
import type { SecurityClass } from '@/api/types.ts';

/** The registration form's state and rules, kept out of the component so they can be
 * tested without a browser. */
export interface RegistrationFormState {
  senderName: string;
  /** Null until offered for the sender (then the server decides the same way). */
  senderCategory: SenderCategory | null;
  channel: ClerkChannel;
  letterNumber: string;
  letterDate: string;
  receivedDate: string;
  subject: string;
  summary: string;
  attachmentCount: number | null;
  attachmentDescription: string;
  classificationCode: string;
  securityClass: SecurityClass;
  urgency: Urgency;
  kind: string | null;
  register: string | null;
  addresseePositionId: string | null;
  copyPositionIds: string[];
  notes: string;
}

const EXTENSIONS = /\.(pdf|jpe?g|png|tiff?)$/i;
const TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);

/** A first check in the browser; the server sniffs the bytes and has the last word. */
export function checkLocalFile(
  file: File,
  maxBytes: number,
): 'tooLarge' | 'wrongType' | 'empty' | null {
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'tooLarge';
  if (!TYPES.has(file.type) && !EXTENSIONS.test(file.name)) return 'wrongType';
  return null;
}

export function emptyForm(
  today: string,
  keep?: Partial<RegistrationFormState>,
): RegistrationFormState {
  return {
    senderName: '',
    senderCategory: null,
    channel: 'langsung',
    letterNumber: '',
    letterDate: '',
    receivedDate: today,
    subject: '',
    summary: '',
    attachmentCount: null,
    attachmentDescription: '',
    classificationCode: '',
    securityClass: 'B',
    urgency: 'biasa',
    kind: null,
    register: null,
    addresseePositionId: null,
    copyPositionIds: [],
    notes: '',
    ...keep,
  };
}

/** Field → message for what the clerk must still fill in. */
export function validateForm(
  form: RegistrationFormState,
  fileCount: number,
  today: string,
  messages: { required: string; needFile: string; future: string },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of [
    'senderName',
    'letterNumber',
    'letterDate',
    'subject',
    'classificationCode',
  ] as const) {
    if (!form[field].trim()) errors[field] = messages.required;
  }
  if (form.receivedDate && form.receivedDate > today) errors.receivedDate = messages.future;
  if (fileCount === 0) errors.files = messages.needFile;
  return errors;
}

export function toRegistrationData(
  form: RegistrationFormState,
  confirmDuplicate: boolean,
): RegistrationData {
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    senderName: form.senderName.trim(),
    senderCategory: form.senderCategory ?? undefined,
    channel: form.channel,
    letterNumber: form.letterNumber.trim(),
    letterDate: form.letterDate,
    receivedDate: form.receivedDate || undefined,
    subject: form.subject.trim(),
    summary: text(form.summary),
    attachmentCount: form.attachmentCount ?? undefined,
    attachmentDescription: text(form.attachmentDescription),
    classificationCode: form.classificationCode.trim(),
    securityClass: form.securityClass,
    urgency: form.urgency,
    kind: (form.kind ?? undefined) as RegistrationData['kind'],
    register: form.register ?? undefined,
    addresseePositionId: form.addresseePositionId ?? undefined,
    copyPositionIds: form.copyPositionIds.length ? form.copyPositionIds : undefined,
    notes: text(form.notes),
    confirmDuplicate: confirmDuplicate || undefined,
  };
}

/** Splits the upload's byte progress over the files by their sizes, in order. */
export function progressPerFile(sizes: number[], loadedFraction: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  let offset = 0;
  const loaded = loadedFraction * total;
  return sizes.map((size) => {
    const fraction = size === 0 ? 1 : Math.min(1, Math.max(0, (loaded - offset) / size));
    offset += size;
    return fraction;
  });
}

const CHANNEL_KEY = 'lontar.registration.channel';

/** The channel of the last letter this clerk registered on this device: most of a desk's
 * letters come the same way, so it is the next letter's default. */
export function lastChannel(userId: string, storage: Storage = localStorage): ClerkChannel {
  try {
    const saved = storage.getItem(`${CHANNEL_KEY}.${userId}`);
    return (CLERK_CHANNELS as readonly string[]).includes(saved ?? '')
      ? (saved as ClerkChannel)
      : 'langsung';
  } catch {
    return 'langsung';
  }
}

export function rememberChannel(
  userId: string,
  channel: ClerkChannel,
  storage: Storage = localStorage,
): void {
  try {
    storage.setItem(`${CHANNEL_KEY}.${userId}`, channel);
  } catch {
    // Private mode or a full storage: the default stays 'langsung'.
  }
}
