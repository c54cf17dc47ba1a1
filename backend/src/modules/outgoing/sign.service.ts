import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { AGENDA_SYNC_DUE, syncOutgoingAgenda } from '../agenda/agenda-sync.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { localCaSigner } from '../pki/local-ca.signer.ts';
import { documentSigner } from '../signing/signer.ts';
import { refusalReason } from './chain.ts';
import { bundleAttachments } from './final-bundle.ts';
import { auditView, changeActor, loadVisible } from './drafts.service.ts';
import type { OutgoingLetter, OutgoingStatus } from './outgoing.model.ts';
import { heldPosition, isSigner } from './outgoing.policy.ts';
import { formatNumber, seriesFor, takeSequence } from './numbering.ts';
import { issuingUnit } from './parties.ts';
import { kindSetting } from './settings.service.ts';
import { headingLines, rankLine, renderFinal } from './render.service.ts';
import { publishOutgoing } from './search-bridge.ts';
import { jakartaParts } from './templates/dates.ts';
import { kindDefinition, type OutgoingKind } from './templates/kinds.ts';
import { finalKey, removeStaleFinals } from './sign-repair.ts';
import { claimFrom, commitChange, currentState, loadLetter } from './transitions.ts';

// The default signer registers itself on import; named here so the import is not dropped.
void localCaSigner;

export interface SignInput {
  /** The official's signing passphrase (signing/README.md); never stored or logged. */
  passphrase?: string;
}

/**
 * Signing is all-or-nothing as the official sees it (no transactions): every step that can
 * fail (the signer's key, the timestamp authority, rendering, storage) runs BEFORE the one
 * change that makes the letter signed, so until that change the letter is exactly as it was
 * (status, revision, version, no final PDF):
 *   1. freeze in memory the date, the signature block and the number series and year;
 *   2. the number: the letter's own row in outgoing_numbers, or the next free sequence. A
 *      number is never released (numbering.service.ts), so a signature that fails later
 *      keeps its number reserved for this letter and a retry prints the same one;
 *   3. render the final PDF and pass it to the signer (key, B-T timestamp);
 *   4. store the bytes under a key that carries their hash, so a racing retry can never
 *      overwrite the bytes another attempt recorded;
 *   5. `sign_finish` (claimed change): awaiting_signature → signed with all of the above.
 * A failure in 2-5 removes the bytes this attempt stored and answers the error; a crash
 * leaves at most an object nobody points to, removed by the next successful signature of
 * the letter (removeStaleFinals) or by the sweeper (sign-repair.ts). After 5 the letter is
 * signed whatever the follow-ups (audit, search, agenda) do; they log and are repaired.
 * A letter an older version left in `signing` resumes from step 2 with its frozen fields.
 */
export async function signLetter(
  services: Services,
  actor: Actor,
  id: string,
  input: SignInput,
  ip?: string,
): Promise<OutgoingLetter> {
  const letter = await loadVisible(actor, id);
  const held = heldPosition(actor, letter.signer.positionId);
  // Holding the position is not enough: the table (outgoing.sign) also asks for clearance.
  if (!held || !isSigner(actor, letter))
    throw forbidden(`Surat ini ditandatangani oleh ${letter.signer.title}.`);
  if (letter.status !== 'awaiting_signature' && letter.status !== 'signing')
    throw conflict(
      refusalReason(letter.status as OutgoingStatus, 'sign_start'),
      currentState(letter),
    );
  const before = auditView(letter);
  const acting = held.acting ? (held.actingKind ?? 'plh') : null;
  const title = acting ? `${acting === 'plt' ? 'Plt.' : 'Plh.'} ${held.title}` : held.title;
  // A deliberate act: the signing passphrase opens the official's own key, every time
  // (resuming included), before anything changes. A Plt/Plh signs with their own key.
  const passphrase = input.passphrase ?? '';
  const signer = documentSigner();
  const self = await UserModel.findById(actor.userId).lean<User>();
  await signer.authorize(
    services,
    actor,
    {
      userId: actor.userId,
      name: self?.name ?? '',
      nip: self?.nip ?? null,
      positionTitle: title,
    },
    passphrase,
    { recordType: 'outgoing-letter', recordId: id, ip: ip ?? null },
  );
  if (letter.status === 'signing')
    return finishSigning(services, actor, letter, {}, title, passphrase, before, ip);
  const user = self;
  const unit = await issuingUnit(letter.signer);
  if (!user || !unit)
    throw new AppError(
      409,
      'CONFLICT',
      'Data penanda tangan atau unit penerbit tidak lengkap. Hubungi admin.',
    );
  const signedAt = now();
  const setting = await kindSetting(letter.kind as OutgoingKind);
  const frozen = {
    signedAt,
    issuingUnitCode: unit.code,
    numberYear: jakartaParts(signedAt).year,
    numberSeries: seriesFor(unit.code, letter.kind, setting.counterPerKind),
    numberPattern: setting.numberPattern,
    signature: {
      userId: new mongoose.Types.ObjectId(actor.userId),
      name: user.name,
      nip: user.nip ?? null,
      rank: rankLine(user),
      positionTitle: title,
      acting,
      headingLines: headingLines(letter.signer, acting),
      signer: signer.kind,
    },
  };
  return finishSigning(services, actor, letter, frozen, title, passphrase, before, ip);
}

async function finishSigning(
  services: Services,
  actor: Actor,
  stored: OutgoingLetter,
  frozen: Partial<OutgoingLetter>,
  title: string,
  passphrase: string,
  before: Record<string, unknown>,
  ip?: string,
): Promise<OutgoingLetter> {
  // What the letter will be once signed; `stored` is what the database holds (its revision
  // is the one the change must still find).
  const letter = { ...stored, ...frozen } as OutgoingLetter;
  const definition = kindDefinition(letter.kind as OutgoingKind);
  const sequence = await takeSequence(letter._id, letter.numberSeries!, letter.numberYear!);
  const number = formatNumber(letter.numberPattern ?? definition.numberPattern, {
    classificationCode: letter.classificationCode,
    sequence,
    unitCode: letter.issuingUnitCode!,
    date: letter.signedAt!,
  });
  // The letter's pages, then its attachments' pages: one document, one signature.
  const rendered = await bundleAttachments(
    services,
    letter,
    await renderFinal(services, { ...letter, number, sequence }),
  );
  const signer = documentSigner();
  const signed = await signer.sign(services, rendered, {
    letterId: String(letter._id),
    number,
    signedAt: letter.signedAt!,
    signer: {
      userId: actor.userId,
      name: letter.signature!.name,
      nip: letter.signature!.nip ?? null,
      positionTitle: title,
    },
    location: letter.place,
    reason: `Penandatanganan ${definition.label} nomor ${number}`,
    passphrase,
  });
  const bytes = Buffer.from(signed);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = finalKey(letter, sha256);
  let after: OutgoingLetter;
  try {
    await services.storage.put(key, bytes, bytes.length, 'application/pdf');
    after = await commitChange({
      letter: stored,
      action: 'sign_finish',
      actor: changeActor(actor, title),
      set: {
        ...frozen,
        number,
        sequence,
        final: { key, sha256, size: bytes.length },
        // A signed undangan owes agenda entries: marked in the same write (agenda-sync.ts).
        ...(letter.kind === 'surat_undangan' && letter.event
          ? { agendaSyncKey: AGENDA_SYNC_DUE }
          : {}),
      },
    });
  } catch (error) {
    // Our change may be claimed and only its application failed: then it rolls forward
    // (transitions.ts) and our bytes are the letter's. Otherwise they are nobody's. When
    // that cannot be read, they stay: the sweeper removes them if no letter points to them.
    const claim = await claimFrom(stored._id, stored.revision).catch(() => undefined);
    const ours =
      claim === undefined ||
      (claim?.set as { final?: { key?: string } } | undefined)?.final?.key === key;
    if (!ours) await services.storage.remove(key).catch(() => undefined);
    // Another attempt finished first: its signature stands.
    const current = await loadLetter(stored._id).catch(() => null);
    if (current?.final && (current.status === 'signed' || current.status === 'sent'))
      return current;
    throw error;
  }
  await removeStaleFinals(services, after);
  await recordAudit({
    actor,
    action: 'outgoing.sign',
    recordType: 'outgoing-letter',
    recordId: String(letter._id),
    before,
    after: auditView(after),
    ip,
    positionId: String(letter.signer.positionId),
  }).catch((error: unknown) =>
    // The letter is signed (the change above is the point of no return): the audit trail
    // loses this event, as after a crash (audit.service.ts), rather than the official being
    // told the signature failed.
    services.logger.error(
      { err: error, letterId: String(after._id) },
      'audit event of a signature not recorded',
    ),
  );
  await publishOutgoing(after).catch((error: unknown) =>
    services.logger.error(
      { err: error, letterId: String(after._id) },
      'signed letter not published to search',
    ),
  );
  // The inviter's and the invited positions' agenda; if this fails the repair makes them.
  if (after.agendaSyncKey)
    await syncOutgoingAgenda(after).catch((error: unknown) =>
      services.logger.error(
        { err: error, letterId: String(after._id) },
        'agenda entries of a signed undangan not made; the repair will',
      ),
    );
  return after;
}
