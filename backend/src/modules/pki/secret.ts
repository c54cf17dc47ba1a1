import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The server secret that encrypts the CA private key at rest. From `PKI_SECRET` (at least
 * 32 characters) when set; otherwise a random 32-byte file `pki/secret.key` in the data
 * folder (LONTAR_DATA_DIR, else ./data), created 0600 on first start. Back it up with the
 * data folder: without it the CA cannot sign (new certificates, CRLs), though everything
 * already signed still verifies. Test mode uses a fixed value.
 */
const env = z.object({
  PKI_SECRET: z.string().min(32, 'PKI_SECRET minimal 32 karakter').optional(),
  LONTAR_DATA_DIR: z.string().optional(),
});

let cached: Buffer | null = null;

export async function serverSecret(mode: string): Promise<Buffer> {
  if (cached) return cached;
  const settings = env.parse(process.env);
  if (settings.PKI_SECRET) cached = Buffer.from(settings.PKI_SECRET, 'utf8');
  else if (mode === 'test') cached = Buffer.from('lontar-test-pki-secret-0123456789');
  else
    cached = await fileSecret(
      path.resolve(settings.LONTAR_DATA_DIR ?? 'data', 'pki', 'secret.key'),
    );
  return cached;
}

async function fileSecret(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': a second process starting at the same moment reads the first one's file.
    await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFile(file);
}
