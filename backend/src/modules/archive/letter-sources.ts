import mongoose from 'mongoose';
import { clearanceAllows, type Actor, type SecurityClass } from '../../http/actor.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { canReadImportedLetter, readableImportedClasses } from '../import/import.policy.ts';
import { ImportedLetterModel, type ImportedLetter } from '../import/import.model.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import { canReadLetterContent, visibleLettersFilter } from '../letters/letters.policy.ts';
import { OutgoingLetterModel, type OutgoingLetter } from '../outgoing/outgoing.model.ts';
import {
  canSee as canSeeOutgoing,
  visibleFilter as visibleOutgoingFilter,
} from '../outgoing/outgoing.policy.ts';
import { BerkasItemModel, type ItemType } from './berkas.model.ts';
import { escapeRegex } from '../../lib/regex.ts';

/** What the archive keeps of a letter it files, whatever kind of letter it is. */
export interface LetterSnapshot {
  letterType: ItemType;
  letterId: mongoose.Types.ObjectId;
  letterNumber: string;
  letterDate: string | null;
  party: string;
  subject: string;
  classificationCode: string;
  securityClass: SecurityClass;
  letterYear: number;
  agendaNumber: string;
}

export const RESTRICTED = 'RAHASIA';
const SIGNED = ['signed', 'sent'];

function incomingSnapshot(letter: IncomingLetter): LetterSnapshot {
  return {
    letterType: 'incoming',
    letterId: letter._id,
    letterNumber: letter.letterNumber,
    letterDate: letter.letterDate,
    party: letter.senderName,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass as SecurityClass,
    letterYear: letter.agendaYear,
    agendaNumber: letter.agendaNumber ? `${letter.agendaNumber}/${letter.agendaYear}` : '',
  };
}

function outgoingSnapshot(letter: OutgoingLetter): LetterSnapshot {
  const date = letter.signedAt ? jakartaDateString(letter.signedAt) : null;
  return {
    letterType: 'outgoing',
    letterId: letter._id,
    letterNumber: letter.number ?? '',
    letterDate: date,
    party: (letter.recipients ?? []).map((r) => r.label).join('; '),
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass as SecurityClass,
    letterYear: letter.numberYear ?? Number((date ?? '0000').slice(0, 4)),
    agendaNumber: '',
  };
}

function importedSnapshot(letter: ImportedLetter): LetterSnapshot {
  return {
    letterType: 'imported',
    letterId: letter._id,
    letterNumber: letter.letterNumber,
    letterDate: letter.letterDate,
    party: letter.party,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass as SecurityClass,
    letterYear: Number(letter.letterDate.slice(0, 4)),
    agendaNumber: letter.agendaNumber ?? '',
  };
}

/** The letter as the actor may file it: it exists, is final (registered, signed or
 * imported), the actor may read it and is cleared for its class. */
export async function loadFilableLetter(
  actor: Actor,
  type: ItemType,
  id: string,
): Promise<LetterSnapshot> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Surat');
  let snapshot: LetterSnapshot;
  if (type === 'incoming') {
    const letter = await IncomingLetterModel.findById(id).lean<IncomingLetter>();
    if (!letter || letter.status === 'pending') throw notFound('Surat masuk');
    if (!canReadLetterContent(actor, letter))
      throw forbidden('Anda tidak berwenang membuka surat masuk ini.');
    if (letter.status === 'void')
      throw conflict(`Surat ${letter.letterNumber} sudah dibatalkan dan tidak diberkaskan.`);
    snapshot = incomingSnapshot(letter);
  } else if (type === 'outgoing') {
    const letter = await OutgoingLetterModel.findById(id).lean<OutgoingLetter>();
    if (!letter || !canSeeOutgoing(actor, letter)) throw notFound('Surat keluar');
    if (!SIGNED.includes(letter.status))
      throw conflict('Surat keluar baru dapat diberkaskan setelah ditandatangani.');
    snapshot = outgoingSnapshot(letter);
  } else {
    const letter = await ImportedLetterModel.findById(id).lean<ImportedLetter>();
    if (!letter || letter.status !== 'imported') throw notFound('Surat hasil impor');
    if (!canReadImportedLetter(actor, letter))
      throw forbidden('Anda tidak berwenang membuka surat ini.');
    snapshot = importedSnapshot(letter);
  }
  if (!clearanceAllows(actor.clearance, snapshot.securityClass)) {
    throw forbidden(
      `Surat berklasifikasi ${snapshot.securityClass} hanya dapat diberkaskan oleh pengguna dengan izin akses ${snapshot.securityClass} atau lebih tinggi.`,
    );
  }
  return snapshot;
}

export async function fileCountOf(type: ItemType, id: mongoose.Types.ObjectId): Promise<number> {
  const ownerType = type === 'imported' ? 'import' : type;
  const files = await StoredFileModel.countDocuments({ ownerType, ownerId: id });
  if (type !== 'outgoing') return files;
  const letter = await OutgoingLetterModel.findById(id, { final: 1 }).lean<OutgoingLetter>();
  return files + (letter?.final ? 1 : 0);
}

export interface UnfiledQuery {
  type: ItemType;
  year: number;
  code?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface UnfiledLetter extends Omit<LetterSnapshot, 'letterId'> {
  id: string;
  /** False when the actor sees that the letter exists but may not read or file it. */
  canFile: boolean;
}

/** Letters of a year that sit in no berkas yet, so nothing is forgotten. */
export async function listUnfiled(
  actor: Actor,
  query: UnfiledQuery,
): Promise<{ items: UnfiledLetter[]; total: number }> {
  const filed = (
    await BerkasItemModel.find(
      { letterType: query.type, letterYear: query.year },
      { letterId: 1 },
    ).lean()
  ).map((i) => i.letterId);
  const codeFilter = query.code
    ? { classificationCode: { $regex: `^${escapeRegex(query.code)}(\\.|$)` } }
    : {};
  const subjectFilter = query.q ? { subject: { $regex: escapeRegex(query.q), $options: 'i' } } : {};
  const skip = (query.page - 1) * query.pageSize;
  const base = { _id: { $nin: filed }, ...codeFilter, ...subjectFilter };

  if (query.type === 'incoming') {
    const filter = {
      $and: [
        visibleLettersFilter(actor),
        { status: { $nin: ['pending', 'void'] }, agendaYear: query.year, ...base },
      ],
    };
    const [letters, total] = await Promise.all([
      IncomingLetterModel.find(filter)
        .sort({ agendaNumber: 1 })
        .skip(skip)
        .limit(query.pageSize)
        .lean<IncomingLetter[]>(),
      IncomingLetterModel.countDocuments(filter),
    ]);
    return {
      total,
      items: letters.map((l) =>
        present(incomingSnapshot(l), canReadLetterContent(actor, l), actor),
      ),
    };
  }
  if (query.type === 'outgoing') {
    const filter = {
      $and: [
        visibleOutgoingFilter(actor),
        { status: { $in: SIGNED }, numberYear: query.year, ...base },
      ],
    };
    const [letters, total] = await Promise.all([
      OutgoingLetterModel.find(filter)
        .sort({ signedAt: 1 })
        .skip(skip)
        .limit(query.pageSize)
        .lean<OutgoingLetter[]>(),
      OutgoingLetterModel.countDocuments(filter),
    ]);
    return { total, items: letters.map((l) => present(outgoingSnapshot(l), true, actor)) };
  }
  const filter: Record<string, unknown> = {
    status: 'imported',
    securityClass: { $in: readableImportedClasses(actor) },
    letterDate: { $gte: `${query.year}-01-01`, $lte: `${query.year}-12-31` },
    ...base,
  };
  const [letters, total] = await Promise.all([
    ImportedLetterModel.find(filter)
      .sort({ letterDate: 1, _id: 1 })
      .skip(skip)
      .limit(query.pageSize)
      .lean<ImportedLetter[]>(),
    ImportedLetterModel.countDocuments(filter),
  ]);
  return { total, items: letters.map((l) => present(importedSnapshot(l), true, actor)) };
}

function present(snapshot: LetterSnapshot, readable: boolean, actor: Actor): UnfiledLetter {
  const { letterId, ...rest } = snapshot;
  const canFile = readable && clearanceAllows(actor.clearance, snapshot.securityClass);
  return {
    ...rest,
    id: String(letterId),
    subject: readable ? rest.subject : RESTRICTED,
    letterNumber: readable ? rest.letterNumber : '',
    canFile,
  };
}
