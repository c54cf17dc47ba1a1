import type { AdminCertificate } from '@/api/pki.ts';

/** The certificate list's filter and the import form's checks, apart from the screen so
 * they are tested on their own (pki-list.test.ts). The list is small (one or two
 * certificates per official), so it is filtered here, not by the server. */
export type CertificateState = AdminCertificate['state'];
export type StateFilter = CertificateState | 'all';
export const STATE_FILTERS: readonly StateFilter[] = [
  'all',
  'active',
  'revoked',
  'expired',
  'superseded',
];

export function filterCertificates(
  items: readonly AdminCertificate[],
  state: StateFilter,
  query: string,
): AdminCertificate[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (state !== 'all' && item.state !== state) return false;
    const text =
      `${item.userName} ${item.subjectName} ${item.positionTitle ?? ''} ${item.serial}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export const stateSeverity = (state: CertificateState) =>
  state === 'active'
    ? 'success'
    : state === 'revoked'
      ? 'danger'
      : state === 'expired'
        ? 'warn'
        : 'secondary';

/** "3f9a…": a serial in groups of four for reading aloud, whole in its title. */
export const groupedSerial = (serial: string) => serial.replace(/(.{4})(?=.)/g, '$1 ');

/** A fingerprint as colon-separated byte pairs in upper case, as certificate viewers show. */
export const formatFingerprint = (hex: string) => hex.toUpperCase().replace(/(..)(?=.)/g, '$1:');

export const PKCS12_MAX_BYTES = 500 * 1024;

/** Problems of the import form before anything is sent, keyed by i18n message. */
export function importProblems(
  file: { name: string; size: number } | null,
  password: string,
): { file?: string; password?: string } {
  const problems: { file?: string; password?: string } = {};
  if (!file) problems.file = 'pki.import.noFile';
  else if (!/\.(p12|pfx)$/i.test(file.name)) problems.file = 'pki.import.wrongType';
  else if (file.size > PKCS12_MAX_BYTES) problems.file = 'pki.import.tooLarge';
  if (!password) problems.password = 'pki.import.noPassword';
  return problems;
}

/** The file's bytes as base64 (the import's JSON body). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
