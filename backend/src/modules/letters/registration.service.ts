import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkClassificationCode } from '../classification/classification.service.ts';
import { learnClassification } from '../classification/classification-suggestion.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { StoredFileModel } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { recordFiles, removeOwnerFiles } from '../files/files.service.ts';
import { removeKeys, type ReceivedFile } from '../files/upload.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { allocateNumber, currentValue } from '../numbering/numbering.service.ts';
import { findDuplicates, duplicateError } from './duplicates.service.ts';
import {
  agendaBucketOf,
  agendaKeyOf,
  bucketOfNumber,
  AGENDA_BUCKET_SIZE,
  letterKeys,
  letterNumberKeyOf,
  pendingKeyOf,
  senderKeyOf,
  senderPrefixesOf,
} from './letters.keys.ts';
import { queueTouchKeys } from './queue.keys.ts';
import { IncomingLetterModel, SenderModel, type IncomingLetter } from './letters.model.ts';
import { registrationDataSchema, type RegistrationData } from './letters.schema.ts';
import { auditSnapshot, publishLetter } from './letters.side-effects.ts';
import { AGENDA_SYNC_DUE, syncIncomingAgenda } from '../agenda/agenda-sync.ts';
import { resolvePositions } from './positions.ts';
import { resolveRegister } from './registers.service.ts';
import { UNRECORDED_CHANNEL, type IncomingChannel } from './sender-category.ts';
import { suggestSenderCategory } from './sender-category.service.ts';

export interface RegistrationInput {
  actor: Actor;
  /** Chosen before the upload, so the objects already sit under the letter's folder. */
  letterId: mongoose.Types.ObjectId;
  year: number;
  /** The raw `data` part (JSON text). */
  data: string | undefined;
  files: ReceivedFile[];
  storage: FileStorage;
  logger: Logger;
  ip?: string;
  /** Set by the system for letters that did not come through the desk (an internal letter
   * dispatched through Lontar: `lontar`); otherwise the clerk's choice in `data`. */
  channel?: IncomingChannel;
}

/**
 * Registers an incoming letter whose files are already in the bucket.
 *
 * Order (no transactions): objects (done by the caller) → validate everything → pending
 * letter + file records → agenda number (the claim turns the pending letter into a
 * registered one in one single-document update; see numbering.service.ts). Anything that
 * fails before the claim consumes no number and removes the records and the objects at
 * once; a crash leaves a pending letter or orphan objects for the sweepers. After the claim
 * the registration stands; OCR, audit and search are then appended (idempotent steps).
 */
export async function registerIncomingLetter(
  input: RegistrationInput,
): Promise<{ letter: IncomingLetter; files: ReceivedFile[] }> {
  let pendingInserted = false;
  try {
    const data = parseData(input.data);
    if (input.files.length === 0)
      throw validationFailed('Unggah minimal satu berkas pindaian surat.');
    const register = await resolveRegister(data.register);
    const classification = await checkClassificationCode(data.classificationCode);
    if (!classification) {
      throw validationFailed(
        `Kode klasifikasi "${data.classificationCode}" tidak dikenal. Pilih kode dari daftar klasifikasi.`,
      );
    }
    const positions = await resolvePositions(data.addresseePositionId, data.copyPositionIds ?? []);
    const senderKey = senderKeyOf(data.senderName);
    const letterNumberKey = letterNumberKeyOf(data.letterNumber);
    if (!data.confirmDuplicate) {
      const duplicates = await findDuplicates({
        senderKey,
        letterNumberKey,
        sha256s: input.files.map((f) => f.sha256),
      });
      if (duplicates.length > 0) throw duplicateError(duplicates);
    }

    const senderCategory =
      data.senderCategory ?? (await suggestSenderCategory(data.senderName, data.notes)).category;
    const today = jakartaDateString(now());
    const receivedDate = data.receivedDate ?? today;
    if (receivedDate > today)
      throw validationFailed('Tanggal terima tidak boleh setelah hari ini.');
    // A letter dated after its receipt is odd but happens (letters prepared ahead, typos on
    // the letter itself); it is registered as printed, not refused.

    await IncomingLetterModel.create({
      _id: input.letterId,
      status: 'pending',
      register: register.code,
      agendaYear: input.year,
      agendaNumber: null,
      agendaKey: pendingKeyOf(String(input.letterId)),
      senderName: data.senderName,
      senderKey,
      senderCategory,
      channel: input.channel ?? data.channel ?? UNRECORDED_CHANNEL,
      letterNumber: data.letterNumber,
      letterNumberKey,
      letterDate: data.letterDate,
      receivedDate,
      subject: data.subject,
      summary: data.summary ?? '',
      attachmentCount: data.attachmentCount ?? 0,
      attachmentDescription: data.attachmentDescription ?? '',
      classificationCode: data.classificationCode,
      securityClass: data.securityClass,
      urgency: data.urgency,
      kind: data.kind ?? null,
      notes: data.notes ?? '',
      // The undangan's event rides on the letter write itself, so the agenda entries made
      // after the claim can be made again by the repair (agenda/agenda-sync.ts).
      ...(data.event ? { invitationEvent: data.event, agendaSyncKey: AGENDA_SYNC_DUE } : {}),
      addresseePositionId: positions.addressee._id,
      copyPositionIds: positions.copies.map((p) => p._id),
      chainPositionIds: positions.chainIds,
      disposedPositionIds: [],
      readerPositionIds: positions.readerIds,
      registeredBy: new mongoose.Types.ObjectId(input.actor.userId),
      registeredByName: input.actor.name,
      fileCount: input.files.length,
    });
    pendingInserted = true;
    await recordFiles(
      'incoming',
      input.letterId,
      input.files,
      data.securityClass,
      input.actor.userId,
    );

    const series = `incoming:${register.code}`;
    await allocateNumber({
      series,
      year: input.year,
      peek: () => highestAgendaNumber(series, register.code, input.year),
      claim: async (number) => {
        try {
          const result = await IncomingLetterModel.updateOne(
            { _id: input.letterId, status: 'pending' },
            {
              $set: {
                status: 'registered',
                agendaNumber: number,
                agendaKey: agendaKeyOf(register.code, input.year, number),
                registeredAt: now(),
                // The letter enters the register's and its positions' buckets with its number.
                ...letterKeys({
                  status: 'registered',
                  register: register.code,
                  agendaYear: input.year,
                  agendaNumber: number,
                  addresseePositionId: positions.addressee._id,
                  copyPositionIds: positions.copies.map((p) => p._id),
                  readerPositionIds: positions.readerIds,
                  readPositionIds: [],
                  urgency: data.urgency,
                  receivedDate,
                }),
              },
              // It enters its addressee's and copies' queues (queue-state.ts).
              $addToSet: {
                queueTouchKeys: {
                  $each: queueTouchKeys(
                    [positions.addressee._id, ...positions.copies.map((p) => p._id)],
                    now(),
                  ),
                },
              },
            },
          );
          if (result.matchedCount === 0)
            throw new AppError(
              409,
              'CONFLICT',
              'Pendaftaran surat ini sudah tidak berlaku. Ulangi pendaftaran.',
            );
          return 'claimed';
        } catch (error) {
          if (isDuplicateKey(error)) return 'taken';
          throw error;
        }
      },
    });
  } catch (error) {
    await discardRegistration(input, pendingInserted);
    throw error;
  }

  const letter = (await IncomingLetterModel.findById(input.letterId).lean<IncomingLetter>())!;
  await afterRegistration(letter, input);
  return { letter, files: input.files };
}

/** The highest agenda number letters hold in a (register, year): from the counter up, a
 * bucket at a time, without sorting the year (the counter may lag after a crash). */
export async function highestAgendaNumber(
  series: string,
  register: string,
  year: number,
): Promise<number> {
  let top = await currentValue(series, year);
  for (let bucket = bucketOfNumber(top); ; bucket++) {
    const held = await IncomingLetterModel.find(
      { agendaBucket: agendaBucketOf(register, year, bucket) },
      { agendaNumber: 1 },
    ).lean<Array<{ agendaNumber: number | null }>>();
    const numbers = held.map((l) => l.agendaNumber ?? 0);
    top = Math.max(top, ...numbers);
    // A bucket not yet full is where the numbers end.
    if (top < (bucket + 1) * AGENDA_BUCKET_SIZE - 1) return top;
  }
}

function parseData(raw: string | undefined): RegistrationData {
  if (!raw) throw validationFailed('Bagian "data" (JSON keterangan surat) wajib dikirim.');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw validationFailed('Bagian "data" bukan JSON yang valid.');
  }
  const result = registrationDataSchema.safeParse(json);
  if (!result.success) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      'Data yang dikirim tidak valid. Periksa kembali isian yang ditandai.',
      {
        in: 'data',
        issues: result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
      },
    );
  }
  return result.data;
}

/** Removes everything a failed registration wrote: records first, then objects. */
async function discardRegistration(
  input: RegistrationInput,
  pendingInserted: boolean,
): Promise<void> {
  try {
    if (pendingInserted) {
      await StoredFileModel.deleteMany({ ownerType: 'incoming', ownerId: input.letterId });
      await IncomingLetterModel.deleteOne({ _id: input.letterId, status: 'pending' });
    }
  } catch (error) {
    input.logger.error(
      { err: error, letterId: String(input.letterId) },
      'could not discard a failed registration; the sweeper will',
    );
  }
  await removeKeys(
    input.storage,
    input.files.map((f) => f.key),
  );
}

/** Steps after the number is held. Each is idempotent; a failure is logged and does not
 * undo the registration (the letter is already in the register). */
async function afterRegistration(letter: IncomingLetter, input: RegistrationInput): Promise<void> {
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['sender', () => rememberSender(letter.senderName, letter.senderCategory ?? undefined)],
    // The clerk's code becomes evidence for the next letter of this sender and subject.
    [
      'classification tally',
      () =>
        learnClassification({
          senderName: letter.senderName,
          subject: letter.subject,
          classificationCode: letter.classificationCode,
          securityClass: letter.securityClass,
        }),
    ],
    ...input.files.map((file): [string, () => Promise<unknown>] => [
      `ocr ${String(file.fileId)}`,
      () => enqueueJob('ocr', `ocr:${String(file.fileId)}`, { fileId: String(file.fileId) }),
    ]),
    [
      'audit',
      () =>
        recordAudit({
          actor: input.actor,
          action: 'incoming.register',
          recordType: 'incoming-letter',
          recordId: String(letter._id),
          after: auditSnapshot(letter),
          ip: input.ip ?? null,
        }),
    ],
    ['search', () => publishLetter(letter)],
  ];
  // A Surat Undangan with its event confirmed: an entry on the addressee's agenda (if this
  // step fails, `agendaSyncKey` stays 'due' and the agenda repair makes it).
  if (letter.agendaSyncKey) steps.push(['agenda', () => syncIncomingAgenda(letter)]);
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      input.logger.error(
        { err: error, step: name, letterId: String(letter._id) },
        'after-registration step failed',
      );
    }
  }
}

/** The sender enters (or climbs) the address book with the category the clerk confirmed:
 * the next letter of this sender is offered it. */
export async function rememberSender(name: string, category?: string): Promise<void> {
  const nameKey = senderKeyOf(name);
  const set = { name, lastUsedAt: now(), ...(category ? { category } : {}) };
  try {
    await SenderModel.updateOne(
      { nameKey },
      {
        $set: set,
        $inc: { useCount: 1 },
        $setOnInsert: { nameKey, prefixes: senderPrefixesOf(nameKey) },
      },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await SenderModel.updateOne({ nameKey }, { $set: set, $inc: { useCount: 1 } });
  }
}

/** Pending registrations older than the grace period were abandoned by a crash: remove
 * their records and objects. Registered letters are never touched. */
export async function sweepAbandonedRegistrations(
  storage: FileStorage,
  graceMs: number,
): Promise<number> {
  const cutoff = new Date(now().getTime() - graceMs);
  const abandoned = await IncomingLetterModel.find(
    { status: 'pending', createdAt: { $lt: cutoff } },
    { _id: 1 },
  ).lean();
  for (const { _id } of abandoned) {
    await removeOwnerFiles(storage, 'incoming', _id);
    await IncomingLetterModel.deleteOne({ _id, status: 'pending' });
  }
  return abandoned.length;
}
