import mongoose from 'mongoose';
import type { Services } from '../../services.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { ensureAuthority } from './ca.service.ts';
import { certificatesOf, ensureDemoCertificate, isDemoAccount } from './certificates.service.ts';

/**
 * Start-up: the instansi CA exists (created on first start, idempotent). In the embedded
 * default, the demo officials (role pejabat) get their signing certificates with the
 * passphrase `lontar-demo`, beside serving: RSA key generation and scrypt take about a
 * second each on a busy box. A demo official who signs before that finishes gets theirs
 * on the spot (certificates.service.ts).
 */
export async function pkiStartupTask(services: Services): Promise<void> {
  await ensureAuthority(services);
  if (services.config.LONTAR_MODE !== 'embedded') return;
  void issueDemoCertificates(services).catch((error: unknown) =>
    services.logger.warn({ err: error }, 'demo signing certificates not issued'),
  );
}

async function issueDemoCertificates(services: Services): Promise<void> {
  const officials = await UserModel.find({ roles: 'pejabat', active: true }).lean<
    (User & { _id: mongoose.Types.ObjectId })[]
  >();
  let issued = 0;
  for (const user of officials) {
    if (!isDemoAccount(services, user)) continue;
    if ((await certificatesOf(String(user._id))).length) continue;
    if (await ensureDemoCertificate(services, String(user._id))) issued += 1;
  }
  if (issued) services.logger.info({ issued }, 'demo signing certificates issued (lontar-demo)');
}
