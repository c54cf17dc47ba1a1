import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import type { SealedKey } from './pki.model.ts';

/**
 * Private keys at rest: AES-256-GCM over the PKCS#8 DER bytes. The AES key comes from the
 * official's passphrase (scrypt, memory-hard, so a stolen database is slow to guess) or,
 * for the CA, from the server secret (HKDF). GCM's tag makes a wrong passphrase fail
 * instead of yielding garbage.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

function scryptKey(
  passphrase: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFKC'),
      salt,
      32,
      { ...params, maxmem: 128 * params.N * params.r * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function serverKey(secret: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, 'lontar-pki-ca-key', 32));
}

function seal(key: Buffer, plain: Buffer): Pick<SealedKey, 'iv' | 'tag' | 'data'> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Null when the key does not open the box (wrong passphrase or secret). */
function open(key: Buffer, sealed: SealedKey): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export async function sealWithPassphrase(pkcs8: Buffer, passphrase: string): Promise<SealedKey> {
  const salt = randomBytes(16);
  const key = await scryptKey(passphrase, salt, SCRYPT);
  return { kdf: 'scrypt', salt: salt.toString('base64'), ...SCRYPT, ...seal(key, pkcs8) };
}

export async function openWithPassphrase(
  sealed: SealedKey,
  passphrase: string,
): Promise<Buffer | null> {
  if (sealed.kdf !== 'scrypt') return null;
  const key = await scryptKey(passphrase, Buffer.from(sealed.salt, 'base64'), {
    N: sealed.N ?? SCRYPT.N,
    r: sealed.r ?? SCRYPT.r,
    p: sealed.p ?? SCRYPT.p,
  });
  return open(key, sealed);
}

export function sealWithServerSecret(pkcs8: Buffer, secret: Buffer): SealedKey {
  const salt = randomBytes(16);
  return { kdf: 'server', salt: salt.toString('base64'), ...seal(serverKey(secret, salt), pkcs8) };
}

export function openWithServerSecret(sealed: SealedKey, secret: Buffer): Buffer | null {
  if (sealed.kdf !== 'server') return null;
  return open(serverKey(secret, Buffer.from(sealed.salt, 'base64')), sealed);
}
