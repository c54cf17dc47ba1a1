import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { importSigningKey } from '../src/modules/pki/cms.ts';
import { newRsaKeyPair, newSerial, pemToDer, pkcs8Der } from '../src/modules/pki/x509.ts';
import { testAuthority } from '../src/modules/signing/test-signing.ts';

/**
 * A local RFC 3161 timestamp authority for tests: answers `application/timestamp-query`
 * POSTs with a granted TimeStampResp whose token is a CMS SignedData over a TSTInfo (the
 * request's message imprint and nonce, genTime = now), signed by a test TSA certificate
 * with the critical id-kp-timeStamping extended key usage, issued by its own test CA. Built
 * with pkijs/asn1js objects like the production CMS code (pki/cms.ts).
 *
 * `mode` switches what it answers: 'ok', 'garbage' (200 with bytes that are no
 * TimeStampResp), 'rejection' (a TimeStampResp with status rejection and no token),
 * 'error' (HTTP 500), 'silent' (reads the request and never answers: the caller's timeout),
 * 'foreign' (a granted, well-signed token over another imprint: not about this request),
 * 'held' (answers like 'ok' once the test calls `release()`: something can happen meanwhile).
 */
export type TsaMode = 'ok' | 'garbage' | 'rejection' | 'error' | 'silent' | 'foreign' | 'held';

export interface TestTsa {
  url: string;
  /** The TSA certificate's common name. */
  name: string;
  certificateDer: Buffer;
  mode: TsaMode;
  /** Requests answered so far. */
  requests: number;
  /** Lets the requests held in mode 'held' be answered. */
  release(): void;
  close(): Promise<void>;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** A policy arc for tests only. */
  policy: '1.3.6.1.4.1.55555.1.1',
};

const TSA_NAME = 'Otoritas Penanda Waktu Uji';

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function tsaCertificate(
  ca: { certificatePem: string; privateKeyPem: string },
  publicKeyPem: string,
) {
  const issuer = forge.pki.certificateFromPem(ca.certificatePem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date('2021-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  cert.setSubject([
    { shortName: 'C', value: 'ID' },
    { shortName: 'O', value: 'Uji' },
    { shortName: 'CN', value: TSA_NAME },
  ]);
  cert.setIssuer(issuer.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // RFC 3161 §2.3: the only extended key usage, critical.
    { name: 'extKeyUsage', timeStamping: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

async function grant(
  request: pkijs.TimeStampReq,
  signer: { der: Buffer; cert: pkijs.Certificate; key: CryptoKey },
  serial: number,
  foreign = false,
): Promise<Buffer> {
  const messageImprint = foreign
    ? new pkijs.MessageImprint({
        hashAlgorithm: request.messageImprint.hashAlgorithm,
        hashedMessage: new asn1js.OctetString({
          valueHex: arrayBuffer(createHash('sha256').update('dokumen lain').digest()),
        }),
      })
    : request.messageImprint;
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: OID.policy,
    messageImprint,
    serialNumber: new asn1js.Integer({ value: serial }),
    genTime: new Date(),
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ...(request.nonce ? { nonce: request.nonce } : {}),
    tsa: new pkijs.GeneralName({ type: 4, value: signer.cert.subject }),
  });
  const eContent = tstInfo.toSchema().toBER(false);
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({
        valueHex: arrayBuffer(createHash('sha256').update(signer.der).digest()),
      }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: eContent }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.cert.issuer,
          serialNumber: signer.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [
                new asn1js.OctetString({
                  valueHex: arrayBuffer(
                    createHash('sha256').update(new Uint8Array(eContent)).digest(),
                  ),
                }),
              ],
            }),
            new pkijs.Attribute({
              type: OID.signingCertificateV2,
              values: [
                new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
              ],
            }),
          ],
        }),
      }),
    ],
    ...(request.certReq ? { certificates: [signer.cert] } : {}),
  });
  await signedData.sign(signer.key, 0, 'SHA-256');
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({
      contentType: OID.signedData,
      content: signedData.toSchema(true),
    }),
  });
  return Buffer.from(response.toSchema().toBER(false));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startTestTsa(): Promise<TestTsa> {
  const ca = await testAuthority('Penanda Waktu Uji');
  const keys = await newRsaKeyPair();
  const pem = tsaCertificate(ca, keys.publicKeyPem);
  const der = pemToDer(pem);
  const signer = {
    der,
    cert: pkijs.Certificate.fromBER(arrayBuffer(der)),
    key: await importSigningKey(pkcs8Der(keys.privateKeyPem)),
  };
  let serial = 0;
  const held: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      tsa.requests += 1;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(400).end();
        return;
      }
      if (tsa.mode === 'error') {
        res.writeHead(500).end('internal error');
        return;
      }
      if (tsa.mode === 'silent') return; // closed by close() at the latest
      if (tsa.mode === 'held') await new Promise<void>((resolve) => held.push(resolve));
      let answer: Buffer;
      if (tsa.mode === 'garbage') answer = Buffer.from('<html>bukan jawaban TSA</html>');
      else if (tsa.mode === 'rejection')
        answer = Buffer.from(
          new pkijs.TimeStampResp({
            status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection }),
          })
            .toSchema()
            .toBER(false),
        );
      else
        answer = await grant(
          pkijs.TimeStampReq.fromBER(arrayBuffer(body)),
          signer,
          ++serial,
          tsa.mode === 'foreign',
        );
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(answer);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    name: TSA_NAME,
    certificateDer: der,
    mode: 'ok',
    requests: 0,
    release: () => {
      for (const resolve of held.splice(0)) resolve();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return tsa;
}
