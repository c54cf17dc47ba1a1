import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Test helper: poppler's `pdfsig` (Debian poppler-utils, installed by infra/bootstrap.sh) on
 * a PDF, optionally with one or more CAs trusted through a fresh NSS database (`certutil`, from
 * libnss3-tools). Returns its report; pdfsig exits non-zero for an invalid signature.
 */
const run = promisify(execFile);

export interface PdfsigReport {
  output: string;
  signerNames: string[];
  signatureValid: boolean;
  certificateTrusted: boolean;
}

export async function pdfsig(
  pdf: Buffer,
  caCertificateDer?: Buffer | Buffer[],
): Promise<PdfsigReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lontar-pdfsig-'));
  try {
    const file = path.join(dir, 'signed.pdf');
    await writeFile(file, pdf);
    const nss = path.join(dir, 'nss');
    const args = [file];
    const cas = caCertificateDer === undefined ? [] : [caCertificateDer].flat();
    if (cas.length) {
      await run('mkdir', ['-p', nss]);
      await run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
      for (const [i, der] of cas.entries()) {
        const ca = path.join(dir, `ca-${i}.cer`);
        await writeFile(ca, der);
        await run('certutil', [
          '-A',
          '-d',
          `sql:${nss}`,
          '-n',
          `lontar-ca-${i}`,
          '-t',
          'CT,C,C',
          '-i',
          ca,
        ]);
      }
      args.unshift('-nssdir', `sql:${nss}`);
    }
    const output = await run('pdfsig', args).then(
      (r) => r.stdout + r.stderr,
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    return {
      output,
      signerNames: [...output.matchAll(/Signer Certificate Common Name: (.*)/g)].map((m) =>
        m[1]!.trim(),
      ),
      signatureValid: /Signature Validation: Signature is Valid\./.test(output),
      certificateTrusted: /Certificate Validation: Certificate is Trusted\./.test(output),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
