import { http } from './http.ts';
import type { ApiBody, ApiResponse } from './generated.ts';

/** The official's own signing certificate (backend pki/): issued by the instansi CA when
 * the signing passphrase is set; the key is sealed with that passphrase. */
export type OwnCertificate = ApiResponse<'/api/profile/signing-certificate', 'get'>;
export type PkiOverview = ApiResponse<'/api/admin/pki', 'get'>;
export type AdminCertificate = PkiOverview['items'][number];
export type CaSummary = PkiOverview['previous'][number];
export type RevocationReason = NonNullable<
  ApiBody<'/api/admin/pki/certificates/{id}/revoke', 'post'>['reason']
>;

export const getOwnCertificate = () => http.get<OwnCertificate>('/api/profile/signing-certificate');

export const setSigningPassphrase = (currentPassword: string, passphrase: string) =>
  http.put<OwnCertificate>('/api/profile/signing-certificate', { currentPassword, passphrase });

export const getPkiOverview = () => http.get<PkiOverview>('/api/admin/pki');

/** Revokes an official's certificate with an RFC 5280 reason (listed in the CRL). */
export const revokeCertificate = (id: string, reason: RevocationReason = 'unspecified') =>
  http.post<AdminCertificate>(`/api/admin/pki/certificates/${id}/revoke`, { reason });

/** Replaces the instansi CA with a PKCS#12 (base64) and its password. */
export const importAuthority = (pkcs12: string, password: string) =>
  http.post<PkiOverview>('/api/admin/pki/import', { pkcs12, password });
