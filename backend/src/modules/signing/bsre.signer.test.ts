import busboy from 'busboy';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { UserModel } from '../org/org.model.ts';
import { pemToDer } from '../pki/x509.ts';
import {
  BSRE_MESSAGES,
  bsreConfigFromEnv,
  createBsreSigner,
  installConfiguredSigner,
  type BsreConfig,
} from './bsre.signer.ts';
import { documentSigner } from './signer.ts';
import {
  samplePdf,
  signPdfWith,
  testAuthority,
  testCertificate,
  type TestAuthority,
  type TestCertificate,
} from './test-signing.ts';
import { verifyPdfSignature } from './verify-signature.ts';

/**
 * Contract test of the BSrE client against a local fake of BSrE's esign-client API (a plain
 * HTTP server speaking the documented shape, docs/signing-bsre.md): Basic authentication,
 * user status by NIK, multipart sign with nik/passphrase/tampilan, the signed PDF back (or an
 * id_dokumen to download), JSON refusals. The fake really signs, with its own test CA, so
 * the answer is checked with Lontar's verification.
 */
const ctx = await createTestContext();
const NIK = { active: '1871010101700001', expired: '1871010101700002', byId: '1871010101700003' };
const NIP = {
  active: '197001011990031001',
  expired: '197001011990031002',
  byId: '197001011990031003',
  unknown: '197001011990031009',
  unregistered: '197001011990031004',
};
const PASSPHRASE = 'rahasia-bsre-123';
/** The officials of the test, by NIP, with the NIK the admin entered on their user (none for
 * `unknown`). */
const NIK_BY_NIP: Record<string, string | null> = {
  [NIP.active]: NIK.active,
  [NIP.expired]: NIK.expired,
  [NIP.byId]: NIK.byId,
  [NIP.unregistered]: '1871010101709999',
  [NIP.unknown]: null,
};
const userIdByNip = new Map<string | null, string>();

interface SignRequest {
  authorization: string | undefined;
  fields: Record<string, string>;
  fileType: string | null;
  fileBytes: number;
}

let bsreCa: TestAuthority;
let official: TestCertificate;
let server: http.Server;
let baseUrl: string;
let mode: 'normal' | 'down' | 'not-pdf' = 'normal';
const requests: SignRequest[] = [];
const stored = new Map<string, Buffer>();
let actor: Actor;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function fakeBsre(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (mode === 'down') return json(res, 503, { error: 'Service Unavailable' });
  const expected = `Basic ${Buffer.from('lontar-client:rahasia-klien').toString('base64')}`;
  if (req.headers.authorization !== expected) return json(res, 401, { error: 'Unauthorized' });
  const url = new URL(req.url ?? '/', 'http://fake');
  const status = /^\/api\/user\/status\/(\d+)$/.exec(url.pathname);
  if (req.method === 'GET' && status) {
    if (status[1] === NIK.active || status[1] === NIK.byId)
      return json(res, 200, {
        status_code: 1111,
        message: 'Pengguna terdaftar dan sertifikat aktif',
      });
    if (status[1] === NIK.expired)
      return json(res, 200, { status_code: 2021, message: 'Sertifikat pengguna telah kadaluarsa' });
    return json(res, 404, { status_code: 1110, message: 'User tidak terdaftar' });
  }
  const download = /^\/api\/sign\/download\/(.+)$/.exec(url.pathname);
  if (req.method === 'GET' && download) {
    const pdf = stored.get(download[1]!);
    if (!pdf) return json(res, 404, { error: 'Dokumen tidak ditemukan' });
    res.writeHead(200, { 'Content-Type': 'application/pdf' });
    return void res.end(pdf);
  }
  if (req.method === 'POST' && url.pathname === '/api/sign/pdf') {
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let fileType: string | null = null;
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({ headers: req.headers });
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('file', (_name, stream, info) => {
        fileType = info.mimeType;
        stream.on('data', (c: Buffer) => chunks.push(c));
      });
      parser.on('close', resolve);
      parser.on('error', reject);
      req.pipe(parser);
    });
    const file = Buffer.concat(chunks);
    requests.push({
      authorization: req.headers.authorization,
      fields,
      fileType,
      fileBytes: file.length,
    });
    if (![NIK.active, NIK.byId, NIK.expired].includes(fields.nik ?? ''))
      return json(res, 400, { error: 'User tidak terdaftar', status_code: 2011 });
    if (fields.nik === NIK.expired)
      return json(res, 400, { error: 'Sertifikat telah kadaluarsa', status_code: 2021 });
    if (fields.passphrase !== PASSPHRASE)
      return json(res, 400, { error: 'Passphrase anda salah', status_code: 2031 });
    if (mode === 'not-pdf') return json(res, 200, { message: 'Berhasil' });
    const signed = await signPdfWith({
      pdf: file,
      certificate: official,
      chainPem: [bsreCa.certificatePem],
      signedAt: new Date(),
      name: 'Pejabat BSrE',
    });
    if (fields.nik === NIK.byId) {
      stored.set('dok-42', signed);
      return json(res, 200, { id_dokumen: 'dok-42' });
    }
    res.writeHead(200, { 'Content-Type': 'application/pdf', id_dokumen: 'dok-41' });
    return void res.end(signed);
  }
  json(res, 404, { error: 'Not Found' });
}

function config(overrides: Partial<BsreConfig> = {}): BsreConfig {
  return {
    baseUrl,
    clientId: 'lontar-client',
    clientSecret: 'rahasia-klien',
    timeoutMs: 10_000,
    ...overrides,
  };
}

const identity = (nip: string | null) => ({
  userId: userIdByNip.get(nip)!,
  name: 'Pejabat BSrE',
  nip,
  positionTitle: 'Sekretaris Daerah',
});
const context = (nip: string, passphrase = PASSPHRASE) => ({
  letterId: 'surat-1',
  number: '000.1/1/SETDA/XII/2026',
  signedAt: new Date(),
  signer: identity(nip),
  location: 'Bandar Lampung',
  reason: 'Penandatanganan surat',
  passphrase,
});
const target = { recordType: 'outgoing-letter', recordId: 'surat-1', ip: '127.0.0.1' };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  await seedDemoOrganisation();
  actor = await actorFor('sekda');
  for (const [nip, nik] of [...Object.entries(NIK_BY_NIP), [null, null] as const]) {
    const user = await UserModel.create({
      username: `bsre-${nip ?? 'tanpa-nip'}`,
      name: 'Pejabat BSrE',
      nip,
      nik,
    });
    userIdByNip.set(nip, String(user._id));
  }
  bsreCa = await testAuthority('Balai Sertifikasi Elektronik (uji)');
  official = await testCertificate(bsreCa, 'Pejabat BSrE');
  server = http.createServer((req, res) => {
    fakeBsre(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('BSrE signer against a fake of the esign-client API', () => {
  it('sends the PDF with NIK, passphrase and invisible display under Basic auth; the answer verifies under the BSrE CA', async () => {
    const signer = createBsreSigner(config());
    await signer.authorize(ctx.services, actor, identity(NIP.active), PASSPHRASE, target);
    const pdf = await samplePdf();
    const signed = Buffer.from(await signer.sign(ctx.services, pdf, context(NIP.active)));
    const request = requests.at(-1)!;
    expect(request.fields).toMatchObject({
      nik: NIK.active,
      passphrase: PASSPHRASE,
      tampilan: 'invisible',
      location: 'Bandar Lampung',
    });
    expect(request.fileType).toBe('application/pdf');
    expect(request.fileBytes).toBe(pdf.length);
    const report = await verifyPdfSignature(signed, {
      anchors: [pemToDer(bsreCa.certificatePem)],
      revocationOf: async () => null,
    });
    expect(report).toMatchObject({ valid: true, documentIntact: true, signerName: 'Pejabat BSrE' });
    expect(signer.kind).toBe('bsre');
  });

  it('downloads the signed PDF when the service answers with an id_dokumen', async () => {
    const signed = Buffer.from(
      await createBsreSigner(config()).sign(ctx.services, await samplePdf(), context(NIP.byId)),
    );
    expect(signed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(signed.includes('/ByteRange')).toBe(true);
  });

  it('maps a wrong passphrase to 403 in Indonesian', async () => {
    const error = await refusal(
      createBsreSigner(config()).sign(
        ctx.services,
        await samplePdf(),
        context(NIP.active, 'salah-sekali'),
      ),
    );
    expect(error.status).toBe(403);
    expect(error.message).toBe(BSRE_MESSAGES.wrongPassphrase);
  });

  it('refuses before signing: no passphrase, no NIK on record, NIK not registered, certificate expired', async () => {
    const signer = createBsreSigner(config());
    const cases: Array<[string | null, string, string]> = [
      [NIP.active, '', BSRE_MESSAGES.noPassphrase],
      [NIP.unknown, PASSPHRASE, BSRE_MESSAGES.noNik],
      [null, PASSPHRASE, BSRE_MESSAGES.noNik],
      [NIP.unregistered, PASSPHRASE, BSRE_MESSAGES.notRegistered],
      [NIP.expired, PASSPHRASE, BSRE_MESSAGES.certificateInactive],
    ];
    for (const [nip, passphrase, message] of cases) {
      const error = await refusal(
        signer.authorize(ctx.services, actor, identity(nip), passphrase, target),
      );
      expect([error.status, error.message]).toEqual([403, message]);
    }
    // The same refusals when the service is asked to sign directly.
    const expired = await refusal(
      signer.sign(ctx.services, await samplePdf(), context(NIP.expired)),
    );
    expect(expired.message).toBe(BSRE_MESSAGES.certificateInactive);
    const unregistered = await refusal(
      signer.sign(ctx.services, await samplePdf(), context(NIP.unregistered)),
    );
    expect(unregistered.message).toBe(BSRE_MESSAGES.notRegistered);
  });

  it('answers 503 when the service is down, unreachable, refuses the client, or sends no PDF', async () => {
    mode = 'down';
    try {
      const down = await refusal(
        createBsreSigner(config()).sign(ctx.services, await samplePdf(), context(NIP.active)),
      );
      expect([down.status, down.message]).toEqual([503, BSRE_MESSAGES.serviceDown]);
    } finally {
      mode = 'normal';
    }
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await refusal(
      createBsreSigner(config({ baseUrl: `http://127.0.0.1:${port}` })).authorize(
        ctx.services,
        actor,
        identity(NIP.active),
        PASSPHRASE,
        target,
      ),
    );
    expect([unreachable.status, unreachable.message]).toEqual([503, BSRE_MESSAGES.serviceDown]);
    const badClient = await refusal(
      createBsreSigner(config({ clientSecret: 'keliru' })).authorize(
        ctx.services,
        actor,
        identity(NIP.active),
        PASSPHRASE,
        target,
      ),
    );
    expect([badClient.status, badClient.message]).toEqual([503, BSRE_MESSAGES.serviceRefused]);
    mode = 'not-pdf';
    try {
      const notPdf = await refusal(
        createBsreSigner(config()).sign(ctx.services, await samplePdf(), context(NIP.active)),
      );
      expect([notPdf.status, notPdf.message]).toEqual([503, BSRE_MESSAGES.badAnswer]);
    } finally {
      mode = 'normal';
    }
  });

  it('is selected by SIGNER=bsre, which needs every setting', () => {
    expect(installConfiguredSigner({})).toBeNull();
    expect(() => bsreConfigFromEnv({ SIGNER: 'bsre', BSRE_BASE_URL: baseUrl })).toThrow(
      /BSRE_CLIENT_ID/,
    );
    const before = documentSigner().kind;
    const installed = installConfiguredSigner({
      SIGNER: 'bsre',
      BSRE_BASE_URL: `${baseUrl}/`,
      BSRE_CLIENT_ID: 'lontar-client',
      BSRE_CLIENT_SECRET: 'rahasia-klien',
    });
    expect(installed?.signer.kind).toBe('bsre');
    expect(documentSigner().kind).toBe('bsre');
    installed!.restore();
    expect(documentSigner().kind).toBe(before);
    expect(before).toBe('local-ca');
  });
});
