import { http } from './http.ts';
import type { ApiResponse } from './generated.ts';

/** The official's own signing certificate (backend pki/): issued by the instansi CA when
 * the signing passphrase is set; the key is sealed with that passphrase. */
export type OwnCertificate = ApiResponse<'/api/profile/signing-certificate', 'get'>;
export type PkiOverview = ApiResponse<'/api/admin/pki', 'get'>;

export const getOwnCertificate = () => http.get<OwnCertificate>('/api/profile/signing-certificate');

export const setSigningPassphrase = (currentPassword: string, passphrase: string) =>
  http.put<OwnCertificate>('/api/profile/signing-certificate', { currentPassword, passphrase });

export const getPkiOverview = () => http.get<PkiOverview>('/api/admin/pki');

export const revokeCertificate = (id: string) =>
  http.post<PkiOverview['items'][number]>(`/api/admin/pki/certificates/${id}/revoke`);
