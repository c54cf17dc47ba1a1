import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { REAUTH_RULE, reauthKey } from '../auth/reauth.service.ts';
import { recordFailure } from '../auth/throttle.service.ts';
import { UserModel } from '../org/org.model.ts';
import {
  assertSigningAllowed,
  passphraseAccepted,
  refuseWrongPassphrase,
} from './passphrase-throttle.ts';
import {
  useDocumentSigner,
  type DocumentSigner,
  type SignerIdentity,
  type SigningContext,
  type SigningTarget,
} from './signer.ts';
import { findSignatureFields } from './verify-signature.ts';

/**
 * The BSrE signer: the official's certificate issued by BSrE (Balai Sertifikasi Elektronik,
 * BSSN), the signature made by the Pemda's esign-client service, which speaks BSrE's signing
 * API. Selected with `SIGNER=bsre` (docs/signing-bsre.md). The shape used, as documented by
 * BSrE for esign-client and used by the public clients of Pemda (see the doc):
 *
 * - `GET  {base}/api/user/status/{nik}`: whether the NIK has an active certificate;
 * - `POST {base}/api/sign/pdf` (multipart): `file` (PDF), `nik`, `passphrase`,
 *   `tampilan=invisible` (Lontar's template already draws the block and QR), `reason`,
 *   `location`; answers the signed PDF (`application/pdf`, header `id_dokumen`), or JSON
 *   `{ id_dokumen }` to fetch from `GET {base}/api/sign/download/{id}`;
 * - HTTP Basic authentication with the application's client id and secret;
 * - refusals as JSON `{ error | message, status_code }`.
 *
 * The official is identified by NIK: the `nik` on the user, set by the admin in the user
 * form (org.model.ts).
 */
const env = z.object({
  SIGNER: z.enum(['local-ca', 'bsre']).default('local-ca'),
  BSRE_BASE_URL: z.url().optional(),
  BSRE_CLIENT_ID: z.string().min(1).optional(),
  BSRE_CLIENT_SECRET: z.string().min(1).optional(),
  BSRE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
});

export interface BsreConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** Reads the BSrE settings from the environment; null when `SIGNER` is not `bsre`. Throws
 * (at start-up) when `SIGNER=bsre` but a setting is missing. */
export function bsreConfigFromEnv(source: NodeJS.ProcessEnv = process.env): BsreConfig | null {
  const parsed = env.parse(source);
  if (parsed.SIGNER !== 'bsre') return null;
  const missing = (['BSRE_BASE_URL', 'BSRE_CLIENT_ID', 'BSRE_CLIENT_SECRET'] as const).filter(
    (key) => !parsed[key],
  );
  if (missing.length) throw new Error(`SIGNER=bsre needs ${missing.join(', ')}`);
  return {
    baseUrl: parsed.BSRE_BASE_URL!.replace(/\/+$/, ''),
    clientId: parsed.BSRE_CLIENT_ID!,
    clientSecret: parsed.BSRE_CLIENT_SECRET!,
    timeoutMs: parsed.BSRE_TIMEOUT_MS,
  };
}

export const BSRE_MESSAGES = {
  noPassphrase: 'Untuk menandatangani, masukkan passphrase sertifikat elektronik BSrE Anda.',
  wrongPassphrase:
    'Passphrase sertifikat elektronik BSrE salah. Periksa passphrase Anda lalu coba menandatangani lagi.',
  notRegistered:
    'Anda belum terdaftar sebagai pemilik sertifikat elektronik BSrE (NIK tidak dikenal). Hubungi admin untuk pendaftaran.',
  noNik: 'NIK Anda belum dicatat untuk tanda tangan BSrE. Hubungi admin Lontar.',
  certificateInactive:
    'Sertifikat elektronik BSrE Anda sudah tidak berlaku (kedaluwarsa atau dicabut). Ajukan pembaruan sertifikat ke BSrE melalui admin.',
  serviceDown:
    'Layanan tanda tangan elektronik BSrE sedang tidak dapat dihubungi. Surat belum ditandatangani; coba lagi beberapa saat lagi.',
  serviceRefused:
    'Layanan tanda tangan elektronik BSrE menolak permintaan Lontar (kredensial aplikasi). Hubungi admin.',
  badAnswer:
    'Layanan tanda tangan elektronik BSrE mengirim jawaban yang tidak dapat digunakan. Surat belum ditandatangani; coba lagi atau hubungi admin.',
} as const;

type Refusal =
  | 'wrongPassphrase'
  | 'notRegistered'
  | 'certificateInactive'
  | 'serviceDown'
  | 'serviceRefused'
  | 'badAnswer';

/** Maps an answer of the service to what went wrong, by HTTP status and by the words of its
 * message (the service's numeric codes are not stable across versions). */
export function classifyRefusal(
  status: number,
  body: { error?: unknown; message?: unknown } | null,
): Refusal {
  const text = `${String(body?.error ?? '')} ${String(body?.message ?? '')}`.toLowerCase();
  if (status === 401 && !text.includes('passphrase')) return 'serviceRefused';
  if (/passphrase|kata sandi|password/.test(text)) return 'wrongPassphrase';
  if (/kadaluarsa|kedaluwarsa|expired|revoke|dicabut|tidak aktif|not active|suspend/.test(text))
    return 'certificateInactive';
  if (
    /tidak terdaftar|belum terdaftar|not registered|not found|tidak ditemukan/.test(text) ||
    status === 404
  )
    return 'notRegistered';
  if (status >= 500 || status === 429) return 'serviceDown';
  return 'badAnswer';
}

function refusalError(refusal: Exclude<Refusal, 'wrongPassphrase'>): AppError {
  if (refusal === 'serviceDown' || refusal === 'serviceRefused' || refusal === 'badAnswer')
    return new AppError(503, 'SERVICE_UNAVAILABLE', BSRE_MESSAGES[refusal]);
  return new AppError(403, 'FORBIDDEN', BSRE_MESSAGES[refusal], { field: 'passphrase' });
}

async function readJson(
  response: Response,
): Promise<{ error?: unknown; message?: unknown; id_dokumen?: unknown } | null> {
  try {
    return (await response.json()) as { error?: unknown; message?: unknown };
  } catch {
    return null;
  }
}

export function createBsreSigner(config: BsreConfig): DocumentSigner {
  const auth = `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${config.baseUrl}${path}`, {
        ...init,
        headers: {
          Authorization: auth,
          Accept: 'application/pdf, application/json',
          ...init.headers,
        },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch {
      // Refused connection, DNS, TLS, timeout: the service is not there.
      throw refusalError('serviceDown');
    }
  }

  /** The signer's NIK from their user record (read at each signing: the admin may have
   * just entered it). */
  async function nikOf(signer: SignerIdentity): Promise<string> {
    const user = await UserModel.findById(signer.userId)
      .select({ nik: 1 })
      .lean<{ nik?: string | null }>();
    const nik = user?.nik;
    if (!nik) throw new AppError(403, 'FORBIDDEN', BSRE_MESSAGES.noNik, { field: 'passphrase' });
    return nik;
  }

  /** Counts a wrong passphrase against the official (the same counter as the local CA's). */
  async function wrongPassphrase(userId: string): Promise<never> {
    await recordFailure([{ key: reauthKey(userId), rule: REAUTH_RULE }]);
    throw new AppError(403, 'FORBIDDEN', BSRE_MESSAGES.wrongPassphrase, {
      field: 'passphrase',
      reauth: 'wrong',
    });
  }

  async function download(id: string): Promise<Uint8Array> {
    const response = await call(`/api/sign/download/${encodeURIComponent(id)}`);
    if (!response.ok) throw refusalError(response.status >= 500 ? 'serviceDown' : 'badAnswer');
    return new Uint8Array(await response.arrayBuffer());
  }

  return {
    kind: 'bsre',
    label: 'Sertifikat elektronik BSrE (BSSN)',

    async authorize(
      _services: Services,
      actor: Actor,
      signer: SignerIdentity,
      passphrase: string,
      target: SigningTarget,
    ) {
      if (!passphrase)
        throw new AppError(403, 'FORBIDDEN', BSRE_MESSAGES.noPassphrase, { field: 'passphrase' });
      await assertSigningAllowed(actor.userId);
      const nik = await nikOf(signer);
      // The service cannot check a passphrase without signing; it can say whether the NIK
      // holds an active certificate, before the letter is numbered.
      const response = await call(`/api/user/status/${encodeURIComponent(nik)}`);
      const body = await readJson(response);
      if (!response.ok) {
        const refusal = classifyRefusal(response.status, body);
        if (refusal === 'wrongPassphrase') await refuseWrongPassphrase(actor, target);
        throw refusalError(refusal === 'wrongPassphrase' ? 'badAnswer' : refusal);
      }
      const refusal = classifyRefusal(200, body);
      if (refusal === 'certificateInactive' || refusal === 'notRegistered')
        throw refusalError(refusal);
    },

    async sign(_services: Services, pdf: Uint8Array, context: SigningContext) {
      if (!context.passphrase)
        throw new AppError(403, 'FORBIDDEN', BSRE_MESSAGES.noPassphrase, { field: 'passphrase' });
      const form = new FormData();
      form.append(
        'file',
        new Blob([Buffer.from(pdf)], { type: 'application/pdf' }),
        `${context.letterId}.pdf`,
      );
      form.append('nik', await nikOf(context.signer));
      form.append('passphrase', context.passphrase);
      form.append('tampilan', 'invisible');
      form.append('reason', context.reason);
      form.append('location', context.location);
      const response = await call('/api/sign/pdf', { method: 'POST', body: form });
      const type = response.headers.get('content-type') ?? '';
      let signed: Uint8Array;
      if (response.ok && type.includes('application/pdf')) {
        signed = new Uint8Array(await response.arrayBuffer());
      } else {
        const body = await readJson(response);
        if (response.ok && typeof body?.id_dokumen === 'string')
          signed = await download(body.id_dokumen);
        else {
          const refusal = response.ok ? 'badAnswer' : classifyRefusal(response.status, body);
          if (refusal === 'wrongPassphrase') return wrongPassphrase(context.signer.userId);
          throw refusalError(refusal);
        }
      }
      // Never store something that is not our PDF with a signature added to it.
      const bytes = Buffer.from(signed);
      const field = findSignatureFields(bytes).find((f) => f.contentsHex);
      if (!bytes.subarray(0, 1024).includes('%PDF-') || !field || bytes.length < pdf.length)
        throw refusalError('badAnswer');
      await passphraseAccepted(context.signer.userId);
      return new Uint8Array(bytes);
    },
  };
}

/** At start-up: installs the BSrE signer when `SIGNER=bsre` (else the local CA stays). */
export function installConfiguredSigner(
  source: NodeJS.ProcessEnv = process.env,
): { signer: DocumentSigner; restore: () => void } | null {
  const config = bsreConfigFromEnv(source);
  if (!config) return null;
  const signer = createBsreSigner(config);
  return { signer, restore: useDocumentSigner(signer) };
}
