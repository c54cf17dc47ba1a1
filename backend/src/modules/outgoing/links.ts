import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { validationFailed } from '../../http/errors.ts';
import { loadDisposition } from '../dispositions/transitions.ts';
import { loadVisibleLetter } from '../letters/letters.service.ts';

/**
 * Links between an outgoing letter and the incoming letter it answers (and the disposition
 * that asked for the answer). Everything outgoing needs from the letters and dispositions
 * modules goes through here.
 */
export async function describeReplyTarget(
  actor: Actor,
  input: { incomingLetterId: string; dispositionId?: string | null },
): Promise<{
  incomingLetterId: mongoose.Types.ObjectId;
  dispositionId: mongoose.Types.ObjectId | null;
  label: string;
}> {
  const incoming = await loadVisibleLetter(actor, input.incomingLetterId).catch(() => null);
  if (!incoming)
    throw validationFailed('Surat masuk yang dijawab tidak ditemukan atau tidak dapat Anda buka.');
  let dispositionId: mongoose.Types.ObjectId | null = null;
  if (input.dispositionId) {
    const node = await loadDisposition(input.dispositionId);
    if (!node || String(node.letterId) !== String(incoming._id)) {
      throw validationFailed('Disposisi yang dijawab tidak ditemukan pada surat masuk tersebut.');
    }
    if (!actor.positions.some((p) => String(p.id) === String(node.toPositionId))) {
      throw validationFailed('Disposisi tersebut tidak ditujukan kepada jabatan Anda.');
    }
    dispositionId = node._id;
  }
  return {
    incomingLetterId: incoming._id,
    dispositionId,
    label: `${incoming.letterNumber} — ${incoming.subject}`,
  };
}
