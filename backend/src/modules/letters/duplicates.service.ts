import mongoose from 'mongoose';
import { AppError } from '../../http/errors.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';

export interface DuplicateHit {
  letterId: string;
  agendaNumber: number | null;
  agendaYear: number;
  register: string;
  receivedDate: string;
  reason: 'same_sender_and_number' | 'same_file';
}

/** Earlier registrations (not void, not pending) that look like the same letter: the same
 * sender with the same letter number, or a file with the same bytes. */
export async function findDuplicates(input: {
  senderKey?: string;
  letterNumberKey?: string;
  sha256s?: string[];
  excludeId?: mongoose.Types.ObjectId;
}): Promise<DuplicateHit[]> {
  const live = { status: { $nin: ['void', 'pending'] as Array<'void' | 'pending'> } };
  const hits = new Map<string, DuplicateHit>();
  const add = (letter: IncomingLetter, reason: DuplicateHit['reason']) => {
    const id = String(letter._id);
    if (input.excludeId && id === String(input.excludeId)) return;
    if (!hits.has(id)) {
      hits.set(id, {
        letterId: id,
        agendaNumber: letter.agendaNumber ?? null,
        agendaYear: letter.agendaYear,
        register: letter.register,
        receivedDate: letter.receivedDate,
        reason,
      });
    }
  };
  if (input.senderKey && input.letterNumberKey) {
    const same = await IncomingLetterModel.find({
      ...live,
      senderKey: input.senderKey,
      letterNumberKey: input.letterNumberKey,
    })
      .sort({ registeredAt: 1 })
      .limit(5)
      .lean<IncomingLetter[]>();
    same.forEach((letter) => add(letter, 'same_sender_and_number'));
  }
  if (input.sha256s && input.sha256s.length > 0) {
    const files = await StoredFileModel.find(
      { ownerType: 'incoming', sha256: { $in: input.sha256s } },
      { ownerId: 1 },
    )
      .limit(20)
      .lean();
    const ownerIds = [...new Set(files.map((f) => String(f.ownerId)))].map(
      (id) => new mongoose.Types.ObjectId(id),
    );
    if (ownerIds.length > 0) {
      const letters = await IncomingLetterModel.find({ ...live, _id: { $in: ownerIds } }).lean<
        IncomingLetter[]
      >();
      letters.forEach((letter) => add(letter, 'same_file'));
    }
  }
  return [...hits.values()];
}

export function duplicateError(hits: DuplicateHit[]): AppError {
  const first = hits[0]!;
  const what =
    first.reason === 'same_file'
      ? 'berkas pindaian yang sama'
      : 'pengirim dan nomor surat yang sama';
  return new AppError(
    409,
    'DUPLICATE_SUSPECTED',
    `Surat dengan ${what} sudah tercatat dengan nomor agenda ${first.agendaNumber}/${first.agendaYear}. Periksa surat tersebut; bila memang surat lain, konfirmasi untuk tetap mendaftarkan.`,
    { letterId: first.letterId, duplicates: hits },
  );
}
