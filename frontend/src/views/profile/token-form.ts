import { jakartaMidnight } from '@/lib/format.ts';
import { first, maxLength, required } from '@/lib/validation.ts';

export interface TokenForm {
  name: string;
  /** The last day the token works (date picker value), or null for no end. */
  expiresOn: Date | null;
}

export function validateTokenForm(
  form: TokenForm,
  today: Date = new Date(),
): Partial<Record<'name' | 'expiresAt', string>> {
  const errors: Partial<Record<'name' | 'expiresAt', string>> = {};
  const name = first(
    required(form.name, 'Beri nama token, misalnya nama aplikasi yang memakainya.'),
    maxLength(form.name.trim(), 100),
  );
  if (name) errors.name = name;
  if (form.expiresOn && form.expiresOn.getTime() <= today.getTime()) {
    errors.expiresAt = 'Tanggal berakhir harus setelah hari ini.';
  }
  return errors;
}

/** A token chosen to last "until 28 November 2026" works through that whole day in Jakarta:
 * it expires at the next midnight WIB. */
export function tokenExpiry(lastDay: string): string {
  const midnight = jakartaMidnight(lastDay);
  return new Date(midnight.getTime() + 24 * 3600 * 1000).toISOString();
}
