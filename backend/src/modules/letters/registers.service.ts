import { isDuplicateKey } from '../../lib/upsert.ts';
import { conflict, validationFailed } from '../../http/errors.ts';
import { IncomingRegisterModel, type IncomingRegister } from './letters.model.ts';

export const DEFAULT_REGISTER = {
  code: 'SETDA',
  name: 'Buku Agenda Surat Masuk Sekretariat Daerah',
};

/** Idempotent: creates the central register when no register exists yet. */
export async function seedDefaultRegister(): Promise<void> {
  try {
    await IncomingRegisterModel.updateOne(
      { code: DEFAULT_REGISTER.code },
      { $setOnInsert: { ...DEFAULT_REGISTER, isDefault: true, active: true } },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export async function listRegisters(): Promise<IncomingRegister[]> {
  return IncomingRegisterModel.find({ active: true })
    .sort({ isDefault: -1, code: 1 })
    .lean<IncomingRegister[]>();
}

/** The register a registration goes to: the one named, else the default one. */
export async function resolveRegister(code: string | undefined): Promise<IncomingRegister> {
  if (code) {
    const register = await IncomingRegisterModel.findOne({
      code,
      active: true,
    }).lean<IncomingRegister>();
    if (!register) throw validationFailed(`Buku agenda "${code}" tidak dikenal.`);
    return register;
  }
  const fallback = await IncomingRegisterModel.findOne({
    isDefault: true,
    active: true,
  }).lean<IncomingRegister>();
  if (fallback) return fallback;
  await seedDefaultRegister();
  return (await IncomingRegisterModel.findOne({
    code: DEFAULT_REGISTER.code,
  }).lean<IncomingRegister>())!;
}

export async function registerNames(): Promise<Map<string, string>> {
  const all = await IncomingRegisterModel.find({}).lean<IncomingRegister[]>();
  return new Map(all.map((r) => [r.code, r.name]));
}

export async function createRegister(code: string, name: string): Promise<IncomingRegister> {
  try {
    const created = await IncomingRegisterModel.create({
      code,
      name,
      isDefault: false,
      active: true,
    });
    return created.toObject() as IncomingRegister;
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict(`Buku agenda dengan kode "${code}" sudah ada.`);
    throw error;
  }
}
