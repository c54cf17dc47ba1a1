import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { startTestTsa, type TestTsa } from '../../../test/tsa-server.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { loginMany, quickDraft } from '../outgoing/test-fixtures.ts';
import { findSignatureFields } from '../signing/verify-signature.ts';
import { caCertificateDer } from './ca.service.ts';
import { timeStampRequest, timeStampToken } from './cms.ts';
import { pdfsig } from './pdfsig.ts';
import { TSA_MESSAGES } from './tsa.ts';

/**
 * PAdES baseline B-T: with PKI_TSA_URL naming an RFC 3161 timestamp authority (a local one,
 * test/tsa-server.ts), the signature carries a signature time-stamp token over its value;
 * verification names the TSA and its time; a TSA that is down or answers garbage fails the
 * signature with 503 and signs nothing.
 */
const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
let tsa: TestTsa;
const previousUrl = process.env.PKI_TSA_URL;

const OID = {
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
};

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']));
  tsa = await startTestTsa();
  process.env.PKI_TSA_URL = tsa.url;
});

afterAll(async () => {
  if (previousUrl === undefined) delete process.env.PKI_TSA_URL;
  else process.env.PKI_TSA_URL = previousUrl;
  await tsa?.close();
});

async function awaitingSignature(subject: string): Promise<string> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft({ subject }));
  expect(created.status).toBe(201);
  expect((await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`)).status).toBe(200);
  return created.body.id as string;
}

const sign = (id: string) =>
  asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: 'lontar-demo' });

function signerInfoOf(pdf: Buffer): pkijs.SignerInfo {
  const [field] = findSignatureFields(pdf).filter((f) => f.contentsHex);
  // The /Contents hole is zero-padded after the DER: read the first element only.
  const der = new Uint8Array(Buffer.from(field!.contentsHex, 'hex')).buffer;
  const content = new pkijs.ContentInfo({ schema: asn1js.fromBER(der).result });
  return new pkijs.SignedData({ schema: content.content }).signerInfos[0]!;
}

async function expectNothingSigned(id: string) {
  const letter = await staftu.get(`/api/outgoing-letters/${id}`);
  expect(letter.body.number).toBeNull();
  expect(letter.body.final ?? null).toBeNull();
  expect((await staftu.get(`/api/outgoing-letters/${id}/final.pdf`)).status).toBe(404);
}

describe('PAdES B-T with a timestamp authority', () => {
  it('stamps the signature value: the token covers it, /v names the TSA and its time, pdfsig reports it valid', async () => {
    const id = await awaitingSignature('Uji tanda tangan dengan cap waktu');
    const before = tsa.requests;
    const res = await sign(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(tsa.requests).toBe(before + 1);
    const file = await staftu
      .get(`/api/outgoing-letters/${id}/final.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const pdf = file.body as Buffer;

    // The unsigned attribute signature-time-stamp-token, whose TSTInfo imprint is the sha256
    // of this signature's value.
    const info = signerInfoOf(pdf);
    const attribute = info.unsignedAttrs?.attributes.find(
      (a) => a.type === OID.signatureTimeStampToken,
    );
    expect(attribute).toBeDefined();
    const token = new pkijs.ContentInfo({ schema: attribute!.values[0] });
    const tokenData = new pkijs.SignedData({ schema: token.content });
    expect(tokenData.encapContentInfo.eContentType).toBe(OID.tstInfo);
    const tst = pkijs.TSTInfo.fromBER(tokenData.encapContentInfo.eContent!.getValue());
    expect(Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(
      createHash('sha256').update(Buffer.from(info.signature.valueBlock.valueHexView)).digest(),
    );
    expect(
      (
        await tokenData.verify({
          signer: 0,
          data: new Uint8Array(info.signature.valueBlock.valueHexView).slice().buffer,
          checkChain: false,
          extendedMode: true,
        })
      ).signatureVerified,
    ).toBe(true);

    const json = await ctx.request().get(`/v/${res.body.code}?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.signature).toMatchObject({
      valid: true,
      documentIntact: true,
      timestamped: true,
      timestampAuthority: tsa.name,
      timestampedAt: tst.genTime.toISOString(),
    });
    const page = await ctx.request().get(`/v/${res.body.code}`);
    expect(page.text).toContain(`Dicap waktu oleh ${tsa.name} pada `);
    expect(page.text).toMatch(
      /Dicap waktu oleh [^<]+ pada \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB/,
    );

    // The upload check reads the same token from the file itself.
    const upload = await ctx
      .request()
      .post(`/v/${res.body.code}/check?format=json`)
      .attach('berkas', pdf, { filename: 'surat.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(200);
    expect(upload.body.signature).toMatchObject({
      timestamped: true,
      timestampAuthority: tsa.name,
    });

    const report = await pdfsig(pdf, await caCertificateDer(ctx.services));
    expect(report.output).toContain('Signature is Valid');
    expect(report.signatureValid).toBe(true);
    expect(report.certificateTrusted).toBe(true);
  });

  it('a TSA that is down, unreachable, refuses or answers garbage: 503 in Indonesian, nothing signed; signing again works once it answers', async () => {
    const id = await awaitingSignature('Uji cap waktu gagal');
    const cases: { mode: TestTsa['mode']; url?: string; message: string }[] = [
      { mode: 'error', message: TSA_MESSAGES.down },
      { mode: 'garbage', message: TSA_MESSAGES.badAnswer },
      { mode: 'rejection', message: TSA_MESSAGES.badAnswer },
      // A port nothing listens on (the TSA's own, with a path it does not serve, is not it:
      // port 9 on loopback is the discard service, closed here).
      { mode: 'ok', url: 'http://127.0.0.1:9/tsa', message: TSA_MESSAGES.down },
    ];
    for (const entry of cases) {
      tsa.mode = entry.mode;
      process.env.PKI_TSA_URL = entry.url ?? tsa.url;
      const refused = await sign(id);
      expect([refused.status, refused.body.error?.message], entry.mode).toEqual([
        503,
        entry.message,
      ]);
      await expectNothingSigned(id);
    }
    tsa.mode = 'ok';
    process.env.PKI_TSA_URL = tsa.url;
    const res = await sign(id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('signed');
  });

  it('refuses a granted answer that is not about this request (another imprint or nonce)', async () => {
    const imprint = new Uint8Array(createHash('sha256').update('tanda tangan A').digest()).buffer;
    const nonce = randomBytes(8);
    nonce[0] = 0x11;
    const answer = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(timeStampRequest(imprint, nonce)),
    }).then((r) => r.arrayBuffer());
    expect(timeStampToken(answer, { imprint, nonce })).not.toBeNull();
    const otherNonce = Buffer.from(nonce);
    otherNonce[7] = otherNonce[7]! ^ 1;
    expect(timeStampToken(answer, { imprint, nonce: otherNonce })).toBeNull();
    const otherImprint = new Uint8Array(createHash('sha256').update('tanda tangan B').digest())
      .buffer;
    expect(timeStampToken(answer, { imprint: otherImprint, nonce })).toBeNull();
  });
});
