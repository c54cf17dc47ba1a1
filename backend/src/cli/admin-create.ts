// pnpm admin:create --username <name> --name "<full name>" [--email ..] [--nip ..] [--clearance B|T|R|SR]
// Creates the first (or another) admin account. The password comes from LONTAR_ADMIN_PASSWORD,
// is typed twice on a terminal, or is read from the first line of standard input.
import { z } from 'zod';
import { SECURITY_CLASSES } from '../http/actor.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { hashPassword, passwordProblem } from '../modules/auth/password.ts';
import { UserModel } from '../modules/org/org.model.ts';
import { parseOptions, readSecret, runCommand, UsageError } from './cli-support.ts';

const USAGE =
  'Pemakaian: pnpm admin:create --username <nama-pengguna> --name "<nama lengkap>" ' +
  '[--email <e-mail>] [--nip <18 angka>] [--clearance B|T|R|SR]\n' +
  'Kata sandi: variabel LONTAR_ADMIN_PASSWORD, diketik dua kali, atau baris pertama stdin.';

const input = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9][a-z0-9._-]{2,59}$/,
      'nama pengguna 3–60 karakter: huruf kecil, angka, titik, _ dan -',
    ),
  name: z.string().trim().min(1, 'nama lengkap wajib diisi').max(200),
  email: z.email('e-mail tidak valid').optional(),
  nip: z
    .string()
    .regex(/^\d{18}$/, 'NIP harus 18 angka')
    .optional(),
  clearance: z.enum(SECURITY_CLASSES).default('B'),
});

await runCommand(async () => {
  const raw = parseOptions(
    {
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      nip: { type: 'string' },
      clearance: { type: 'string' },
    },
    USAGE,
  );
  const parsed = input.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      `${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${USAGE}`,
    );
  }
  const options = parsed.data;
  if (await UserModel.exists({ username: options.username })) {
    console.error(`Nama pengguna ${options.username} sudah ada. Pilih nama lain.`);
    return 1;
  }
  const password = await readSecret('LONTAR_ADMIN_PASSWORD', 'Kata sandi admin');
  const problem = passwordProblem(password, { username: options.username });
  if (problem) {
    console.error(problem);
    return 1;
  }
  const created = await UserModel.create({
    username: options.username,
    name: options.name,
    email: options.email ?? null,
    nip: options.nip ?? null,
    phone: null,
    rank: null,
    grade: null,
    roles: ['admin'],
    clearance: options.clearance,
    active: true,
    passwordHash: await hashPassword(password),
    passwordChangedAt: new Date(),
    demoPassword: false,
    deactivatedAt: null,
  });
  await recordAudit({
    actor: null,
    systemName: 'pnpm admin:create',
    action: 'org.user.create',
    recordType: 'user',
    recordId: String(created._id),
    after: {
      username: created.username,
      name: created.name,
      roles: ['admin'],
      clearance: options.clearance,
    },
  });
  console.log(`Akun admin ${created.username} dibuat.`);
  return 0;
});
