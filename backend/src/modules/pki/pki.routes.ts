import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { retryAfter } from '../auth/auth.routes.ts';
import { objectId } from '../auth/auth.schema.ts';
import { rolesFor } from '../policy/policy.ts';
import { notFound } from '../../http/errors.ts';
import {
  CA_CERT_PATH,
  CRL_PATH,
  authorityByPublicId,
  caCertificateDer,
  crlDer,
} from './ca.service.ts';
import { REVOCATION_REASON_NAMES } from './pki.model.ts';
import { adminCertificateJson, ownCertificateJson, pkiOverviewJson } from './pki.responses.ts';
import { pemToDer } from './x509.ts';
import {
  importAuthority,
  listCertificates,
  ownCertificate,
  revokeCertificate,
  setOwnPassphrase,
} from './pki.service.ts';

const TAGS = ['tanda tangan elektronik'];
const ADMIN = rolesFor('pki.manage');

const passphraseBody = z
  .object({
    currentPassword: z.string().min(1, 'Kata sandi saat ini wajib diisi.').max(200),
    passphrase: z.string().min(1, 'Frasa sandi tanda tangan wajib diisi.').max(200),
  })
  .strict();

const importBody = z
  .object({
    /** The PKCS#12 (.p12/.pfx) file, base64. */
    pkcs12: z
      .string()
      .min(1, 'Pilih berkas PKCS#12.')
      .max(700_000, 'Berkas PKCS#12 terlalu besar.'),
    password: z.string().max(200).default(''),
  })
  .strict();

const revokeBody = z
  .object({
    /** RFC 5280 CRLReason; 'unspecified' when not given. */
    reason: z
      .enum(REVOCATION_REASON_NAMES, { error: 'Alasan pencabutan tidak dikenal.' })
      .default('unspecified'),
  })
  .strict();

/** `<16 hex>.cer` / `<16 hex>.der`: a CA's publications by its public id (ca.service.ts). */
const publication = (ext: string) =>
  z.object({
    file: z.string().regex(new RegExp(`^[0-9a-f]{16}\\.${ext}$`), 'Alamat berkas tidak dikenal.'),
  });

export function pkiRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: CA_CERT_PATH,
      summary: 'Sertifikat CA instansi (DER), untuk dipercaya oleh pembaca PDF',
      tags: TAGS,
      access: 'public',
      response: { contentType: 'application/pkix-cert', description: 'Sertifikat CA (DER)' },
      async handler(ctx) {
        ctx.type = 'application/pkix-cert';
        ctx.set('Content-Disposition', 'attachment; filename="ca-instansi.cer"');
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.body = await caCertificateDer(services);
      },
    }),
    defineRoute({
      method: 'get',
      path: CRL_PATH,
      summary: 'Daftar sertifikat yang dicabut (CRL, DER), ditandatangani CA instansi',
      tags: TAGS,
      access: 'public',
      response: { contentType: 'application/pkix-crl', description: 'CRL (DER)' },
      async handler(ctx) {
        ctx.type = 'application/pkix-crl';
        ctx.set('Cache-Control', 'public, max-age=300');
        ctx.body = await crlDer(services);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/pki/ca/:file',
      summary: 'Sertifikat CA instansi tertentu (yang sekarang atau yang lama), DER',
      tags: TAGS,
      access: 'public',
      params: publication('cer'),
      response: { contentType: 'application/pkix-cert', description: 'Sertifikat CA (DER)' },
      async handler(ctx, { params }) {
        const ca = await authorityByPublicId(services, params.file.slice(0, 16));
        if (!ca) throw notFound('Sertifikat CA');
        ctx.type = 'application/pkix-cert';
        ctx.set('Content-Disposition', `attachment; filename="ca-instansi-${params.file}"`);
        ctx.set('Cache-Control', 'public, max-age=3600');
        ctx.body = pemToDer(ca.certificatePem);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/pki/crl/:file',
      summary:
        'CRL (DER) sebuah CA instansi (yang sekarang atau yang lama), alamat yang disebut sertifikatnya',
      tags: TAGS,
      access: 'public',
      params: publication('der'),
      response: { contentType: 'application/pkix-crl', description: 'CRL (DER)' },
      async handler(ctx, { params }) {
        const ca = await authorityByPublicId(services, params.file.slice(0, 16));
        if (!ca) throw notFound('CRL');
        ctx.type = 'application/pkix-crl';
        ctx.set('Cache-Control', 'public, max-age=300');
        ctx.body = await crlDer(services, ca);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/profile/signing-certificate',
      summary: 'Sertifikat tanda tangan elektronik milik sendiri',
      tags: TAGS,
      response: { schema: ownCertificateJson },
      handler: (_ctx, { actor }) => ownCertificate(services, actor),
    }),
    defineRoute({
      method: 'put',
      path: '/api/profile/signing-certificate',
      summary:
        'Mengatur frasa sandi tanda tangan: sertifikat baru diterbitkan CA instansi; perlu kata sandi saat ini',
      tags: TAGS,
      body: passphraseBody,
      response: { schema: ownCertificateJson },
      async handler(ctx, { actor, body }) {
        return setOwnPassphrase(
          services,
          actor,
          body.currentPassword,
          body.passphrase,
          ctx.ip,
        ).catch((error: unknown) => {
          retryAfter(ctx, error);
          throw error;
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/pki',
      summary: 'CA instansi dan sertifikat tanda tangan para pejabat',
      tags: TAGS,
      roles: ADMIN,
      response: { schema: pkiOverviewJson },
      handler: () => listCertificates(services),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/pki/import',
      summary: 'Mengganti CA instansi dengan CA sendiri (PKCS#12 berisi sertifikat dan kunci)',
      tags: TAGS,
      roles: ADMIN,
      body: importBody,
      response: { schema: pkiOverviewJson },
      handler: (ctx, { actor, body }) =>
        importAuthority(services, actor, Buffer.from(body.pkcs12, 'base64'), body.password, ctx.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/pki/certificates/:id/revoke',
      summary: 'Mencabut sertifikat tanda tangan seorang pejabat (masuk CRL)',
      tags: TAGS,
      roles: ADMIN,
      params: z.object({ id: objectId }),
      body: revokeBody,
      response: { schema: adminCertificateJson },
      handler: (ctx, { actor, params, body }) =>
        revokeCertificate(services, actor, params.id, body.reason, ctx.ip),
    }),
  ];
}
