import { PDFDocument } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import {
  assertSigningAllowed,
  passphraseAccepted,
  refuseWrongPassphrase,
} from '../signing/passphrase-throttle.ts';
import {
  registerDefaultSigner,
  type DocumentSigner,
  type SignerIdentity,
  type SigningContext,
  type SigningTarget,
} from '../signing/signer.ts';
import { caCertificateDer, requireAuthority } from './ca.service.ts';
import { unlockSigningKey } from './certificates.service.ts';
import { detachedCadesSignature, importSigningKey } from './cms.ts';
import { timestamper } from './tsa.ts';
import { pemToDer } from './x509.ts';

/**
 * The default signer: PAdES baseline B-B (B-T with a timestamp authority, tsa.ts) with the
 * official's certificate issued by the instansi CA. @signpdf adds the signature field and
 * the /ByteRange placeholder and fills /Contents; the CMS comes from cms.ts.
 */
const SIGNATURE_BYTES = 24_576;

const REFUSAL: Record<'none' | 'revoked', string> = {
  none: 'Anda belum memiliki sertifikat tanda tangan elektronik. Buka Profil, lalu atur "Frasa sandi tanda tangan".',
  revoked:
    'Sertifikat tanda tangan elektronik Anda telah dicabut oleh admin. Hubungi admin untuk sertifikat baru.',
};

function refuse(message: string): AppError {
  return new AppError(403, 'FORBIDDEN', message, { field: 'passphrase' });
}

class CadesSigner extends Signer {
  private readonly certificateDer: Buffer;
  private readonly chain: Buffer[];
  private readonly key: CryptoKey;

  constructor(certificateDer: Buffer, chain: Buffer[], key: CryptoKey) {
    super();
    this.certificateDer = certificateDer;
    this.chain = chain;
    this.key = key;
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return detachedCadesSignature({
      content,
      signerCertificateDer: this.certificateDer,
      chainDer: this.chain,
      privateKey: this.key,
      timestamp: timestamper() ?? undefined,
    });
  }
}

async function unlock(services: Services, userId: string, passphrase: string) {
  const result = await unlockSigningKey(services, userId, passphrase);
  if (result.ok || result.reason === 'wrong') return result;
  if (result.reason === 'changing')
    throw new AppError(
      409,
      'CONFLICT',
      'Sertifikat tanda tangan Anda baru saja diganti. Surat belum ditandatangani; coba lagi.',
    );
  throw refuse(REFUSAL[result.reason]);
}

export const localCaSigner: DocumentSigner = {
  kind: 'local-ca',
  label: 'Sertifikat elektronik instansi',
  async authorize(
    services: Services,
    actor: Actor,
    signer: SignerIdentity,
    passphrase: string,
    target: SigningTarget,
  ) {
    if (!passphrase) throw refuse('Untuk menandatangani, masukkan frasa sandi tanda tangan Anda.');
    await assertSigningAllowed(actor.userId);
    const result = await unlock(services, signer.userId, passphrase);
    if (!result.ok) await refuseWrongPassphrase(actor, target);
    await passphraseAccepted(actor.userId);
  },
  async sign(services: Services, pdf: Uint8Array, context: SigningContext) {
    await requireAuthority(services);
    const result = await unlock(services, context.signer.userId, context.passphrase);
    if (!result.ok) throw refuse('Frasa sandi tanda tangan salah.');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: context.reason,
      contactInfo: '',
      name: `${context.signer.name} (${context.signer.positionTitle})`,
      location: context.location,
      signingTime: context.signedAt,
      signatureLength: SIGNATURE_BYTES,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'Lontar',
    });
    // Object streams off: @signpdf finds /ByteRange in the plain file.
    const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
    const signer = new CadesSigner(
      pemToDer(result.certificate.certificatePem),
      [await caCertificateDer(services)],
      await importSigningKey(result.privateKeyDer),
    );
    return new Uint8Array(await new SignPdf().sign(prepared, signer, context.signedAt));
  },
};

registerDefaultSigner(() => localCaSigner);
