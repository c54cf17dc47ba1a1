import type { Actor } from '../../http/actor.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { renderAgendaStamp } from '../documents/agenda-stamp.ts';
import { renderIncomingReceipt } from '../documents/incoming-receipt.ts';
import { fileStorage } from '../files/file-storage.ts';
import { filesOf } from '../files/files.service.ts';
import { ensurePageCount } from '../files/files.routes.ts';
import { canReadLetterContent, hasRegisterAccess } from './letters.policy.ts';
import { RESTRICTED_SUBJECT } from './letters.presenter.ts';
import { loadVisibleLetter } from './letters.service.ts';
import { registerNames } from './registers.service.ts';

/** Tanda terima for the courier. Printed by the desk (register access); the subject of an
 * R/SR letter is printed only for a reader of its content. */
export async function incomingReceiptPdf(
  services: Services,
  actor: Actor,
  id: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const letter = await loadVisibleLetter(actor, id);
  if (!hasRegisterAccess(actor)) throw forbidden('Tanda terima dicetak oleh petugas agenda.');
  if (letter.agendaNumber === null || letter.agendaNumber === undefined)
    throw notFound('Surat masuk');
  const files = await filesOf('incoming', letter._id);
  let pageCount: number | null = 0;
  for (const file of files) {
    try {
      pageCount += await ensurePageCount(services, file);
    } catch {
      pageCount = null;
      break;
    }
  }
  const names = await registerNames();
  const open = canReadLetterContent(actor, letter);
  const pdf = await renderIncomingReceipt({
    agendaNumber: letter.agendaNumber,
    agendaYear: letter.agendaYear,
    registerName: names.get(letter.register) ?? letter.register,
    registeredAt: letter.registeredAt ?? letter.createdAt,
    receivedDate: letter.receivedDate,
    senderName: letter.senderName,
    letterNumber: open ? letter.letterNumber : RESTRICTED_SUBJECT,
    letterDate: letter.letterDate,
    subject: open ? letter.subject : RESTRICTED_SUBJECT,
    urgency: letter.urgency,
    attachments: [
      letter.attachmentCount ? `${letter.attachmentCount}` : '',
      letter.attachmentDescription ?? '',
    ]
      .filter(Boolean)
      .join(' '),
    fileCount: files.length,
    pageCount,
    clerkName: letter.registeredByName,
    reference: String(letter._id),
  });
  return { pdf, fileName: `tanda-terima-agenda-${letter.agendaNumber}-${letter.agendaYear}.pdf` };
}

/** Cap agenda: the first page of the first file with the stamp, as a new PDF. */
export async function incomingStampedPdf(
  services: Services,
  actor: Actor,
  id: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const letter = await loadVisibleLetter(actor, id);
  // The stamped scan is one of the letter's files: unreadable reads as not there, exactly
  // as /api/files does (docs/security.md, "No leaks").
  if (!canReadLetterContent(actor, letter)) throw notFound('Berkas pindaian');
  if (letter.agendaNumber === null || letter.agendaNumber === undefined)
    throw notFound('Surat masuk');
  const [first] = await filesOf('incoming', letter._id);
  if (!first) throw notFound('Berkas pindaian');
  const original = await fileStorage(services.config).getBuffer(first.key);
  const names = await registerNames();
  try {
    const pdf = await renderAgendaStamp(original, first.mimeType, {
      agendaNumber: letter.agendaNumber,
      agendaYear: letter.agendaYear,
      registerName: names.get(letter.register) ?? letter.register,
      registeredAt: letter.registeredAt ?? letter.createdAt,
      receivedDate: letter.receivedDate,
      classificationCode: letter.classificationCode,
    });
    return { pdf, fileName: `cap-agenda-${letter.agendaNumber}-${letter.agendaYear}.pdf` };
  } catch (error) {
    services.logger.warn({ err: error, letterId: id }, 'cap agenda failed');
    throw validationFailed(
      'Halaman pertama berkas tidak dapat dibaca untuk dicap; periksa berkas pindaiannya.',
    );
  }
}
