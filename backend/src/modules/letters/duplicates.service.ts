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
  // Equalities only (served by indexes); what is void or pending is dropped in memory.
  const live = (letter: IncomingLetter) => letter.status !== 'void' && letter.status !== 'pending';
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
      senderKey: input.senderKey,
      letterNumberKey: input.letterNumberKey,
    }).lean<IncomingLetter[]>();
    same
      .filter(live)
      .sort((a, b) => (a.registeredAt?.getTime() ?? 0) - (b.registeredAt?.getTime() ?? 0))
      .slice(0, 5)
      .forEach((letter) => add(letter, 'same_sender_and_number'));
  }
  if (input.sha256s && input.sha256s.length > 0) {
    // One equality per hash and per owner, merged here ($in is never served by an index).
    const files = (
      await Promise.all(
        [...new Set(input.sha256s)].map((sha256) =>
          StoredFileModel.find({ sha256, ownerType: 'incoming' }, { ownerId: 1 }).limit(20).lean(),
        ),
      )
    ).flat();
    const ownerIds = [...new Set(files.map((f) => String(f.ownerId)))].slice(0, 20);
    const letters = await Promise.all(
      ownerIds.map((id) =>
        IncomingLetterModel.findById(new mongoose.Types.ObjectId(id)).lean<IncomingLetter>(),
      ),
    );
    letters
      .filter((letter): letter is IncomingLetter => Boolean(letter && live(letter)))
      .forEach((letter) => add(letter, 'same_file'));
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
