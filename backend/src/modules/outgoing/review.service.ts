import type { Actor } from '../../http/actor.ts';
import { conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { confirmDeliberateAct } from '../auth/reauth.service.ts';
import { refusalReason } from './chain.ts';
import { auditView, changeActor, loadVisible, storeVersion } from './drafts.service.ts';
import type { OutgoingLetter, OutgoingStatus } from './outgoing.model.ts';
import {
  canEdit,
  currentVerifier,
  heldPosition,
  isCurrentVerifier,
  isSigner,
} from './outgoing.policy.ts';
import type { ReviewInput } from './outgoing.schema.ts';
import { isBodyEmpty, type Body } from './templates/body-model.ts';
import { commitChange, currentState } from './transitions.ts';
import mongoose from 'mongoose';

/** The verification chain: submit to the verifiers, paraf or return, on to the signer. */

function positionLabel(held: {
  title: string;
  acting: boolean;
  actingKind?: 'plt' | 'plh' | null;
}): string {
  return held.acting ? `${held.actingKind === 'plt' ? 'Plt.' : 'Plh.'} ${held.title}` : held.title;
}

/** What a draft needs before anyone is asked to verify it. */
function readinessProblems(letter: OutgoingLetter): string[] {
  const problems: string[] = [];
  if (letter.kind !== 'surat_tugas' && letter.recipients.length === 0)
    problems.push('Tentukan minimal satu tujuan surat.');
  if (isBodyEmpty((letter.body ?? []) as Body)) problems.push('Isi surat masih kosong.');
  if (!letter.subject.trim()) problems.push('Hal surat wajib diisi.');
  return problems;
}

export async function submitDraft(actor: Actor, id: string, ip?: string): Promise<OutgoingLetter> {
  const letter = await loadVisible(actor, id);
  if (!canEdit(actor, letter))
    throw forbidden('Hanya penyusun konsep yang dapat mengajukan surat ini.');
  if (letter.status !== 'draft' && letter.status !== 'returned') {
    throw conflict(refusalReason(letter.status as OutgoingStatus, 'submit'), currentState(letter));
  }
  const problems = readinessProblems(letter);
  if (problems.length > 0)
    throw validationFailed(problems.join(' '), {
      issues: problems.map((message) => ({ path: '', message })),
    });
  await storeVersion(actor, letter);
  // Every round starts from the first verifier: the content may have changed for all of them.
  const verifiers = letter.verifiers.map((v) => ({
    ...v,
    decision: 'pending',
    decidedAt: null,
    decidedByUserId: null,
    decidedByName: null,
    note: null,
  }));
  const after = await commitChange({
    letter,
    action: 'submit',
    set: { verifiers, currentStep: 0, submittedVersion: letter.version },
    verifiersLeft: verifiers.length,
    actor: changeActor(actor, letter.drafter.positionTitle),
  });
  await recordAudit({
    actor,
    action: 'outgoing.submit',
    recordType: 'outgoing-letter',
    recordId: id,
    before: auditView(letter),
    after: auditView(after),
    ip,
    positionId: String(letter.drafter.positionId),
  });
  return after;
}

export async function reviewDraft(
  actor: Actor,
  id: string,
  input: ReviewInput,
  ip?: string,
): Promise<OutgoingLetter> {
  const letter = await loadVisible(actor, id);
  const note = input.note?.trim() || null;
  if (letter.status === 'awaiting_signature') {
    // The signer may send the draft back instead of signing it.
    const held = heldPosition(actor, letter.signer.positionId);
    if (!held || !isSigner(actor, letter))
      throw forbidden('Surat ini menunggu tanda tangan pejabat lain.');
    if (input.decision === 'approve')
      throw conflict(
        'Seluruh verifikator telah memberi paraf; gunakan Tandatangani untuk menyetujui surat ini.',
        currentState(letter),
      );
    const after = await commitChange({
      letter,
      action: 'return',
      note,
      set: { currentStep: 0 },
      actor: changeActor(actor, positionLabel(held)),
    });
    await recordAudit({
      actor,
      action: 'outgoing.return',
      recordType: 'outgoing-letter',
      recordId: id,
      before: auditView(letter),
      after: { ...auditView(after), note },
      ip,
      positionId: held.id,
    });
    return after;
  }
  if (letter.status !== 'in_review')
    throw conflict(
      refusalReason(
        letter.status as OutgoingStatus,
        input.decision === 'approve' ? 'approve' : 'return',
      ),
      currentState(letter),
    );
  const verifier = currentVerifier(letter);
  const held = verifier ? heldPosition(actor, verifier.positionId) : undefined;
  // The position is held; the table (outgoing.sign) decides whether it may act (clearance).
  if (!verifier || !held || !isCurrentVerifier(actor, letter))
    throw forbidden(`Konsep ini sedang menunggu paraf ${verifier?.title ?? 'verifikator lain'}.`);
  // A paraf is a deliberate act: the password or signing PIN again (a return is not).
  if (input.decision === 'approve')
    await confirmDeliberateAct(actor, input, {
      act: 'paraf',
      recordType: 'outgoing-letter',
      recordId: id,
      ip,
    });
  const decided = {
    ...verifier,
    decision: input.decision === 'approve' ? 'approved' : 'returned',
    decidedAt: now(),
    decidedByUserId: new mongoose.Types.ObjectId(actor.userId),
    decidedByName: actor.name,
    note,
  };
  const verifiers = letter.verifiers.map((v, i) => (i === letter.currentStep ? decided : v));
  const step = letter.currentStep;
  const after =
    input.decision === 'approve'
      ? await commitChange({
          letter,
          action: 'approve',
          note,
          set: { verifiers, currentStep: step + 1 },
          verifiersLeft: letter.verifiers.length - step - 1,
          actor: changeActor(actor, positionLabel(held)),
        })
      : await commitChange({
          letter,
          action: 'return',
          note,
          set: { verifiers, currentStep: 0 },
          actor: changeActor(actor, positionLabel(held)),
        });
  await recordAudit({
    actor,
    action: input.decision === 'approve' ? 'outgoing.approve' : 'outgoing.return',
    recordType: 'outgoing-letter',
    recordId: id,
    before: auditView(letter),
    after: { ...auditView(after), note },
    ip,
    positionId: held.id,
  });
  return after;
}
