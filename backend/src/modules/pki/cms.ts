import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * CMS (RFC 5652) structures through pkijs/asn1js objects (no hand-encoded bytes):
 * - `detachedCadesSignature`: the detached SignedData a PAdES baseline B-B signature holds
 *   (ETSI EN 319 142-1): signed attributes content-type, message-digest (sha256) and
 *   signing-certificate-v2 (ESSCertIDv2, RFC 5035); no signing-time attribute, because
 *   PAdES puts the claimed signing time in the signature dictionary (/M) instead. With a
 *   timestamp authority configured, a signature time-stamp token is added as an unsigned
 *   attribute (baseline B-T).
 * - `signCrl`: the CA's certificate revocation list (RFC 5280 §5).
 */
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
};

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function sha256(bytes: Uint8Array): ArrayBuffer {
  return arrayBuffer(createHash('sha256').update(bytes).digest());
}

export function importSigningKey(pkcs8: Buffer): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('pkcs8', arrayBuffer(pkcs8), RSA_SHA256, false, [
    'sign',
  ]);
}

function certificate(der: Buffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(arrayBuffer(der));
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (hashAlgorithm omitted:
 * DEFAULT sha256), with the issuer and serial of the signer's certificate. */
function signingCertificateV2(signerDer: Buffer, signer: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({
        names: [new pkijs.GeneralName({ type: 4, value: signer.issuer })],
      }).toSchema(),
      signer.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(signerDer) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

export interface CadesInput {
  content: Uint8Array;
  signerCertificateDer: Buffer;
  chainDer: Buffer[];
  privateKey: CryptoKey;
  /** Returns a DER TimeStampToken (ContentInfo) for the given sha256 imprint, or null. */
  timestamp?: (imprint: ArrayBuffer) => Promise<ArrayBuffer | null>;
}

export async function detachedCadesSignature(input: CadesInput): Promise<Buffer> {
  const signer = certificate(input.signerCertificateDer);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: sha256(input.content) })],
      }),
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [signingCertificateV2(input.signerCertificateDer, signer)],
      }),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.issuer,
          serialNumber: signer.serialNumber,
        }),
        signedAttrs,
      }),
    ],
    certificates: [signer, ...input.chainDer.map(certificate)],
  });
  await signedData.sign(input.privateKey, 0, 'SHA-256');
  if (input.timestamp) {
    const info = signedData.signerInfos[0]!;
    const token = await input.timestamp(
      sha256(new Uint8Array(info.signature.valueBlock.valueHexView)),
    );
    if (token)
      info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [
          new pkijs.Attribute({
            type: OID.signatureTimeStampToken,
            values: [asn1js.fromBER(token).result],
          }),
        ],
      });
  }
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** An RFC 3161 request for the signature value's sha256 (B-T), with a nonce the answer must
 * repeat (so a replayed or mixed-up answer is refused). */
export function timeStampRequest(imprint: ArrayBuffer, nonce: Buffer): Buffer {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: arrayBuffer(nonce) }),
    certReq: true,
  });
  return Buffer.from(request.toSchema().toBER(false));
}

/** The token of a granted RFC 3161 response, or null when refused, unreadable, or not about
 * this request (its TSTInfo must carry the requested sha256 imprint and nonce). */
export function timeStampToken(
  response: ArrayBuffer,
  expected: { imprint: ArrayBuffer; nonce: Buffer },
): ArrayBuffer | null {
  try {
    const parsed = pkijs.TimeStampResp.fromBER(response);
    if (parsed.status.status > 1 || !parsed.timeStampToken) return null;
    const signed = new pkijs.SignedData({ schema: parsed.timeStampToken.content });
    const eContent = signed.encapContentInfo.eContent;
    if (!eContent) return null;
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
    const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
    const nonce = tst.nonce ? Buffer.from(tst.nonce.valueBlock.valueHexView) : null;
    if (
      tst.messageImprint.hashAlgorithm.algorithmId !== OID.sha256 ||
      !imprint.equals(Buffer.from(expected.imprint)) ||
      !nonce?.equals(expected.nonce)
    )
      return null;
    return parsed.timeStampToken.toSchema().toBER(false);
  } catch {
    return null;
  }
}

export interface CrlInput {
  caCertificateDer: Buffer;
  caKey: CryptoKey;
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  /** reasonCode: RFC 5280 CRLReason; 0 (unspecified) is left out, as 5.3.1 asks. */
  revoked: { serial: string; revokedAt: Date; reasonCode?: number }[];
}

export async function signCrl(input: CrlInput): Promise<Buffer> {
  const ca = certificate(input.caCertificateDer);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: ca.subject,
    thisUpdate: new pkijs.Time({ type: 0, value: input.thisUpdate }),
    nextUpdate: new pkijs.Time({ type: 0, value: input.nextUpdate }),
  });
  if (input.revoked.length)
    crl.revokedCertificates = input.revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({
            valueHex: arrayBuffer(Buffer.from(entry.serial, 'hex')),
          }),
          revocationDate: new pkijs.Time({ type: 0, value: entry.revokedAt }),
          ...(entry.reasonCode
            ? {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: OID.crlReason,
                      critical: false,
                      extnValue: new asn1js.Enumerated({ value: entry.reasonCode }).toBER(false),
                    }),
                  ],
                }),
              }
            : {}),
        }),
    );
  const extensions = [
    new pkijs.Extension({
      extnID: OID.crlNumber,
      critical: false,
      extnValue: new asn1js.Integer({ value: input.crlNumber }).toBER(false),
    }),
  ];
  const ski = ca.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
  if (ski)
    extensions.push(
      new pkijs.Extension({
        extnID: OID.authorityKeyIdentifier,
        critical: false,
        extnValue: new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: ski.parsedValue as asn1js.OctetString,
        })
          .toSchema()
          .toBER(false),
      }),
    );
  crl.crlExtensions = new pkijs.Extensions({ extensions });
  await crl.sign(input.caKey, 'SHA-256');
  return Buffer.from(crl.toSchema(true).toBER(false));
}
