import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createTestContext } from '../../test/harness.ts';
import { AuditEventModel } from '../modules/audit/audit.model.ts';
import { UserModel } from '../modules/org/org.model.ts';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);

describe('operator commands', async () => {
  const ctx = await createTestContext();
  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    ...inject('stackEnv'),
    LONTAR_MODE: 'production',
    MONGODB_DB: ctx.config.MONGODB_DB,
    S3_BUCKET: ctx.config.S3_BUCKET,
    LOG_LEVEL: 'silent',
    ...extra,
  });
  const cli = (script: string, args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, [path.join(here, script), ...args], { env: env(extra) }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('admin:create makes an admin who can log in, and refuses weak passwords and duplicates', async () => {
    const weak = await cli(
      'admin-create.ts',
      ['--username', 'pengelola', '--name', 'Pengelola Sistem'],
      {
        LONTAR_ADMIN_PASSWORD: 'lontar-demo',
      },
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/terlalu umum/);
    const made = await cli(
      'admin-create.ts',
      ['--username', 'pengelola', '--name', 'Pengelola Sistem'],
      {
        LONTAR_ADMIN_PASSWORD: 'Setda-Lampung-Aman-2026',
      },
    );
    expect(made.code, made.stderr).toBe(0);
    const user = await UserModel.findOne({ username: 'pengelola' }).lean();
    expect(user).toMatchObject({ roles: ['admin'], demoPassword: false, active: true });
    const login = await ctx
      .request()
      .post('/api/auth/login')
      .send({ username: 'pengelola', password: 'Setda-Lampung-Aman-2026' });
    expect(login.status).toBe(200);
    const again = await cli('admin-create.ts', ['--username', 'pengelola', '--name', 'X'], {
      LONTAR_ADMIN_PASSWORD: 'Setda-Lampung-Aman-2026',
    });
    expect(again.code).toBe(1);
    const usage = await cli('admin-create.ts', ['--nama', 'x']);
    expect(usage.code).toBe(2);
  });

  it('audit:verify exits 0 on an intact chain and 1 after tampering', async () => {
    const intact = await cli('audit-verify.ts', []);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/Jejak audit utuh/);
    await AuditEventModel.updateOne({ seq: 1 }, { $set: { recordId: 'lain' } });
    const broken = await cli('audit-verify.ts', []);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/nomor 1 telah diubah/);
  });
});
