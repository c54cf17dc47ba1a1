import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { StoredFile } from '../files/file.model.ts';
import { jakartaDate } from '../calendar/dates.ts';
import { filesOf } from '../files/files.service.ts';
import { refusalReason } from './chain.ts';
import { completeAnsweredDisposition } from './disposition-bridge.ts';
import { auditView, changeActor, loadVisible } from './drafts.service.ts';
import { deliverInternally } from './inbox-bridge.ts';
import type { OutgoingLetter, OutgoingStatus } from './outgoing.model.ts';
import { canDispatch } from './outgoing.policy.ts';
import type { DispatchInput } from './outgoing.schema.ts';
import { publishOutgoing } from './search-bridge.ts';
import { kindDefinition, type OutgoingKind } from './templates/kinds.ts';
import { commitChange, currentState } from './transitions.ts';

/**
 * Dispatch (pengiriman): internal recipients receive the letter in their inbox as an
 * internal incoming letter; external recipients get a dispatch record (courier, post,
 * hand delivery, or e-mail with the PDF when SMTP is configured) with date and proof.
 * May be called again to record external dispatches made later; what was delivered is
 * never delivered twice.
 */
export async function dispatchLetter(
  services: Services,
  actor: Actor,
  id: string,
  input: DispatchInput,
  ip?: string,
): Promise<OutgoingLetter> {
  const letter = await loadVisible(actor, id);
  if (!canDispatch(actor, letter)) throw forbidden('Anda tidak berwenang mengirim surat ini.');
  if (letter.status !== 'signed' && letter.status !== 'sent') {
    throw conflict(
      refusalReason(letter.status as OutgoingStatus, 'dispatch'),
      currentState(letter),
    );
  }
  const at = now();
  const done = new Set(
    letter.dispatches
      .filter((d) => d.status === 'sent' && d.recipientIndex !== null)
      .map((d) => d.recipientIndex),
  );
  for (const entry of input.external) {
    const recipient = letter.recipients[entry.recipientIndex];
    if (!recipient || recipient.type !== 'external')
      throw validationFailed(
        `Tujuan nomor ${entry.recipientIndex + 1} bukan tujuan eksternal surat ini.`,
      );
    if (done.has(entry.recipientIndex))
      throw conflict(`Pengiriman kepada ${recipient.label} sudah dicatat.`);
    if (entry.method === 'email' && !services.config.SMTP_URL)
      throw validationFailed(
        'Pengiriman melalui pos-el belum dikonfigurasi di server ini. Pilih cara kirim lain.',
      );
    if (entry.method === 'email' && !recipient.email)
      throw validationFailed(`Alamat pos-el ${recipient.label} belum diisi pada konsep.`);
    if (entry.sentDate && entry.sentDate > jakartaDate(at))
      throw validationFailed(
        `Tanggal kirim kepada ${recipient.label} tidak boleh setelah hari ini.`,
      );
  }
  const pdf = await services.storage.getBuffer(letter.final!.key);
  const attachments = await filesOf('outgoing', letter._id);
  const recorder = {
    recordedByUserId: new mongoose.Types.ObjectId(actor.userId),
    recordedByName: actor.name,
  };
  const fresh: Array<Record<string, unknown>> = [];

  // Internal recipients: each its own incoming letter; internal tembusan ride on the first.
  const internal = letter.recipients
    .map((r, index) => ({ r, index }))
    .filter(({ r, index }) => r.type === 'internal' && r.positionId && !done.has(index));
  const copyIds = letter.carbonCopies.flatMap((c) => (c.positionId ? [c.positionId] : []));
  const firstDelivery = letter.dispatches.every((d) => d.type !== 'internal' && d.type !== 'copy');
  for (const [n, { r, index }] of internal.entries()) {
    const incomingLetterId = await deliverInternally(
      services,
      actor,
      letter,
      r.positionId!,
      firstDelivery && n === 0 ? copyIds : [],
      pdf,
      attachments,
    );
    fresh.push({
      recipientIndex: index,
      type: 'internal',
      label: r.label,
      positionId: r.positionId,
      method: 'internal',
      sentAt: at,
      proof: 'Kotak masuk Lontar',
      incomingLetterId,
      status: 'sent',
      ...recorder,
    });
  }
  if (firstDelivery && internal.length === 0) {
    for (const positionId of copyIds) {
      const incomingLetterId = await deliverInternally(
        services,
        actor,
        letter,
        positionId,
        [],
        pdf,
        attachments,
      );
      const label =
        letter.carbonCopies.find((c) => String(c.positionId) === String(positionId))?.label ??
        'Tembusan';
      fresh.push({
        recipientIndex: null,
        type: 'copy',
        label,
        positionId,
        method: 'internal',
        sentAt: at,
        proof: 'Kotak masuk Lontar (tembusan)',
        incomingLetterId,
        status: 'sent',
        ...recorder,
      });
    }
  }

  for (const entry of input.external) {
    const recipient = letter.recipients[entry.recipientIndex]!;
    // The clerk gives a day, not an hour: the day is kept as such and no time is invented
    // (`sentAt` is the moment of recording when that day is today, else the day's start).
    const sentDate = entry.sentDate ?? null;
    const sentAt =
      !sentDate || sentDate === jakartaDate(at) ? at : new Date(`${sentDate}T00:00:00+07:00`);
    let proof = entry.proof ?? null;
    if (entry.method === 'email')
      proof = await sendByEmail(services, letter, recipient.email!, pdf, attachments);
    fresh.push({
      recipientIndex: entry.recipientIndex,
      type: 'external',
      label: recipient.label,
      positionId: null,
      method: entry.method,
      sentAt,
      sentDate,
      proof,
      email: recipient.email ?? null,
      status: 'sent',
      ...recorder,
    });
  }
  if (fresh.length === 0 && letter.status === 'sent')
    throw validationFailed('Tidak ada pengiriman baru untuk dicatat.');

  const participants = new Set((letter.participantPositionIds ?? []).map(String));
  for (const entry of fresh) if (entry.positionId) participants.add(String(entry.positionId));
  for (const id of copyIds) participants.add(String(id));
  const after = await commitChange({
    letter,
    action: 'dispatch',
    // The desk's own position, as the audit trail names it (the history's sentence says who).
    actor: changeActor(actor, actor.positions.find((p) => !p.acting)?.title ?? null),
    set: {
      dispatches: [...letter.dispatches, ...fresh],
      sentAt: letter.sentAt ?? at,
      participantPositionIds: [...participants].map((p) => new mongoose.Types.ObjectId(p)),
    },
  });
  await recordAudit({
    actor,
    action: 'outgoing.dispatch',
    recordType: 'outgoing-letter',
    recordId: id,
    before: auditView(letter),
    after: {
      ...auditView(after),
      dispatched: fresh.map((f) => `${f.label} (${f.method})`).join('; '),
    },
    ip,
  });
  await publishOutgoing(after);
  return completeAnsweredDisposition(services, after);
}

async function sendByEmail(
  services: Services,
  letter: OutgoingLetter,
  to: string,
  pdf: Buffer,
  lampiran: StoredFile[],
): Promise<string> {
  const definition = kindDefinition(letter.kind as OutgoingKind);
  try {
    const transport = nodemailer.createTransport(services.config.SMTP_URL!);
    const info = await transport.sendMail({
      from: services.config.SMTP_FROM,
      to,
      subject: `${definition.label} ${letter.number}: ${letter.subject}`,
      text:
        `Dengan hormat,\n\nTerlampir ${definition.label} Sekretariat Daerah Provinsi Lampung nomor ${letter.number} hal ${letter.subject}.\n` +
        `Keaslian dokumen dapat diperiksa dengan kode verifikasi pada surat.\n\nSekretariat Daerah Provinsi Lampung`,
      attachments: [
        {
          filename: `${letter.number!.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`,
          content: pdf,
          contentType: 'application/pdf',
        },
        ...(await Promise.all(
          lampiran.map(async (file) => ({
            filename: file.name,
            content: await services.storage.getBuffer(file.key),
            contentType: file.mimeType,
          })),
        )),
      ],
    });
    return `Pos-el ${info.messageId ?? ''}`.trim();
  } catch (error) {
    services.logger.error({ err: error, letterId: String(letter._id) }, 'e-mail dispatch failed');
    throw new AppError(
      503,
      'SERVICE_UNAVAILABLE',
      `Pos-el ke ${to} gagal dikirim. Coba lagi atau pilih cara kirim lain.`,
    );
  }
}
