/** Small validators shared by forms. Each returns a message in Bahasa Indonesia, or
 * undefined when the value is fine, so a form's validate() reads as a list of rules. */

export function required(value: unknown, message = 'Wajib diisi.'): string | undefined {
  if (value === null || value === undefined) return message;
  if (typeof value === 'string' && value.trim() === '') return message;
  if (Array.isArray(value) && value.length === 0) return message;
  return undefined;
}

export function maxLength(value: string | null | undefined, max: number): string | undefined {
  return value && value.length > max ? `Paling banyak ${max} karakter.` : undefined;
}

/** NIP: 18 digits (Nomor Induk Pegawai). Empty is allowed; use required() as well if needed. */
export function nip(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /^\d{18}$/.test(value.replace(/\s/g, '')) ? undefined : 'NIP terdiri atas 18 angka.';
}

export function email(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'Alamat email tidak valid.';
}

/** As the server's rule (org.schema.ts): 3 to 60 lower-case letters, digits, dot, dash and
 * underscore, starting with a letter or digit. */
export function username(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /^[a-z0-9][a-z0-9._-]{2,59}$/.test(value)
    ? undefined
    : 'Gunakan 3–60 huruf kecil, angka, titik, garis bawah, atau tanda hubung (diawali huruf atau angka).';
}

/** First message of a list of checks. */
export function first(...messages: (string | undefined)[]): string | undefined {
  return messages.find((message) => !!message);
}
