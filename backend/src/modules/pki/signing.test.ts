import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { loginMany, quickDraft } from '../outgoing/test-fixtures.ts';
import { caCertificateDer } from './ca.service.ts';
import { pdfsig } from './pdfsig.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']));
});

async function awaitingSignature(subject: string): Promise<string> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft({ subject }));
  expect(created.status).toBe(201);
  expect((await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`)).status).toBe(200);
  return created.body.id as string;
}

async function finalPdf(id: string): Promise<Buffer> {
  const res = await staftu
    .get(`/api/outgoing-letters/${id}/final.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe('PAdES signing with the instansi CA', () => {
  it('signs with the passphrase: pdfsig reports a valid signature by the official, trusted through the CA; one changed byte breaks it', async () => {
    const id = await awaitingSignature('Uji tanda tangan PAdES');
    const res = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'lontar-demo' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed');
    const pdf = await finalPdf(id);
    expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');

    const trusted = await pdfsig(pdf, await caCertificateDer(ctx.services));
    expect(trusted.output).toContain('Signature is Valid');
    expect(trusted.signatureValid).toBe(true);
    expect(trusted.certificateTrusted).toBe(true);
    expect(trusted.signerNames).toHaveLength(1);
    expect(trusted.signerNames[0]).toMatch(/\S/);

    // Without trusting the CA, the bytes still check out; only the issuer is unknown.
    const untrusted = await pdfsig(pdf);
    expect(untrusted.signatureValid).toBe(true);
    expect(untrusted.certificateTrusted).toBe(false);

    // One byte of the signed content changed (inside the first /ByteRange part).
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/Type /Page') + 2;
    tampered[at] = tampered[at] === 0x79 ? 0x78 : 0x79;
    const broken = await pdfsig(tampered, await caCertificateDer(ctx.services));
    expect(broken.signatureValid).toBe(false);
    console.log(trusted.output, broken.output);
  });
});
